// Role-play scenarios: playing them (every role), authoring them (trainers and admins) and
// the authority limits they are played with.
import { api } from '../lib/session';
import { call } from './client';
import type { components } from './schema';

type Schemas = components['schemas'];

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

export const listPractice = () => call(api.GET('/api/v1/play/scenarios'));
const run = (runId: string) => ({ params: { path: { run_id: runId } } });
export const startRun = (runId: string, versionId: string) =>
  call(api.POST('/api/v1/play/runs', { body: { id: runId, scenario_version_id: versionId } }));
export const getRun = (runId: string) => call(api.GET('/api/v1/play/runs/{run_id}', run(runId)));
export const chooseReply = (runId: string, replyId: string, position: number, choice: string) =>
  call(api.POST('/api/v1/play/runs/{run_id}/choices', { ...run(runId), body: { id: replyId, position, choice } }));

const version = (versionId: string) => ({ params: { path: { scenario_version_id: versionId } } });
export const listScenarios = () => call(api.GET('/api/v1/scenarios'));
/** Starts a translation: the version copied as the scenario's draft in `locale`. */
export const translateScenario = (versionId: string, locale: 'es' | 'en' | 'it') =>
  call(
    api.POST('/api/v1/scenario-versions/{scenario_version_id}/translate', {
      params: { path: { scenario_version_id: versionId } },
      body: { locale },
    }),
  );
export const importScenario = (body: ImportScenario) => call(api.POST('/api/v1/scenarios/import', { body }));
export const getScenario = (versionId: string) =>
  call(api.GET('/api/v1/scenario-versions/{scenario_version_id}', version(versionId)));
export const saveScenario = (versionId: string, scenario: ScenarioFile) =>
  call(api.PUT('/api/v1/scenario-versions/{scenario_version_id}', { ...version(versionId), body: scenario }));
export const publishScenario = (versionId: string) =>
  call(api.POST('/api/v1/scenario-versions/{scenario_version_id}/publish', version(versionId)));
export const archiveScenario = (versionId: string) =>
  call(api.POST('/api/v1/scenario-versions/{scenario_version_id}/archive', version(versionId)));
/** The scenario file as text, to download as it is. */
export const exportScenario = (versionId: string) =>
  call(api.GET('/api/v1/scenario-versions/{scenario_version_id}/export', { ...version(versionId), parseAs: 'text' }));
export const scenarioAnalytics = (key: string) =>
  call(api.GET('/api/v1/scenarios/{scenario_key}/analytics', { params: { path: { scenario_key: key } } }));

const decision = (key: string) => ({ params: { path: { decision_key: key } } });
export const getAuthorityLimits = () => call(api.GET('/api/v1/authority-limits'));
export const putDecision = (key: string, body: DecisionBody) =>
  call(api.PUT('/api/v1/authority-limits/{decision_key}', { ...decision(key), body }));
export const deleteDecision = (key: string) => call(api.DELETE('/api/v1/authority-limits/{decision_key}', decision(key)));
export const setCurrency = (currency: string) => call(api.PATCH('/api/v1/authority-limits', { body: { currency } }));
