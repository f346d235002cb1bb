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
