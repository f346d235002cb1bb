import { describe, expect, it } from 'vitest';
import type { AgentRow, PathBody } from '../api/coaching';
import type { TodayItemView } from '../api/today';
import type { TeamView } from '../api/types';
import {
  agentsOf,
  cleanPath,
  cleanScorecard,
  historyDetail,
  knownHistoryKind,
  validateScorecard,
  daysUntil,
  dueState,
  fromLocalInput,
  heatmapCell,
  isoDay,
  localized,
  newStep,
  reasonMessage,
  reasonsOf,
  sessionState,
  slug,
  sortAgents,
  stepLink,
  teamsLed,
  toLocalInput,
  todayFinished,
  validatePath,
} from './coaching';

const agent = (name: string, behind: boolean, reasons: AgentRow['reasons'] = []): AgentRow => ({
  agent: { id: name, display_name: name },
  minutes_this_week: 0,
  open_steps: 0,
  overdue_steps: 0,
  completed_steps: 0,
  missed_sessions: 0,
  last_session_at: null,
  days_since_session: null,
  behind,
  reasons,
  improved: false,
  levels: {},
});

describe('the dashboard', () => {
  it('puts agents behind first, then by name', () => {
    const sorted = sortAgents([agent('Diego', false), agent('Carlos', true), agent('Ana', false), agent('Bea', true)]);
    expect(sorted.map((a) => a.agent.display_name)).toEqual(['Bea', 'Carlos', 'Ana', 'Diego']);
  });

  it('lists reasons in a stable order and drops unknown ones', () => {
    const a = agent('Ana', true, ['no_session', 'overdue_steps', 'whatever' as never]);
    expect(reasonsOf(a)).toEqual(['overdue_steps', 'no_session']);
  });

  it('says why in words and numbers', () => {
    const a = { ...agent('Ana', true), overdue_steps: 2, missed_sessions: 1, days_since_session: 20 };
    expect(reasonMessage(a, 'overdue_steps')).toEqual({ key: 'coaching.reason.overdue_steps', n: 2 });
    expect(reasonMessage(a, 'missed_session')).toEqual({ key: 'coaching.reason.missed_session', n: 1 });
    expect(reasonMessage(a, 'no_session')).toEqual({ key: 'coaching.reason.no_session', n: 20 });
    expect(reasonMessage({ ...a, days_since_session: null }, 'no_session')).toEqual({ key: 'coaching.reason.never', n: 0 });
  });

  it('reads heatmap cells: a level 1–4, or null without evidence', () => {
    const levels = { empathy: 2, ownership: null, odd: 7, half: 2.5 };
    expect(heatmapCell(levels, 'empathy')).toBe(2);
    expect(heatmapCell(levels, 'ownership')).toBeNull();
    expect(heatmapCell(levels, 'missing')).toBeNull();
    expect(heatmapCell(levels, 'odd')).toBeNull();
    expect(heatmapCell(levels, 'half')).toBeNull();
  });

  it('names a downloaded file after the team', () => {
    expect(slug('Equipo Madrid')).toBe('equipo-madrid');
    expect(slug('Squadra — Milano!')).toBe('squadra-milano');
    expect(slug('???')).toBe('team');
  });
});

describe('due dates', () => {
  const now = Date.parse('2026-12-10T12:00:00Z');

  it('says done, overdue, soon, later or none', () => {
    expect(dueState({ due_at: '2026-12-01T00:00:00Z', completed_at: '2026-12-02T00:00:00Z' }, now)).toBe('done');
    expect(dueState({ due_at: '2026-12-09T00:00:00Z' }, now)).toBe('overdue');
    expect(dueState({ due_at: '2026-12-11T00:00:00Z' }, now)).toBe('soon');
    expect(dueState({ due_at: '2026-12-20T00:00:00Z' }, now)).toBe('later');
    expect(dueState({ due_at: null }, now)).toBe('none');
    expect(dueState({ due_at: 'nonsense' }, now)).toBe('none');
  });

  it('trusts the server when it says overdue', () => {
    expect(dueState({ due_at: '2026-12-20T00:00:00Z', overdue: true }, now)).toBe('overdue');
  });

  it('counts calendar days', () => {
    const today = new Date(2026, 11, 10, 23, 0);
    expect(daysUntil(new Date(2026, 11, 11, 1, 0).toISOString(), today)).toBe(1);
    expect(daysUntil(new Date(2026, 11, 10, 1, 0).toISOString(), today)).toBe(0);
    expect(daysUntil(new Date(2026, 11, 8, 12, 0).toISOString(), today)).toBe(-2);
  });
});

describe('steps', () => {
  it('link lessons and scenarios to their players', () => {
    expect(stepLink({ kind: 'lesson', target_key: 'empathy 101' })).toBe('/learn/empathy%20101');
    expect(stepLink({ kind: 'scenario', target_key: 'refund-call' })).toBe('/practice/refund-call');
    expect(stepLink({ kind: 'practice_task', target_key: null })).toBeNull();
    expect(stepLink({ kind: 'lesson', target_key: null })).toBeNull();
  });
});

