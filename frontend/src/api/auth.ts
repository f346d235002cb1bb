import { readApiError, type ApiError } from './problem';

export type SignInResult = { ok: true; data: unknown } | { ok: false; error: ApiError };

// TODO(sign-in issue): switch to the typed `api.POST('/api/v1/auth/sign-in', …)` from
// ./client once the endpoint is in openapi.json; the error mapping stays the same.
export async function signIn(
  email: string,
  password: string,
  fetchFn: typeof fetch = fetch,
): Promise<SignInResult> {
  let response: Response;
  try {
    response = await fetchFn('/api/v1/auth/sign-in', {
      method: 'POST',
      credentials: 'same-origin',
      headers: {
        'content-type': 'application/json',
        accept: 'application/json, application/problem+json',
      },
      body: JSON.stringify({ email, password }),
    });
  } catch {
    return { ok: false, error: { kind: 'network' } };
  }
  if (!response.ok) return { ok: false, error: await readApiError(response) };
  const data: unknown = await response.json().catch(() => null);
  return { ok: true, data };
}
