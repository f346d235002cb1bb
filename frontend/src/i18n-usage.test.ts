// Guards "no hard-coded UI text": components may only show text that comes from the
// message files, and every message key they use must exist.
import { describe, expect, it } from 'vitest';
import en from './locales/en.json';

// Sources as text, via Vite's import.meta.glob (no Node APIs, so svelte-check stays DOM-only).
const raw = (modules: Record<string, unknown>) =>
  Object.entries(modules as Record<string, string>).filter(
    ([path]) => !path.endsWith('.test.ts') && !path.endsWith('.d.ts'),
  );
const components = raw(import.meta.glob('./**/*.svelte', { query: '?raw', import: 'default', eager: true }));
const scripts = raw(import.meta.glob('./**/*.ts', { query: '?raw', import: 'default', eager: true }));

/** Removes `{…}` expressions (with nested braces and strings) from Svelte markup. */
function stripExpressions(markup: string): string {
  let out = '';
  let depth = 0;
  let quote: string | null = null;
  for (let i = 0; i < markup.length; i++) {
    const c = markup[i];
    if (depth > 0) {
      if (quote) {
        if (c === '\\') i++;
        else if (c === quote) quote = null;
      } else if (c === "'" || c === '"' || c === '`') quote = c;
      else if (c === '{') depth++;
      else if (c === '}') depth--;
      continue;
    }
    if (c === '{') depth = 1;
    else out += c;
  }
  return out;
}

function markupOf(source: string): string {
  return source
    .replace(/<script[\s\S]*?<\/script>/g, '')
    .replace(/<style[\s\S]*?<\/style>/g, '')
    .replace(/<!--[\s\S]*?-->/g, '');
}

const lookup = (key: string): unknown =>
  key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], en);

describe.each(components)('%s', (_path, source) => {
  const markup = markupOf(source);

  it('has no literal text outside {expressions}', () => {
    const text = stripExpressions(markup).replace(/<[^>]*>/g, ' ');
    expect(text.match(/\p{L}[\p{L}\s'’.,!?:;-]*/gu) ?? []).toEqual([]);
  });

  it('has no literal aria-label, title, alt, placeholder or aria-description', () => {
    const literal = [...markup.matchAll(/\s(aria-label|aria-description|title|alt|placeholder)="([^"{]+)"/g)];
    expect(literal.map((m) => m[0].trim())).toEqual([]);
  });
});

describe('message keys used in code', () => {
  it('exist in en.json', () => {
    const missing: string[] = [];
    for (const [path, source] of [...components, ...scripts]) {
      for (const [, key] of source.matchAll(/(?:\$_|\bt)\(\s*['"]([\w.]+)['"]/g)) {
        if (typeof lookup(key) !== 'string') missing.push(`${path}: ${key}`);
      }
      for (const [, prefix] of source.matchAll(/\$_\(\s*`([\w.]+)\.\$\{/g)) {
        if (typeof lookup(prefix) !== 'object') missing.push(`${path}: ${prefix}.*`);
      }
    }
    expect(missing).toEqual([]);
  });
});
