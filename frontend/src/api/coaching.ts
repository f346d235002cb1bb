// Coaching paths, coaching sessions and the lead dashboard (docs/coaching.md). The shapes are
// written by hand from the contract so the screens do not wait for the generated schema.
import { api } from '../lib/session';
import type { components } from './schema';
import type { TodayItemView } from './today';

const id = (value: string) => encodeURIComponent(value);

export interface PersonRef {
  id: string;
  display_name: string;
}

export type StepKind = 'lesson' | 'scenario' | 'coaching_session' | 'practice_task';
export const STEP_KINDS: readonly StepKind[] = ['lesson', 'scenario', 'practice_task', 'coaching_session'];

/** A step of a path template, as sent and as read back. */
export interface PathStepBody {
  title: string;
  kind: StepKind;
  target_key?: string | null;
  pass_percent?: number | null;
  due_after_days?: number | null;
  instructions?: string | null;
}

export interface PathTemplateBody {
  title: string;
  description: string;
  steps: PathStepBody[];
}

export interface PathTemplateView extends PathTemplateBody {
  id: string;
  created_by: PersonRef;
  updated_at: string;
  archived: boolean;
  active_assignments: number;
}

export interface AssignBody {
  template_id: string;
  team_id?: string | null;
  agent_ids: string[];
  include_later_joiners: boolean;
  due_on?: string | null;
}

export type AssignmentStatus = components['schemas']['AssignmentStatusView'];

export interface AssignmentStepView {
  id: string;
  position: number;
  title: string;
  kind: StepKind;
  target_key: string | null;
  pass_percent: number | null;
  instructions: string | null;
  due_at: string | null;
  completed_at: string | null;
  score: number | null;
  note: string | null;
  overdue: boolean;
}

export interface AssignmentView {
  id: string;
  title: string;
  template_id: string | null;
  session_id: string | null;
  agent: PersonRef;
  team_id: string | null;
  assigned_by: PersonRef;
  assigned_at: string;
  status: AssignmentStatus;
  due_at: string | null;
  completed_steps: number;
  total_steps: number;
  overdue: boolean;
  steps: AssignmentStepView[];
}

export interface AssignResult {
  assigned: number;
  skipped: number;
  assignments: AssignmentView[];
}

export interface AssignmentEvent {
  at: string;
  actor: PersonRef | null;
  kind: 'assigned' | 'step_completed' | 'extended' | 'reassigned' | 'cancelled' | 'completed';
  detail: string | null;
}

export interface AssignmentDetail extends AssignmentView {
  history: AssignmentEvent[];
}

export interface AssignmentFilter {
  team_id?: string;
  agent_id?: string;
  status?: AssignmentStatus | '';
}

export interface TeamRule {
  id: string;
  team_id: string;
  template_id: string;
  title: string;
  created_at: string;
}

export interface CoachingSettings {
  quiet_hours_start: string | null;
  quiet_hours_end: string | null;
  reminder_notice_hours: number;
  idle_days: number;
  /** Only certified people sign off coaching ratings and assess teach-backs (issue #8). Left out: unchanged. */
  enforce_certified_coaching?: boolean | null;
}

export interface ScorecardItem {
  competency_key: string;
  indicator: string;
}

export interface ScorecardView {
  id: string;
  title: string;
  items: ScorecardItem[];
}

export type Observation = 'live' | 'recorded';
export type SessionStatus = components['schemas']['SessionStatusView'];

export interface RatingBody {
  competency_key: string;
  indicator: string;
  /** 1–4, or null for N/A. */
  rating: number | null;
  note: string | null;
}

export interface RatingView extends RatingBody {
  competency_name: string;
}

export interface ActionView {
  text: string;
  due_at: string | null;
  done: boolean;
}

export interface SessionView {
  id: string;
  agent: PersonRef;
  lead: PersonRef;
  status: SessionStatus;
  scheduled_at: string | null;
  held_at: string | null;
  observation: Observation | null;
  call_reference: string | null;
  scorecard_id: string | null;
  scorecard_title: string | null;
  ratings: RatingView[];
  notes: string | null;
  actions: ActionView[];
  actions_assignment_id: string | null;
  acknowledged_at: string | null;
  agent_comment: string | null;
  disputed: boolean;
}

/** A session in the dashboard's list (docs/coaching.md names it only; fields as the server sends them). */
export interface SessionSummary {
  id: string;
  agent: PersonRef;
  lead: PersonRef;
  status: SessionStatus;
  scheduled_at: string | null;
  held_at: string | null;
  acknowledged: boolean;
  disputed: boolean;
}

export interface ScheduleBody {
  agent_id: string;
  scheduled_at: string;
  scorecard_id: string | null;
  call_reference: string | null;
}

export interface RecordBody {
  observation: Observation;
  call_reference: string | null;
  held_at: string | null;
  ratings: RatingBody[];
  notes: string;
  actions: { text: string; due_on: string | null }[];
}

export type BehindReason = 'overdue_steps' | 'missed_session' | 'no_session';

export interface DashboardAgent {
  agent: PersonRef;
  minutes_this_week: number;
  open_steps: number;
  overdue_steps: number;
  completed_steps: number;
  missed_sessions: number;
  last_session_at: string | null;
  days_since_session: number | null;
  behind: boolean;
  reasons: BehindReason[];
  improved: boolean;
  levels: Record<string, number | null>;
}

/** The contract says `{id, name}`; the server sends `{id, display_name}` (a PersonRef): both are read. */
export interface TeamName {
  id: string;
  name?: string;
  display_name?: string;
}
export const teamName = (team: TeamName) => team.name ?? team.display_name ?? '';

