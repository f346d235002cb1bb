// Locale negotiation, kept free of Svelte/DOM imports so it can be unit-tested.

export const SUPPORTED_LOCALES = ['es', 'en', 'it'] as const;
export type Locale = (typeof SUPPORTED_LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'es';
export const LOCALE_STORAGE_KEY = 'cinco.locale';

/** Maps a BCP 47 tag ("it-CH", "EN_gb", "es") to a supported locale, or null. */
export function matchLocale(tag: string | null | undefined): Locale | null {
  if (!tag) return null;
  const primary = tag.trim().toLowerCase().split(/[-_]/)[0];
  return (SUPPORTED_LOCALES as readonly string[]).includes(primary) ? (primary as Locale) : null;
}

export interface LocaleSources {
  /** The signed-in user's profile locale (wins over everything). */
  profile?: string | null;
  /** A choice the user made with the language switcher on this device. */
  stored?: string | null;
  /** navigator.languages (in preference order). */
  browser?: readonly string[] | null;
}

/** profile → stored choice → first supported browser language → "es". */
export function negotiateLocale(sources: LocaleSources = {}): Locale {
  const candidates = [sources.profile, sources.stored, ...(sources.browser ?? [])];
  for (const candidate of candidates) {
    const match = matchLocale(candidate);
    if (match) return match;
  }
  return DEFAULT_LOCALE;
}
