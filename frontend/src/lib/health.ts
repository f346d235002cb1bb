export type ServerState = 'checking' | 'connected' | 'offline';

/** GET /health/ready: "connected" on 2xx, "offline" on any error, non-2xx or timeout. */
export async function checkHealth(
  fetchFn: typeof fetch = fetch,
  timeoutMs = 8000,
): Promise<Exclude<ServerState, 'checking'>> {
  try {
    const response = await fetchFn('/health/ready', {
      cache: 'no-store',
      headers: { accept: 'application/json' },
      signal: AbortSignal.timeout(timeoutMs),
    });
    return response.ok ? 'connected' : 'offline';
  } catch {
    return 'offline';
  }
}
