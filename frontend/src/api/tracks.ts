// Train-the-trainer: tracks, enrolments, teach-back and observed-session submissions, the
// assessor's queue and certifications (issue #8). Shapes come from the generated schema;
// the string fields that take only a few values are narrowed in src/lib/tracks.ts.
import { api, publicApi } from '../lib/session';
import { call } from './client';
import type { components } from './schema';

type Schemas = components['schemas'];

export type TrackBody = Schemas['TrackBody'];
export type TrackView = Schemas['TrackView'];
export type ModuleBody = Schemas['ModuleBody'];
export type ModuleKindView = Schemas['ModuleKindView'];
export type EnrolResult = Schemas['EnrolResult'];
export type EnrolmentView = Schemas['EnrolmentView'];
export type EnrolledModuleView = Schemas['EnrolledModuleView'];
export type SubmissionView = Schemas['SubmissionView'];
export type SubmitBody = Schemas['SubmitBody'];
export type AssessBody = Schemas['AssessBody'];
export type CriterionView = Schemas['CriterionView'];
export type CertificationView = Schemas['CertificationView'];
export type CertificationEventView = Schemas['CertificationEventView'];
export type EvidenceView = Schemas['EvidenceView'];
export type GrantBody = Schemas['GrantBody'];
export type CascadeView = Schemas['CascadeView'];
export type CascadeNode = Schemas['CascadeNode'];
export type TeamCoverage = Schemas['TeamCoverage'];
export type ExpiringCertification = Schemas['ExpiringCertification'];
export type PublicCertification = Schemas['PublicCertification'];
export type ScopeItem = Schemas['ScopeItem'];
export type PersonRef = Schemas['PersonRef'];
export type Candidate = Schemas['Candidate'];

// Tracks (admins and trainers).
const track = (trackId: string) => ({ params: { path: { track_id: trackId } } });
export const listTracks = () => call(api.GET('/api/v1/tracks'));
export const getTrack = (trackId: string) => call(api.GET('/api/v1/tracks/{track_id}', track(trackId)));
export const createTrack = (body: TrackBody) => call(api.POST('/api/v1/tracks', { body }));
export const updateTrack = (trackId: string, body: TrackBody) =>
  call(api.PUT('/api/v1/tracks/{track_id}', { ...track(trackId), body }));
/** Writes a track in another language: its title, description and each module's words. */
export const translateTrack = (trackId: string, locale: Schemas['LocaleView'], body: Schemas['WordsBody']) =>
  call(api.PUT('/api/v1/tracks/{track_id}/texts/{locale}', { params: { path: { track_id: trackId, locale } }, body }));
export const archiveTrack = (trackId: string, archived: boolean) =>
  call(api.POST('/api/v1/tracks/{track_id}/archive', { ...track(trackId), body: { archived } }));

// Enrolments.
const enrolment = (enrolmentId: string) => ({ params: { path: { enrolment_id: enrolmentId } } });
/** Everyone who may be enrolled (active leads, trainers, admins), saying who is on the track or finished it. */
export const listCandidates = (trackId: string) => call(api.GET('/api/v1/tracks/{track_id}/candidates', track(trackId)));
export const enrol = (trackId: string, userIds: string[]) =>
  call(api.POST('/api/v1/tracks/{track_id}/enrolments', { ...track(trackId), body: { user_ids: userIds } }));
export const listEnrolments = (filter: { track_id?: string; user_id?: string } = {}) =>
  call(api.GET('/api/v1/enrolments', { params: { query: filter } }));
export const getEnrolment = (enrolmentId: string) => call(api.GET('/api/v1/enrolments/{enrolment_id}', enrolment(enrolmentId)));
export const withdrawEnrolment = (enrolmentId: string) =>
  call(api.POST('/api/v1/enrolments/{enrolment_id}/withdraw', enrolment(enrolmentId)));

// The trainee's side.
export const myEnrolments = () => call(api.GET('/api/v1/me/enrolments'));
export const submitModule = (enrolmentId: string, moduleId: string, body: SubmitBody) =>
  call(
    api.POST('/api/v1/me/enrolments/{enrolment_id}/modules/{module_id}/submissions', {
      params: { path: { enrolment_id: enrolmentId, module_id: moduleId } },
      body,
    }),
  );

// The assessor's queue.
const submission = (submissionId: string) => ({ params: { path: { submission_id: submissionId } } });
export const listAssessments = (status: 'pending' | 'all' = 'pending') =>
  call(api.GET('/api/v1/assessments', { params: { query: { status } } }));
export const getAssessment = (submissionId: string) =>
  call(api.GET('/api/v1/assessments/{submission_id}', submission(submissionId)));
export const assess = (submissionId: string, body: AssessBody) =>
  call(api.POST('/api/v1/assessments/{submission_id}', { ...submission(submissionId), body }));

// Certifications.
const certification = (certificationId: string) => ({ params: { path: { certification_id: certificationId } } });
export const myCertifications = () => call(api.GET('/api/v1/me/certifications'));
export const listCertifications = (holderId?: string) =>
  call(api.GET('/api/v1/certifications', { params: { query: { holder_id: holderId } } }));
export const getCertification = (certificationId: string) =>
  call(api.GET('/api/v1/certifications/{certification_id}', certification(certificationId)));
export const grantCertification = (body: GrantBody) => call(api.POST('/api/v1/certifications', { body }));
export const revokeCertification = (certificationId: string, reason: string) =>
  call(api.POST('/api/v1/certifications/{certification_id}/revoke', { ...certification(certificationId), body: { reason } }));
export const renewCertification = (certificationId: string, validityMonths: number) =>
  call(
    api.POST('/api/v1/certifications/{certification_id}/renew', {
      ...certification(certificationId),
      body: { validity_months: validityMonths },
    }),
  );
export const getCascade = () => call(api.GET('/api/v1/certifications/cascade'));

/** Anyone with the link, signed in or not. */
export const verifyCertification = (certificationId: string) =>
  call(publicApi.GET('/api/v1/public/certifications/{certification_id}', certification(certificationId)));
