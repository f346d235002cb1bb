// RFC 9457 problem details, and turning any failed request into something the UI can show.
import type { components } from './schema';
import type { FieldError } from './types';

/** Every code a problem can carry, from the contract: switch on it, and a typo fails the build. */
export type ServerCode = components['schemas']['ErrorCode'];
/** Codes the PWA raises itself, for failures that never reached the server. */
export type ClientCode = 'clipboard_unavailable';
export type ErrorCode = ServerCode | ClientCode;

/** A problem document as received: the contract's shape, each field checked before use. */
export type Problem = Partial<components['schemas']['Problem']>;

/**
 * What went wrong, ready for the UI to translate/display. `code` (the server's stable
 * snake_case code), `errors` (refused fields) and `retryAfter` (seconds, from the
 * Retry-After header) are only present when the server sent them.
 */
export type ApiError =
  | {
      kind: 'problem';
      status: number;
      title: string | null;
      detail: string | null;
      code?: ErrorCode;
      errors?: FieldError[];
      retryAfter?: number;
    }
  | { kind: 'http'; status: number }
  | { kind: 'network' };

const nonEmpty = (value: unknown): string | null =>
  typeof value === 'string' && value.trim() !== '' ? value.trim() : null;

export function isProblem(value: unknown): value is Problem {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const body = value as Record<string, unknown>;
  return nonEmpty(body.title) !== null || nonEmpty(body.detail) !== null || nonEmpty(body.code) !== null;
}

function fieldErrors(value: unknown): FieldError[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((item: unknown) => {
    if (typeof item !== 'object' || item === null) return [];
    const { field, code, message } = item as Record<string, unknown>;
    if (typeof field !== 'string' || typeof code !== 'string') return [];
    return [{ field, code, message: typeof message === 'string' ? message : '' }];
  });
}

/** Seconds from a Retry-After header (delta-seconds or an HTTP date), or null. */
export function parseRetryAfter(header: string | null, now = Date.now()): number | null {
  if (!header) return null;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? null : Math.max(0, Math.ceil((date - now) / 1000));
}

/** Builds an ApiError from an error status and an already-parsed body (e.g. openapi-fetch's `error`). */
export function toApiError(status: number, body: unknown, retryAfter: number | null = null): ApiError {
  if (!isProblem(body)) return { kind: 'http', status };
  const error: ApiError = { kind: 'problem', status, title: nonEmpty(body.title), detail: nonEmpty(body.detail) };
  const code = nonEmpty(body.code);
  // The server sends only codes of the contract; a newer server's unknown code still
  // reaches the screen's generic message through `detail`.
  if (code) error.code = code as ServerCode;
  const errors = fieldErrors(body.errors);
  if (errors.length > 0) error.errors = errors;
  if (retryAfter !== null) error.retryAfter = retryAfter;
  return error;
}

/** Reads a failed Response; bodies that are not JSON problem details give a generic HTTP error. */
export async function readApiError(response: Response): Promise<ApiError> {
  const type = response.headers.get('content-type') ?? '';
  if (/\bjson\b|\+json\b/i.test(type)) {
    try {
      const body: unknown = await response.json();
      return toApiError(response.status, body, parseRetryAfter(response.headers.get('retry-after')));
    } catch {
      // malformed JSON: fall through
    }
  }
  return { kind: 'http', status: response.status };
}

/** The server's stable code, when the error carries one. */
export const errorCode = (error: ApiError | null | undefined): ErrorCode | null =>
  error?.kind === 'problem' ? (error.code ?? null) : null;
