// Whether the server answers: GET /health/ready (in the contract, outside /api/v1), read
// through the typed client. It needs no sign-in, so it goes out without a token.
import { call, createApiClient, type ApiClient } from '../api/client';

export type ServerState = 'checking' | 'connected' | 'offline';

const publicClient = createApiClient();

/** GET /health/ready: "connected" on 2xx, "offline" on any error, non-2xx or timeout. */
export async function checkHealth(client: ApiClient = publicClient, timeoutMs = 8000): Promise<Exclude<ServerState, 'checking'>> {
  // A timer of our own (not AbortSignal.timeout): it keeps the signal alive until it fires.
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    const result = await call(client.GET('/health/ready', { signal: controller.signal }));
    return result.ok ? 'connected' : 'offline';
  } finally {
    clearTimeout(timer);
  }
}
