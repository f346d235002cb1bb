// The typed client for the Cinco API (same origin), and what a call answers to the screens.
// Paths, parameters, bodies and answers are all typed from `schema.d.ts`, generated from
// ../openapi/openapi.json with `npm run gen:api` (never edit it by hand).
import createClient, { type Client } from 'openapi-fetch';
import { parseRetryAfter, toApiError, type ApiError } from './problem';
import type { paths } from './schema';

export type { paths };
export type ApiClient = Client<paths>;

/** What every call answers: the contract's data, or an error the UI can show. */
export type ApiResult<T> =
  | { ok: true; data: T; status: number; etag?: string | null }
  | { ok: false; error: ApiError };

/** Query strings without the filters that are not set (undefined, null or an empty string). */
export function querySerializer(query: Record<string, unknown>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  return params.toString();
}

/**
 * A typed client sending through `fetchFn` (the app's signed-in fetch adds the token and
 * refreshes it, see src/lib/auth.ts). `baseUrl` is empty in the app: the API is same-origin.
 */
export function createApiClient(
  fetchFn: (request: Request) => Promise<Response> = (request) => fetch(request),
  baseUrl = '',
): ApiClient {
  return createClient<paths>({
    baseUrl,
    fetch: fetchFn,
    querySerializer,
    headers: { accept: 'application/json, application/problem+json' },
    credentials: 'same-origin',
    cache: 'no-store',
  });
}

/** What an openapi-fetch call settles to. */
interface Fetched<D> {
  data?: D;
  error?: unknown;
  response: Response;
}

/**
 * Waits for a typed call and answers an ApiResult: a 2xx (or a 304 to If-None-Match, with no
 * data) is ok; an error status is read as a problem document; a call that never got an
 * answer is a network error.
 */
export async function call<D>(pending: Promise<Fetched<D>>): Promise<ApiResult<D>> {
  let settled: Fetched<D>;
  try {
    settled = await pending;
  } catch (error) {
    // fetch rejects with a TypeError (or an AbortError, or a TimeoutError from
    // AbortSignal.timeout) when no answer came; anything else is a 2xx answer whose body is
    // not the JSON the contract promises.
    const unanswered =
      error instanceof TypeError || (error instanceof DOMException && (error.name === 'AbortError' || error.name === 'TimeoutError'));
    return { ok: false, error: unanswered ? { kind: 'network' } : { kind: 'http', status: 200 } };
  }
  const { response } = settled;
  const etag = response.headers.get('etag');
  const tag = etag ? { etag } : {};
  if (response.status === 304) return { ok: true, data: undefined as D, status: 304, ...tag };
  if (!response.ok) {
    const retryAfter = parseRetryAfter(response.headers.get('retry-after'));
    return { ok: false, error: toApiError(response.status, settled.error, retryAfter) };
  }
  return { ok: true, data: settled.data as D, status: response.status, ...tag };
}

/** The same answer with its data changed by `change` (e.g. sorted, or one field of it). */
export function mapResult<T, U>(result: ApiResult<T>, change: (data: T) => U): ApiResult<U> {
  return result.ok ? { ...result, data: change(result.data) } : result;
}
