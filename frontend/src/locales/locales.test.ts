import { describe, expect, it } from 'vitest';
import en from './en.json';
import es from './es.json';
import itMessages from './it.json';

type Tree = { [key: string]: string | Tree };

function leaves(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of leaves(value, path)) out.set(k, v);
  }
  return out;
}

const placeholders = (message: string) => [...message.matchAll(/\{(\w+)/g)].map((m) => m[1]).sort();

const reference = leaves(en);
const others = { es, it: itMessages } as const;

describe.each(Object.entries(others))('%s.json', (code, messages) => {
  const mine = leaves(messages as Tree);

  it('has exactly the same keys as en.json', () => {
    expect([...mine.keys()].sort()).toEqual([...reference.keys()].sort());
  });

  it('has no empty messages and keeps the same placeholders', () => {
    for (const [key, message] of mine) {
      expect(message.trim(), key).not.toBe('');
      expect(placeholders(message), key).toEqual(placeholders(reference.get(key) ?? ''));
    }
  });

  it('declares its own language for <html lang>', () => {
    expect(mine.get('meta.lang')).toBe(code);
  });
});

describe('en.json', () => {
  it('declares its own language', () => {
    expect(reference.get('meta.lang')).toBe('en');
  });
  it('uses typographic apostrophes (ASCII quotes are ICU escape characters)', () => {
    for (const [key, message] of reference) expect(message, key).not.toContain("'");
  });
});
