import { get } from 'svelte/store';
import { describe, expect, it, vi } from 'vitest';
import { createAuth, type AuthOptions } from './auth';
import { call, createApiClient } from '../api/client';
import type { Me } from '../api/types';

const BASE = 'http://cinco.test';

const ME: Me = {
  id: 'u1',
  email: 'ana@example.com',
  display_name: 'Ana',
  roles: ['agent'],
  locale: 'it',
  time_zone: 'Europe/Rome',
  organisation: {
    id: 'o1',
    name: 'Demo',
    slug: 'demo',
    default_locale: 'es',
    offered_locales: ['es', 'en', 'it'],
    lesson_review_required: false,
  },
  teams: [],
};

const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
const problem = (status: number, code: string, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify({ type: `urn:cinco:problem:${code}`, title: code, status, code }), {
    status,
    headers: { 'content-type': 'application/problem+json', ...headers },
  });

type Handler = (request: Request) => Response | Promise<Response>;

/** A fake fetch that answers from a list of handlers, in order, and records every call. */
function fakeFetch(...handlers: Handler[]) {
  const calls: { url: string; method: string; headers: Record<string, string>; body: unknown }[] = [];
  const fn = vi.fn(async (request: Request) => {
    const { pathname, search } = new URL(request.url);
    const url = pathname + search;
    const text = await request.clone().text();
    calls.push({
      url,
      method: request.method,
      headers: Object.fromEntries(request.headers),
      body: text ? JSON.parse(text) : undefined,
    });
    const handler = handlers.shift();
    if (!handler) throw new Error(`unexpected call ${request.method} ${url}`);
    return handler(request);
  });
  return { fetch: fn, calls };
}

/** The session, the typed client that carries its token and one for calls made signed out. */
function setup(fetch: (request: Request) => Promise<Response>, options: Omit<AuthOptions, 'fetch' | 'baseUrl'> = {}) {
  const auth = createAuth({ ...options, fetch, baseUrl: BASE });
  return { auth, api: createApiClient(auth.fetch, BASE), publicApi: createApiClient(fetch, BASE) };
}

const signedIn = (token: string, user: Me | undefined = ME) => json({ access_token: token, token_type: 'Bearer', expires_in: 900, user });

describe('starting the app', () => {
  it('refreshes with the cookie and takes the user and their language', async () => {
    const { fetch, calls } = fakeFetch(() => signedIn('t1'));
    const onSignedIn = vi.fn();
    const { auth } = setup(fetch, { onSignedIn });
    expect(get(auth.state)).toEqual({ status: 'loading' });
    expect(await auth.start()).toBe('signed-in');
    // The refresh token is the cookie: the call has no body.
    expect(calls[0]).toMatchObject({ url: '/api/v1/auth/refresh', method: 'POST', body: undefined });
    expect(calls[0].headers.authorization).toBeUndefined();
    expect(get(auth.state)).toEqual({ status: 'signed-in', me: ME });
    expect(onSignedIn).toHaveBeenCalledWith(ME);
  });

  it('asks /me when the SignedIn answer has no user', async () => {
    const { fetch, calls } = fakeFetch(
      () => json({ access_token: 't1' }),
      () => json(ME),
    );
    const { auth } = setup(fetch);
    expect(await auth.start()).toBe('signed-in');
    expect(calls[1]).toMatchObject({ url: '/api/v1/me', method: 'GET' });
    expect(calls[1].headers.authorization).toBe('Bearer t1');
  });

  it('is signed out on 401, and unreachable when offline', async () => {
    const { auth: out } = setup(fakeFetch(() => problem(401, 'unauthenticated')).fetch);
    expect(await out.start()).toBe('signed-out');
    expect(get(out.state)).toEqual({ status: 'signed-out', reason: 'start' });

    const { auth: offline } = setup(
      fakeFetch(() => {
        throw new TypeError('Failed to fetch');
      }).fetch,
    );
    expect(await offline.start()).toBe('unreachable');
    expect(get(offline.state)).toEqual({ status: 'unreachable' });
  });
});

