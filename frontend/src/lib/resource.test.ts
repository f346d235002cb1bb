import { describe, expect, it } from 'vitest';
import type { ApiResult } from '../api/client';
import { Resource, resource } from './resource.svelte';

/** A read whose answers the test gives one by one. */
function deferredReads<T>() {
  const pending: ((result: ApiResult<T>) => void)[] = [];
  const read = () => new Promise<ApiResult<T>>((resolve) => pending.push(resolve));
  return { read, answer: (i: number, result: ApiResult<T>) => pending[i](result), count: () => pending.length };
}

describe('a resource', () => {
  it('is loading, then has the data', async () => {
    const reads = deferredReads<string[]>();
    const paths = new Resource(reads.read);
    expect(paths).toMatchObject({ data: null, error: null, loading: false, ready: false });
    const done = paths.load();
    expect(paths.loading).toBe(true);
    reads.answer(0, { ok: true, data: ['a'], status: 200 });
    expect(await done).toBe(true);
    expect(paths).toMatchObject({ data: ['a'], error: null, loading: false, ready: true });
  });

  it('says why it failed, and a retry clears the error and keeps the old data until it answers', async () => {
    const reads = deferredReads<string[]>();
    const paths = new Resource(reads.read);
    const first = paths.load();
    reads.answer(0, { ok: true, data: ['a'], status: 200 });
    await first;
    const second = paths.load();
    reads.answer(1, { ok: false, error: { kind: 'network' } });
    expect(await second).toBe(false);
    expect(paths).toMatchObject({ data: ['a'], error: { kind: 'network' }, loading: false });

    const retry = paths.load();
    expect(paths.error).toBeNull();
    expect(paths.data).toEqual(['a']);
    reads.answer(2, { ok: true, data: ['a', 'b'], status: 200 });
    await retry;
    expect(paths.data).toEqual(['a', 'b']);
  });

  it('forgets the old answer when asked a new question', async () => {
    const reads = deferredReads<string[]>();
    const queue = new Resource(reads.read);
    const first = queue.load();
    reads.answer(0, { ok: true, data: ['pending'], status: 200 });
    await first;
    const all = queue.load(true);
    expect(queue.data).toBeNull();
    expect(queue.ready).toBe(false);
    expect(queue.loading).toBe(true);
    reads.answer(1, { ok: true, data: ['pending', 'assessed'], status: 200 });
    await all;
    expect(queue.data).toEqual(['pending', 'assessed']);
  });

  it('is ready with an answer that has no data (a new item has nothing to read)', async () => {
    const template = new Resource<string | null>(async () => ({ ok: true, data: null, status: 200 }));
    await template.load();
    expect(template).toMatchObject({ data: null, ready: true, error: null });
  });

  it('forgets what it read, and an answer still on its way does not bring it back', async () => {
    const reads = deferredReads<string[]>();
    const history = new Resource(reads.read);
    const first = history.load();
    reads.answer(0, { ok: true, data: ['assigned'], status: 200 });
    await first;
    const stale = history.load();
    history.reset();
    expect(history).toMatchObject({ data: null, ready: false, loading: false, error: null });
    reads.answer(1, { ok: true, data: ['assigned', 'extended'], status: 200 });
    await stale;
    expect(history).toMatchObject({ data: null, ready: false });
  });

  it('keeps only the latest of overlapping reads', async () => {
    const reads = deferredReads<number>();
    const count = new Resource(reads.read);
    const older = count.load();
    const newer = count.load();
    reads.answer(1, { ok: true, data: 2, status: 200 });
    await newer;
    reads.answer(0, { ok: false, error: { kind: 'http', status: 500 } });
    await older;
    expect(count).toMatchObject({ data: 2, error: null, loading: false });
  });

  it('takes what an action answered without reading again', async () => {
    const reads = deferredReads<string>();
    const name = resource(reads.read);
    expect(reads.count()).toBe(1);
    expect(name.ready).toBe(false);
    name.set('saved');
    expect(name).toMatchObject({ data: 'saved', ready: true });
    expect(reads.count()).toBe(1);
  });
});

describe('a resource with a copy kept on this device', () => {
  it('shows the kept copy, marked stale, when the read fails, and the server’s answer once it comes', async () => {
    const reads = deferredReads<string[]>();
    let kept: string[] | undefined = ['kept'];
    const today = new Resource(reads.read, { kept: async () => kept });
    const offline = today.load();
    reads.answer(0, { ok: false, error: { kind: 'network' } });
    expect(await offline).toBe(false);
    expect(today).toMatchObject({ data: ['kept'], ready: true, stale: true, error: null, loading: false });

    const online = today.load();
    expect(today.data).toEqual(['kept']);
    reads.answer(1, { ok: true, data: ['fresh'], status: 200 });
    expect(await online).toBe(true);
    expect(today).toMatchObject({ data: ['fresh'], stale: false, error: null });

    // Nothing kept (or the copy cannot be read): the error shows, as without one.
    kept = undefined;
    const failed = today.load(true);
    reads.answer(2, { ok: false, error: { kind: 'http', status: 500 } });
    await failed;
    expect(today).toMatchObject({ data: null, ready: false, stale: false, error: { kind: 'http', status: 500 } });
    const broken = new Resource<string[]>(async () => ({ ok: false, error: { kind: 'network' } }), {
      kept: () => Promise.reject(new Error('no storage')),
    });
    await broken.load();
    expect(broken).toMatchObject({ ready: false, stale: false, error: { kind: 'network' } });
  });

  it('is no longer stale once an action answers', async () => {
    const card = new Resource<number>(async () => ({ ok: false, error: { kind: 'network' } }), { kept: async () => 1 });
    await card.load();
    expect(card).toMatchObject({ data: 1, stale: true });
    card.set(2);
    expect(card).toMatchObject({ data: 2, stale: false });
  });

  it('lets a newer read win over a kept copy that comes late', async () => {
    const reads = deferredReads<string>();
    let release: (value: string) => void = () => undefined;
    const pack = new Resource(reads.read, { kept: () => new Promise<string>((r) => (release = r)) });
    const older = pack.load();
    reads.answer(0, { ok: false, error: { kind: 'network' } });
    const newer = pack.load();
    reads.answer(1, { ok: true, data: 'fresh', status: 200 });
    await newer;
    release('kept');
    await older;
    expect(pack).toMatchObject({ data: 'fresh', stale: false });
  });
});
