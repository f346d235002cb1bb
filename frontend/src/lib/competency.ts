// Editing a competency one language at a time: the form shows the texts of one language
// and writing them back keeps every other language as it was.
import type { components } from '../api/schema';
import { SUPPORTED_LOCALES, type Locale } from './locale';

export type Localized = Record<string, string>;

/** The texts as a request sends them: the supported languages only (the server refuses a
 * text that is blank in every language, naming the field). */
export function texts(text: Localized): components['schemas']['Texts'] {
  const out: Partial<Record<Locale, string>> = {};
  for (const code of SUPPORTED_LOCALES) if (text[code] !== undefined) out[code] = text[code];
  return out as components['schemas']['Texts'];
}

/** As {@link texts}, for a text that may be left out altogether (`{}`). */
export function optionalTexts(text: Localized): components['schemas']['OptionalTexts'] {
  return Object.keys(text).length ? texts(text) : {};
}

/** `text` with `lang` set to `value`, or removed when `value` is blank. */
export function withText(text: Localized, lang: string, value: string): Localized {
  const copy = { ...text };
  if (value.trim()) copy[lang] = value.trim();
  else delete copy[lang];
  return copy;
}

/** The indicators of a level in one language, one per line. */
export const indicatorLines = (indicators: readonly Localized[], lang: string): string =>
  indicators
    .map((i) => i[lang] ?? '')
    .filter((line) => line !== '')
    .join('\n');

/**
 * Writes `lines` (one indicator per line) as the `lang` texts of a level's indicators:
 * line n becomes indicator n's text in `lang`; indicators left with no text in any
 * language are dropped.
 */
export function withIndicatorLines(indicators: readonly Localized[], lang: string, lines: string): Localized[] {
  const texts = lines
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
  const count = Math.max(indicators.length, texts.length);
  const out: Localized[] = [];
  for (let n = 0; n < count; n++) {
    const next = withText(indicators[n] ?? {}, lang, texts[n] ?? '');
    if (Object.keys(next).length > 0) out.push(next);
  }
  return out;
}
