// The organisation's decision types by key, with their names in the reader's language and
// the currency: what the decision screens read beside their decisions.
import { getAuthorityLimits, type AuthorityLimits } from '../api/scenarios';
import type { ApiResult } from '../api/client';
import { localized } from './coaching';

export interface Types {
  limits: AuthorityLimits;
  /** The type's name in `lang` (the key when the type was removed). */
  name: (key: string, lang: string | null | undefined) => string;
}

export function types(limits: AuthorityLimits): Types {
  return {
    limits,
    name: (key, lang) => {
      const found = limits.decisions.find((d) => d.key === key);
      return found ? localized(found.name, lang) || key : key;
    },
  };
}

/** Reads `read` and the authority limits together; fails when either does. */
export async function withTypes<T>(read: () => Promise<ApiResult<T>>): Promise<ApiResult<{ items: T; types: Types }>> {
  const [items, limits] = await Promise.all([read(), getAuthorityLimits()]);
  if (!items.ok) return items;
  if (!limits.ok) return limits;
  return { ok: true, status: items.status, data: { items: items.data, types: types(limits.data) } };
}
