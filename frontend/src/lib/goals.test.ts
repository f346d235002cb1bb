import { describe, expect, it } from 'vitest';
import {
  comparisonFor,
  daysLeft,
  dueIn,
  emptyTarget,
  firstField,
  goalBody,
  goalsFor,
  localDay,
  mayManage,
  metricOf,
  serverErrors,
  targetState,
  targetsMet,
  validateGoal,
  type GoalForm,
} from './goals';
import type { ApiError } from '../api/problem';

const form = (over: Partial<GoalForm> = {}): GoalForm => ({
  title: 'Resolve first, without rushing',
  team: 'team-1',
  due: '2027-03-31',
  targets: [
    { metric: 'fcr', comparison: 'at_least', value: '75' },
    { metric: 'aht', comparison: 'at_most', value: '420' },
  ],
  ...over,
});

describe('targetState', () => {
  it('says met, not met, or no values yet (never met without a value)', () => {
    expect(targetState({ met: true, latest_value: 79 })).toBe('met');
    expect(targetState({ met: false, latest_value: 450 })).toBe('not_met');
    expect(targetState({ met: false, latest_value: null })).toBe('no_values');
    expect(targetState({ met: false })).toBe('no_values');
    expect(targetState({ met: false, latest_value: 0 })).toBe('not_met');
  });

  it('counts the targets met', () => {
    expect(targetsMet({ targets: [{ met: true }, { met: false }, { met: true }] as never })).toBe(2);
  });
});

describe('days left', () => {
  // 7 December 2026, late in the evening where the reader is.
  const now = new Date(2026, 11, 7, 23, 30);

  it('counts calendar days where the reader is', () => {
    expect(localDay(now)).toBe('2026-12-07');
    expect(daysLeft('2026-12-07', now)).toBe(0);
    expect(daysLeft('2026-12-08', now)).toBe(1);
    expect(daysLeft('2027-01-06', now)).toBe(30);
    expect(daysLeft('2026-12-01', now)).toBe(-6);
  });

  it('crosses a change of summer time without losing a day', () => {
    expect(daysLeft('2027-04-05', new Date(2027, 2, 20, 12))).toBe(16);
    expect(daysLeft('2027-11-05', new Date(2027, 9, 20, 12))).toBe(16);
  });

  it('says left, today or past, and nothing for a non-date', () => {
    expect(dueIn('2026-12-10', now)).toEqual({ when: 'left', days: 3 });
    expect(dueIn('2026-12-07', now)).toEqual({ when: 'today' });
    expect(dueIn('2026-12-05', now)).toEqual({ when: 'past', days: 2 });
    expect(dueIn('soon', now)).toBeNull();
    expect(daysLeft('2026-13-45x', now)).toBeNull();
  });
});

describe('which goals and who manages them', () => {
  const goals = [{ team_id: 'a' }, { team_id: null }, { team_id: 'b' }, {}];

  it('shows a team its own goals and the organisation’s, and every goal for all teams', () => {
    expect(goalsFor(goals, 'a')).toEqual([{ team_id: 'a' }, { team_id: null }, {}]);
    expect(goalsFor(goals, '')).toEqual(goals);
  });

  it('lets admins manage any goal and leads only their teams’', () => {
    expect(mayManage({ team_id: null }, true, [])).toBe(true);
    expect(mayManage({ team_id: 'a' }, false, ['a'])).toBe(true);
    expect(mayManage({ team_id: 'b' }, false, ['a'])).toBe(false);
    expect(mayManage({ team_id: null }, false, ['a'])).toBe(false);
  });
});

describe('the goal form', () => {
  it('accepts a two-target goal and builds the body (a comma is a decimal point)', () => {
    expect(validateGoal(form())).toEqual({});
    const body = goalBody(form({ title: '  Faster  ', targets: [{ metric: 'csat', comparison: 'at_least', value: ' 4,5 ' }] }));
    expect(body).toEqual({ title: 'Faster', team_id: 'team-1', due_on: '2027-03-31', targets: [{ metric: 'csat', comparison: 'at_least', value: 4.5 }] });
    expect(goalBody(form({ team: '' })).team_id).toBeNull();
  });

  it('catches what it can before sending, on each field', () => {
    const errors = validateGoal(
      form({
        title: ' ',
        due: '',
        targets: [
          { metric: 'fcr', comparison: 'at_least', value: '' },
          { metric: 'fcr', comparison: 'at_least', value: 'mucho' },
          emptyTarget(),
        ],
      }),
    );
    expect(errors).toEqual({
      title: 'required',
      due: 'required',
      'targets.0.value': 'required',
      'targets.1.metric': 'same_metric',
      'targets.1.value': 'number',
      'targets.2.metric': 'required',
      'targets.2.value': 'required',
    });
    expect(validateGoal(form({ title: 'x'.repeat(121) })).title).toBe('invalid_title');
    expect(validateGoal(form({ title: 'x'.repeat(120) })).title).toBeUndefined();
    expect(validateGoal(form({ targets: [] })).targets).toBe('invalid_targets');
    expect(validateGoal(form({ due: '31/03/2027' })).due).toBe('invalid_date');
  });

  it('leaves the value’s range to the server', () => {
    expect(validateGoal(form({ targets: [{ metric: 'fcr', comparison: 'at_least', value: '140' }] }))).toEqual({});
  });

  it('proposes the comparison that fits the metric', () => {
    expect(comparisonFor('higher')).toBe('at_least');
    expect(comparisonFor('lower')).toBe('at_most');
  });
});

describe('serverErrors', () => {
  const refused = (...errors: { field: string; code: string }[]): ApiError => ({
    kind: 'problem',
    status: 422,
    title: null,
    detail: null,
    errors: errors.map((e) => ({ ...e, message: 'no' })),
  });

  it('puts each refusal on the field at fault, a target by its place', () => {
    expect(serverErrors(refused({ field: 'targets[1]', code: 'out_of_range' }))).toEqual({ 'targets.1.value': 'out_of_range' });
    expect(serverErrors(refused({ field: 'targets[0]', code: 'unknown_metric' }))).toEqual({ 'targets.0.metric': 'unknown_metric' });
    expect(
      serverErrors(
        refused({ field: 'title', code: 'invalid_title' }, { field: 'due_on', code: 'invalid_date' }, { field: 'targets', code: 'invalid_targets' }, { field: 'title', code: 'later' }),
      ),
    ).toEqual({ title: 'invalid_title', due: 'invalid_date', targets: 'invalid_targets' });
  });

  it('has nothing to place for other errors', () => {
    expect(serverErrors(null)).toEqual({});
    expect(serverErrors({ kind: 'network' })).toEqual({});
    expect(serverErrors({ kind: 'problem', status: 403, title: null, detail: null, code: 'forbidden' })).toEqual({});
  });

  it('focuses the first field at fault in the form’s order', () => {
    expect(firstField({ due: 'required', 'targets.1.value': 'number', 'targets.0.metric': 'required' }, 2)).toBe('targets.0.metric');
    expect(firstField({ due: 'required' }, 1)).toBe('due');
    expect(firstField({}, 1)).toBeNull();
  });
});

describe('metricOf', () => {
  it('finds the metric a target names, or stands in for one that is gone', () => {
    const fcr = { id: '1', key: 'fcr', name: 'First-contact resolution', unit: '%', direction: 'higher' as const, built_in: true };
    expect(metricOf('fcr', [fcr])).toBe(fcr);
    expect(metricOf('sales', [fcr])).toMatchObject({ key: 'sales', name: 'sales', unit: '' });
  });
});
