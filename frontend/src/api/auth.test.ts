import { describe, expect, it, vi } from 'vitest';
import { signIn } from './auth';

describe('signIn', () => {
  it('posts JSON credentials to the sign-in endpoint', async () => {
    const fetchFn = vi.fn(async () => new Response('{"ok":true}', { status: 200, headers: { 'content-type': 'application/json' } }));
    const result = await signIn('ana@example.com', 'secret', fetchFn as unknown as typeof fetch);
    expect(result).toEqual({ ok: true, data: { ok: true } });
    const [url, init] = fetchFn.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('/api/v1/auth/sign-in');
    expect(init.method).toBe('POST');
    expect(JSON.parse(init.body as string)).toEqual({ email: 'ana@example.com', password: 'secret' });
  });

  it('maps a problem+json 404 to a displayable error', async () => {
    const fetchFn = async () =>
      new Response(JSON.stringify({ title: 'Not Found', status: 404 }), {
        status: 404,
        headers: { 'content-type': 'application/problem+json' },
      });
    expect(await signIn('a@b.c', 'x', fetchFn)).toEqual({
      ok: false,
      error: { kind: 'problem', status: 404, title: 'Not Found', detail: null },
    });
  });

  it('reports a network failure as unreachable', async () => {
    const fetchFn = async (): Promise<Response> => {
      throw new TypeError('Failed to fetch');
    };
    expect(await signIn('a@b.c', 'x', fetchFn)).toEqual({ ok: false, error: { kind: 'network' } });
  });
});
