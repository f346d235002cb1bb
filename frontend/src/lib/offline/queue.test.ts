import 'fake-indexeddb/auto';
import { createStore } from 'idb-keyval';
import { get } from 'svelte/store';
import { describe, expect, it } from 'vitest';
import type { SyncItem, SyncReport } from '../../api/today';
import type { ApiResult } from '../../api/client';
import { createQueue, inOrder, keyOf, type Queued } from './queue';

let n = 0;
const fresh = () => createStore(`test-queue-${++n}`, 'results');

const answer = (id: string): SyncItem => ({
  kind: 'lesson_answer',
  id,
  attempt_id: 'a1',
  lesson_version_id: 'v1',
  card: 1,
  response: { choices: [1] },
  answered_at: '2026-11-28T10:00:00Z',
});
const completion: SyncItem = {
  kind: 'lesson_completion',
  attempt_id: 'a1',
  lesson_version_id: 'v1',
  completed_at: '2026-11-28T10:01:00Z',
};

function server(statuses: Record<string, 'accepted' | 'duplicate' | 'rejected' | 'retry'>) {
  const seen: SyncItem[][] = [];
  const users: string[] = [];
  const send = async (items: SyncItem[], user: string): Promise<ApiResult<SyncReport>> => {
    seen.push(items);
    users.push(user);
    const outcomes = items.map((item) => {
      const id = item.kind === 'lesson_completion' ? item.attempt_id : item.id;
      return { id, status: statuses[id] ?? 'accepted', code: null };
    });
    return { ok: true, status: 200, data: { outcomes, accepted: 0, duplicates: 0, rejected: 0, retry: 0 } };
  };
  return { seen, users, send };
}

describe('offline queue', () => {
  it('keeps results until the server has them, then forgets them', async () => {
    const fake = server({});
    const queue = createQueue({ store: fresh(), send: fake.send });
    await queue.setUser('u1');
    await queue.add(answer('x1'));
    await queue.add(answer('x2'));
    await queue.add(answer('x1')); // the same result twice is kept once
    expect(get(queue.state).pending).toBe(2);
    expect(await queue.flush()).toBe(true);
    expect(fake.seen[0]).toHaveLength(2);
    expect(get(queue.state).pending).toBe(0);
  });

  it('keeps everything when the network is down', async () => {
    const queue = createQueue({
      store: fresh(),
      send: async () => ({ ok: false, error: { kind: 'network' } }),
    });
    await queue.setUser('u1');
    await queue.add(answer('x1'));
    expect(await queue.flush()).toBe(false);
    expect(get(queue.state)).toMatchObject({ pending: 1, offline: true, syncing: false });
  });

  it('keeps what the server asks to retry and drops what it refuses', async () => {
    const fake = server({ x1: 'retry', x2: 'rejected', x3: 'duplicate' });
    const queue = createQueue({ store: fresh(), send: fake.send });
    await queue.setUser('u1');
    for (const id of ['x1', 'x2', 'x3']) await queue.add(answer(id));
    await queue.flush();
    const left = await queue.pending();
    expect(left.map((q) => q.key)).toEqual(['lesson_answer:x1']);
    expect(get(queue.state).refused).toBe(1);
  });

  it('sends only the signed-in person’s results', async () => {
    const fake = server({});
    const store = fresh();
    const queue = createQueue({ store, send: fake.send });
    await queue.setUser('u1');
    await queue.add(answer('mine'));
    await queue.setUser('u2');
    expect(get(queue.state).pending).toBe(0);
    await queue.flush();
    expect(fake.seen).toHaveLength(0);
    await queue.setUser('u1');
    expect(get(queue.state).pending).toBe(1);
    await queue.flush();
    expect(fake.users).toEqual(['u1']);
  });

  it('drops the later replies of a run once one of its replies is refused', async () => {
    const reply = (id: string, run: string, position: number): SyncItem => ({
      kind: 'scenario_reply',
      id,
      run_id: run,
      scenario_version_id: 's',
      position,
      choice: 'c',
    });
    const fake = server({ r1: 'rejected', r2: 'retry', r3: 'retry', other: 'retry' });
    const queue = createQueue({ store: fresh(), send: fake.send });
    await queue.setUser('u1');
    for (const [id, run, position] of [['r1', 'run', 0], ['r2', 'run', 1], ['r3', 'run', 2], ['other', 'run2', 0]] as const) {
      await queue.add(reply(id, run, position));
    }
    await queue.flush();
    expect((await queue.pending()).map((q) => q.key)).toEqual(['scenario_reply:other']);
    expect(get(queue.state).refused).toBe(3);
  });

  it('sends large queues in batches of 100', async () => {
    const fake = server({});
    const queue = createQueue({ store: fresh(), send: fake.send });
    await queue.setUser('u1');
    for (let i = 0; i < 250; i++) await queue.add(answer(`x${i}`));
    await queue.flush();
    expect(fake.seen.map((b) => b.length)).toEqual([100, 100, 50]);
  });

  it('orders completions after answers', () => {
    const q = (item: SyncItem, at: string): Queued => ({ key: keyOf(item), user: 'u', at, item });
    const sorted = inOrder([q(completion, '1'), q(answer('b'), '3'), q(answer('a'), '2')]);
    expect(sorted.map((x) => x.key)).toEqual(['lesson_answer:a', 'lesson_answer:b', 'completion:a1']);
  });
});
