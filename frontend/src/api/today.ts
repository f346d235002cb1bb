// Today's session, the offline pack, sync of offline results and proficiency.
import { api } from '../lib/session';
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

export const getToday = () => api<TodayView>('GET', '/api/v1/today');
export const oneMore = () => api<TodayView>('POST', '/api/v1/today/more', { body: {} });
/** The pack; `etag` given, an unchanged pack answers 304 with no data. */
export const getPack = (etag?: string) => api<OfflinePack>('GET', '/api/v1/today/pack', { ifNoneMatch: etag });
/** Results recorded on this device by `user` (the server refuses them for anyone else). */
export const sendResults = (results: SyncItem[], user: string) =>
  api<SyncReport>('POST', '/api/v1/sync', { body: { user_id: user, results } });
export const getProficiency = () => api<ProficiencyView[]>('GET', '/api/v1/me/proficiency');
export const getLearningSettings = () => api<LearningSettings>('GET', '/api/v1/organisation/learning');
export const putLearningSettings = (body: { desired_retention: number }) =>
  api<LearningSettings>('PUT', '/api/v1/organisation/learning', { body });
