// The offline queue: results recorded on this device (answers, lesson completions, scenario
// replies) wait in IndexedDB until the server has them. Each carries the id the device gave
// it, so sending one twice is harmless: the server applies it once. A result leaves the
// queue only when the server has answered for it (accepted, already had it, or refused it
// for good); anything else stays and is sent again later.
import { createStore, del, entries, set, type UseStore } from 'idb-keyval';
import { writable, type Readable } from 'svelte/store';
import type { SyncItem, SyncReport } from '../../api/today';
import type { ApiResult } from '../../api/client';

/** One queued result, with whose it is and when it was recorded. */
export interface Queued {
  key: string;
  user: string;
  at: string;
  item: SyncItem;
}

export interface SyncState {
  /** Results of the signed-in person still on this device. */
  pending: number;
  syncing: boolean;
  /** The last attempt could not reach the server. */
  offline: boolean;
  /** Results the server refused for good (dropped), since the app started. */
  refused: number;
}

/** Results sent per request (the server takes up to 500). */
export const BATCH = 100;

/** The queue's key for a result: a completion is one per attempt. */
export function keyOf(item: SyncItem): string {
  return item.kind === 'lesson_completion' ? `completion:${item.attempt_id}` : `${item.kind}:${item.id}`;
}

/** Keeps completions after the answers they complete, replies in run order. */
export function inOrder(list: Queued[]): Queued[] {
  const rank = (q: Queued) => (q.item.kind === 'lesson_completion' ? 2 : q.item.kind === 'scenario_reply' ? 1 : 0);
  return [...list].sort((a, b) => rank(a) - rank(b) || a.at.localeCompare(b.at));
}

export function createQueue(options: {
  store?: UseStore;
  /** Sends `user`'s results (the server refuses them for anyone else). */
  send: (items: SyncItem[], user: string) => Promise<ApiResult<SyncReport>>;
  lock?: <T>(run: () => Promise<T>) => Promise<T>;
}) {
  const store = options.store ?? createStore('cinco-queue', 'results');
  const lock = options.lock ?? (<T>(run: () => Promise<T>) => run());
  const state = writable<SyncState>({ pending: 0, syncing: false, offline: false, refused: 0 });
  let user: string | null = null;

  async function mine(): Promise<Queued[]> {
    if (!user) return [];
    const all = (await entries<string, Queued>(store)).map(([, value]) => value);
    return all.filter((q) => q.user === user);
  }

  async function count() {
    const pending = (await mine()).length;
    state.update((s) => ({ ...s, pending }));
    return pending;
  }

  /** Whose results are counted and sent (the signed-in person), or null. */
  async function setUser(id: string | null) {
    user = id;
    await count();
  }

  /** Keeps a result until the server has it. */
  async function add(item: SyncItem) {
    if (!user) throw new Error('nobody is signed in');
    // A plain copy: the item may hold reactive proxies, which IndexedDB cannot store.
    const plain = JSON.parse(JSON.stringify(item)) as SyncItem;
    const queued: Queued = { key: keyOf(plain), user, at: new Date().toISOString(), item: plain };
    await set(queued.key, queued, store);
    await count();
  }

  /**
   * Sends everything waiting, in batches. Returns false when the server could not be reached
   * (the results stay for later).
   */
  function flush(): Promise<boolean> {
    return lock(async () => {
      const owner = user;
      const waiting = inOrder(await mine());
      if (waiting.length === 0) {
        state.update((s) => ({ ...s, offline: false }));
        return true;
      }
      state.update((s) => ({ ...s, syncing: true }));
      try {
        for (let i = 0; i < waiting.length; i += BATCH) {
          const batch = waiting.slice(i, i + BATCH);
          if (!owner) return false;
          const result = await options.send(
            batch.map((q) => q.item),
            owner,
          );
          if (!result.ok) {
            const offline = result.error.kind === 'network';
            state.update((s) => ({ ...s, offline }));
            return false;
          }
          let refused = 0;
          const brokenRuns = new Set<string>();
          for (const [n, outcome] of result.data.outcomes.entries()) {
            if (outcome.status === 'retry') continue;
            if (outcome.status === 'rejected') {
              refused += 1;
              const item = batch[n].item;
              if (item.kind === 'scenario_reply') brokenRuns.add(item.run_id);
            }
            await del(batch[n].key, store);
          }
          // A refused reply breaks its run: the replies after it can never be applied.
          if (brokenRuns.size > 0) {
            for (const q of await mine()) {
              if (q.item.kind === 'scenario_reply' && brokenRuns.has(q.item.run_id)) {
                await del(q.key, store);
                refused += 1;
              }
            }
          }
          state.update((s) => ({ ...s, offline: false, refused: s.refused + refused }));
        }
        return true;
      } finally {
        state.update((s) => ({ ...s, syncing: false }));
        await count();
      }
    });
  }

  return { state: { subscribe: state.subscribe } as Readable<SyncState>, setUser, add, flush, pending: mine };
}

export type Queue = ReturnType<typeof createQueue>;
