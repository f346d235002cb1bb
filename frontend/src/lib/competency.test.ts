import { describe, expect, it } from 'vitest';
import { indicatorLines, optionalTexts, texts, withIndicatorLines, withText, type Localized } from './competency';

describe('editing a competency one language at a time', () => {
  it('sets or removes one language and keeps the others', () => {
    expect(withText({ es: 'Empatía' }, 'en', ' Empathy ')).toEqual({ es: 'Empatía', en: 'Empathy' });
    expect(withText({ es: 'Empatía', en: 'Empathy' }, 'en', '  ')).toEqual({ es: 'Empatía' });
  });

  it('maps indicator lines to indicators and keeps other languages', () => {
    const indicators: Localized[] = [{ es: 'Escucha', en: 'Listens' }, { es: 'Resume' }];
    expect(indicatorLines(indicators, 'en')).toBe('Listens');
    const edited = withIndicatorLines(indicators, 'en', 'Listens fully\n\nSums up\nAsks');
    expect(edited).toEqual([{ es: 'Escucha', en: 'Listens fully' }, { es: 'Resume', en: 'Sums up' }, { en: 'Asks' }]);
    // Removing the only text of an indicator drops it.
    expect(withIndicatorLines([{ en: 'Listens' }, { es: 'Resume' }], 'en', '')).toEqual([{ es: 'Resume' }]);
  });

  it('sends only the languages the contract names', () => {
    expect(texts({ es: 'Empatía', en: 'Empathy', xx: 'ignored' })).toEqual({ es: 'Empatía', en: 'Empathy' });
    expect(optionalTexts({})).toEqual({});
    expect(optionalTexts({ it: 'Empatia' })).toEqual({ it: 'Empatia' });
  });
});
