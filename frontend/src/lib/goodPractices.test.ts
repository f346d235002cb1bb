import { describe, expect, it } from 'vitest';
import { otherLanguage, PRACTICE_STORY_MAX, storyOf } from './goodPractices';

describe('good practices', () => {
  it('start from the customer’s need and what the agent did', () => {
    expect(storyOf({ customer_need: ' A late fee. ', action_taken: 'Waived it. ' })).toBe('A late fee.\nWaived it.');
    expect(storyOf({ customer_need: 'x'.repeat(2000), action_taken: 'y' }).length).toBe(PRACTICE_STORY_MAX);
  });

  it('say when they are shown in another language', () => {
    expect(otherLanguage('es', 'it')).toBe(true);
    expect(otherLanguage('it', 'it')).toBe(false);
    expect(otherLanguage('es', null)).toBe(false);
  });
});
