import { describe, expect, it } from 'vitest';
import { afterSignIn, isSafeNext, matchRoute, mayAccess, signInUrl } from './routes';

describe('matchRoute', () => {
  it('finds screens, ignoring trailing slashes, with params', () => {
    expect(matchRoute('/sign-in')).toMatchObject({ name: 'signIn', access: 'guest' });
    expect(matchRoute('/home/')).toMatchObject({ name: 'home', access: 'user' });
    expect(matchRoute('/admin/people')).toMatchObject({ name: 'people' });
    expect(matchRoute('/admin/people/a%20b')).toEqual({ name: 'person', access: ['admin'], params: { id: 'a b' } });
    expect(matchRoute('/admin/people/x/y')).toBeNull();
    expect(matchRoute('/nope')).toBeNull();
    expect(matchRoute('/admin/people/%E0%A4%A')).toBeNull();
  });

  it('opens the mailed links of sign-up, invitations and resets signed out', () => {
    for (const [path, name] of [
      ['/confirm-sign-up', 'confirmSignUp'],
      ['/accept-invitation', 'acceptInvitation'],
      ['/reset-password', 'resetPassword'],
    ] as const) {
      expect(matchRoute(path)).toEqual({ name, access: 'guest', params: {} });
      expect(mayAccess(matchRoute(path)!.access, null)).toBe(true);
    }
  });

  it('finds the coaching screens, new sessions before existing ones', () => {
    expect(matchRoute('/coaching/sessions/new')).toMatchObject({ name: 'newSession', params: {} });
    expect(matchRoute('/coaching/sessions/s1')).toMatchObject({ name: 'coachingSession', params: { id: 's1' } });
    expect(matchRoute('/coaching/teams/t1/agents/u1')).toMatchObject({ name: 'agentDetail', params: { team: 't1', user: 'u1' } });
    expect(matchRoute('/coaching/mine')).toMatchObject({ name: 'mySessions', access: 'user' });
    expect(matchRoute('/paths')).toMatchObject({ name: 'myPaths', access: 'user' });
    expect(matchRoute('/coaching/paths/new')).toMatchObject({ name: 'pathEditor', params: { id: 'new' } });
    expect(matchRoute('/coaching/scorecards')).toMatchObject({ name: 'scorecards', params: {} });
    expect(mayAccess(matchRoute('/coaching/paths')!.access, ['trainer'])).toBe(true);
    expect(mayAccess(matchRoute('/coaching')!.access, ['trainer'])).toBe(false);
    expect(mayAccess(matchRoute('/coaching/assign')!.access, ['agent'])).toBe(false);
  });
});

describe('train-the-trainer screens', () => {
  it('puts the cascade before a certification, and the public check works signed out', () => {
    expect(matchRoute('/certifications/cascade')).toMatchObject({ name: 'cascade', params: {} });
    expect(matchRoute('/certifications/c1')).toMatchObject({ name: 'certification', access: 'user', params: { id: 'c1' } });
    expect(matchRoute('/certifications')).toMatchObject({ name: 'certifications' });
    expect(matchRoute('/verify/c1')).toMatchObject({ name: 'verify', access: 'guest', params: { id: 'c1' } });
    expect(matchRoute('/my-tracks/e1/modules/m1')).toMatchObject({ name: 'trackModule', params: { enrolment: 'e1', module: 'm1' } });
    expect(matchRoute('/tracks/new')).toMatchObject({ name: 'trackEditor', params: { id: 'new' } });
    expect(matchRoute('/tracks/t1/trainees')).toMatchObject({ name: 'trackTrainees', params: { id: 't1' } });
    expect(matchRoute('/assessments/s1')).toMatchObject({ name: 'assessment', params: { id: 's1' } });
    expect(mayAccess(matchRoute('/tracks')!.access, ['lead'])).toBe(false);
    expect(mayAccess(matchRoute('/assessments')!.access, ['trainer'])).toBe(true);
    expect(mayAccess(matchRoute('/my-tracks')!.access, ['lead'])).toBe(true);
  });
});

describe('results screens', () => {
  it('gives agents their own results, and leads and admins the data and their teams’', () => {
    expect(matchRoute('/me/results')).toMatchObject({ name: 'myResults', access: 'user' });
    expect(matchRoute('/coaching/results')).toMatchObject({ name: 'teamResults', params: {} });
    expect(matchRoute('/admin/data')).toMatchObject({ name: 'data', params: {} });
    expect(mayAccess(matchRoute('/admin/data')!.access, ['lead'])).toBe(true);
    expect(mayAccess(matchRoute('/admin/data')!.access, ['agent'])).toBe(false);
    expect(mayAccess(matchRoute('/coaching/results')!.access, ['agent', 'trainer'])).toBe(false);
  });
});

describe('mayAccess', () => {
  it('lets guests see guest screens only, and roles see theirs', () => {
    expect(mayAccess('guest', null)).toBe(true);
    expect(mayAccess('user', null)).toBe(false);
    expect(mayAccess('user', ['agent'])).toBe(true);
    expect(mayAccess(['admin'], ['agent', 'lead'])).toBe(false);
    expect(mayAccess(['admin', 'lead'], ['agent', 'lead'])).toBe(true);
  });
});

describe('coming back after sign-in', () => {
  it('only returns to same-site app paths', () => {
    expect(isSafeNext('/profile')).toBe(true);
    expect(isSafeNext('//evil.example')).toBe(false);
    expect(isSafeNext('/\\evil.example')).toBe(false);
    expect(isSafeNext('https://evil.example')).toBe(false);
    expect(afterSignIn('?next=%2Fadmin%2Fteams')).toBe('/admin/teams');
    expect(afterSignIn('?next=https%3A%2F%2Fevil.example')).toBe('/home');
    expect(afterSignIn('?next=%2Fsign-in')).toBe('/home');
    expect(afterSignIn('')).toBe('/home');
  });

  it('remembers where the person was', () => {
    expect(signInUrl('/profile?tab=1')).toBe('/sign-in?next=%2Fprofile%3Ftab%3D1');
    expect(signInUrl('/')).toBe('/sign-in');
    expect(signInUrl('/sign-in?next=%2Fx')).toBe('/sign-in');
    expect(signInUrl(null)).toBe('/sign-in');
  });
});
