import { addMessages, init, locale, format, unwrapFunctionStore } from 'svelte-i18n';
import es from '../locales/es.json';
import en from '../locales/en.json';
import it from '../locales/it.json';
import { LOCALE_STORAGE_KEY, matchLocale, negotiateLocale, type Locale } from './locale';
import { readStored, writeStored } from './storage';

// The message files are tiny, so they are bundled (and therefore precached)
// rather than lazy-loaded: switching language works offline with no flash.
const MESSAGES = { es, en, it } satisfies Record<Locale, typeof en>;
for (const [code, messages] of Object.entries(MESSAGES)) addMessages(code, messages);

/** Plain (non-store) translate function for use outside components. */
export const t = unwrapFunctionStore(format);

export function initI18n(profileLocale?: string | null): Locale {
  const initial = negotiateLocale({
    profile: profileLocale,
    stored: readStored(LOCALE_STORAGE_KEY),
    browser: typeof navigator === 'undefined' ? [] : navigator.languages,
  });
  init({ fallbackLocale: 'es', initialLocale: initial });
  locale.subscribe((code) => {
    const match = matchLocale(code);
    if (!match || typeof document === 'undefined') return;
    // <html lang/dir> come from the message files too.
    document.documentElement.lang = MESSAGES[match].meta.lang;
    document.documentElement.dir = MESSAGES[match].meta.dir;
  });
  return initial;
}

/**
 * Switches the UI language. Call it with the user's profile locale after sign-in,
 * or from the language switcher (persist: true keeps the choice on this device).
 * Returns the locale applied, or null when `code` is not supported.
 */
export function setLocale(code: string, options: { persist?: boolean } = {}): Locale | null {
  const match = matchLocale(code);
  if (!match) return null;
  if (options.persist) writeStored(LOCALE_STORAGE_KEY, match);
  locale.set(match);
  return match;
}
