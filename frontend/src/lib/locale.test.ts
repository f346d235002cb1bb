import { describe, expect, it } from 'vitest';
import { DEFAULT_LOCALE, matchLocale, negotiateLocale } from './locale';

describe('matchLocale', () => {
  it('matches the primary subtag case-insensitively', () => {
    expect(matchLocale('it-CH')).toBe('it');
    expect(matchLocale('EN_gb')).toBe('en');
    expect(matchLocale(' es ')).toBe('es');
  });
  it('rejects unsupported or empty tags', () => {
    expect(matchLocale('fr-FR')).toBeNull();
    expect(matchLocale('')).toBeNull();
    expect(matchLocale(null)).toBeNull();
    expect(matchLocale('eng')).toBeNull();
  });
});

describe('negotiateLocale', () => {
  it('prefers the profile locale over everything else', () => {
    expect(negotiateLocale({ profile: 'it', stored: 'en', browser: ['es-ES'] })).toBe('it');
  });
  it('uses the stored switcher choice when there is no profile', () => {
    expect(negotiateLocale({ profile: null, stored: 'en', browser: ['it-IT'] })).toBe('en');
  });
  it('falls back to the first supported browser language', () => {
    expect(negotiateLocale({ profile: 'fr', browser: ['de-DE', 'it-IT', 'en-US'] })).toBe('it');
  });
  it('defaults to Spanish', () => {
    expect(negotiateLocale({ browser: ['de-DE', 'fr'] })).toBe('es');
    expect(negotiateLocale()).toBe(DEFAULT_LOCALE);
    expect(DEFAULT_LOCALE).toBe('es');
  });
});
