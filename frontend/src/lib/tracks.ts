// Train-the-trainer rules the screens share: the levels, module kinds and rubric ratings,
// checking a track before it is sent, where a trainee stands on each module, and who may be
// enrolled. Pure functions (no Svelte, no DOM), unit-tested in tracks.test.ts.
import type {
  CertificationView,
  EnrolledModuleView,
  EnrolmentView,
  ModuleBody,
  ModuleKindView,
  SubmissionView,
  TrackBody,
} from '../api/tracks';

export type Level = 'coach' | 'trainer' | 'master_trainer';
export const LEVELS: readonly Level[] = ['coach', 'trainer', 'master_trainer'];

export type ModuleKind = ModuleKindView;
export const MODULE_KINDS: readonly ModuleKind[] = ['lesson', 'scenario', 'teach_back', 'observed_session'];

/** 1 not yet, 2 developing, 3 meets the bar, 4 exemplary: 3 or more on every criterion passes. */
export const RATINGS = [1, 2, 3, 4] as const;
export const PASS_RATING = 3;
export const MAX_MODULES = 12;
export const MAX_CRITERIA = 10;
export const MAX_VALIDITY = 60;
export const DEFAULT_VALIDITY = 24;
export const DEFAULT_PASS = 70;
export const TITLE_MAX = 200;
export const CRITERION_MAX = 300;
export const TEXT_MAX = 4000;

/** The known value, or null (the server may one day send more). */
export const levelOf = (value: string): Level | null => (LEVELS as readonly string[]).includes(value) ? (value as Level) : null;
export const kindOf = (value: string): ModuleKind | null =>
  (MODULE_KINDS as readonly string[]).includes(value) ? (value as ModuleKind) : null;

/** Teach-backs and observed sessions are assessed on a rubric; lessons and scenarios pass on their score. */
export const isAssessed = (kind: string) => kind === 'teach_back' || kind === 'observed_session';
export const isRun = (kind: string) => kind === 'lesson' || kind === 'scenario';

/** A module in the editor (a uid keeps its inputs apart while modules move). */
export interface ModuleRow {
  uid: string;
  title: string;
  kind: ModuleKind;
  target_key: string | null;
  pass_percent: number | string | null;
  instructions: string;
  rubric: string[];
}

export interface TrackForm {
  title: string;
  description: string;
  level: Level;
  scope: string[];
  validity_months: number | string | null;
  modules: ModuleRow[];
}

let counter = 0;
const uid = () => (typeof crypto !== 'undefined' && 'randomUUID' in crypto ? crypto.randomUUID() : `m${++counter}`);

/** An empty module of a kind: teach-backs and observed sessions start with two empty criteria. */
export function newModule(kind: ModuleKind = 'teach_back'): ModuleRow {
  return {
    uid: uid(),
    title: '',
    kind,
    target_key: null,
    pass_percent: isRun(kind) ? DEFAULT_PASS : null,
    instructions: '',
    rubric: isAssessed(kind) ? ['', ''] : [],
  };
}

/** A module read back from the server, for the editor. */
export function moduleRow(m: ModuleBody): ModuleRow {
  const kind = kindOf(m.kind) ?? 'lesson';
  return {
    uid: uid(),
    title: m.title,
    kind,
    target_key: m.target_key ?? null,
    pass_percent: m.pass_percent ?? (isRun(kind) ? DEFAULT_PASS : null),
    instructions: m.instructions ?? '',
    rubric: isAssessed(kind) ? [...(m.rubric ?? [])] : [],
  };
}

const num = (value: unknown): number | null =>
  value === null || value === undefined || String(value).trim() === '' || Number.isNaN(Number(value)) ? null : Number(value);

/** The track as the API wants it: trimmed, each module with only the fields its kind uses. */
export function cleanTrack(form: TrackForm): TrackBody {
  return {
    title: form.title.trim(),
    description: form.description.trim() || null,
    level: form.level,
    scope: [...new Set(form.scope)],
    validity_months: num(form.validity_months) ?? 0,
    modules: form.modules.map((m): ModuleBody => {
      const body: ModuleBody = { title: m.title.trim(), kind: m.kind, instructions: m.instructions.trim() || null };
      if (isRun(m.kind)) {
        body.target_key = m.target_key;
        body.pass_percent = num(m.pass_percent);
      } else body.rubric = m.rubric.map((c) => c.replace(/\s+/g, ' ').trim()).filter((c) => c !== '');
      return body;
    }),
  };
}

/**
 * What the server would refuse, as field → code (codes are `tracks.editor.errors.<code>`):
 * `title`, `scope`, `validity_months`, `modules`, and `modules.<i>.<field>` for a module.
 */
