import { describe, expect, it } from 'vitest';
import {
  cleanTrack,
  isWebLink,
  maySubmit,
  moduleRow,
  moduleState,
  newModule,
  expiresSoon,
  passes,
  signOffScope,
  sortEnrolments,
  validateTrack,
  type TrackForm,
  validityMonths,
} from './tracks';
import type { CertificationView, EnrolledModuleView, SubmissionView } from '../api/tracks';

const person = (id: string, name = id) => ({ id, display_name: name });

function submission(status: SubmissionView['status']): SubmissionView {
  return {
    id: `s-${status}`,
    enrolment_id: 'e1',
    module_id: 'm1',
    module_title: 'Teach it',
    kind: 'teach_back',
    plan: 'plan',
    ratings: [],
    rubric: ['a', 'b'],
    status,
    submitted_at: '2026-11-01T10:00:00Z',
    track_title: 'T',
    trainee: person('u1'),
  };
}

function mod(over: Partial<EnrolledModuleView> = {}): EnrolledModuleView {
  return { id: 'm1', position: 1, title: 'Teach it', kind: 'teach_back', instructions: '', rubric: ['a', 'b'], submissions: [], ...over };
}

const form = (over: Partial<TrackForm> = {}): TrackForm => ({
  title: ' Coach ',
  description: '  ',
  level: 'coach',
  scope: ['ownership', 'ownership'],
  validity_months: '24',
  modules: [{ ...newModule('teach_back'), title: ' Teach ', rubric: [' Goal ', '', 'Close\n the  call'] }],
  ...over,
});

describe('cleanTrack and validateTrack', () => {
  it('trims, drops empty criteria and keeps only the fields of each kind', () => {
    const lesson = { ...newModule('lesson'), title: 'Read', target_key: 'fear', pass_percent: '80' };
    const body = cleanTrack(form({ modules: [...form().modules, lesson] }));
    expect(body).toMatchObject({ title: 'Coach', description: null, scope: ['ownership'], validity_months: 24 });
    expect(body.modules[0]).toEqual({ title: 'Teach', kind: 'teach_back', instructions: null, rubric: ['Goal', 'Close the call'] });
    expect(body.modules[1]).toEqual({ title: 'Read', kind: 'lesson', instructions: null, target_key: 'fear', pass_percent: 80 });
    expect(validateTrack(body)).toEqual({});
  });

  it('says what the server would refuse', () => {
    const lesson = { ...newModule('lesson'), title: '', pass_percent: 120 };
    const body = cleanTrack(form({ title: '', scope: [], validity_months: 61, modules: [{ ...newModule('observed_session'), title: 'x' }, lesson] }));
    expect(validateTrack(body)).toEqual({
      title: 'title',
      scope: 'scope',
      validity_months: 'validity',
      'modules.0.rubric': 'rubric',
      'modules.1.title': 'moduleTitle',
      'modules.1.target_key': 'chooseTarget',
      'modules.1.pass_percent': 'pass',
    });
    expect(validateTrack(cleanTrack(form({ modules: [] })))).toEqual({ modules: 'modules' });
  });

  it('reads a module back for the editor', () => {
    const row = moduleRow({ title: 'T', kind: 'teach_back', rubric: ['a'] });
    expect(row).toMatchObject({ kind: 'teach_back', rubric: ['a'], pass_percent: null, instructions: '' });
    expect(moduleRow({ title: 'L', kind: 'lesson', target_key: 'k' })).toMatchObject({ pass_percent: 70, rubric: [] });
  });
});

