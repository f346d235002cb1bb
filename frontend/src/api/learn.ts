// Lessons: taking them (every role) and authoring them (trainers and admins), the
// competency framework and the customer-experience statement.
import { api } from '../lib/session';
import type { components } from './schema';

type Schemas = components['schemas'];
const id = (value: string) => encodeURIComponent(value);

export type LessonSummary = Schemas['LessonSummary'];
export type LessonToTake = Schemas['LessonToTake'];
export type CardView = Schemas['CardView'];
export type AttemptView = Schemas['AttemptView'];
export type AnswerResult = Schemas['AnswerResult'];
export type AttemptResult = Schemas['AttemptResult'];
export type ResponseBody = Schemas['ResponseBody'];
export type LessonVersionView = Schemas['LessonVersionView'];
export type CompetencyView = Schemas['CompetencyView'];
export type CxStatementView = Schemas['CxStatementView'];
/** Per-locale text ({es, en, it}). */
export type Localized = Record<string, string>;

export const listLearnLessons = () => api<LessonSummary[]>('GET', '/api/v1/learn/lessons');
export const getLearnLesson = (key: string) => api<LessonToTake>('GET', `/api/v1/learn/lessons/${id(key)}`);

export const startAttempt = (attemptId: string, versionId: string) =>
  api<AttemptView>('POST', '/api/v1/learn/attempts', { body: { id: attemptId, lesson_version_id: versionId } });

export const answerCard = (attemptId: string, answerId: string, card: number, response: ResponseBody) =>
  api<AnswerResult>('POST', `/api/v1/learn/attempts/${id(attemptId)}/answers`, {
    body: { id: answerId, card, response },
  });

export const completeAttempt = (attemptId: string) =>
  api<AttemptResult>('POST', `/api/v1/learn/attempts/${id(attemptId)}/complete`, { body: {} });

export const listLessonVersions = () => api<LessonVersionView[]>('GET', '/api/v1/lessons');

export const importLesson = (source: string) =>
  api<LessonVersionView>('POST', '/api/v1/lessons/import', { body: { source } });

export const publishVersion = (versionId: string) =>
  api<LessonVersionView>('POST', `/api/v1/lesson-versions/${id(versionId)}/publish`, { body: {} });

/** The lesson file (text/markdown), as text. */
export const exportVersion = (versionId: string) =>
  api<string>('GET', `/api/v1/lesson-versions/${id(versionId)}/export`, { as: 'text' });

export const listCompetencies = () => api<CompetencyView[]>('GET', '/api/v1/competencies');

export const getCxStatement = () => api<CxStatementView>('GET', '/api/v1/cx-statement');
export const putCxStatement = (text: Localized) => api<CxStatementView>('PUT', '/api/v1/cx-statement', { body: { text } });
