// Who is signed in, and every call to the API on their behalf.
//
// The access token lives in memory only (never in storage a script could read later); the
// refresh token is an httpOnly cookie scoped to /api/v1/auth that the browser sends by itself.
// Kept free of Svelte components, the router and i18n so it can be unit-tested with a fake
// fetch: src/lib/session.ts wires the app's instance to them.
import { writable, type Readable } from 'svelte/store';
import { call, createApiClient, type ApiResult } from '../api/client';
import { errorCode, readApiError } from '../api/problem';
import type { Me, SignedIn } from '../api/types';

export type AuthState =
  | { status: 'loading' }
  /** start: no session on this device; expired: it ended under us; signed-out: the user asked. */
  | { status: 'signed-out'; reason: SignedOutReason }
  /** The server could not be asked (offline, 5xx): we don't know yet. */
  | { status: 'unreachable' }
  | { status: 'signed-in'; me: Me };

export type SignedOutReason = 'start' | 'expired' | 'signed-out';

export type RefreshOutcome = 'signed-in' | 'signed-out' | 'unreachable';

export interface AuthOptions {
  /** Sends every call (default: the browser's fetch). */
  fetch?: (request: Request) => Promise<Response>;
  /** Where the API is; empty (the default) for the same origin. */
  baseUrl?: string;
  /** Called whenever we learn who is signed in (e.g. to follow their language). */
  onSignedIn?: (me: Me) => void;
  /** Called when a session ends under us (refresh refused). */
  onExpired?: () => void;
  /** Runs a refresh exclusively across tabs (refresh tokens rotate: two tabs must not race). */
  lock?: <T>(run: () => Promise<T>) => Promise<T>;
  /**
   * Keeps who was last signed in on this device, so the app opens offline (the session is
   * checked as soon as the server can be reached). `save(null)` forgets it.
   */
  remember?: { load(): Me | null; save(me: Me | null): void };
}

/** 401 codes that mean "your access token is no good": worth one refresh and one retry. */
const RETRY_CODES = new Set(['token_expired', 'unauthenticated']);

