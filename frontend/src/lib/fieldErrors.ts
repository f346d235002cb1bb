// Turning a refused request's `errors: [{field, code, message}]` into one message per field.
import { json, unwrapFunctionStore } from 'svelte-i18n';
import type { ApiError } from '../api/problem';

const messages = unwrapFunctionStore(json);

/** Field codes that have a message in the loaded locale (`fieldErrors.<code>`). */
export function knownFieldCodes(): ReadonlySet<string> {
  const codes = messages('fieldErrors');
  return new Set(codes && typeof codes === 'object' ? Object.keys(codes) : []);
}

export type Translate = (key: string, options?: { values?: Record<string, string | number> }) => string;

/**
 * One message per field, translated by code (`fieldErrors.<code>` among `knownCodes`), else the
 * server's own message. `rename` maps server field names to the form's (e.g. new_password → password).
 */
export function fieldMessages(
  error: ApiError | null | undefined,
  translate: Translate,
  knownCodes: ReadonlySet<string> = knownFieldCodes(),
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
