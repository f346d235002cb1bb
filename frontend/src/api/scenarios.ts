// Role-play scenarios: playing them (every role), authoring them (trainers and admins) and
// the authority limits they are played with.
import { api } from '../lib/session';
import type { components } from './schema';

type Schemas = components['schemas'];
const id = (value: string) => encodeURIComponent(value);

export type ScenarioSummary = Schemas['ScenarioSummary'];
export type RunView = Schemas['RunView'];
export type DebriefView = Schemas['DebriefView'];
export type StepReviewView = Schemas['StepReviewView'];
export type ScenarioVersionView = Schemas['ScenarioVersionView'];
export type ScenarioDetail = Schemas['ScenarioDetail'];
export type ScenarioFile = Schemas['ScenarioFile'];
export type NodeFile = Schemas['NodeFile'];
export type ChoiceFile = Schemas['ChoiceFile'];
export type IssueView = Schemas['IssueView'];
export type ScenarioAnalytics = Schemas['ScenarioAnalytics'];
export type AuthorityLimits = Schemas['AuthorityLimits'];
export type DecisionView = Schemas['DecisionView'];
export type DecisionBody = Schemas['DecisionBody'];
export type ImportScenario = Schemas['ImportScenario'];

export const listPractice = () => api<ScenarioSummary[]>('GET', '/api/v1/play/scenarios');
export const startRun = (runId: string, versionId: string) =>
  api<RunView>('POST', '/api/v1/play/runs', { body: { id: runId, scenario_version_id: versionId } });
export const getRun = (runId: string) => api<RunView>('GET', `/api/v1/play/runs/${id(runId)}`);
export const chooseReply = (runId: string, replyId: string, position: number, choice: string) =>
  api<RunView>('POST', `/api/v1/play/runs/${id(runId)}/choices`, { body: { id: replyId, position, choice } });

export const listScenarios = () => api<ScenarioVersionView[]>('GET', '/api/v1/scenarios');
export const importScenario = (body: ImportScenario) =>
  api<ScenarioVersionView>('POST', '/api/v1/scenarios/import', { body });
export const getScenario = (versionId: string) => api<ScenarioDetail>('GET', `/api/v1/scenario-versions/${id(versionId)}`);
export const saveScenario = (versionId: string, scenario: ScenarioFile) =>
  api<ScenarioDetail>('PUT', `/api/v1/scenario-versions/${id(versionId)}`, { body: scenario });
export const publishScenario = (versionId: string) =>
  api<ScenarioVersionView>('POST', `/api/v1/scenario-versions/${id(versionId)}/publish`, { body: {} });
export const archiveScenario = (versionId: string) =>
  api<ScenarioVersionView>('POST', `/api/v1/scenario-versions/${id(versionId)}/archive`, { body: {} });
export const exportScenario = (versionId: string) =>
  api<string>('GET', `/api/v1/scenario-versions/${id(versionId)}/export`, { as: 'text' });
export const scenarioAnalytics = (key: string) => api<ScenarioAnalytics>('GET', `/api/v1/scenarios/${id(key)}/analytics`);

export const getAuthorityLimits = () => api<AuthorityLimits>('GET', '/api/v1/authority-limits');
export const putDecision = (
  key: string,
  body: DecisionBody,
) =>
  api<DecisionView>('PUT', `/api/v1/authority-limits/${id(key)}`, { body });
export const deleteDecision = (key: string) => api<void>('DELETE', `/api/v1/authority-limits/${id(key)}`);
export const setCurrency = (currency: string) => api<AuthorityLimits>('PATCH', '/api/v1/authority-limits', { body: { currency } });
