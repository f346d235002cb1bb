// Train-the-trainer: tracks, enrolments, teach-back and observed-session submissions, the
// assessor's queue and certifications (issue #8). Shapes come from the generated schema;
// the string fields that take only a few values are narrowed in src/lib/tracks.ts.
import { api } from '../lib/session';
import type { components } from './schema';

type Schemas = components['schemas'];
const id = (value: string) => encodeURIComponent(value);

export type TrackBody = Schemas['TrackBody'];
export type TrackView = Schemas['TrackView'];
export type ModuleBody = Schemas['ModuleBody'];
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
export const listTracks = () => api<TrackView[]>('GET', '/api/v1/tracks');
export const getTrack = (trackId: string) => api<TrackView>('GET', `/api/v1/tracks/${id(trackId)}`);
export const createTrack = (body: TrackBody) => api<TrackView>('POST', '/api/v1/tracks', { body });
export const updateTrack = (trackId: string, body: TrackBody) =>
  api<TrackView>('PUT', `/api/v1/tracks/${id(trackId)}`, { body });
export const archiveTrack = (trackId: string, archived: boolean) =>
  api<TrackView>('POST', `/api/v1/tracks/${id(trackId)}/archive`, { body: { archived } });

// Enrolments.
/** Everyone who may be enrolled (active leads, trainers, admins), saying who is on the track or finished it. */
export const listCandidates = (trackId: string) => api<Candidate[]>('GET', `/api/v1/tracks/${id(trackId)}/candidates`);
export const enrol = (trackId: string, userIds: string[]) =>
  api<EnrolResult>('POST', `/api/v1/tracks/${id(trackId)}/enrolments`, { body: { user_ids: userIds } });
export const listEnrolments = (filter: { track_id?: string; user_id?: string } = {}) =>
  api<EnrolmentView[]>('GET', '/api/v1/enrolments', { query: { ...filter } });
export const getEnrolment = (enrolmentId: string) => api<EnrolmentView>('GET', `/api/v1/enrolments/${id(enrolmentId)}`);
export const withdrawEnrolment = (enrolmentId: string) =>
  api<EnrolmentView>('POST', `/api/v1/enrolments/${id(enrolmentId)}/withdraw`, { body: {} });

// The trainee's side.
export const myEnrolments = () => api<EnrolmentView[]>('GET', '/api/v1/me/enrolments');
export const submitModule = (enrolmentId: string, moduleId: string, body: SubmitBody) =>
  api<SubmissionView>('POST', `/api/v1/me/enrolments/${id(enrolmentId)}/modules/${id(moduleId)}/submissions`, { body });

// The assessor's queue.
export const listAssessments = (status: 'pending' | 'all' = 'pending') =>
  api<SubmissionView[]>('GET', '/api/v1/assessments', { query: { status } });
export const getAssessment = (submissionId: string) => api<SubmissionView>('GET', `/api/v1/assessments/${id(submissionId)}`);
export const assess = (submissionId: string, body: AssessBody) =>
  api<SubmissionView>('POST', `/api/v1/assessments/${id(submissionId)}`, { body });

// Certifications.
export const myCertifications = () => api<CertificationView[]>('GET', '/api/v1/me/certifications');
export const listCertifications = (holderId?: string) =>
  api<CertificationView[]>('GET', '/api/v1/certifications', { query: { holder_id: holderId } });
export const getCertification = (certificationId: string) =>
  api<CertificationView>('GET', `/api/v1/certifications/${id(certificationId)}`);
export const grantCertification = (body: GrantBody) => api<CertificationView>('POST', '/api/v1/certifications', { body });
export const revokeCertification = (certificationId: string, reason: string) =>
  api<CertificationView>('POST', `/api/v1/certifications/${id(certificationId)}/revoke`, { body: { reason } });
export const renewCertification = (certificationId: string, validityMonths: number) =>
  api<CertificationView>('POST', `/api/v1/certifications/${id(certificationId)}/renew`, {
    body: { validity_months: validityMonths },
  });
export const getCascade = () => api<CascadeView>('GET', '/api/v1/certifications/cascade');

/** Anyone with the link, signed in or not. */
export const verifyCertification = (certificationId: string) =>
  api<PublicCertification>('GET', `/api/v1/public/certifications/${id(certificationId)}`, { auth: false });
