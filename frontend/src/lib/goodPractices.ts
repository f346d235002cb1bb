// Good practices on the PWA side: the languages, the text limits the server enforces, and
// the words a story starts from. Pure, to unit-test.
import type { DecisionView } from '../api/decisions';

/** The languages a practice can be written in (the server's `LocaleView`). */
export const PRACTICE_LOCALES = ['es', 'en', 'it'] as const;
/** As `cinco_domain::good_practice`. */
export const PRACTICE_TITLE_MAX = 120;
export const PRACTICE_STORY_MAX = 1200;

/** The story a practice starts from: what the customer needed, then what the agent did. */
export function storyOf(d: Pick<DecisionView, 'customer_need' | 'action_taken'>): string {
  return `${d.customer_need.trim()}\n${d.action_taken.trim()}`.slice(0, PRACTICE_STORY_MAX);
}

/** Whether the practice is shown in another language than the reader's. */
export function otherLanguage(shown: string, reader: string | null | undefined): boolean {
  return !!reader && shown !== reader;
}
