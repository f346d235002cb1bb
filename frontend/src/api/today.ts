// Today's session, the offline pack, sync of offline results and proficiency.
import { api } from '../lib/session';
import { call } from './client';
import type { components } from './schema';

type Schemas = components['schemas'];

export type TodayView = Schemas['TodayView'];
export type TodayItemView = Schemas['TodayItemView'];
export type OfflinePack = Schemas['OfflinePack'];
export type PackLesson = Schemas['PackLesson'];
export type PackReview = Schemas['PackReview'];
export type PackScenario = Schemas['PackScenario'];
export type PackNode = Schemas['PackNode'];
export type SyncItem = Schemas['SyncItem'];
export type SyncReport = Schemas['SyncReport'];
export type ProficiencyView = Schemas['ProficiencyView'];
export type LearningSettings = Schemas['LearningSettings'];

export const getToday = () => call(api.GET('/api/v1/today'));
export const oneMore = () => call(api.POST('/api/v1/today/more'));
/** The pack; `etag` given, an unchanged pack answers 304 with no data. */
export const getPack = (etag?: string) =>
  call(api.GET('/api/v1/today/pack', { params: { header: etag ? { 'If-None-Match': etag } : {} } }));
/** Results recorded on this device by `user` (the server refuses them for anyone else). */
export const sendResults = (results: SyncItem[], user: string) =>
  call(api.POST('/api/v1/sync', { body: { user_id: user, results } }));
export const getProficiency = () => call(api.GET('/api/v1/me/proficiency'));
export const getLearningSettings = () => call(api.GET('/api/v1/organisation/learning'));
export const putLearningSettings = (body: LearningSettings) => call(api.PUT('/api/v1/organisation/learning', { body }));