describe('where a trainee stands', () => {
  it('follows the latest submission', () => {
    expect(moduleState(mod(), 'm1')).toBe('next');
    expect(moduleState(mod(), 'other')).toBe('todo');
    expect(moduleState(mod({ submissions: [submission('pending')] }), 'm1')).toBe('pending');
    expect(moduleState(mod({ submissions: [submission('pending'), submission('needs_work')] }), 'm1')).toBe('needs_work');
    expect(moduleState(mod({ completed_at: '2026-11-02T10:00:00Z' }), null)).toBe('done');
  });

  it('may send a teach-back unless one waits, the module is done or the track is closed', () => {
    expect(maySubmit({ status: 'active' }, mod())).toBe(true);
    expect(maySubmit({ status: 'active' }, mod({ submissions: [submission('needs_work')] }))).toBe(true);
    expect(maySubmit({ status: 'active' }, mod({ submissions: [submission('pending')] }))).toBe(false);
    expect(maySubmit({ status: 'active' }, mod({ completed_at: '2026-11-02T10:00:00Z' }))).toBe(false);
    expect(maySubmit({ status: 'completed' }, mod())).toBe(false);
    expect(maySubmit({ status: 'active' }, mod({ kind: 'lesson' }))).toBe(false);
  });

  it('passes with 3 or more on every criterion', () => {
    expect(passes([3, 4])).toBe(true);
    expect(passes([4, 2])).toBe(false);
    expect(passes([3, null])).toBe(false);
    expect(passes([])).toBe(false);
  });

  it('accepts only web links for recordings', () => {
    expect(isWebLink('https://example.com/rec')).toBe(true);
    expect(isWebLink(' http://x.test ')).toBe(true);
    expect(isWebLink('javascript:alert(1)')).toBe(false);
    expect(isWebLink('example.com')).toBe(false);
  });

  it('lists running enrolments first', () => {
    const list = [{ status: 'withdrawn' }, { status: 'completed' }, { status: 'active' }] as const;
    expect(sortEnrolments(list).map((e) => e.status)).toEqual(['active', 'completed', 'withdrawn']);
  });
});

describe('certifications', () => {
  const cert = (over: Partial<CertificationView> = {}) =>
    ({ status: 'active', scope: [{ key: 'empathy', name: 'Empathy' }], expires_at: '2027-01-31T12:00:00Z', history: [], ...over }) as CertificationView;

  it('lets anyone sign off when not enforced, else only what active certifications cover', () => {
    expect(signOffScope(false, [])).toBeNull();
    const scope = signOffScope(true, [
      cert(),
      cert({ status: 'revoked', scope: [{ key: 'ownership', name: 'Ownership' }] }),
      cert({ status: 'expired', scope: [{ key: 'clarity', name: 'Clarity' }] }),
      cert({ scope: [{ key: 'empathy', name: 'Empathy' }, { key: 'tone', name: 'Tone' }] }),
    ]);
    expect([...(scope ?? [])].sort()).toEqual(['empathy', 'tone']);
    expect(signOffScope(true, [])?.size).toBe(0);
  });

  it('counts the days left within 60, unless renewed, expired or revoked', () => {
    const now = new Date('2027-01-01T12:00:00Z');
    expect(expiresSoon(cert(), now)).toBe(30);
    expect(expiresSoon(cert({ expires_at: '2027-01-02T11:00:00Z' }), now)).toBe(0);
    expect(expiresSoon(cert({ expires_at: '2027-03-02T12:00:00Z' }), now)).toBe(60);
    expect(expiresSoon(cert({ expires_at: '2027-03-03T12:00:00Z' }), now)).toBeNull();
    expect(expiresSoon(cert({ status: 'revoked' }), now)).toBeNull();
    expect(expiresSoon(cert({ status: 'expired', expires_at: '2026-12-01T12:00:00Z' }), now)).toBeNull();
    const renewed = { at: '2026-12-20T09:00:00Z', kind: 'renewed' as const, detail: 'c2' };
    expect(expiresSoon(cert({ history: [renewed] }), now)).toBeNull();
  });
});

describe('validityMonths', () => {
  it('counts whole months between issue and expiry, within 1–60', () => {
    expect(validityMonths('2026-01-31T10:00:00Z', '2026-02-28T10:00:00Z')).toBe(1);
    expect(validityMonths('2026-12-01T09:00:00Z', '2028-12-01T09:00:00Z')).toBe(24);
    expect(validityMonths('2026-12-01T09:00:00Z', '2026-12-01T09:00:00Z')).toBe(1);
    expect(validityMonths('2020-01-01T00:00:00Z', '2040-01-01T00:00:00Z')).toBe(60);
  });
});
