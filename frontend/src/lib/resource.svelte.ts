// What a screen shows while it reads something from the API: loading, the data, or what
// went wrong with a way to try again. One helper, so every screen says it the same way
// (with components/Loaded.svelte) instead of re-declaring its own flags.
import type { ApiResult } from '../api/client';
import type { ApiError } from '../api/problem';

export interface ResourceOptions<T> {
  /**
   * A copy kept on this device (e.g. today's offline pack), shown when a read fails: the
   * screen then has data to work with, marked `stale`, instead of an error. Nothing kept
   * (null or undefined) leaves the error to show.
   */
  kept?: () => Promise<T | null | undefined>;
}

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
  /** Whether the data is the copy kept on this device, as the last read did not answer. */
  stale = $state(false);

  #read: () => Promise<ApiResult<T>>;
  #kept: (() => Promise<T | null | undefined>) | undefined;
  #ticket = 0;

  constructor(read: () => Promise<ApiResult<T>>, options: ResourceOptions<T> = {}) {
    this.#read = read;
    this.#kept = options.kept;
  }

  /**
   * Reads (again). Only the latest read counts when several overlap. `fresh` forgets the
   * data first, for when the question changed (e.g. a filter), so the screen says it is
   * loading instead of showing the old answer. When a read fails and a copy is kept, the
   * copy is shown instead (`stale`). Answers whether the read worked.
   */
  async load(fresh = false): Promise<boolean> {
    const ticket = ++this.#ticket;
    this.loading = true;
    this.error = null;
    if (fresh) {
      this.data = null;
      this.ready = false;
      this.stale = false;
    }
    const result = await this.#read();
    const kept = !result.ok && this.#kept ? await this.#kept().catch(() => undefined) : undefined;
    if (ticket !== this.#ticket) return result.ok;
    this.loading = false;
    if (result.ok) {
      this.data = result.data;
      this.ready = true;
      this.stale = false;
    } else if (kept !== undefined && kept !== null) {
      this.data = kept;
      this.ready = true;
      this.stale = true;
    } else this.error = result.error;
    return result.ok;
  }

  /** Forgets what was read (e.g. it went stale while hidden): the next look reads again. */
  reset(): void {
    this.#ticket++;
    this.data = null;
    this.ready = false;
    this.stale = false;
    this.loading = false;
    this.error = null;
  }

  /** Replaces the data with what an action answered (e.g. the saved item), without a read. */
  set(data: T): void {
    this.data = data;
    this.ready = true;
    this.stale = false;
    this.error = null;
  }
}

/** A resource read now: for a screen's `const x = resource(() => listX())` at start. */
export function resource<T>(read: () => Promise<ApiResult<T>>, options: ResourceOptions<T> = {}): Resource<T> {
  const loaded = new Resource(read, options);
  void loaded.load();
  return loaded;
}
