// Who is signed in, and every call to the API on their behalf.
//
// The access token lives in memory only (never in storage a script could read later); the
// refresh token is an httpOnly cookie scoped to /api/v1/auth that the browser sends by itself.
// Kept free of Svelte components, the router and i18n so it can be unit-tested with a fake
// fetch: src/lib/session.ts wires the app's instance to them.
import { writable, type Readable } from 'svelte/store';
import { errorCode, readApiError, type ApiError } from '../api/problem';
import type { Me, SignedIn } from '../api/types';

export type AuthState =
  | { status: 'loading' }
  /** start: no session on this device; expired: it ended under us; signed-out: the user asked. */
  | { status: 'signed-out'; reason: SignedOutReason }
  /** The server could not be asked (offline, 5xx): we don't know yet. */
  | { status: 'unreachable' }
  | { status: 'signed-in'; me: Me };

export type SignedOutReason = 'start' | 'expired' | 'signed-out';

export type ApiResult<T> =
  | { ok: true; data: T; status: number; etag?: string | null }
  | { ok: false; error: ApiError };

export type Query = Record<string, string | number | boolean | null | undefined>;

export interface RequestOptions {
  body?: unknown;
  query?: Query;
  /** false for calls made while signed out (sign-in, forgot-password…): no token, no refresh. */
  auth?: boolean;
  /** 'text' for a non-JSON answer (e.g. a text/markdown export): data is the body as text. */
  as?: 'json' | 'text';
  /** A file sent as the raw body with its own type (e.g. an image upload), instead of JSON. */
  file?: Blob;
  /** Sent as If-None-Match: a 304 answers ok with no data. */
  ifNoneMatch?: string;
}

export type RefreshOutcome = 'signed-in' | 'signed-out' | 'unreachable';

export interface AuthOptions {
  fetch?: typeof fetch;
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
const JSON_HEADERS = { 'content-type': 'application/json', accept: 'application/json, application/problem+json' };
const NETWORK: ApiError = { kind: 'network' };

export function buildUrl(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

async function parse<T>(response: Response, as: 'json' | 'text' = 'json'): Promise<ApiResult<T>> {
  const etag = response.headers.get('etag');
  const tag = etag ? { etag } : {};
  if (response.status === 304) return { ok: true, data: undefined as T, status: 304, ...tag };
  if (!response.ok) return { ok: false, error: await readApiError(response) };
  const text = await response.text().catch(() => '');
  if (as === 'text') return { ok: true, data: text as T, status: response.status, ...tag };
  let data: unknown = undefined;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      return { ok: false, error: { kind: 'http', status: response.status } };
    }
  }
  return { ok: true, data: data as T, status: response.status, ...tag };
}

export function createAuth(options: AuthOptions = {}) {
  const fetchFn: typeof fetch = options.fetch ?? ((input, init) => fetch(input, init));
  const lock = options.lock ?? (<T>(run: () => Promise<T>) => run());
  const state = writable<AuthState>({ status: 'loading' });
  let token: string | null = null;
  let refreshing: Promise<RefreshOutcome> | null = null;

  function send(method: string, path: string, opts: RequestOptions, bearer: string | null): Promise<Response> {
    const headers: Record<string, string> = { accept: JSON_HEADERS.accept };
    if (opts.file) headers['content-type'] = opts.file.type || 'application/octet-stream';
    else if (opts.body !== undefined) headers['content-type'] = JSON_HEADERS['content-type'];
    if (bearer) headers.authorization = `Bearer ${bearer}`;
    if (opts.ifNoneMatch) headers['if-none-match'] = opts.ifNoneMatch;
    return fetchFn(buildUrl(path, opts.query), {
      method,
      credentials: 'same-origin',
      cache: 'no-store',
      headers,
      body: opts.file ?? (opts.body === undefined ? undefined : JSON.stringify(opts.body)),
    });
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
    let result: ApiResult<Me>;
    try {
      // Not through request(): a 401 here must not start another refresh.
      result = await parse<Me>(await send('GET', '/api/v1/me', {}, token));
    } catch {
      result = { ok: false, error: NETWORK };
    }
    if (result.ok) setMe(result.data);
    return result;
  }

  async function doRefresh(reason: SignedOutReason): Promise<RefreshOutcome> {
    let response: Response;
    try {
      response = await send('POST', '/api/v1/auth/refresh', { body: {} }, null);
    } catch {
      return 'unreachable';
    }
    if (response.status >= 400 && response.status < 500) {
      clear(reason);
      return 'signed-out';
    }
    const result = await parse<SignedIn>(response);
    if (!result.ok || typeof result.data?.access_token !== 'string') return 'unreachable';
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

  /** A JSON call to the API. With `auth` (the default) it carries the token and survives its expiry. */
  async function request<T>(method: string, path: string, opts: RequestOptions = {}): Promise<ApiResult<T>> {
    const auth = opts.auth ?? true;
    const used = auth ? token : null;
    let response: Response;
    try {
      response = await send(method, path, opts, used);
    } catch {
      return { ok: false, error: NETWORK };
    }
    if (!auth || response.status !== 401) return parse<T>(response, opts.as);

    const error = await readApiError(response);
    if (!RETRY_CODES.has(errorCode(error) ?? '')) return { ok: false, error };
    // Someone else may have refreshed while this call was on its way.
    if (token === null || token === used) {
      const outcome = await refresh();
      if (outcome === 'unreachable') return { ok: false, error: NETWORK };
      if (outcome === 'signed-out') {
        expire();
        return { ok: false, error };
      }
    }
    try {
      response = await send(method, path, opts, token);
    } catch {
      return { ok: false, error: NETWORK };
    }
    if (response.status === 401) {
      const again = await readApiError(response);
      if (RETRY_CODES.has(errorCode(again) ?? '')) expire();
      return { ok: false, error: again };
    }
    return parse<T>(response, opts.as);
  }

  /** Sign-in, sign-up, accepting an invitation, resetting a password: all answer SignedIn. */
  async function signInVia(path: string, body: unknown): Promise<ApiResult<Me>> {
    const result = await request<SignedIn>('POST', path, { body, auth: false });
    if (!result.ok) return result;
    if (typeof result.data?.access_token !== 'string') {
      return { ok: false, error: { kind: 'http', status: result.status } };
    }
    return adopt(result.data);
  }

  /** Ends this session (or all of them) on the server, then forgets it here. */
  async function signOut(path = '/api/v1/auth/sign-out'): Promise<ApiResult<void>> {
    const result = await request<void>('POST', path, { body: {} });
    // Already signed out on the server is fine; a network failure is not (the cookie would
    // sign us straight back in on the next start).
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
    request,
    signInVia,
    signOut,
    /** After the profile changed (PATCH /me). */
    updateMe: setMe,
    /** For tests and diagnostics: whether an access token is held. */
    hasToken: () => token !== null,
  };
}

export type Auth = ReturnType<typeof createAuth>;
