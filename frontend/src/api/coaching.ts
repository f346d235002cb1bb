// Coaching paths, coaching sessions and the lead dashboard (docs/coaching.md). The shapes are
// the generated schemas (./schema.d.ts, from `npm run gen:api`).
import { api } from '../lib/session';
import type { components, operations } from './schema';

type Schemas = components['schemas'];
const id = (value: string) => encodeURIComponent(value);

export type PersonRef = Schemas['PersonRef'];

/** A step of a path template, as sent and as read back. */
export type StepBody = Schemas['StepBody'];
export type PathBody = Schemas['PathBody'];
export type PathTemplateView = Schemas['PathTemplateView'];

/**
 * What a step asks for. The contract still sends it as a string (StepBody.kind); these are
 * the values it documents, in the order the editor offers them.
 */
export type StepKind = 'lesson' | 'scenario' | 'coaching_session' | 'practice_task';
export const STEP_KINDS: readonly StepKind[] = ['lesson', 'scenario', 'practice_task', 'coaching_session'];

export type AssignBody = Schemas['AssignBody'];
export type Assigned = Schemas['Assigned'];
export type AssignmentStatus = Schemas['AssignmentStatusView'];
export type AssignmentStepView = Schemas['AssignmentStepView'];
export type AssignmentView = Schemas['AssignmentView'];
export type AssignmentDetail = Schemas['AssignmentDetail'];
export type HistoryEntry = Schemas['HistoryEntry'];
export type AssignmentFilter = NonNullable<operations['get_coaching_assignments']['parameters']['query']>;
export type RuleView = Schemas['RuleView'];

export type CoachingSettings = Schemas['CoachingSettings'];

export type ScorecardItemBody = Schemas['ScorecardItemBody'];
export type ScorecardBody = Schemas['ScorecardBody'];
export type ScorecardView = Schemas['ScorecardView'];

/** How a session was observed: the contract's string (RecordBody.observation) takes these. */
export type Observation = 'live' | 'recorded';
export type SessionStatus = Schemas['SessionStatusView'];
export type RatingBody = Schemas['RatingBody'];
export type RatingView = Schemas['RatingView'];
export type AgreedActionView = Schemas['AgreedActionView'];
export type CoachingSessionView = Schemas['CoachingSessionView'];
/** A session in the dashboard's list. */
export type SessionSummary = Schemas['SessionSummary'];
export type ScheduleBody = Schemas['ScheduleBody'];
export type RecordBody = Schemas['RecordBody'];

/** Why an agent is behind: the values the contract documents for AgentRow.reasons. */
export type BehindReason = 'overdue_steps' | 'missed_session' | 'no_session';
export type AgentRow = Schemas['AgentRow'];
export type TeamDashboard = Schemas['TeamDashboard'];
export type AgentProficiency = Schemas['AgentProficiency'];
/** One agent: their dashboard row, proficiency, paths and sessions. */
export type AgentDetail = Schemas['AgentDetail'];

// Path templates.
export const listPaths = () => api<PathTemplateView[]>('GET', '/api/v1/coaching/paths');
export const getPath = (pathId: string) => api<PathTemplateView>('GET', `/api/v1/coaching/paths/${id(pathId)}`);
export const createPath = (body: PathBody) => api<PathTemplateView>('POST', '/api/v1/coaching/paths', { body });
export const updatePath = (pathId: string, body: PathBody) =>
  api<PathTemplateView>('PUT', `/api/v1/coaching/paths/${id(pathId)}`, { body });
export const archivePath = (pathId: string) => api<void>('DELETE', `/api/v1/coaching/paths/${id(pathId)}`);

// Assignments.
export const assignPath = (body: AssignBody) => api<Assigned>('POST', '/api/v1/coaching/assignments', { body });
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
  api<RuleView[]>('GET', '/api/v1/coaching/team-rules', { query: { team_id: teamId } });
export const deleteTeamRule = (ruleId: string) => api<void>('DELETE', `/api/v1/coaching/team-rules/${id(ruleId)}`);

// The agent's side.
export const myPaths = () => api<AssignmentView[]>('GET', '/api/v1/me/paths');
export const markStepDone = (stepId: string, note: string | null) =>
  api<AssignmentView>('POST', `/api/v1/me/paths/steps/${id(stepId)}/done`, { body: { note } });
export const mySessions = () => api<CoachingSessionView[]>('GET', '/api/v1/me/coaching-sessions');
export const acknowledgeSession = (sessionId: string, comment: string | null, dispute: boolean) =>
  api<CoachingSessionView>('POST', `/api/v1/me/coaching-sessions/${id(sessionId)}/acknowledge`, { body: { comment, dispute } });

// Settings.
export const getCoachingSettings = () => api<CoachingSettings>('GET', '/api/v1/organisation/coaching-settings');
export const putCoachingSettings = (body: CoachingSettings) =>
  api<CoachingSettings>('PUT', '/api/v1/organisation/coaching-settings', { body });

// Coaching sessions.
export const listScorecards = () => api<ScorecardView[]>('GET', '/api/v1/coaching/scorecards');
export const createScorecard = (body: ScorecardBody) =>
  api<ScorecardView>('POST', '/api/v1/coaching/scorecards', { body });
export const scheduleSession = (body: ScheduleBody) => api<CoachingSessionView>('POST', '/api/v1/coaching/sessions', { body });
export const recordSession = (sessionId: string, body: RecordBody) =>
  api<CoachingSessionView>('POST', `/api/v1/coaching/sessions/${id(sessionId)}/record`, { body });
export const cancelSession = (sessionId: string) =>
  api<CoachingSessionView>('POST', `/api/v1/coaching/sessions/${id(sessionId)}/cancel`, { body: {} });
export const listSessions = (filter: { team_id?: string; agent_id?: string } = {}) =>
  api<CoachingSessionView[]>('GET', '/api/v1/coaching/sessions', { query: { ...filter } });
export const getSession = (sessionId: string) => api<CoachingSessionView>('GET', `/api/v1/coaching/sessions/${id(sessionId)}`);

// The lead dashboard.
export const getDashboard = (teamId: string) => api<TeamDashboard>('GET', `/api/v1/teams/${id(teamId)}/dashboard`);
/** The dashboard as CSV text (one row per agent). */
export const getDashboardCsv = (teamId: string) =>
  api<string>('GET', `/api/v1/teams/${id(teamId)}/dashboard.csv`, { as: 'text' });
export const getAgentDetail = (teamId: string, userId: string) =>
  api<AgentDetail>('GET', `/api/v1/teams/${id(teamId)}/agents/${id(userId)}`);
