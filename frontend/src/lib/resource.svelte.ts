// What a screen shows while it reads something from the API: loading, the data, or what
// went wrong with a way to try again. One helper, so every screen says it the same way
// (with components/Loaded.svelte) instead of re-declaring its own flags.
import type { ApiResult } from '../api/client';
import type { ApiError } from '../api/problem';

/** Something a screen reads from the API, with its loading and error state. */
export class Resource<T> {
  /** The last data read (kept while reloading, so the screen does not flash). */
  data = $state<T | null>(null);
  /** Why the last read failed, or null. */
  error = $state<ApiError | null>(null);
  /** Whether a read is on its way. */
  loading = $state(false);
  /** Whether the data is there: a read answered (its data may be empty, e.g. nothing yet). */
  ready = $state(false);

  #read: () => Promise<ApiResult<T>>;
  #ticket = 0;

  constructor(read: () => Promise<ApiResult<T>>) {
    this.#read = read;
  }

  /**
   * Reads (again). Only the latest read counts when several overlap. `fresh` forgets the
   * data first, for when the question changed (e.g. a filter), so the screen says it is
   * loading instead of showing the old answer. Answers whether it worked.
   */
  async load(fresh = false): Promise<boolean> {
    const ticket = ++this.#ticket;
    this.loading = true;
    this.error = null;
    if (fresh) {
      this.data = null;
      this.ready = false;
    }
    const result = await this.#read();
    if (ticket !== this.#ticket) return result.ok;
    this.loading = false;
    if (result.ok) {
      this.data = result.data;
      this.ready = true;
    } else this.error = result.error;
    return result.ok;
  }

  /** Forgets what was read (e.g. it went stale while hidden): the next look reads again. */
  reset(): void {
    this.#ticket++;
    this.data = null;
    this.ready = false;
    this.loading = false;
    this.error = null;
  }

  /** Replaces the data with what an action answered (e.g. the saved item), without a read. */
  set(data: T): void {
    this.data = data;
    this.ready = true;
    this.error = null;
  }
}

/** A resource read now: for a screen's `const x = resource(() => listX())` at start. */
export function resource<T>(read: () => Promise<ApiResult<T>>): Resource<T> {
  const loaded = new Resource(read);
  void loaded.load();
  return loaded;
}
