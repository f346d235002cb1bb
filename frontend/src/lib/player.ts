// Pure helpers for the lesson player: which cards are questions, where to resume,
// moving ordering steps, and the attempt id kept per lesson version on this device.
import type { CardView, ResponseBody } from '../api/learn';

export const ITEM_KINDS = ['single', 'multiple', 'true_false', 'ordering'] as const;
export type ItemKind = (typeof ITEM_KINDS)[number];

export const isItem = (card: CardView): boolean => (ITEM_KINDS as readonly string[]).includes(card.kind);

/**
 * Where to resume: the first question not answered yet after the last answered one
 * (content cards before it are skipped, the agent has read them). Nothing answered: 0.
 * Everything after the last answer answered: the last card.
 */
export function resumeIndex(cards: readonly CardView[], answered: readonly number[]): number {
  if (answered.length === 0 || cards.length === 0) return 0;
  const last = Math.max(...answered);
  const done = new Set(answered);
  for (let i = last + 1; i < cards.length; i++) {
    if (isItem(cards[i]) && !done.has(i)) return i;
  }
  return Math.min(last + 1, cards.length - 1);
}

/** Seconds → whole minutes for "3 min" (at least 1). */
export const minutes = (seconds: number) => Math.max(1, Math.round(seconds / 60));

/** m:ss, for estimates against the five-minute rule. */
export const clock = (seconds: number) => `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;

const KEY = 'cinco.attempt.';

/**
 * The attempt id for a key (the person and the lesson version) on this device, created (and
 * remembered) when missing.
 */
export function attemptIdFor(key: string, storage: Pick<Storage, 'getItem' | 'setItem'> | null, uuid: () => string): string {
  let stored: string | null = null;
  try {
    stored = storage?.getItem(KEY + key) ?? null;
  } catch {
    stored = null;
  }
  if (stored) return stored;
  const fresh = uuid();
  try {
    storage?.setItem(KEY + key, fresh);
  } catch {
    // Private mode: the attempt still works, it just won't resume.
  }
  return fresh;
}

/** Forgets a finished attempt so the lesson can be taken again. */
export function forgetAttempt(key: string, storage: Pick<Storage, 'removeItem'> | null) {
  try {
    storage?.removeItem(KEY + key);
  } catch {
    // nothing to do
  }
}

/**
 * Whether a response matches an answer key, for previews (agents' answers are graded by
 * the server). Choices compare as sets; orders and true/false exactly.
 */
export function matches(response: ResponseBody, solution: ResponseBody): boolean {
  if ('true_false' in response) return 'true_false' in solution && response.true_false === solution.true_false;
  if ('order' in response) return 'order' in solution && response.order.join() === solution.order.join();
  if (!('choices' in solution)) return false;
  const sorted = (list: number[]) => [...list].sort((a, b) => a - b).join();
  return sorted(response.choices) === sorted(solution.choices);
}