describe('path templates', () => {
  const form = (steps: PathBody['steps']): PathBody => ({ title: ' Basics ', description: ' ', steps });

  it('send only the fields each kind takes', () => {
    const lesson = { ...newStep('lesson'), title: ' Read ', target_key: 'e-101', instructions: 'x' };
    const task = { ...newStep('practice_task'), title: 'Do', instructions: ' Use it ', target_key: 'e-101', due_after_days: 4 };
    const session = { ...newStep('coaching_session'), title: 'Review', pass_percent: 50 };
    expect(cleanPath(form([lesson, task, session]))).toEqual({
      title: 'Basics',
      description: '',
      steps: [
        { title: 'Read', kind: 'lesson', target_key: 'e-101', pass_percent: 70, due_after_days: null, instructions: null },
        { title: 'Do', kind: 'practice_task', target_key: null, pass_percent: null, due_after_days: 4, instructions: 'Use it' },
        { title: 'Review', kind: 'coaching_session', target_key: null, pass_percent: null, due_after_days: null, instructions: null },
      ],
    });
  });

  it('are checked before sending', () => {
    expect(validatePath({ title: '', description: '', steps: [] })).toEqual({ title: 'required', steps: 'noSteps' });
    const errors = validatePath(
      form([
        { ...newStep('lesson'), title: 'a', due_after_days: 7 },
        { ...newStep('scenario'), title: '', target_key: 'x', due_after_days: 3, pass_percent: 120 },
        { ...newStep('practice_task'), title: 'c', due_after_days: -1, instructions: 'x' },
        { ...newStep('practice_task'), title: 'd', due_after_days: null },
      ]),
    );
    expect(errors).toEqual({
      'steps.0.target_key': 'chooseTarget',
      'steps.1.title': 'required',
      'steps.1.pass_percent': 'percent',
      'steps.1.due_after_days': 'backwards',
      'steps.2.due_after_days': 'days',
      'steps.3.instructions': 'required',
    });
    const many = form(Array.from({ length: 21 }, () => ({ ...newStep('practice_task'), title: 't', instructions: 'x' })));
    expect(validatePath(many)).toEqual({ steps: 'tooManySteps' });
  });
});

describe('dates for inputs', () => {
  it('round-trip local date-times', () => {
    const date = new Date(2026, 0, 5, 9, 7);
    expect(isoDay(date)).toBe('2026-01-05');
    expect(toLocalInput(date)).toBe('2026-01-05T09:07');
    expect(fromLocalInput('2026-01-05T09:07')).toBe(date.toISOString());
    expect(fromLocalInput('')).toBeNull();
    expect(fromLocalInput('tomorrow')).toBeNull();
  });
});

describe('who is coached', () => {
  const ref = (id: string) => ({ id, display_name: id.toUpperCase() });
  const teams: TeamView[] = [
    { id: 't1', name: 'Madrid', leads: [ref('l1')], agents: [ref('b'), ref('a')] },
    { id: 't2', name: 'Milano', leads: [ref('l2')], agents: [ref('c'), ref('a')] },
  ];

  it('leads coach their teams, admins every team', () => {
    expect(teamsLed({ id: 'l1', roles: ['lead'] }, teams).map((t) => t.id)).toEqual(['t1']);
    expect(teamsLed({ id: 'x', roles: ['admin'] }, teams).map((t) => t.id)).toEqual(['t1', 't2']);
    expect(teamsLed({ id: 'x', roles: ['agent'] }, teams)).toEqual([]);
    expect(teamsLed(null, teams)).toEqual([]);
  });

  it('lists each agent once, by name', () => {
    expect(agentsOf(teams).map((a) => a.id)).toEqual(['a', 'b', 'c']);
  });
});

describe('today with path steps', () => {
  const item = (
    id: string,
    kind: TodayItemView['kind'],
    extra: Partial<TodayItemView> = {},
  ): TodayItemView => ({
    id,
    kind,
    key: id,
    title: id,
    estimate_seconds: 60,
    done: false,
    ...extra,
  });
  const runnable = ['review', 'lesson', 'scenario'];

  it('is finished when activities and practice tasks are done; coaching sessions wait for the lead', () => {
    const task = item('t', 'path_step', { step_kind: 'practice_task' });
    const session = item('s', 'path_step', { step_kind: 'coaching_session' });
    expect(todayFinished([item('l', 'lesson'), session], ['l'], runnable)).toBe(true);
    expect(todayFinished([item('l', 'lesson'), task], ['l'], runnable)).toBe(false);
    expect(todayFinished([item('l', 'lesson'), { ...task, done: true }], ['l'], runnable)).toBe(true);
    expect(todayFinished([item('l', 'lesson')], [], runnable)).toBe(false);
    expect(todayFinished([], [], runnable)).toBe(false);
  });
});

