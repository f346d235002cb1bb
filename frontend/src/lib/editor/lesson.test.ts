import { describe, expect, it } from 'vitest';
import fixture from './estimate.fixture.json';
import { BLOCK_TYPES, emptyLesson, estimateSeconds, inBlock, keyFromTitle, move, newBlock, remove, type LessonDocument } from './lesson';

describe('the five-minute estimate', () => {
  it("is the server's number on the same lesson (tests/api/lesson_editor.rs saves this fixture)", () => {
    expect(estimateSeconds(fixture.document as LessonDocument)).toBe(fixture.estimate_seconds);
  });

  it('counts words at 180 a minute per card, rounded up, and 20 s per knowledge check', () => {
    const text = { type: 'text' as const, text: 'word '.repeat(180) };
    const check = { type: 'true_false' as const, prompt: 'a b c', answer: true, explanation: 'd e f' };
    // The domain's own test (estimate.rs): 60 + 22 seconds, and "T" adds nothing.
    expect(estimateSeconds({ title: 'T', blocks: [text, check] })).toBe(82);
    expect(estimateSeconds({ title: 'T', blocks: [{ type: 'tip', text: 'one' }] })).toBe(1);
    expect(estimateSeconds({ title: 'one two three', blocks: [] })).toBe(1);
  });
});

describe('editing blocks', () => {
  it('moves a block up or down, never past an end', () => {
    expect(move(['a', 'b', 'c'], 0, 1)).toEqual(['b', 'a', 'c']);
    expect(move(['a', 'b', 'c'], 2, -1)).toEqual(['a', 'c', 'b']);
    expect(move(['a', 'b', 'c'], 0, -1)).toEqual(['a', 'b', 'c']);
    expect(move(['a', 'b', 'c'], 2, 1)).toEqual(['a', 'b', 'c']);
    expect(remove(['a', 'b', 'c'], 1)).toEqual(['a', 'c']);
  });

  it('starts every kind of block with the fewest parts the lesson file takes', () => {
    for (const type of BLOCK_TYPES) expect(newBlock(type).type).toBe(type);
    const single = newBlock('single');
    expect(single.type === 'single' && single.options?.filter((o) => o.correct)).toHaveLength(1);
    const ordering = newBlock('ordering');
    expect(ordering.type === 'ordering' && ordering.steps).toHaveLength(3);
    expect(emptyLesson('it')).toMatchObject({ locale: 'it', blocks: [{ type: 'text' }] });
  });

  it('makes a key from a title and finds the errors of a block', () => {
    expect(keyFromTitle('Perché ascoltare è già risolvere!')).toBe('perche-ascoltare-e-gia-risolvere');
    expect(keyFromTitle('¿?')).toBe('');
    expect(keyFromTitle('x'.repeat(80))).toHaveLength(64);
    expect(inBlock('blocks[2].alt', 2)).toBe(true);
    expect(inBlock('blocks[2]', 2)).toBe(true);
    expect(inBlock('blocks[12].alt', 1)).toBe(false);
  });
});
