// The app's offline queue and pack, wired to the API and the signed-in person. Results are
// sent at once when the network is there; otherwise when it comes back (the `online` event),
// when the service worker's background sync fires (browsers that have it), and on the next
// start (all the others).
import type { SyncItem } from '../../api/today';
import { getPack, sendResults } from '../../api/today';
import { me } from '../session';
import { cacheImages, createPackStore } from './pack';
import { createQueue } from './queue';

/** One sender at a time across tabs. */
async function syncLock<T>(run: () => Promise<T>): Promise<T> {
  const locks = typeof navigator === 'undefined' ? undefined : navigator.locks;
  return locks ? await locks.request('cinco-sync', run) : run();
}

export const queue = createQueue({ send: (items, user) => sendResults(items, user), lock: syncLock });
export const packs = createPackStore({ fetchPack: getPack, keepImages: cacheImages });
export const syncState = queue.state;

/** The tag the service worker's `sync` event carries. */
export const SYNC_TAG = 'cinco-results';

interface SyncRegistration {
  sync?: { register(tag: string): Promise<void> };
}

function askForBackgroundSync() {
  if (typeof navigator === 'undefined' || !navigator.serviceWorker) return;
  void navigator.serviceWorker.ready
    .then((registration) => (registration as unknown as SyncRegistration).sync?.register(SYNC_TAG))
    .catch(() => undefined);
}

/** Keeps a result and sends it now if possible (else later). */
export async function record(item: SyncItem): Promise<void> {
  await queue.add(item);
  const sent = await queue.flush();
  if (!sent) askForBackgroundSync();
}

let started = false;

/** Starts sending queued results whenever it can (once per page). */
export function startSync() {
  if (started || typeof window === 'undefined') return;
  started = true;
  me.subscribe((person) => {
    void queue.setUser(person?.id ?? null).then(() => {
      if (person) void queue.flush();
    });
  });
  window.addEventListener('online', () => void queue.flush());
  navigator.serviceWorker?.addEventListener('message', (event: MessageEvent) => {
    if (event.data?.type === SYNC_TAG) void queue.flush();
  });
}
