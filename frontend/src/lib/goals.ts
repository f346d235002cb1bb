// Pure helpers for goals on results: where a target stands, how many days are left, which
// goals a screen shows and who may remove them, and the form to set one (its own checks, the
// body the API wants, and the server's refusals placed on the field at fault). No Svelte, no
// DOM: unit-tested in goals.test.ts.
import type { ApiError } from '../api/problem';
import type { Comparison, GoalBody, GoalView, TargetStatusView } from '../api/goals';
import type { Direction, MetricView } from '../api/results';
import { parseBound } from './results';

/** A goal combines one to this many targets (as the server allows). */
export const MAX_TARGETS = 3;
/** The most characters a goal's title may have (as the server allows). */
export const TITLE_MAX = 120;

/** Where a target stands: met, not met, or nothing to read it against yet. */
export type TargetState = 'met' | 'not_met' | 'no_values';

export function targetState(target: Pick<TargetStatusView, 'met' | 'latest_value'>): TargetState {
  if (typeof target.latest_value !== 'number') return 'no_values';
  return target.met ? 'met' : 'not_met';
}

/** How many of a goal's targets are met. */
export const targetsMet = (goal: Pick<GoalView, 'targets'>) => goal.targets.filter((t) => t.met).length;

/** A day `YYYY-MM-DD` as its UTC midnight in milliseconds, or NaN. */
function dayMs(day: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  return match ? Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) : Number.NaN;
}

/** Today's date (`YYYY-MM-DD`) where the reader is. */
export function localDay(now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** Whole days from the reader's today to `due` (`YYYY-MM-DD`): 0 on the day, negative once past; null if not a date. */
export function daysLeft(due: string, now: Date = new Date()): number | null {
  const days = (dayMs(due) - dayMs(localDay(now))) / 86_400_000;
  return Number.isFinite(days) ? Math.round(days) : null;
}

/** How the due date is said: days left, due today, or days past. */
export type Due = { when: 'left'; days: number } | { when: 'today' } | { when: 'past'; days: number };

export function dueIn(due: string, now: Date = new Date()): Due | null {
  const days = daysLeft(due, now);
  if (days === null) return null;
  if (days === 0) return { when: 'today' };
  return days > 0 ? { when: 'left', days } : { when: 'past', days: -days };
}

/** The goals about `team` (an id) and the organisation's; every goal for '' (all teams). */
export function goalsFor<T extends Pick<GoalView, 'team_id'>>(goals: readonly T[], team: string): T[] {
  if (team === '') return [...goals];
  return goals.filter((g) => !g.team_id || g.team_id === team);
}

/** Whether the reader may remove a goal: admins any, leads their own teams' (not the organisation's). */
export function mayManage(goal: Pick<GoalView, 'team_id'>, admin: boolean, led: readonly string[]): boolean {
  if (admin) return true;
  return !!goal.team_id && led.includes(goal.team_id);
}

/** The comparison a metric's goal usually wants: at least for higher-is-better, at most otherwise. */
export const comparisonFor = (direction: Direction): Comparison => (direction === 'lower' ? 'at_most' : 'at_least');

/** A target as the form holds it (the value as typed). */
export interface TargetForm {
  metric: string;
  comparison: Comparison;
  value: string;
}

/** A new goal as the form holds it: `team` '' is the whole organisation. */
export interface GoalForm {
  title: string;
  team: string;
  due: string;
  targets: TargetForm[];
}

export const emptyTarget = (): TargetForm => ({ metric: '', comparison: 'at_least', value: '' });

/** Where each message of the form shows: `title`, `team`, `due`, `targets`, `targets.<i>.metric`, `targets.<i>.value`. */
export const targetField = (index: number, part: 'metric' | 'value') => `targets.${index}.${part}`;

/**
 * What the form can tell before sending: field → message code under `results.goals.errors`.
 * The value's range is the server's to judge (it is shown as a hint beside the value).
 */
export function validateGoal(form: GoalForm): Record<string, string> {
  const errors: Record<string, string> = {};
  const title = form.title.trim();
  if (title === '') errors.title = 'required';
  else if ([...title].length > TITLE_MAX) errors.title = 'invalid_title';
  if (form.targets.length === 0 || form.targets.length > MAX_TARGETS) errors.targets = 'invalid_targets';
  form.targets.forEach((target, i) => {
    if (target.metric === '') errors[targetField(i, 'metric')] = 'required';
    else if (form.targets.slice(0, i).some((t) => t.metric === target.metric)) errors[targetField(i, 'metric')] = 'same_metric';
    const value = parseBound(target.value);
    if (value === null) errors[targetField(i, 'value')] = 'required';
    else if (Number.isNaN(value)) errors[targetField(i, 'value')] = 'number';
  });
  if (!/^\d{4}-\d{2}-\d{2}$/.test(form.due.trim())) errors.due = form.due.trim() === '' ? 'required' : 'invalid_date';
  return errors;
}

/** The goal as the API wants it. */
export function goalBody(form: GoalForm): GoalBody {
  return {
    title: form.title.trim(),
    team_id: form.team === '' ? null : form.team,
    due_on: form.due.trim(),
    targets: form.targets.map((t) => ({
      metric: t.metric,
      comparison: t.comparison,
      value: parseBound(t.value) ?? Number.NaN,
    })),
  };
}

/**
 * The server's refusals as the form's fields and codes: `title`, `due_on` → `due`,
 * `team_id` → `team`, `targets`, and a target by its place (`targets[1]`) → its metric for
 * `unknown_metric`, else its value. The first refusal per field counts.
 */
export function serverErrors(error: ApiError | null | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (error?.kind !== 'problem' || !error.errors) return out;
  for (const { field, code } of error.errors) {
    const target = /^targets\[(\d+)\]/.exec(field);
    const name = target
      ? targetField(Number(target[1]), code === 'unknown_metric' ? 'metric' : 'value')
      : ({ due_on: 'due', team_id: 'team' } as Record<string, string>)[field] ?? field;
    if (!(name in out)) out[name] = code;
  }
  return out;
}

/** The order the form's fields come in, to focus the first one at fault. */
export function firstField(errors: Record<string, string>, targets: number): string | null {
  const order = ['title', 'team', ...Array.from({ length: targets }, (_, i) => [targetField(i, 'metric'), targetField(i, 'value')]).flat(), 'targets', 'due'];
  return order.find((field) => field in errors) ?? Object.keys(errors)[0] ?? null;
}

/** The metric a target names, from the organisation's; a stand-in when it is gone. */
export function metricOf(key: string, metrics: readonly MetricView[]): MetricView {
  return (
    metrics.find((m) => m.key === key) ?? { id: key, key, name: key, unit: '', direction: 'higher', built_in: false, minimum: null, maximum: null }
  );
}
