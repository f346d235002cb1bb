// Lessons: taking them (every role) and authoring them (trainers and admins), the
// competency framework and the customer-experience statement.
import { api } from '../lib/session';
import type { components, operations } from './schema';

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
export type LessonPreview = Schemas['LessonPreview'];
export type AnswerKey = Schemas['AnswerKey'];
export type MediaView = Schemas['MediaView'];
export type CompetencyBody = Schemas['CompetencyBody'];
export type LevelBody = Schemas['LevelBody'];
/** Per-locale text ({es, en, it}). */
export type Localized = Schemas['BTreeMap'];

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

export type LessonFilter = NonNullable<operations['get_lessons']['parameters']['query']>;

export const listLessonVersions = (filter: LessonFilter = {}) =>
  api<LessonVersionView[]>('GET', '/api/v1/lessons', { query: { ...filter } });

const versionAction = (versionId: string, action: string, body: unknown = {}) =>
  api<LessonVersionView>('POST', `/api/v1/lesson-versions/${id(versionId)}/${action}`, { body });

export const submitVersion = (versionId: string) => versionAction(versionId, 'submit');
export const approveVersion = (versionId: string) => versionAction(versionId, 'review', { decision: 'approve' });
export const requestChanges = (versionId: string, comment: string) =>
  versionAction(versionId, 'review', { decision: 'request_changes', comment });
export const archiveVersion = (versionId: string) => versionAction(versionId, 'archive');
/** A copy as a new lesson (no locale) or as another language of the same lesson. */
export const duplicateVersion = (versionId: string, locale?: string) =>
  versionAction(versionId, 'duplicate', locale ? { locale } : {});
export const previewVersion = (versionId: string) =>
  api<LessonPreview>('GET', `/api/v1/lesson-versions/${id(versionId)}/preview`);

export const uploadImage = (file: File) =>
  api<MediaView>('POST', '/api/v1/media', { file, query: { name: file.name } });
export const listImages = () => api<MediaView[]>('GET', '/api/v1/media');

export const importLesson = (source: string) =>
  api<LessonVersionView>('POST', '/api/v1/lessons/import', { body: { source } });

export const publishVersion = (versionId: string) =>
  api<LessonVersionView>('POST', `/api/v1/lesson-versions/${id(versionId)}/publish`, { body: {} });

/** The lesson file (text/markdown), as text. */
export const exportVersion = (versionId: string) =>
  api<string>('GET', `/api/v1/lesson-versions/${id(versionId)}/export`, { as: 'text' });

export const listCompetencies = (includeArchived = false) =>
  api<CompetencyView[]>('GET', '/api/v1/competencies', { query: { include_archived: includeArchived || undefined } });
export const createCompetency = (body: CompetencyBody) => api<CompetencyView>('POST', '/api/v1/competencies', { body });
export const updateCompetency = (key: string, body: Omit<CompetencyBody, 'key'>) =>
  api<CompetencyView>('PUT', `/api/v1/competencies/${id(key)}`, { body });
export const archiveCompetency = (key: string) =>
  api<CompetencyView>('POST', `/api/v1/competencies/${id(key)}/archive`, { body: {} });
export const restoreCompetency = (key: string) =>
  api<CompetencyView>('POST', `/api/v1/competencies/${id(key)}/restore`, { body: {} });
export const deleteCompetency = (key: string) => api<void>('DELETE', `/api/v1/competencies/${id(key)}`);

export const getCxStatement = () => api<CxStatementView>('GET', '/api/v1/cx-statement');
export const putCxStatement = (text: Localized) => api<CxStatementView>('PUT', '/api/v1/cx-statement', { body: { text } });
