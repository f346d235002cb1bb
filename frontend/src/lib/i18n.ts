import { format, init, locale, register, unwrapFunctionStore, waitLocale } from 'svelte-i18n';
import { LOCALE_STORAGE_KEY, matchLocale, negotiateLocale, type Locale } from './locale';
import { readStored, writeStored } from './storage';

// Each language is its own chunk, loaded when chosen: only one is downloaded before the
// first screen. All three are precached by the service worker, so switching language
// still works offline.
const LOADERS = {
  es: () => import('../locales/es.json').then((m) => m.default),
  en: () => import('../locales/en.json').then((m) => m.default),
  it: () => import('../locales/it.json').then((m) => m.default),
} satisfies Record<Locale, () => Promise<unknown>>;
for (const [code, load] of Object.entries(LOADERS)) register(code, load);

/** Plain (non-store) translate function for use outside components. */
export const t = unwrapFunctionStore(format);

/** Chooses the first language and resolves once its messages are loaded. */
export async function initI18n(profileLocale?: string | null): Promise<Locale> {
  const initial = negotiateLocale({
    profile: profileLocale,
    stored: readStored(LOCALE_STORAGE_KEY),
    browser: typeof navigator === 'undefined' ? [] : navigator.languages,
  });
  // Every message exists in every language (the locale tests check it), so the first
  // language is its own fallback and no second file is loaded.
  init({ fallbackLocale: initial, initialLocale: initial });
  await waitLocale(initial);
  locale.subscribe((code) => {
    if (!matchLocale(code) || typeof document === 'undefined') return;
    // <html lang/dir> come from the message files too (a language's file is loaded before
    // the locale switches to it).
    document.documentElement.lang = t('meta.lang');
    document.documentElement.dir = t('meta.dir');
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