export interface DashboardView {
  team: TeamName;
  idle_days: number;
  competencies: { key: string; name: string }[];
  agents: DashboardAgent[];
  recent_sessions: SessionSummary[];
  totals: { agents: number; behind: number; minutes_this_week: number; completed_steps_this_week: number };
}

/** One agent's proficiency in the drill-down (assumed: the contract names the fields only in prose). */
export interface AgentProficiency {
  competency: string;
  name: string;
  level: number | null;
  confidence: number;
}

/** One agent: their dashboard row (flattened in), proficiency, paths and sessions. */
export interface AgentDetail extends Partial<Omit<DashboardAgent, 'agent'>> {
  agent: PersonRef;
  proficiency: AgentProficiency[];
  assignments: AssignmentView[];
  sessions: SessionView[];
}

/** What today's items carry when they come from a coaching path. */
export interface PathFields {
  path_step_id?: string | null;
  path_title?: string | null;
  /** For `kind: "path_step"`: `practice_task` or `coaching_session`. */
  step_kind?: string | null;
  /** For `kind: "path_step"`: the instructions. */
  detail?: string | null;
}
export type TodayItem = TodayItemView & PathFields;

// Path templates.
export const listPaths = () => api<PathTemplateView[]>('GET', '/api/v1/coaching/paths');
export const getPath = (pathId: string) => api<PathTemplateView>('GET', `/api/v1/coaching/paths/${id(pathId)}`);
export const createPath = (body: PathTemplateBody) => api<PathTemplateView>('POST', '/api/v1/coaching/paths', { body });
export const updatePath = (pathId: string, body: PathTemplateBody) =>
  api<PathTemplateView>('PUT', `/api/v1/coaching/paths/${id(pathId)}`, { body });
export const archivePath = (pathId: string) => api<void>('DELETE', `/api/v1/coaching/paths/${id(pathId)}`);

// Assignments.
export const assignPath = (body: AssignBody) => api<AssignResult>('POST', '/api/v1/coaching/assignments', { body });
export const listAssignments = (filter: AssignmentFilter = {}) =>
  api<AssignmentView[]>('GET', '/api/v1/coaching/assignments', { query: { ...filter } });
export const getAssignment = (assignmentId: string) =>
  api<AssignmentDetail>('GET', `/api/v1/coaching/assignments/${id(assignmentId)}`);
export const extendAssignment = (assignmentId: string, dueOn: string, stepId: string | null = null) =>
  api<AssignmentView>('POST', `/api/v1/coaching/assignments/${id(assignmentId)}/extend`, {
    body: { due_on: dueOn, step_id: stepId },
  });
export const cancelAssignment = (assignmentId: string, reason: string) =>
  api<AssignmentView>('POST', `/api/v1/coaching/assignments/${id(assignmentId)}/cancel`, { body: { reason } });
export const reassignAssignment = (assignmentId: string, agentId: string) =>
  api<AssignmentView>('POST', `/api/v1/coaching/assignments/${id(assignmentId)}/reassign`, { body: { agent_id: agentId } });
export const listTeamRules = (teamId: string) =>
  api<TeamRule[]>('GET', '/api/v1/coaching/team-rules', { query: { team_id: teamId } });
export const deleteTeamRule = (ruleId: string) => api<void>('DELETE', `/api/v1/coaching/team-rules/${id(ruleId)}`);

// The agent's side.
export const myPaths = () => api<AssignmentView[]>('GET', '/api/v1/me/paths');
export const markStepDone = (stepId: string, note: string | null) =>
  api<AssignmentView>('POST', `/api/v1/me/paths/steps/${id(stepId)}/done`, { body: { note } });
export const mySessions = () => api<SessionView[]>('GET', '/api/v1/me/coaching-sessions');
export const acknowledgeSession = (sessionId: string, comment: string | null, dispute: boolean) =>
  api<SessionView>('POST', `/api/v1/me/coaching-sessions/${id(sessionId)}/acknowledge`, { body: { comment, dispute } });

// Settings.
export const getCoachingSettings = () => api<CoachingSettings>('GET', '/api/v1/organisation/coaching-settings');
export const putCoachingSettings = (body: CoachingSettings) =>
  api<CoachingSettings>('PUT', '/api/v1/organisation/coaching-settings', { body });

// Coaching sessions.
export const listScorecards = () => api<ScorecardView[]>('GET', '/api/v1/coaching/scorecards');
export const createScorecard = (body: { title: string; items: ScorecardItem[] }) =>
  api<ScorecardView>('POST', '/api/v1/coaching/scorecards', { body });
export const scheduleSession = (body: ScheduleBody) => api<SessionView>('POST', '/api/v1/coaching/sessions', { body });
export const recordSession = (sessionId: string, body: RecordBody) =>
  api<SessionView>('POST', `/api/v1/coaching/sessions/${id(sessionId)}/record`, { body });
export const cancelSession = (sessionId: string) =>
  api<SessionView>('POST', `/api/v1/coaching/sessions/${id(sessionId)}/cancel`, { body: {} });
export const listSessions = (filter: { team_id?: string; agent_id?: string } = {}) =>
  api<SessionView[]>('GET', '/api/v1/coaching/sessions', { query: { ...filter } });
export const getSession = (sessionId: string) => api<SessionView>('GET', `/api/v1/coaching/sessions/${id(sessionId)}`);

// The lead dashboard.
export const getDashboard = (teamId: string) => api<DashboardView>('GET', `/api/v1/teams/${id(teamId)}/dashboard`);
/** The dashboard as CSV text (one row per agent). */
export const getDashboardCsv = (teamId: string) =>
  api<string>('GET', `/api/v1/teams/${id(teamId)}/dashboard.csv`, { as: 'text' });
export const getAgentDetail = (teamId: string, userId: string) =>
  api<AgentDetail>('GET', `/api/v1/teams/${id(teamId)}/agents/${id(userId)}`);
