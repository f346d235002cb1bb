import { describe, expect, it, vi } from 'vitest';
import { call, createApiClient, mapResult, querySerializer } from './client';

const BASE = 'http://cinco.test';
const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });

/** A client whose fetch answers `answer` and keeps the request it was given. */
function client(answer: () => Response | Promise<Response>) {
  const sent: Request[] = [];
  const fetch = vi.fn(async (request: Request) => {
    sent.push(request);
    return answer();
  });
  return { api: createApiClient(fetch, BASE), sent };
}

describe('the query string', () => {
  it('leaves out filters that are not set', () => {
    expect(querySerializer({ q: 'a b', role: '', active: null, team_id: undefined, offset: 0, archived: false })).toBe(
      'q=a+b&offset=0&archived=false',
    );
    expect(querySerializer({})).toBe('');
  });
});

describe('changing an answer', () => {
  it('changes the data of a success and passes an error through', () => {
    const sorted = mapResult({ ok: true, data: [3, 1, 2], status: 200, etag: '"e"' }, (n) => [...n].sort());
    expect(sorted).toEqual({ ok: true, data: [1, 2, 3], status: 200, etag: '"e"' });
    const change = vi.fn();
    expect(mapResult({ ok: false, error: { kind: 'network' } }, change)).toEqual({ ok: false, error: { kind: 'network' } });
    expect(change).not.toHaveBeenCalled();
  });
});

describe('a typed call', () => {
  it('fills the path, sends JSON and answers the data with its status', async () => {
    const { api, sent } = client(() => json({ id: 't1', name: 'Ventas' }, 201));
    const result = await call(api.PATCH('/api/v1/teams/{team_id}', { params: { path: { team_id: 'a/b' } }, body: { name: 'Ventas' } }));
    expect(result).toEqual({ ok: true, data: { id: 't1', name: 'Ventas' }, status: 201 });
    expect(sent[0].url).toBe(`${BASE}/api/v1/teams/a%2Fb`);
    expect(sent[0].method).toBe('PATCH');
    expect(sent[0].headers.get('content-type')).toBe('application/json');
    expect(sent[0].headers.get('accept')).toBe('application/json, application/problem+json');
    expect(await sent[0].text()).toBe('{"name":"Ventas"}');
  });

  it('sends If-None-Match and reads a 304 as ok with no data, keeping the ETag', async () => {
    const { api, sent } = client(() => new Response(null, { status: 304, headers: { etag: '"v2"' } }));
    const result = await call(api.GET('/api/v1/today/pack', { params: { header: { 'If-None-Match': '"v2"' } } }));
    expect(result).toEqual({ ok: true, data: undefined, status: 304, etag: '"v2"' });
    expect(sent[0].headers.get('if-none-match')).toBe('"v2"');
  });

  it('reads a text answer as text', async () => {
    const { api } = client(() => new Response('agent;minutes\nAna;12\n', { headers: { 'content-type': 'text/csv' } }));
    const result = await call(api.GET('/api/v1/teams/{team_id}/dashboard.csv', { params: { path: { team_id: 't1' } }, parseAs: 'text' }));
    expect(result).toMatchObject({ ok: true, data: 'agent;minutes\nAna;12\n' });
  });

  it('reads a refusal as a problem with its field errors and Retry-After', async () => {
    const { api } = client(() =>
      json(
        {
          type: 'about:blank',
          title: 'Refused',
          status: 422,
          code: 'validation_failed',
          errors: [{ field: 'name', code: 'too_long', message: 'At most 80 characters' }],
        },
        422,
        { 'content-type': 'application/problem+json', 'retry-after': '3' },
      ),
    );
    const result = await call(api.POST('/api/v1/teams', { body: { name: 'x'.repeat(200) } }));
    expect(result).toEqual({
      ok: false,
      error: {
        kind: 'problem',
        status: 422,
        title: 'Refused',
        detail: null,
        code: 'validation_failed',
        errors: [{ field: 'name', code: 'too_long', message: 'At most 80 characters' }],
        retryAfter: 3,
      },
    });
  });

  it('reads an error without a problem document as a bare HTTP status', async () => {
    const { api } = client(() => new Response('Bad gateway', { status: 502, headers: { 'content-type': 'text/plain' } }));
    expect(await call(api.GET('/api/v1/teams'))).toEqual({ ok: false, error: { kind: 'http', status: 502 } });
  });

  it('tells a call that got no answer from an answer it could not read', async () => {
    const offline = client(() => {
      throw new TypeError('Failed to fetch');
    });
    expect(await call(offline.api.GET('/api/v1/teams'))).toEqual({ ok: false, error: { kind: 'network' } });
    for (const name of ['AbortError', 'TimeoutError']) {
      const gaveUp = client(() => {
        throw new DOMException('no answer in time', name);
      });
      expect(await call(gaveUp.api.GET('/api/v1/teams'))).toEqual({ ok: false, error: { kind: 'network' } });
    }
    const garbled = client(() => new Response('{not json', { status: 200, headers: { 'content-type': 'application/json', 'content-length': '9' } }));
    expect(await call(garbled.api.GET('/api/v1/teams'))).toEqual({ ok: false, error: { kind: 'http', status: 200 } });
  });
});
