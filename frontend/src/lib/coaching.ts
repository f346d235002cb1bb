// Pure helpers for the coaching screens: who is behind, heatmap cells, due dates, path
// templates checked before sending, and dates for <input type="date|datetime-local">.
import type {
  HistoryEntry,
  AssignmentStepView,
  BehindReason,
  AgentRow,
  StepBody,
  PathBody,
  PersonRef,
  CoachingSessionView,
  StepKind,
} from '../api/coaching';
import type { TodayItemView } from '../api/today';
import type { Me, TeamView } from '../api/types';

export const LEVELS = [1, 2, 3, 4] as const;
export const MAX_STEPS = 20;
export const DEFAULT_PASS = 70;
/** A step due within this many hours is "due soon" (the reminders' default notice). */
export const SOON_HOURS = 48;

const byName = (a: PersonRef, b: PersonRef) => a.display_name.localeCompare(b.display_name);

/** Agents behind first, then by name (the server's order, kept when the list is re-sorted). */
export const sortAgents = (agents: readonly AgentRow[]): AgentRow[] =>
  [...agents].sort((a, b) => Number(b.behind) - Number(a.behind) || byName(a.agent, b.agent));

/** The reasons to show, in a stable order. */
export const REASONS: readonly BehindReason[] = ['overdue_steps', 'missed_session', 'no_session'];
export const reasonsOf = (agent: Pick<AgentRow, 'reasons'>) => REASONS.filter((r) => agent.reasons.includes(r));

/** The message (under `coaching.reason`) and count that say why an agent is behind. */
export function reasonMessage(
  a: Pick<AgentRow, 'overdue_steps' | 'missed_sessions' | 'days_since_session'>,
  reason: BehindReason,
): { key: string; n: number } {
  if (reason === 'overdue_steps') return { key: 'coaching.reason.overdue_steps', n: a.overdue_steps };
  if (reason === 'missed_session') return { key: 'coaching.reason.missed_session', n: a.missed_sessions };
  return a.days_since_session === null || a.days_since_session === undefined
    ? { key: 'coaching.reason.never', n: 0 }
    : { key: 'coaching.reason.no_session', n: a.days_since_session };
}

/** A heatmap cell: the level 1–4, or null when there is no evidence (or a bad value). */
export function heatmapCell(levels: Record<string, number | null | undefined>, key: string): 1 | 2 | 3 | 4 | null {
  const level = levels[key];
  return typeof level === 'number' && Number.isInteger(level) && level >= 1 && level <= 4 ? (level as 1 | 2 | 3 | 4) : null;
}

export type DueState = 'done' | 'overdue' | 'soon' | 'later' | 'none';

/** Where a step stands against its due date at `now`. The server's `overdue` wins when set. */
export function dueState(
  step: { due_at?: string | null; completed_at?: string | null; overdue?: boolean },
  now: number = Date.now(),
): DueState {
  if (step.completed_at) return 'done';
  if (step.overdue) return 'overdue';
  if (!step.due_at) return 'none';
  const due = Date.parse(step.due_at);
  if (Number.isNaN(due)) return 'none';
  if (due < now) return 'overdue';
  return due - now <= SOON_HOURS * 3600_000 ? 'soon' : 'later';
}

/** Whole days from `now` to `iso` (negative when past), counted in local calendar days. */
export function daysUntil(iso: string, now: Date = new Date()): number {
  const due = new Date(iso);
  const start = (d: Date) => new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();
  return Math.round((start(due) - start(now)) / 86_400_000);
}

/** Where the agent takes a lesson or scenario step (the existing players), else null. */
export function stepLink(step: { kind: StepKind | string; target_key?: string | null }): string | null {
  if (!step.target_key) return null;
  if (step.kind === 'lesson') return `/learn/${encodeURIComponent(step.target_key)}`;
  if (step.kind === 'scenario') return `/practice/${encodeURIComponent(step.target_key)}`;
  return null;
}

/** Steps the agent still has to do. */
export const openSteps = (steps: readonly AssignmentStepView[]) => steps.filter((s) => !s.completed_at);

/** An empty step of a kind, for the editor. */
export const newStep = (kind: StepKind = 'lesson'): StepBody => ({
  title: '',
  kind,
  target_key: null,
  pass_percent: kind === 'lesson' || kind === 'scenario' ? DEFAULT_PASS : null,
  due_after_days: null,
  instructions: null,
});

const blank = (value: string | null | undefined) => !value || value.trim() === '';
const num = (value: unknown): number | null =>
  value === null || value === undefined || value === '' || Number.isNaN(Number(value)) ? null : Number(value);

