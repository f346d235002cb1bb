import { describe, expect, it } from 'vitest';
import type { OfflinePack, PackScenario, TodayItemView } from '../api/today';
import { afterReply, gradeLocally, inPack, planItems, planMinutes, remaining, startNode } from './today';

const item = (id: string, kind: TodayItemView['kind'], done = false): TodayItemView => ({
  id,
  kind,
  key: id,
  title: id,
  estimate_seconds: 30,
  done,
  card: null,
  lesson_version_id: null,
});

const scenario: PackScenario = {
  version_id: 's1',
  key: 'fee',
  title: 'Fee',
  locale: 'en',
  estimate_seconds: 90,
  persona: 'Ana',
  brief: '',
  nodes: [
    { id: 'end', start: false, speaker: 'narrator', text: 'Bye', replies: [] },
    { id: 'approval', start: false, speaker: 'customer', text: 'Wait for approval?', replies: [{ id: 'ok', text: 'Yes', next: 'end', escalated: false }] },
    {
      id: 'open',
      start: true,
      speaker: 'customer',
      text: 'Refund me',
      replies: [
        { id: 'refund', text: 'Refunded', next: 'approval', escalated: true },
        { id: 'no', text: 'No', next: 'end', escalated: false },
      ],
    },
  ],
};

describe('today', () => {
  it('leaves out what is done on the server or on this device, and what cannot run here', () => {
    const items = [item('a', 'review', true), item('b', 'review'), item('c', 'lesson'), item('d', 'path_step')];
    expect(remaining(items, ['c']).map((i) => i.id)).toEqual(['b']);
  });

  it('grades with the answer key, choices in any order', () => {
    const key = { solution: { choices: [0, 2] }, explanation: 'Both' };
    expect(gradeLocally({ choices: [2, 0] }, key).correct).toBe(true);
    expect(gradeLocally({ choices: [0] }, key)).toMatchObject({ correct: false, explanation: 'Both' });
  });

  it('walks a conversation, over-the-limit replies to the escalation branch', () => {
    const open = startNode(scenario);
    expect(open?.id).toBe('open');
    const step = open && afterReply(scenario, open, 'refund');
    expect(step).toMatchObject({ escalated: true, next: { id: 'approval' } });
    expect(open && afterReply(scenario, open, 'nonsense')).toBeNull();
  });

  it('knows what the pack carries', () => {
    const pack = { lessons: [{ lesson: { version_id: 'l1' } }], reviews: [{ id: 'r1' }], scenarios: [scenario] } as unknown as OfflinePack;
    expect(inPack(pack, item('l1', 'lesson'))).toBe(true);
    expect(inPack(pack, item('r1', 'review'))).toBe(true);
    expect(inPack(pack, item('s1', 'scenario'))).toBe(true);
    expect(inPack(pack, item('x', 'lesson'))).toBe(false);
  });
});

describe('the plan', () => {
  it('adds up the minutes each activity shows, so the total matches the list', () => {
    // Four 30-second reviews each show "1 min": the plan says 4, not the rounded 2 of 120 s.
    const items = ['a', 'b', 'c', 'd'].map((id) => item(id, 'review'));
    expect(planMinutes(items)).toBe(4);
    expect(planMinutes([{ ...item('l', 'lesson'), estimate_seconds: 150 }])).toBe(3);
    expect(planMinutes([])).toBe(0);
  });

  it('lists what Start runs; coaching path steps have cards of their own', () => {
    const items = [item('r', 'review'), item('p', 'path_step'), item('l', 'lesson')];
    expect(planItems(items).map((i) => i.id)).toEqual(['r', 'l']);
  });
});
