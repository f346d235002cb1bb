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
