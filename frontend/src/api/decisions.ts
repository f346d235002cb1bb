// Decisions on real contacts: logging one against the authority limits, the lead's answer,
// recognitions, a coaching session instead of blame, and the empowerment report
// (docs/empowerment.md). The shapes are the generated schemas (./schema.d.ts).
import { api } from '../lib/session';
import { call } from './client';
import type { components } from './schema';

type Schemas = components['schemas'];

export type DecisionView = Schemas['ContactDecisionView'];
export type DecisionStatus = Schemas['DecisionStatusView'];
export type LogBody = Schemas['DecisionLogBody'];
export type EmpowermentReport = Schemas['EmpowermentReport'];

const decision = (id: string) => ({ params: { path: { decision_id: id } } });

export const logDecision = (body: LogBody) => call(api.POST('/api/v1/decisions', { body }));
export const myDecisions = () => call(api.GET('/api/v1/decisions/mine'));
export const approvals = () => call(api.GET('/api/v1/decisions/approvals'));
/** A team's feed (all the caller's teams without one); only recognised ones when asked. */
export const teamFeed = (teamId: string | null, recognised = false) =>
  call(api.GET('/api/v1/decisions/feed', { params: { query: { ...(teamId ? { team_id: teamId } : {}), recognised } } }));
export const answerDecision = (id: string, approve: boolean, reason: string | null) =>
  call(api.POST('/api/v1/decisions/{decision_id}/answer', { ...decision(id), body: { approve, reason } }));
export const recogniseDecision = (id: string, note: string) =>
  call(api.POST('/api/v1/decisions/{decision_id}/recognitions', { ...decision(id), body: { note } }));
export const talkInCoaching = (id: string) => call(api.POST('/api/v1/decisions/{decision_id}/coaching', decision(id)));
export const empowermentReport = (query: { team?: string; from?: string; to?: string }) =>
  call(api.GET('/api/v1/empowerment/report', { params: { query } }));
