import { describe, expect, it } from 'vitest';
import { duration, forgetRun, money, runIdFor } from './practice';

function memory() {
  const map = new Map<string, string>();
  return {
    getItem: (k: string) => map.get(k) ?? null,
    setItem: (k: string, v: string) => void map.set(k, v),
    removeItem: (k: string) => void map.delete(k),
  };
}

describe('practice helpers', () => {
  it('keeps one run per version until it is forgotten', () => {
    const store = memory();
    let n = 0;
    const fresh = () => `run-${++n}`;
    expect(runIdFor('v1', store, fresh)).toBe('run-1');
    expect(runIdFor('v1', store, fresh)).toBe('run-1');
    expect(runIdFor('v2', store, fresh)).toBe('run-2');
    forgetRun('v1', store);
    expect(runIdFor('v1', store, fresh)).toBe('run-3');
  });

  it('formats money and handle times', () => {
    expect(money(35, 'USD', 'en')).toBe('$35');
    expect(money(12.5, 'EUR', 'en')).toBe('€12.50');
    expect(money(5, 'NOPE', 'en')).toContain('5');
    expect(duration(160)).toBe('2:40');
    expect(duration(5)).toBe('0:05');
  });
});
