import { describe, expect, it } from 'vitest';
import { checkHealth } from './health';

describe('checkHealth', () => {
  it('is connected on 200', async () => {
    expect(await checkHealth(async () => new Response('{"status":"ok"}', { status: 200 }))).toBe('connected');
  });
  it('is offline on 503, network errors and timeouts', async () => {
    expect(await checkHealth(async () => new Response(null, { status: 503 }))).toBe('offline');
    expect(
      await checkHealth(async () => {
        throw new TypeError('Failed to fetch');
      }),
    ).toBe('offline');
    const hang: typeof fetch = (_input, init) =>
      new Promise((_resolve, reject) => init?.signal?.addEventListener('abort', () => reject(init.signal?.reason)));
    expect(await checkHealth(hang, 20)).toBe('offline');
  });
});