export function validateTrack(body: TrackBody): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!body.title || body.title.length > TITLE_MAX) errors.title = 'title';
  if (body.scope.length === 0) errors.scope = 'scope';
  const months = body.validity_months;
  if (!Number.isInteger(months) || months < 1 || months > MAX_VALIDITY) errors.validity_months = 'validity';
  if ((body.description ?? '').length > TEXT_MAX) errors.description = 'tooLong';
  if (body.modules.length === 0 || body.modules.length > MAX_MODULES) errors.modules = 'modules';
  body.modules.forEach((m, i) => {
    const at = (field: string) => `modules.${i}.${field}`;
    if (!m.title || m.title.length > TITLE_MAX) errors[at('title')] = 'moduleTitle';
    if ((m.instructions ?? '').length > TEXT_MAX) errors[at('instructions')] = 'tooLong';
    if (isRun(m.kind)) {
      if (!m.target_key) errors[at('target_key')] = 'chooseTarget';
      const pass = m.pass_percent;
      if (pass !== null && pass !== undefined && (!Number.isInteger(pass) || pass < 0 || pass > 100)) {
        errors[at('pass_percent')] = 'pass';
      }
    } else {
      const rubric = m.rubric ?? [];
      if (rubric.length === 0 || rubric.length > MAX_CRITERIA || rubric.some((c) => c.length > CRITERION_MAX)) {
        errors[at('rubric')] = 'rubric';
      }
    }
  });
  return errors;
}

/** The newest submission of a module (the server lists them newest last), or null. */
export const latestSubmission = (m: Pick<EnrolledModuleView, 'submissions'>): SubmissionView | null =>
  m.submissions.length > 0 ? m.submissions[m.submissions.length - 1] : null;

/**
 * Where the trainee stands on a module: done; waiting for the assessor (pending); assessed
 * below the bar (needs_work, may submit again); the next one to do; or still to do.
 */
export type ModuleState = 'done' | 'pending' | 'needs_work' | 'next' | 'todo';

export function moduleState(m: EnrolledModuleView, nextId: string | null | undefined): ModuleState {
  if (m.completed_at) return 'done';
  const last = latestSubmission(m);
  if (last?.status === 'pending') return 'pending';
  if (last?.status === 'needs_work') return 'needs_work';
  return m.id === nextId ? 'next' : 'todo';
}

/** Whether the trainee may send (again) a teach-back or observed session now. */
export function maySubmit(e: Pick<EnrolmentView, 'status'>, m: EnrolledModuleView): boolean {
  if (e.status !== 'active' || !isAssessed(m.kind) || m.completed_at) return false;
  return latestSubmission(m)?.status !== 'pending';
}

/** An assessment passes when every criterion is rated 3 or 4. */
export const passes = (ratings: readonly (number | null)[]) =>
  ratings.length > 0 && ratings.every((r) => r !== null && r >= PASS_RATING);

/** A link to a recording must be http(s) (the server refuses anything else). */
export function isWebLink(value: string): boolean {
  try {
    const url = new URL(value.trim());
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

export type CertStatus = 'active' | 'expired' | 'revoked';
export const certStatus = (value: string): CertStatus | null =>
  value === 'active' || value === 'expired' || value === 'revoked' ? value : null;

/** Enrolments to show first: active ones, then completed, then withdrawn (each newest first as sent). */
export function sortEnrolments<T extends Pick<EnrolmentView, 'status'>>(list: readonly T[]): T[] {
  const rank = (s: string) => (s === 'active' ? 0 : s === 'completed' ? 1 : 2);
  return [...list].sort((a, b) => rank(a.status) - rank(b.status));
}

/** Names of the competencies a track or certificate covers, from their keys. */
export function scopeNames(keys: readonly string[], names: ReadonlyMap<string, string>): string[] {
  return keys.map((k) => names.get(k) ?? k);
}

/**
 * The competencies someone may sign off on a coaching scorecard: `null` when the organisation
 * doesn't enforce certified coaching (anyone with the role may), else the keys their active
 * certifications cover (any level counts). The server applies the same rule on saving.
 */
export function signOffScope(
  enforced: boolean,
  certifications: readonly Pick<CertificationView, 'status' | 'scope'>[],
): Set<string> | null {
  if (!enforced) return null;
  return new Set(certifications.filter((c) => c.status === 'active').flatMap((c) => c.scope.map((s) => s.key)));
}

export const EXPIRY_NOTICE_DAYS = 60;

/**
 * Whole days left before an active certification expires (0 on its last day), when that is
 * within `within` days and it hasn't been renewed already; otherwise null.
 */
export function expiresSoon(
  c: Pick<CertificationView, 'status' | 'expires_at' | 'history'>,
  now: Date,
  within = EXPIRY_NOTICE_DAYS,
): number | null {
  if (c.status !== 'active' || c.history.some((e) => e.kind === 'renewed')) return null;
  const ms = new Date(c.expires_at).getTime() - now.getTime();
  if (Number.isNaN(ms) || ms < 0) return null;
  const days = Math.floor(ms / 86_400_000);
  return days <= within ? days : null;
}

/** Whole months from `issued` to `expires` (1–60): the validity a renewal offers by default. */
export function validityMonths(issued: string, expires: string): number {
  const a = new Date(issued);
  const b = new Date(expires);
  const months = (b.getUTCFullYear() - a.getUTCFullYear()) * 12 + (b.getUTCMonth() - a.getUTCMonth());
  return Math.min(60, Math.max(1, months));
}
