import { get } from 'svelte/store';
import { describe, expect, it, vi } from 'vitest';
import { buildUrl, createAuth } from './auth';
import type { Me } from '../api/types';

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

type Handler = (url: string, init: RequestInit) => Response | Promise<Response>;

/** A fake fetch that answers from a list of handlers, in order, and records every call. */
function fakeFetch(...handlers: Handler[]) {
  const calls: { url: string; method: string; headers: Record<string, string>; body: unknown }[] = [];
  const fn = vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = String(input);
    const headers = (init.headers ?? {}) as Record<string, string>;
    calls.push({ url, method: init.method ?? 'GET', headers, body: init.body ? JSON.parse(String(init.body)) : undefined });
    const handler = handlers.shift();
    if (!handler) throw new Error(`unexpected call ${init.method} ${url}`);
    return handler(url, init);
  });
  return { fetch: fn as unknown as typeof fetch, calls };
}

const signedIn = (token: string, user: Me | undefined = ME) => json({ access_token: token, token_type: 'Bearer', expires_in: 900, user });

describe('starting the app', () => {
  it('refreshes with the cookie and takes the user and their language', async () => {
    const { fetch, calls } = fakeFetch(() => signedIn('t1'));
    const onSignedIn = vi.fn();
    const auth = createAuth({ fetch, onSignedIn });
    expect(get(auth.state)).toEqual({ status: 'loading' });
    expect(await auth.start()).toBe('signed-in');
    expect(calls[0]).toMatchObject({ url: '/api/v1/auth/refresh', method: 'POST', body: {} });
    expect(calls[0].headers['content-type']).toBe('application/json');
    expect(calls[0].headers.authorization).toBeUndefined();
    expect(get(auth.state)).toEqual({ status: 'signed-in', me: ME });
    expect(onSignedIn).toHaveBeenCalledWith(ME);
  });

  it('asks /me when the SignedIn answer has no user', async () => {
    const { fetch, calls } = fakeFetch(
      () => json({ access_token: 't1' }),
      () => json(ME),
    );
    const auth = createAuth({ fetch });
    expect(await auth.start()).toBe('signed-in');
    expect(calls[1]).toMatchObject({ url: '/api/v1/me', method: 'GET' });
    expect(calls[1].headers.authorization).toBe('Bearer t1');
  });

  it('is signed out on 401, and unreachable when offline', async () => {
    const out = createAuth({ fetch: fakeFetch(() => problem(401, 'unauthenticated')).fetch });
    expect(await out.start()).toBe('signed-out');
    expect(get(out.state)).toEqual({ status: 'signed-out', reason: 'start' });

    const offline = createAuth({
      fetch: fakeFetch(() => {
        throw new TypeError('Failed to fetch');
      }).fetch,
    });
    expect(await offline.start()).toBe('unreachable');
    expect(get(offline.state)).toEqual({ status: 'unreachable' });
  });
});

describe('calling the API', () => {
  it('adds the bearer token', async () => {
    const { fetch, calls } = fakeFetch(() => signedIn('t1'), () => json({ items: [], total: 0 }));
    const auth = createAuth({ fetch });
    await auth.start();
    const result = await auth.request('GET', '/api/v1/users', { query: { q: 'ana', role: '', limit: 50 } });
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
    const auth = createAuth({ fetch });
    await auth.start();
    const result = await auth.request('GET', '/api/v1/me');
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
    const auth = createAuth({ fetch });
    await auth.start();
    const both = Promise.all([auth.request('GET', '/a'), auth.request('GET', '/b')]);
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
    const auth = createAuth({ fetch, onExpired });
    await auth.start();
    const result = await auth.request('GET', '/api/v1/me');
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
    const auth = createAuth({ fetch, onExpired });
    await auth.start();
    expect((await auth.request('GET', '/x')).ok).toBe(false);
    expect(calls).toHaveLength(4);
    expect(onExpired).toHaveBeenCalledOnce();
  });

  it('does not refresh on other errors, nor for calls made signed out', async () => {
    const { fetch, calls } = fakeFetch(
      () => problem(401, 'invalid_credentials'),
      () => problem(403, 'forbidden'),
    );
    const auth = createAuth({ fetch });
    const signIn = await auth.request('POST', '/api/v1/auth/sign-in', { body: { email: 'a@b.c', password: 'x' }, auth: false });
    expect(signIn).toMatchObject({ ok: false, error: { status: 401, code: 'invalid_credentials' } });
    expect(await auth.request('GET', '/api/v1/users')).toMatchObject({ ok: false, error: { status: 403, code: 'forbidden' } });
    expect(calls).toHaveLength(2);
  });

  it('reports the network being down and a 204 as no data', async () => {
    const { fetch } = fakeFetch(
      () => {
        throw new TypeError('Failed to fetch');
      },
      () => new Response(null, { status: 204 }),
    );
    const auth = createAuth({ fetch });
    expect(await auth.request('GET', '/x')).toEqual({ ok: false, error: { kind: 'network' } });
    expect(await auth.request('DELETE', '/x')).toEqual({ ok: true, data: undefined, status: 204 });
  });
});

describe('signing in and out', () => {
  it('posts credentials as JSON and keeps the SignedIn token', async () => {
    const { fetch, calls } = fakeFetch(() => signedIn('t9'), () => json(ME));
    const auth = createAuth({ fetch });
    expect(await auth.signInVia('/api/v1/auth/sign-in', { email: 'ana@example.com', password: 'secret' })).toMatchObject({
      ok: true,
      data: ME,
    });
    expect(calls[0]).toMatchObject({ method: 'POST', body: { email: 'ana@example.com', password: 'secret' } });
    await auth.request('GET', '/api/v1/me');
    expect(calls[1].headers.authorization).toBe('Bearer t9');
  });

  it('passes 429 with its Retry-After through', async () => {
    const { fetch } = fakeFetch(() => problem(429, 'too_many_requests', { 'retry-after': '17' }));
    const auth = createAuth({ fetch });
    expect(await auth.signInVia('/api/v1/auth/sign-in', {})).toMatchObject({
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
    const auth = createAuth({ fetch });
    await auth.start();
    expect(await auth.signOut()).toEqual({ ok: false, error: { kind: 'network' } });
    expect(get(auth.state).status).toBe('signed-in');
    expect((await auth.signOut()).ok).toBe(true);
    expect(get(auth.state)).toEqual({ status: 'signed-out', reason: 'signed-out' });
  });
});

describe('buildUrl', () => {
  it('drops empty values and encodes the rest', () => {
    expect(buildUrl('/u', { q: 'a b', role: '', active: null, team_id: undefined, offset: 0 })).toBe('/u?q=a+b&offset=0');
    expect(buildUrl('/u')).toBe('/u');
  });
});