describe('calling the API', () => {
  it('adds the bearer token', async () => {
    const { fetch, calls } = fakeFetch(() => signedIn('t1'), () => json({ items: [], total: 0 }));
    const { auth, api } = setup(fetch);
    await auth.start();
    const result = await call(api.GET('/api/v1/users', { params: { query: { q: 'ana', role: null, active: null, limit: 50 } } }));
    expect(result).toEqual({ ok: true, data: { items: [], total: 0 }, status: 200 });
    expect(calls[1].url).toBe('/api/v1/users?q=ana&limit=50');
    expect(calls[1].headers.authorization).toBe('Bearer t1');
  });

  it('refreshes once on token_expired and retries with the new token', async () => {
    const { fetch, calls } = fakeFetch(
      () => signedIn('old'),
      () => problem(401, 'token_expired'),
      () => signedIn('new'),
      () => json(ME),
    );
    const { auth, api } = setup(fetch);
    await auth.start();
    const result = await call(api.GET('/api/v1/me'));
    expect(result).toMatchObject({ ok: true, data: ME });
    expect(calls.map((c) => `${c.method} ${c.url} ${c.headers.authorization ?? '-'}`)).toEqual([
      'POST /api/v1/auth/refresh -',
      'GET /api/v1/me Bearer old',
      'POST /api/v1/auth/refresh -',
      'GET /api/v1/me Bearer new',
    ]);
  });

  it('shares one refresh between calls that fail together', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const { fetch, calls } = fakeFetch(
      () => signedIn('old'),
      () => problem(401, 'token_expired'),
      () => problem(401, 'token_expired'),
      async () => {
        await gate;
        return signedIn('new');
      },
      () => json({ n: 1 }),
      () => json({ n: 2 }),
    );
    const { auth, api } = setup(fetch);
    await auth.start();
    const both = Promise.all([call(api.GET('/api/v1/today')), call(api.GET('/api/v1/me/paths'))]);
    await new Promise((r) => setTimeout(r, 0));
    release();
    const [a, b] = await both;
    expect(a.ok && b.ok).toBe(true);
    expect(calls.filter((c) => c.url === '/api/v1/auth/refresh')).toHaveLength(2); // start + one
    expect(calls.slice(-2).map((c) => c.headers.authorization)).toEqual(['Bearer new', 'Bearer new']);
  });

  it('goes to sign-in when the refresh is refused', async () => {
    const { fetch } = fakeFetch(
      () => signedIn('old'),
      () => problem(401, 'unauthenticated'),
      () => problem(401, 'unauthenticated'),
    );
    const onExpired = vi.fn();
    const { auth, api } = setup(fetch, { onExpired });
    await auth.start();
    const result = await call(api.GET('/api/v1/me'));
    expect(result).toMatchObject({ ok: false, error: { kind: 'problem', status: 401, code: 'unauthenticated' } });
    expect(onExpired).toHaveBeenCalledOnce();
    expect(get(auth.state)).toEqual({ status: 'signed-out', reason: 'expired' });
    expect(auth.hasToken()).toBe(false);
  });

  it('retries only once', async () => {
    const { fetch, calls } = fakeFetch(
      () => signedIn('old'),
      () => problem(401, 'token_expired'),
      () => signedIn('new'),
      () => problem(401, 'token_expired'),
    );
    const onExpired = vi.fn();
    const { auth, api } = setup(fetch, { onExpired });
    await auth.start();
    expect((await call(api.GET('/api/v1/today'))).ok).toBe(false);
    expect(calls).toHaveLength(4);
    expect(onExpired).toHaveBeenCalledOnce();
  });

  it('does not refresh on other errors, nor for calls made signed out', async () => {
    const { fetch, calls } = fakeFetch(
      () => problem(401, 'invalid_credentials'),
      () => problem(403, 'forbidden'),
    );
    const { api, publicApi } = setup(fetch);
    const signIn = await call(publicApi.POST('/api/v1/auth/sign-in', { body: { email: 'a@b.c', password: 'x' } }));
    expect(signIn).toMatchObject({ ok: false, error: { status: 401, code: 'invalid_credentials' } });
    expect(await call(api.GET('/api/v1/users'))).toMatchObject({ ok: false, error: { status: 403, code: 'forbidden' } });
    expect(calls).toHaveLength(2);
  });

  it('reports the network being down and a 204 as no data', async () => {
    const { fetch } = fakeFetch(
      () => {
        throw new TypeError('Failed to fetch');
      },
      () => new Response(null, { status: 204 }),
    );
    const { api } = setup(fetch);
    expect(await call(api.GET('/api/v1/me'))).toEqual({ ok: false, error: { kind: 'network' } });
    const revoked = call(api.DELETE('/api/v1/auth/sessions/{session_id}', { params: { path: { session_id: 's1' } } }));
    expect(await revoked).toEqual({ ok: true, data: undefined, status: 204 });
  });
});

describe('signing in and out', () => {
  it('posts credentials as JSON and keeps the SignedIn token', async () => {
    const { fetch, calls } = fakeFetch(() => signedIn('t9'), () => json(ME));
    const { auth, api, publicApi } = setup(fetch);
    const answer = await call(publicApi.POST('/api/v1/auth/sign-in', { body: { email: 'ana@example.com', password: 'secret' } }));
    expect(await auth.signedIn(answer)).toMatchObject({ ok: true, data: ME });
    expect(calls[0]).toMatchObject({ method: 'POST', body: { email: 'ana@example.com', password: 'secret' } });
    expect(calls[0].headers['content-type']).toBe('application/json');
    expect(calls[0].headers.authorization).toBeUndefined();
    await call(api.GET('/api/v1/me'));
    expect(calls[1].headers.authorization).toBe('Bearer t9');
  });

  it('passes 429 with its Retry-After through', async () => {
    const { fetch } = fakeFetch(() => problem(429, 'too_many_requests', { 'retry-after': '17' }));
    const { auth, publicApi } = setup(fetch);
    const answer = await call(publicApi.POST('/api/v1/auth/sign-in', { body: { email: 'a@b.c', password: 'x' } }));
    expect(await auth.signedIn(answer)).toMatchObject({
      ok: false,
      error: { status: 429, code: 'too_many_requests', retryAfter: 17 },
    });
  });

  it('forgets the session after signing out, but not if the server could not be told', async () => {
    const { fetch } = fakeFetch(
      () => signedIn('t1'),
      () => {
        throw new TypeError('Failed to fetch');
      },
      () => new Response(null, { status: 204 }),
    );
    const { auth, api } = setup(fetch);
    await auth.start();
    const signOut = async () => auth.signedOut(await call(api.POST('/api/v1/auth/sign-out')));
    expect(await signOut()).toEqual({ ok: false, error: { kind: 'network' } });
    expect(get(auth.state).status).toBe('signed-in');
    expect((await signOut()).ok).toBe(true);
    expect(get(auth.state)).toEqual({ status: 'signed-out', reason: 'signed-out' });
  });
});