export function createAuth(options: AuthOptions = {}) {
  const fetchFn = options.fetch ?? ((request: Request) => fetch(request));
  // The session's own calls (refresh, /me) go straight out, so a 401 there never loops.
  const own = createApiClient(fetchFn, options.baseUrl);
  const lock = options.lock ?? (<T>(run: () => Promise<T>) => run());
  const state = writable<AuthState>({ status: 'loading' });
  let token: string | null = null;
  let refreshing: Promise<RefreshOutcome> | null = null;

  /** `request` carrying `bearer` (none: as it is). */
  function withToken(request: Request, bearer: string | null): Request {
    if (!bearer) return request;
    const headers = new Headers(request.headers);
    headers.set('authorization', `Bearer ${bearer}`);
    return new Request(request, { headers });
  }

  function setMe(me: Me) {
    state.set({ status: 'signed-in', me });
    options.remember?.save(me);
    options.onSignedIn?.(me);
  }

  function clear(reason: SignedOutReason | 'unreachable') {
    token = null;
    if (reason !== 'unreachable') options.remember?.save(null);
    state.set(reason === 'unreachable' ? { status: 'unreachable' } : { status: 'signed-out', reason });
  }

  /** Takes the tokens of a SignedIn answer; fetches /me when the answer does not carry the user. */
  async function adopt(signedIn: SignedIn): Promise<ApiResult<Me>> {
    token = signedIn.access_token;
    if (signedIn.user) {
      setMe(signedIn.user);
      return { ok: true, data: signedIn.user, status: 200 };
    }
    const result = await call(own.GET('/api/v1/me', { headers: { authorization: `Bearer ${token}` } }));
    if (result.ok) setMe(result.data);
    return result;
  }

  async function doRefresh(reason: SignedOutReason): Promise<RefreshOutcome> {
    const result = await call(own.POST('/api/v1/auth/refresh'));
    if (!result.ok) {
      if (result.error.kind === 'network' || result.error.status < 400 || result.error.status >= 500) return 'unreachable';
      clear(reason);
      return 'signed-out';
    }
    if (typeof result.data?.access_token !== 'string') return 'unreachable';
    const adopted = await adopt(result.data);
    if (adopted.ok) return 'signed-in';
    if (adopted.error.kind !== 'network' && adopted.error.status === 401) {
      clear(reason);
      return 'signed-out';
    }
    return 'unreachable';
  }

  /** Exchanges the refresh cookie for a new access token; concurrent callers share one attempt. */
  function refresh(reason: SignedOutReason = 'expired'): Promise<RefreshOutcome> {
    refreshing ??= lock(() => doRefresh(reason)).finally(() => {
      refreshing = null;
    });
    return refreshing;
  }

  /** On app start: are we still signed in on this device? */
  async function start(): Promise<RefreshOutcome> {
    state.set({ status: 'loading' });
    const outcome = await refresh('start');
    if (outcome === 'unreachable') {
      // Offline: open as the person last signed in here; the first call that reaches the
      // server checks the session (a 401 refreshes it, or signs out).
      const known = options.remember?.load() ?? null;
      if (known) {
        token = null;
        state.set({ status: 'signed-in', me: known });
        options.onSignedIn?.(known);
      } else clear('unreachable');
    }
    return outcome;
  }

  function expire() {
    clear('expired');
    options.onExpired?.();
  }

  /**
   * The typed client's fetch (src/lib/session.ts): carries the access token and survives its
   * expiry. On a 401 `token_expired`/`unauthenticated` it refreshes once (shared by calls that
   * fail together) and retries once; a refused refresh ends the session. Rejects like fetch
   * when the server cannot be reached, the refresh included.
   */
  async function signedInFetch(request: Request): Promise<Response> {
    const spare = request.clone();
    const used = token;
    const first = await fetchFn(withToken(request, used));
    if (first.status !== 401) return first;

    const error = await readApiError(first.clone());
    if (!RETRY_CODES.has(errorCode(error) ?? '')) return first;
    // Someone else may have refreshed while this call was on its way.
    if (token === null || token === used) {
      const outcome = await refresh();
      if (outcome === 'unreachable') throw new TypeError('the session could not be refreshed: server unreachable');
      if (outcome === 'signed-out') {
        expire();
        return first;
      }
    }
    const second = await fetchFn(withToken(spare, token));
    if (second.status === 401 && RETRY_CODES.has(errorCode(await readApiError(second.clone())) ?? '')) expire();
    return second;
  }

  /**
   * Takes the answer of sign-in, confirming a sign-up, accepting an invitation or resetting a
   * password (all SignedIn): keeps its token and the user, asking /me when the answer has none.
   */
  async function signedIn(result: ApiResult<SignedIn>): Promise<ApiResult<Me>> {
    if (!result.ok) return result;
    if (typeof result.data?.access_token !== 'string') {
      return { ok: false, error: { kind: 'http', status: result.status } };
    }
    return adopt(result.data);
  }

  /**
   * After asking the server to end this session (or all of them): forgets it here. Already
   * signed out on the server is fine; a network failure is not (the cookie would sign us
   * straight back in on the next start).
   */
  function signedOut(result: ApiResult<unknown>): ApiResult<void> {
    if (result.ok || (result.error.kind !== 'network' && result.error.status === 401)) {
      clear('signed-out');
      return { ok: true, data: undefined, status: 204 };
    }
    return result;
  }

  return {
    state: { subscribe: state.subscribe } as Readable<AuthState>,
    start,
    refresh,
    fetch: signedInFetch,
    signedIn,
    signedOut,
    /** After the profile changed (PATCH /me). */
    updateMe: setMe,
    /** For tests and diagnostics: whether an access token is held. */
    hasToken: () => token !== null,
  };
}

export type Auth = ReturnType<typeof createAuth>;
