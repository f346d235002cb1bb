// Lessons: taking them (every role) and authoring them (trainers and admins), the
// competency framework and the customer-experience statement.
import { api } from '../lib/session';
import { call } from './client';
import type { components, operations } from './schema';

type Schemas = components['schemas'];

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
/** Per-locale text ({es, en, it}), as the server shows it. */
export type Localized = Schemas['BTreeMap'];
/** Per-locale text as requests send it: supported languages only, at least one not blank. */
export type Texts = Schemas['Texts'];
export type StatementTexts = Schemas['StatementTexts'];
export type LessonStatus = Schemas['LessonStatusView'];
export type LessonFilter = NonNullable<operations['get_lessons']['parameters']['query']>;

export const listLearnLessons = () => call(api.GET('/api/v1/learn/lessons'));
export const getLearnLesson = (key: string) =>
  call(api.GET('/api/v1/learn/lessons/{lesson_key}', { params: { path: { lesson_key: key } } }));

export const startAttempt = (attemptId: string, versionId: string) =>
  call(api.POST('/api/v1/learn/attempts', { body: { id: attemptId, lesson_version_id: versionId } }));

const attempt = (attemptId: string) => ({ params: { path: { attempt_id: attemptId } } });

export const answerCard = (attemptId: string, answerId: string, card: number, response: ResponseBody) =>
  call(api.POST('/api/v1/learn/attempts/{attempt_id}/answers', { ...attempt(attemptId), body: { id: answerId, card, response } }));

export const completeAttempt = (attemptId: string) =>
  call(api.POST('/api/v1/learn/attempts/{attempt_id}/complete', attempt(attemptId)));

export const listLessonVersions = (filter: LessonFilter = {}) => call(api.GET('/api/v1/lessons', { params: { query: filter } }));

const version = (versionId: string) => ({ params: { path: { version_id: versionId } } });

export const submitVersion = (versionId: string) =>
  call(api.POST('/api/v1/lesson-versions/{version_id}/submit', version(versionId)));
export const approveVersion = (versionId: string) =>
  call(api.POST('/api/v1/lesson-versions/{version_id}/review', { ...version(versionId), body: { decision: 'approve' } }));
export const requestChanges = (versionId: string, comment: string) =>
  call(
    api.POST('/api/v1/lesson-versions/{version_id}/review', {
      ...version(versionId),
      body: { decision: 'request_changes', comment },
    }),
  );
export const archiveVersion = (versionId: string) =>
  call(api.POST('/api/v1/lesson-versions/{version_id}/archive', version(versionId)));
/** A copy as a new lesson (no locale) or as another language of the same lesson. */
export const duplicateVersion = (versionId: string, locale?: Schemas['LocaleView']) =>
  call(api.POST('/api/v1/lesson-versions/{version_id}/duplicate', { ...version(versionId), body: locale ? { locale } : {} }));
export const previewVersion = (versionId: string) =>
  call(api.GET('/api/v1/lesson-versions/{version_id}/preview', version(versionId)));

/** The image is the raw body, with its own type. */
export const uploadImage = (file: File) =>
  call(
    api.POST('/api/v1/media', {
      params: { query: { name: file.name } },
      // The contract types a binary body as a string; the browser sends the file as it is.
      body: file as unknown as string,
      bodySerializer: (body) => body,
      headers: { 'content-type': file.type || 'application/octet-stream' },
    }),
  );
export const listImages = () => call(api.GET('/api/v1/media'));

export const importLesson = (source: string) => call(api.POST('/api/v1/lessons/import', { body: { source } }));

export const publishVersion = (versionId: string) =>
  call(api.POST('/api/v1/lesson-versions/{version_id}/publish', version(versionId)));

/** The lesson file (text/markdown), as text. */
export const exportVersion = (versionId: string) =>
  call(api.GET('/api/v1/lesson-versions/{version_id}/export', { ...version(versionId), parseAs: 'text' }));

const competency = (key: string) => ({ params: { path: { competency_key: key } } });

export const listCompetencies = (includeArchived = false) =>
  call(api.GET('/api/v1/competencies', { params: { query: { include_archived: includeArchived || undefined } } }));
export const createCompetency = (body: CompetencyBody) => call(api.POST('/api/v1/competencies', { body }));
export const updateCompetency = (key: string, body: Omit<CompetencyBody, 'key'>) =>
  call(api.PUT('/api/v1/competencies/{competency_key}', { ...competency(key), body }));
export const archiveCompetency = (key: string) =>
  call(api.POST('/api/v1/competencies/{competency_key}/archive', competency(key)));
export const restoreCompetency = (key: string) =>
  call(api.POST('/api/v1/competencies/{competency_key}/restore', competency(key)));
export const deleteCompetency = (key: string) => call(api.DELETE('/api/v1/competencies/{competency_key}', competency(key)));

export const getCxStatement = () => call(api.GET('/api/v1/cx-statement'));
export const putCxStatement = (text: StatementTexts) => call(api.PUT('/api/v1/cx-statement', { body: { text } }));

/** A version in the block editor's form. */
export const readDocument = (versionId: string) =>
  call(api.GET('/api/v1/lesson-versions/{version_id}/document', version(versionId)));
/** Saves a lesson written in the block editor as the draft of its variant. */
export const saveDocument = (document: Schemas['LessonDocument']) =>
  call(api.POST('/api/v1/lessons/documents', { body: document }));
