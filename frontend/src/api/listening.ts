// Procedures that listen and the monthly pulse (docs/listening.md): an agent flags a rule
// that stopped them helping a customer and reads the answers; trainers and admins answer
// once, leads read their teams'. The pulse: three statements a month, anonymous, shown per
// team only with enough answers.
import { api } from '../lib/session';
import { call } from './client';
import type { components } from './schema';

type Schemas = components['schemas'];

export type SuggestionView = Schemas['SuggestionView'];
export type SuggestionBody = Schemas['SuggestionBody'];
export type InboxView = Schemas['InboxView'];
export type SuggestionAnswerBody = Schemas['SuggestionAnswerBody'];
export type ChangeKind = Schemas['ChangeKindView'];
export type PulseStatusView = Schemas['PulseStatusView'];
export type PulseBody = Schemas['PulseBody'];
export type PulseTrendView = Schemas['PulseTrendView'];
export type PulseTeamView = Schemas['PulseTeamView'];
export type PulseMonthView = Schemas['PulseMonthView'];

/** Every kind of change an accepted suggestion names, as the contract lists them. */
export const CHANGE_KINDS: readonly ChangeKind[] = ['limit', 'lesson', 'procedure_note'];

/** The three statements, in the order they are asked. */
export const STATEMENTS = ['know_limits', 'not_afraid', 'lead_backs_me'] as const;
export type Statement = (typeof STATEMENTS)[number];

export const flagRule = (body: SuggestionBody) => call(api.POST('/api/v1/suggestions', { body }));
export const mySuggestions = () => call(api.GET('/api/v1/me/suggestions'));
export const suggestionInbox = () => call(api.GET('/api/v1/suggestions'));
export const answerSuggestion = (id: string, body: SuggestionAnswerBody) =>
  call(api.POST('/api/v1/suggestions/{suggestion_id}/answer', { params: { path: { suggestion_id: id } }, body }));

export const myPulse = () => call(api.GET('/api/v1/me/pulse'));
export const answerPulse = (body: PulseBody) => call(api.POST('/api/v1/pulse', { body }));
export const pulseTrend = () => call(api.GET('/api/v1/pulse/teams'));
