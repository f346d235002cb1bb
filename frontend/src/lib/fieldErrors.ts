// Turning a refused request's `errors: [{field, code, message}]` into one message per field.
import type { ApiError } from '../api/problem';
import en from '../locales/en.json';

/** Field codes that have a message in the locale files (`fieldErrors.<code>`). */
export const KNOWN_FIELD_CODES: ReadonlySet<string> = new Set(Object.keys(en.fieldErrors));

export type Translate = (key: string, options?: { values?: Record<string, string | number> }) => string;

/**
 * One message per field, translated by code (`fieldErrors.<code>` among `knownCodes`), else the
 * server's own message. `rename` maps server field names to the form's (e.g. new_password → password).
 */
export function fieldMessages(
  error: ApiError | null | undefined,
  translate: Translate,
  knownCodes: ReadonlySet<string> = KNOWN_FIELD_CODES,
  rename: Record<string, string> = {},
): Record<string, string> {
  const out: Record<string, string> = {};
  if (error?.kind !== 'problem' || !error.errors) return out;
  for (const { field, code, message } of error.errors) {
    const name = rename[field] ?? field;
    if (out[name]) continue;
    const text = knownCodes.has(code) ? translate(`fieldErrors.${code}`) : message.trim() || code;
    out[name] = text;
  }
  return out;
}
