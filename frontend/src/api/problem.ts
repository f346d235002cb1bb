// RFC 9457 problem details, and turning any failed request into something the UI can show.

export interface Problem {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  instance?: string;
  [extension: string]: unknown;
}

/** What went wrong, ready for the UI to translate/display. */
export type ApiError =
  | { kind: 'problem'; status: number; title: string | null; detail: string | null }
  | { kind: 'http'; status: number }
  | { kind: 'network' };

const nonEmpty = (value: unknown): string | null =>
  typeof value === 'string' && value.trim() !== '' ? value.trim() : null;

export function isProblem(value: unknown): value is Problem {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const body = value as Record<string, unknown>;
  return nonEmpty(body.title) !== null || nonEmpty(body.detail) !== null;
}

/** Builds an ApiError from an error status and an already-parsed body (e.g. openapi-fetch's `error`). */
export function toApiError(status: number, body: unknown): ApiError {
  if (isProblem(body)) {
    return { kind: 'problem', status, title: nonEmpty(body.title), detail: nonEmpty(body.detail) };
  }
  return { kind: 'http', status };
}

/** Reads a failed Response; bodies that are not JSON problem details give a generic HTTP error. */
export async function readApiError(response: Response): Promise<ApiError> {
  const type = response.headers.get('content-type') ?? '';
  if (/\bjson\b|\+json\b/i.test(type)) {
    try {
      return toApiError(response.status, await response.json());
    } catch {
      // malformed JSON: fall through
    }
  }
  return { kind: 'http', status: response.status };
}