describe('coaching sessions', () => {
  it('say where they stand', () => {
    expect(sessionState({ status: 'scheduled', acknowledged_at: null, disputed: false })).toBe('scheduled');
    expect(sessionState({ status: 'cancelled', acknowledged_at: null, disputed: false })).toBe('cancelled');
    expect(sessionState({ status: 'recorded', acknowledged_at: null, disputed: false })).toBe('awaiting');
    expect(sessionState({ status: 'recorded', acknowledged_at: 'x', disputed: false })).toBe('acknowledged');
    expect(sessionState({ status: 'recorded', acknowledged_at: 'x', disputed: true })).toBe('disputed');
    const now = Date.parse('2026-12-03T12:00:00Z');
    const at = (iso: string) => ({ status: 'scheduled' as const, acknowledged_at: null, disputed: false, scheduled_at: iso });
    expect(sessionState(at('2026-12-02T11:00:00Z'), now)).toBe('missed');
    expect(sessionState(at('2026-12-02T13:00:00Z'), now)).toBe('scheduled');
    expect(sessionState(at('2026-12-04T09:00:00Z'), now)).toBe('scheduled');
  });
});

describe('localized texts', () => {
  it('pick the UI language, then Spanish, then any', () => {
    expect(localized({ es: 'Empatía', en: 'Empathy' }, 'en')).toBe('Empathy');
    expect(localized({ es: 'Empatía', it: 'Empatia' }, 'en')).toBe('Empatía');
    expect(localized({ it: 'Empatia' }, 'en')).toBe('Empatia');
    expect(localized('plain', 'en')).toBe('plain');
    expect(localized(null, 'en')).toBe('');
  });
});

describe('scorecards', () => {
  it('trims what is sent', () => {
    expect(cleanScorecard({ title: '  Llamada  ', items: [{ competency_key: 'empathy', indicator: ' Nombra ' }] })).toEqual({
      title: 'Llamada',
      items: [{ competency_key: 'empathy', indicator: 'Nombra' }],
    });
  });

  it('says what is missing, under the server’s field names', () => {
    expect(validateScorecard({ title: ' ', items: [] })).toEqual({ title: 'required', items: 'noItems' });
    expect(validateScorecard({ title: 'T', items: [{ competency_key: '', indicator: ' ' }] })).toEqual({
      'items[0].competency_key': 'chooseCompetency',
      'items[0].indicator': 'required',
    });
    expect(validateScorecard({ title: 'x'.repeat(201), items: [{ competency_key: 'e', indicator: 'y'.repeat(301) }] })).toEqual({
      title: 'tooLong',
      'items[0].indicator': 'tooLong',
    });
    const many = Array.from({ length: 31 }, () => ({ competency_key: 'e', indicator: 'i' }));
    expect(validateScorecard({ title: 'T', items: many })).toEqual({ items: 'tooManyItems' });
    expect(validateScorecard({ title: 'T', items: [{ competency_key: 'e', indicator: 'i' }] })).toEqual({});
  });
});

describe('assignment history', () => {
  it('reads each kind’s detail', () => {
    expect(historyDetail({ kind: 'assigned', detail: '' })).toBeNull();
    expect(historyDetail({ kind: 'assigned', detail: 'team_rule' })?.key).toBe('coaching.history.detail.joinedTeam');
    expect(historyDetail({ kind: 'assigned', detail: 'coaching_session' })?.key).toBe('coaching.history.detail.fromSession');
    expect(historyDetail({ kind: 'assigned', detail: 'Lucía' })).toEqual({ key: 'coaching.history.detail.from', values: { name: 'Lucía' } });
    expect(historyDetail({ kind: 'extended', detail: '2027-01-10' })).toEqual({
      key: 'coaching.history.detail.extended',
      values: { date: '2027-01-10T12:00:00' },
    });
    expect(historyDetail({ kind: 'extended', detail: 'Paso: uno: 2027-01-10' })).toEqual({
      key: 'coaching.history.detail.extendedStep',
      values: { step: 'Paso: uno', date: '2027-01-10T12:00:00' },
    });
    expect(historyDetail({ kind: 'reassigned', detail: 'Ana' })).toEqual({ key: 'coaching.history.detail.to', values: { name: 'Ana' } });
    expect(historyDetail({ kind: 'cancelled', detail: '' })).toBeNull();
    expect(historyDetail({ kind: 'cancelled', detail: 'Cambió de puesto' })?.values).toEqual({ reason: 'Cambió de puesto' });
    expect(historyDetail({ kind: 'step_completed', detail: 'Leer' })?.values).toEqual({ step: 'Leer' });
    expect(historyDetail({ kind: 'completed', detail: '' })).toBeNull();
    const why = 'Empatía: valorado 1/4 en la sesión de coaching del 2026-12-03; el umbral de la organización es 2';
    expect(historyDetail({ kind: 'low_score', detail: why })).toEqual({ key: 'coaching.history.detail.text', values: { text: why } });
    expect(knownHistoryKind('low_score')).toBe('low_score');
  });

  it('knows the kinds it has words for', () => {
    expect(knownHistoryKind('extended')).toBe('extended');
    expect(knownHistoryKind('paused')).toBeNull();
  });
});