/** The template as the API wants it: trimmed, with only the fields that fit each kind. */
export function cleanPath(form: PathBody): PathBody {
  return {
    title: form.title.trim(),
    description: (form.description ?? '').trim(),
    steps: form.steps.map((s) => {
      const runs = s.kind === 'lesson' || s.kind === 'scenario';
      return {
        title: s.title.trim(),
        kind: s.kind,
        target_key: runs && !blank(s.target_key) ? s.target_key : null,
        pass_percent: runs ? (num(s.pass_percent) ?? DEFAULT_PASS) : null,
        due_after_days: num(s.due_after_days),
        instructions: s.kind === 'practice_task' && !blank(s.instructions) ? (s.instructions ?? '').trim() : null,
      };
    }),
  };
}

/**
 * What the form can tell before sending (the server checks again): field → message code
 * under `coaching.editor.errors`. Fields: `title`, `steps`, `steps.<i>.<field>`.
 */
export function validatePath(form: PathBody): Record<string, string> {
  const errors: Record<string, string> = {};
  if (blank(form.title)) errors.title = 'required';
  if (form.steps.length === 0) errors.steps = 'noSteps';
  if (form.steps.length > MAX_STEPS) errors.steps = 'tooManySteps';
  let lastDays: number | null = null;
  form.steps.forEach((s, i) => {
    const at = `steps.${i}`;
    if (blank(s.title)) errors[`${at}.title`] = 'required';
    if ((s.kind === 'lesson' || s.kind === 'scenario') && blank(s.target_key)) errors[`${at}.target_key`] = 'chooseTarget';
    if (s.kind === 'practice_task' && blank(s.instructions)) errors[`${at}.instructions`] = 'required';
    const pass = num(s.pass_percent);
    if (pass !== null && (pass < 0 || pass > 100)) errors[`${at}.pass_percent`] = 'percent';
    const days = num(s.due_after_days);
    if (days !== null && (days < 0 || !Number.isInteger(days))) errors[`${at}.due_after_days`] = 'days';
    else if (days !== null) {
      if (lastDays !== null && days < lastDays) errors[`${at}.due_after_days`] = 'backwards';
      lastDays = days;
    }
  });
  return errors;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** "2026-12-20" for a local date (what <input type="date"> holds). */
export const isoDay = (date: Date) => `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;

/** "2026-12-20T09:30" for a local time (what <input type="datetime-local"> holds). */
export const toLocalInput = (date: Date) => `${isoDay(date)}T${pad(date.getHours())}:${pad(date.getMinutes())}`;

/** An ISO instant from a datetime-local value, or null when it is not one. */
export function fromLocalInput(value: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value)) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/** The teams someone coaches: every team for admins, the ones they lead otherwise. */
export function teamsLed(me: Pick<Me, 'id' | 'roles'> | null, teams: readonly TeamView[]): TeamView[] {
  if (!me) return [];
  if (me.roles.includes('admin')) return [...teams];
  return teams.filter((team) => team.leads.some((lead) => lead.id === me.id));
}

/** Every agent of these teams, once each, by name. */
export function agentsOf(teams: readonly TeamView[]): PersonRef[] {
  const seen = new Map<string, PersonRef>();
  for (const team of teams) for (const agent of team.agents) seen.set(agent.id, agent);
  return [...seen.values()].sort(byName);
}

/** Path steps in today's session that the agent reports themselves (practice tasks). */
export const isPracticeTask = (item: TodayItemView) => item.kind === 'path_step' && item.step_kind === 'practice_task';

/** The id to report a path step done with. */
export const pathStepId = (item: TodayItemView) => item.path_step_id ?? item.id;

/**
 * Whether today is done: every activity the player runs is done on the server or this
 * device, and so is every practice task (coaching-session steps wait for the lead).
 */
export function todayFinished(items: readonly TodayItemView[], localDone: readonly string[], runnable: readonly string[]): boolean {
  if (items.length === 0) return false;
  return items.every((i) => {
    if (i.done || localDone.includes(i.id)) return true;
    if (runnable.includes(i.kind)) return false;
    return !isPracticeTask(i);
  });
}

export type SessionState = 'scheduled' | 'missed' | 'cancelled' | 'awaiting' | 'acknowledged' | 'disputed';

/** A scheduled session this long past its time without a record counts as missed (as on the server). */
export const MISSED_AFTER_MS = 24 * 60 * 60 * 1000;

/** Where a coaching session stands, from the agent's reply. */
export function sessionState(
  s: Pick<CoachingSessionView, 'status' | 'acknowledged_at' | 'disputed'> & { scheduled_at?: string | null },
  now: number = Date.now(),
): SessionState {
  if (s.status === 'scheduled' && s.scheduled_at && now - Date.parse(s.scheduled_at) > MISSED_AFTER_MS) {
    return 'missed';
  }
  if (s.status !== 'recorded') return s.status;
  if (!s.acknowledged_at) return 'awaiting';
  return s.disputed ? 'disputed' : 'acknowledged';
}

/** A name made safe for a downloaded file ("Equipo Madrid" → "equipo-madrid"). */
export const slug = (name: string) =>
  name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '') || 'team';

/** A text in the UI language, else Spanish, else any (competency names are per locale). */
export function localized(text: unknown, lang: string | null | undefined): string {
  if (typeof text === 'string') return text;
  if (!text || typeof text !== 'object') return '';
  const all = text as Record<string, string>;
  return all[lang ?? ''] || all.es || Object.values(all)[0] || '';
}

/** A scorecard item row in the form. */
export interface ScorecardRow {
  competency_key: string;
  indicator: string;
}

/** The longest title and indicator the server takes (docs/coaching.md, scorecards.rs). */
export const SCORECARD_TITLE_MAX = 200;
export const INDICATOR_MAX = 300;
export const MAX_SCORECARD_ITEMS = 30;

/** The scorecard as the API wants it: trimmed. */
export const cleanScorecard = (form: { title: string; items: readonly ScorecardRow[] }) => ({
  title: form.title.trim(),
  items: form.items.map((i) => ({ competency_key: i.competency_key, indicator: i.indicator.trim() })),
});

/**
 * What the form can tell before sending (the server checks again): field → message code
 * under `coaching.scorecards.errors`. Fields as the server names them: `title`, `items`,
 * `items[i]` (an item as a whole) and `items[i].competency_key` / `items[i].indicator`.
 */
export function validateScorecard(form: { title: string; items: readonly ScorecardRow[] }): Record<string, string> {
  const errors: Record<string, string> = {};
  if (blank(form.title)) errors.title = 'required';
  else if (form.title.trim().length > SCORECARD_TITLE_MAX) errors.title = 'tooLong';
  if (form.items.length === 0) errors.items = 'noItems';
  if (form.items.length > MAX_SCORECARD_ITEMS) errors.items = 'tooManyItems';
  form.items.forEach((item, i) => {
    if (blank(item.competency_key)) errors[`items[${i}].competency_key`] = 'chooseCompetency';
    if (blank(item.indicator)) errors[`items[${i}].indicator`] = 'required';
    else if (item.indicator.trim().length > INDICATOR_MAX) errors[`items[${i}].indicator`] = 'tooLong';
  });
  return errors;
}

export type HistoryKind = HistoryEntry['kind'];
export const HISTORY_KINDS: readonly HistoryKind[] = ['assigned', 'step_completed', 'extended', 'reassigned', 'cancelled', 'completed', 'low_score'];

/**
 * What to say about an event's `detail` (free text from the server): a message key under
 * `coaching.history.detail` and its values, or null when there is nothing to add.
 * - assigned: "" (plain), "team_rule" (a team rule), "coaching_session" (a session's
 *   agreed actions), else the name of the agent it was reassigned from;
 * - extended: "2027-01-10" (every open step) or "Step title: 2027-01-10" (one step);
 * - reassigned: the other agent's name; cancelled: the reason; step_completed: the step title;
 * - low_score: why a refresher path was given (the score, its day and the threshold).
 */
export function historyDetail(
  event: Pick<HistoryEntry, 'kind' | 'detail'>,
): { key: string; values: Record<string, string> } | null {
  const detail = (event.detail ?? '').trim();
  switch (event.kind) {
    case 'assigned':
      if (!detail) return null;
      if (detail === 'team_rule') return { key: 'coaching.history.detail.joinedTeam', values: {} };
      if (detail === 'coaching_session') return { key: 'coaching.history.detail.fromSession', values: {} };
      return { key: 'coaching.history.detail.from', values: { name: detail } };
    case 'extended': {
      const match = /^(?:(.*): )?(\d{4}-\d{2}-\d{2})$/s.exec(detail);
      if (!match) return detail ? { key: 'coaching.history.detail.text', values: { text: detail } } : null;
      // Noon of that day, so the date shows as that day in any time zone.
      const date = `${match[2]}T12:00:00`;
      return match[1]
        ? { key: 'coaching.history.detail.extendedStep', values: { step: match[1], date } }
        : { key: 'coaching.history.detail.extended', values: { date } };
    }
    case 'reassigned':
      return detail ? { key: 'coaching.history.detail.to', values: { name: detail } } : null;
    case 'cancelled':
      return detail ? { key: 'coaching.history.detail.reason', values: { reason: detail } } : null;
    case 'step_completed':
      return detail ? { key: 'coaching.history.detail.step', values: { step: detail } } : null;
    default:
      return detail ? { key: 'coaching.history.detail.text', values: { text: detail } } : null;
  }
}

/** A history kind we have words for, else null (a kind added later shows the server's own). */
export const knownHistoryKind = (kind: string): HistoryKind | null =>
  (HISTORY_KINDS as readonly string[]).includes(kind) ? (kind as HistoryKind) : null;
