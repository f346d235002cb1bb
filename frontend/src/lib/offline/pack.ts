// The offline pack on this device: today's session and its content, kept in IndexedDB and
// refreshed from the server when online (an unchanged pack costs a 304); with no network,
// the screen shows the stored one (`stored`). What the agent has done today is also
// remembered here, so progress survives a reload with no network.
import { createStore, get, set, type UseStore } from 'idb-keyval';
import type { OfflinePack } from '../../api/today';
import type { ApiResult } from '../../api/client';

export interface StoredPack {
  pack: OfflinePack;
  etag: string | null;
  /** When the server last confirmed it (ISO time). */
  checked: string;
}

/** The name the service worker serves cached images from. */
export const MEDIA_CACHE = 'cinco-media';

export function createPackStore(options: {
  store?: UseStore;
  fetchPack: (etag?: string) => Promise<ApiResult<OfflinePack>>;
  /** Keeps images for offline use (the Cache API in the browser). */
  keepImages?: (urls: string[]) => Promise<void>;
}) {
  const store = options.store ?? createStore('cinco-offline', 'kv');

  const stored = (user: string) => get<StoredPack>(`pack:${user}`, store);

  /**
   * The server's pack, stored for later (an unchanged pack, a 304, answers the one stored);
   * the server's error when it cannot give one.
   */
  async function refresh(user: string): Promise<ApiResult<OfflinePack>> {
    const held = await stored(user);
    const result = await options.fetchPack(held?.etag ?? undefined);
    const now = new Date().toISOString();
    if (!result.ok) return result;
    if (result.status === 304 && held) {
      await set(`pack:${user}`, { ...held, checked: now }, store);
      return { ok: true, data: held.pack, status: 304, etag: held.etag };
    }
    if (!result.data) return { ok: false, error: { kind: 'http', status: result.status } };
    await set(`pack:${user}`, { pack: result.data, etag: result.etag ?? null, checked: now }, store);
    await options.keepImages?.(result.data.images).catch(() => undefined);
    return result;
  }

  /** Item ids done on this device on a day (before the server knows). */
  async function done(user: string, day: string): Promise<string[]> {
    return (await get<string[]>(`done:${user}:${day}`, store)) ?? [];
  }

  async function markDone(user: string, day: string, id: string) {
    const list = await done(user, day);
    if (!list.includes(id)) await set(`done:${user}:${day}`, [...list, id], store);
  }

  return { refresh, stored, done, markDone };
}

/** Adds the images to the cache the service worker serves them from when offline. */
export async function cacheImages(urls: string[]) {
  if (typeof caches === 'undefined' || urls.length === 0) return;
  const cache = await caches.open(MEDIA_CACHE);
  for (const url of urls) {
    if (!(await cache.match(url))) await cache.add(url).catch(() => undefined);
  }
}
