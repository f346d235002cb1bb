import { describe, expect, it } from 'vitest';
import { entryErrors, formField, move } from './orderedList';

describe('moving an entry of an ordered list', () => {
  it('moves it up or down by one or more places', () => {
    expect(move(['a', 'b', 'c'], 1, -1)).toEqual(['b', 'a', 'c']);
    expect(move(['a', 'b', 'c'], 1, 1)).toEqual(['a', 'c', 'b']);
    expect(move(['a', 'b', 'c'], 0, 2)).toEqual(['b', 'c', 'a']);
  });

  it('leaves the list as it was at the ends, for an unknown entry, and never changes its input', () => {
    const list = ['a', 'b'];
    expect(move(list, 0, -1)).toEqual(['a', 'b']);
    expect(move(list, 1, 1)).toEqual(['a', 'b']);
    expect(move(list, 5, -1)).toEqual(['a', 'b']);
    expect(move(list, -1, 1)).toEqual(['a', 'b']);
    expect(move(list, 0, 1)).not.toBe(list);
    expect(list).toEqual(['a', 'b']);
  });
});

describe('messages about one entry', () => {
  it('keeps only that entry’s fields, by their own names', () => {
    const errors = { title: 'x', 'steps.1.title': 'a', 'steps.1.step': 'b', 'steps.10.title': 'c', 'steps.0.kind': 'd' };
    expect(entryErrors(errors, 'steps', 1)).toEqual({ title: 'a', step: 'b' });
    expect(entryErrors(errors, 'steps', 10)).toEqual({ title: 'c' });
    expect(entryErrors(errors, 'modules', 1)).toEqual({});
  });

  it('names the server’s fields as the form does', () => {
    expect(formField('steps[2].title', 'steps', 'step')).toBe('steps.2.title');
    expect(formField('steps[2]', 'steps', 'step')).toBe('steps.2.step');
    expect(formField('modules[0].rubric[3]', 'modules', 'module')).toBe('modules.0.rubric.3');
    expect(formField('title', 'steps', 'step')).toBe('title');
  });
});
