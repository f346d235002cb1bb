// Coaching paths, coaching sessions and the lead dashboard (docs/coaching.md). The shapes are
// the generated schemas (./schema.d.ts, from `npm run gen:api`).
import { api } from '../lib/session';
import { call } from './client';
import type { components, operations } from './schema';

type Schemas = components['schemas'];
export type PersonRef = Schemas['PersonRef'];

/** A step of a path template, as sent and as read back. */
export type StepBody = Schemas['StepBody'];
export type PathBody = Schemas['PathBody'];
export type PathTemplateView = Schemas['PathTemplateView'];
/** A programme's words in one language, and its languages for its editors. */
export type WordsBody = Schemas['WordsBody'];
export type LanguagesView = Schemas['LanguagesView'];
type Locale = Schemas['LocaleView'];

/** What a step asks for; the editor offers the kinds in this order. */
export type StepKind = Schemas['StepKindView'];
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
export type QaLoopSettings = Schemas['QaLoopSettings'];

export type ScorecardItemBody = Schemas['ScorecardItemBody'];
export type ScorecardBody = Schemas['ScorecardBody'];
export type ScorecardView = Schemas['ScorecardView'];

/** How a session was observed. */
export type Observation = Schemas['ObservationView'];
export type SessionStatus = Schemas['SessionStatusView'];
export type RatingBody = Schemas['RatingBody'];
export type RatingView = Schemas['RatingView'];
export type AgreedActionView = Schemas['AgreedActionView'];
export type CoachingSessionView = Schemas['CoachingSessionView'];
/** A session in the dashboard's list. */
export type SessionSummary = Schemas['SessionSummary'];
export type ScheduleBody = Schemas['ScheduleBody'];
export type RecordBody = Schemas['RecordBody'];

/** Why an agent is behind. */
export type BehindReason = Schemas['BehindReasonView'];
export type AgentRow = Schemas['AgentRow'];
export type TeamDashboard = Schemas['TeamDashboard'];
export type AgentProficiency = Schemas['AgentProficiency'];
/** One agent: their dashboard row, proficiency, paths and sessions. */
export type AgentDetail = Schemas['AgentDetail'];

// Path templates.
const path = (pathId: string) => ({ params: { path: { path_id: pathId } } });
export const listPaths = () => call(api.GET('/api/v1/coaching/paths'));
export const getPath = (pathId: string) => call(api.GET('/api/v1/coaching/paths/{path_id}', path(pathId)));
export const createPath = (body: PathBody) => call(api.POST('/api/v1/coaching/paths', { body }));
export const updatePath = (pathId: string, body: PathBody) =>
  call(api.PUT('/api/v1/coaching/paths/{path_id}', { ...path(pathId), body }));
export const archivePath = (pathId: string) => call(api.DELETE('/api/v1/coaching/paths/{path_id}', path(pathId)));
/** Writes a path template in another language (one entry per step of its source). */
export const translatePath = (pathId: string, locale: Locale, body: WordsBody) =>
  call(api.PUT('/api/v1/coaching/paths/{path_id}/texts/{locale}', { params: { path: { path_id: pathId, locale } }, body }));

// Assignments.
const assignment = (assignmentId: string) => ({ params: { path: { assignment_id: assignmentId } } });
export const assignPath = (body: AssignBody) => call(api.POST('/api/v1/coaching/assignments', { body }));
export const listAssignments = (filter: AssignmentFilter = {}) =>
  call(api.GET('/api/v1/coaching/assignments', { params: { query: filter } }));
export const getAssignment = (assignmentId: string) =>
  call(api.GET('/api/v1/coaching/assignments/{assignment_id}', assignment(assignmentId)));
export const extendAssignment = (assignmentId: string, dueOn: string, stepId: string | null = null) =>
  call(
    api.POST('/api/v1/coaching/assignments/{assignment_id}/extend', {
      ...assignment(assignmentId),
      body: { due_on: dueOn, step_id: stepId },
    }),
  );
export const cancelAssignment = (assignmentId: string, reason: string) =>
  call(api.POST('/api/v1/coaching/assignments/{assignment_id}/cancel', { ...assignment(assignmentId), body: { reason } }));
