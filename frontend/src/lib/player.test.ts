import { describe, expect, it } from 'vitest';
import type { CardView } from '../api/learn';
import { attemptIdFor, clock, forgetAttempt, matches, minutes, resumeIndex } from './player';

const text = { kind: 'text', markdown: 'x' } as CardView;
const item = { kind: 'true_false', statement: 's' } as CardView;
// 0 text, 1 item, 2 text, 3 item, 4 text, 5 item
const cards = [text, item, text, item, text, item];

describe('resumeIndex', () => {
  it('starts at the beginning when nothing was answered', () => {
    expect(resumeIndex(cards, [])).toBe(0);
  });
  it('goes to the first unanswered item after the last answered one', () => {
    expect(resumeIndex(cards, [1])).toBe(3);
    expect(resumeIndex(cards, [3])).toBe(5);
    expect(resumeIndex(cards, [1, 3])).toBe(5);
  });
  it('does not go back to an earlier unanswered item', () => {
    expect(resumeIndex(cards, [3])).toBe(5);
  });
  it('shows the card after the last answer when no item is left, or the last card', () => {
    expect(resumeIndex([text, item, text], [1])).toBe(2);
    expect(resumeIndex(cards, [1, 3, 5])).toBe(5);
  });
});

describe('attempt ids', () => {
  it('are created once per version and forgotten after finishing', () => {
    const data = new Map<string, string>();
    const storage = {
      getItem: (k: string) => data.get(k) ?? null,
      setItem: (k: string, v: string) => void data.set(k, v),
      removeItem: (k: string) => void data.delete(k),
    };
    let n = 0;
    const uuid = () => `id-${++n}`;
    expect(attemptIdFor('v1', storage, uuid)).toBe('id-1');
    expect(attemptIdFor('v1', storage, uuid)).toBe('id-1');
    expect(attemptIdFor('v2', storage, uuid)).toBe('id-2');
    forgetAttempt('v1', storage);
    expect(attemptIdFor('v1', storage, uuid)).toBe('id-3');
    expect(attemptIdFor('v3', null, uuid)).toBe('id-4');
  });
});

describe('durations', () => {
  it('formats minutes and m:ss', () => {
    expect(minutes(170)).toBe(3);
    expect(minutes(10)).toBe(1);
    expect(clock(301)).toBe('5:01');
  });
});

describe('matches (preview grading)', () => {
  it('compares choices as sets and the rest exactly', () => {
    expect(matches({ choices: [2, 0] }, { choices: [0, 2] })).toBe(true);
    expect(matches({ choices: [0] }, { choices: [0, 2] })).toBe(false);
    expect(matches({ true_false: false }, { true_false: false })).toBe(true);
    expect(matches({ true_false: true }, { true_false: false })).toBe(false);
    expect(matches({ order: [1, 0, 2] }, { order: [1, 0, 2] })).toBe(true);
    expect(matches({ order: [0, 1, 2] }, { order: [1, 0, 2] })).toBe(false);
    expect(matches({ order: [0] }, { choices: [0] })).toBe(false);
  });
});
