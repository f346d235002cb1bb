import { describe, expect, it } from 'vitest';
import { createApiClient } from '../api/client';
import { checkHealth } from './health';

/** Requests that never get an answer. */
const waiting: Request[] = [];

/** A typed client whose fetch is `answer`, keeping the requests it was given. */
function client(answer: (request: Request) => Promise<Response>) {
  const sent: Request[] = [];
  const api = createApiClient(async (request) => {
    sent.push(request);
    return answer(request);
  }, 'http://cinco.test');
  return { api, sent };
}

describe('checkHealth', () => {
  it('is connected on 200, asking GET /health/ready without a cache', async () => {
    const { api, sent } = client(async () => new Response('{"status":"ok"}', { status: 200, headers: { 'content-type': 'application/json' } }));
    expect(await checkHealth(api)).toBe('connected');
    expect(sent.map((r) => [r.method, new URL(r.url).pathname, r.cache])).toEqual([['GET', '/health/ready', 'no-store']]);
    expect(sent[0].headers.get('authorization')).toBeNull();
  });

  it('is offline on 503, network errors and timeouts', async () => {
    const unavailable = client(
      async () =>
        new Response('{"type":"about:blank","title":"Service Unavailable","status":503,"code":"database_unavailable"}', {
          status: 503,
          headers: { 'content-type': 'application/problem+json' },
        }),
    );
    expect(await checkHealth(unavailable.api)).toBe('offline');
    const unreachable = client(async () => {
      throw new TypeError('Failed to fetch');
    });
    expect(await checkHealth(unreachable.api)).toBe('offline');
    // Never answers: only the timeout ends it. The request is kept here, so its signal
    // (which follows the one checkHealth gives) lives until then.
    const hang = client(
      (request) =>
        new Promise((_resolve, reject) => {
          waiting.push(request);
          const giveUp = () => reject(request.signal.reason);
          if (request.signal.aborted) giveUp();
          else request.signal.addEventListener('abort', giveUp);
        }),
    );
    expect(await checkHealth(hang.api, 20)).toBe('offline');
  });
});
