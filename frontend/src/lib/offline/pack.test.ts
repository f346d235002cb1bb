import 'fake-indexeddb/auto';
import { createStore } from 'idb-keyval';
import { describe, expect, it } from 'vitest';
import type { OfflinePack } from '../../api/today';
import type { ApiResult } from '../../api/client';
import { createPackStore } from './pack';

let n = 0;
const fresh = () => createStore(`test-pack-${++n}`, 'kv');
const pack = (day: string) => ({ today: { day }, lessons: [], reviews: [], scenarios: [], images: ['/api/v1/media/1'] }) as unknown as OfflinePack;

describe('offline pack', () => {
  it('stores the server’s pack, sends its ETag back and keeps it on a 304', async () => {
    const sent: (string | undefined)[] = [];
    const answers: ApiResult<OfflinePack>[] = [
      { ok: true, status: 200, data: pack('2026-11-28'), etag: '"a"' },
      { ok: true, status: 304, data: undefined as unknown as OfflinePack, etag: '"a"' },
    ];
    const kept: string[][] = [];
    const packs = createPackStore({
      store: fresh(),
      fetchPack: async (etag) => {
        sent.push(etag);
        return answers.shift() ?? { ok: false, error: { kind: 'network' } };
      },
      keepImages: async (urls) => {
        kept.push(urls);
      },
    });
    const first = await packs.refresh('u1');
    expect(first.ok && first.data.today.day).toBe('2026-11-28');
    const second = await packs.refresh('u1');
    expect(second.ok && second.data.today.day).toBe('2026-11-28');
    expect(sent).toEqual([undefined, '"a"']);
    expect(kept).toEqual([['/api/v1/media/1']]);
    // Offline: the server's error, and the stored pack to show instead.
    expect(await packs.refresh('u1')).toEqual({ ok: false, error: { kind: 'network' } });
    expect((await packs.stored('u1'))?.pack.today.day).toBe('2026-11-28');
    expect((await packs.stored('u1'))?.etag).toBe('"a"');
  });

  it('has nothing to offer offline before the first download', async () => {
    const packs = createPackStore({ store: fresh(), fetchPack: async () => ({ ok: false, error: { kind: 'network' } }) });
    expect(await packs.refresh('u1')).toEqual({ ok: false, error: { kind: 'network' } });
    expect(await packs.stored('u1')).toBeUndefined();
  });

  it('does not take a 304 for a pack when none is stored', async () => {
    const packs = createPackStore({
      store: fresh(),
      fetchPack: async () => ({ ok: true, status: 304, data: undefined as unknown as OfflinePack }),
    });
    expect(await packs.refresh('u1')).toEqual({ ok: false, error: { kind: 'http', status: 304 } });
    expect(await packs.stored('u1')).toBeUndefined();
  });

  it('remembers what was done on a day, per person', async () => {
    const packs = createPackStore({ store: fresh(), fetchPack: async () => ({ ok: false, error: { kind: 'network' } }) });
    await packs.markDone('u1', '2026-11-28', 'x');
    await packs.markDone('u1', '2026-11-28', 'x');
    expect(await packs.done('u1', '2026-11-28')).toEqual(['x']);
    expect(await packs.done('u2', '2026-11-28')).toEqual([]);
  });
});
