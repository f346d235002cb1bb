import { describe, expect, it } from 'vitest';
import { BAR_MAX, currentEntry, NAV, navFor } from './nav';
import { mayAccess, ROUTES } from './routes';
import { ROLES } from '../api/types';

const names = (entries: { name: string }[]) => entries.map((e) => e.name);

describe('navFor', () => {
  it('gives every role at most four screens in the bar, the rest under More, each once', () => {
    for (const role of ROLES) {
      const { bar, more } = navFor([role]);
      expect(bar.length).toBeLessThanOrEqual(BAR_MAX);
      const all = [...names(bar), ...names(more)];
      expect(new Set(all).size).toBe(all.length);
      for (const e of [...bar, ...more]) expect(mayAccess(ROUTES[e.name].access, [role])).toBe(true);
    }
  });

  it('shows an agent their learning in the bar', () => {
    expect(names(navFor(['agent']).bar)).toEqual(['home', 'learn', 'practice', 'myPaths']);
    expect(names(navFor(['agent']).more)).toContain('profile');
  });

  it('gives trainers a way to assessments', () => {
    const { bar, more } = navFor(['trainer']);
    expect([...names(bar), ...names(more)]).toContain('assessments');
  });

  it('gives someone with several roles the first role’s bar and the others’ screens under More', () => {
    const { bar, more } = navFor(['lead', 'trainer']);
    expect(names(bar)).toEqual(names(NAV.trainer.bar));
    expect(names(more)).toContain('coaching');
    expect(names(more)).toContain('teams');
  });

  it('leaves out screens a role may not open, even if listed', () => {
    expect(names(navFor(['agent']).more)).not.toContain('people');
    expect(names(navFor(['lead']).more)).not.toContain('mailbox');
  });
});

describe('currentEntry', () => {
  it('picks the most specific screen for a path', () => {
    const { bar, more } = navFor(['lead']);
    const all = [...bar, ...more];
    expect(currentEntry(all, '/coaching')).toBe('coaching');
    expect(currentEntry(all, '/coaching/teams/t1')).toBe('coaching');
    expect(currentEntry(all, '/coaching/paths/p1')).toBe('paths');
    expect(currentEntry(all, '/nowhere')).toBeNull();
  });
});