export const reassignAssignment = (assignmentId: string, agentId: string) =>
  call(
    api.POST('/api/v1/coaching/assignments/{assignment_id}/reassign', {
      ...assignment(assignmentId),
      body: { agent_id: agentId },
    }),
  );
export const listTeamRules = (teamId: string) =>
  call(api.GET('/api/v1/coaching/team-rules', { params: { query: { team_id: teamId } } }));
export const deleteTeamRule = (ruleId: string) =>
  call(api.DELETE('/api/v1/coaching/team-rules/{rule_id}', { params: { path: { rule_id: ruleId } } }));

// The agent's side.
export const myPaths = () => call(api.GET('/api/v1/me/paths'));
export const markStepDone = (stepId: string, note: string | null) =>
  call(api.POST('/api/v1/me/paths/steps/{step_id}/done', { params: { path: { step_id: stepId } }, body: { note } }));
export const mySessions = () => call(api.GET('/api/v1/me/coaching-sessions'));
export const acknowledgeSession = (sessionId: string, comment: string | null, dispute: boolean) =>
  call(
    api.POST('/api/v1/me/coaching-sessions/{coaching_session_id}/acknowledge', {
      params: { path: { coaching_session_id: sessionId } },
      body: { comment, dispute },
    }),
  );

// Settings.
export const getCoachingSettings = () => call(api.GET('/api/v1/organisation/coaching-settings'));
export const putCoachingSettings = (body: CoachingSettings) =>
  call(api.PUT('/api/v1/organisation/coaching-settings', { body }));
export const getQaLoop = () => call(api.GET('/api/v1/organisation/qa-loop'));
export const putQaLoop = (body: QaLoopSettings) => call(api.PUT('/api/v1/organisation/qa-loop', { body }));

// Coaching sessions.
const session = (sessionId: string) => ({ params: { path: { coaching_session_id: sessionId } } });
export const listScorecards = () => call(api.GET('/api/v1/coaching/scorecards'));
export const createScorecard = (body: ScorecardBody) => call(api.POST('/api/v1/coaching/scorecards', { body }));
/** Writes a scorecard in another language: its title and one text per indicator. */
export const translateScorecard = (scorecardId: string, locale: Locale, body: WordsBody) =>
  call(api.PUT('/api/v1/coaching/scorecards/{scorecard_id}/texts/{locale}', { params: { path: { scorecard_id: scorecardId, locale } }, body }));
export const scheduleSession = (body: ScheduleBody) => call(api.POST('/api/v1/coaching/sessions', { body }));
export const recordSession = (sessionId: string, body: RecordBody) =>
  call(api.POST('/api/v1/coaching/sessions/{coaching_session_id}/record', { ...session(sessionId), body }));
export const cancelSession = (sessionId: string) =>
  call(api.POST('/api/v1/coaching/sessions/{coaching_session_id}/cancel', session(sessionId)));
export const listSessions = (filter: { team_id?: string; agent_id?: string } = {}) =>
  call(api.GET('/api/v1/coaching/sessions', { params: { query: filter } }));
export const getSession = (sessionId: string) =>
  call(api.GET('/api/v1/coaching/sessions/{coaching_session_id}', session(sessionId)));

// The lead dashboard.
const team = (teamId: string) => ({ params: { path: { team_id: teamId } } });
export const getDashboard = (teamId: string) => call(api.GET('/api/v1/teams/{team_id}/dashboard', team(teamId)));
/** The dashboard as CSV text (one row per agent), its column names and values in `locale`. */
export const getDashboardCsv = (teamId: string, locale: Schemas['LocaleView']) =>
  call(
    api.GET('/api/v1/teams/{team_id}/dashboard.csv', {
      params: { path: { team_id: teamId }, query: { locale } },
      parseAs: 'text',
    }),
  );
export const getAgentDetail = (teamId: string, userId: string) =>
  call(api.GET('/api/v1/teams/{team_id}/agents/{user_id}', { params: { path: { team_id: teamId, user_id: userId } } }));
