import { describe, expect, it } from 'vitest';
import { describeDevice, formatDate, formatDateTime, waitIn } from './format';

describe('describeDevice', () => {
  it('names common browsers and systems', () => {
    expect(
      describeDevice('Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Mobile Safari/537.36'),
    ).toEqual({ browser: 'Chrome', os: 'Android' });
    expect(
      describeDevice('Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1'),
    ).toEqual({ browser: 'Safari', os: 'iOS' });
    expect(describeDevice('Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/126.0 Safari/537.36 Edg/126.0')).toEqual({
      browser: 'Edge',
      os: 'Windows',
    });
    expect(describeDevice('curl/8.0')).toEqual({ browser: null, os: null });
    expect(describeDevice(null)).toEqual({ browser: null, os: null });
  });
});

describe('formatDateTime', () => {
  it('formats in the given locale and passes odd input through', () => {
    expect(formatDateTime('2026-11-22T07:31:00Z', 'en')).toMatch(/2026/);
    expect(formatDateTime('not a date', 'en')).toBe('not a date');
    expect(formatDateTime(null, 'en')).toBe('');
  });
});

describe('formatDate', () => {
  it('formats the day only, and passes odd input through', () => {
    expect(formatDate('2026-11-22T12:00:00Z', 'en')).toMatch(/2026/);
    expect(formatDate('2026-11-22T12:00:00Z', 'en')).not.toMatch(/:/);
    expect(formatDate('not a date', 'en')).toBe('not a date');
    expect(formatDate(undefined, 'en')).toBe('');
  });
});

describe('waitIn', () => {
  it('says short waits in seconds and longer ones in whole minutes, rounded up', () => {
    expect(waitIn(0)).toEqual({ unit: 'seconds', count: 0 });
    expect(waitIn(1)).toEqual({ unit: 'seconds', count: 1 });
    expect(waitIn(59)).toEqual({ unit: 'seconds', count: 59 });
    expect(waitIn(59.2)).toEqual({ unit: 'minutes', count: 1 });
    expect(waitIn(60)).toEqual({ unit: 'minutes', count: 1 });
    expect(waitIn(61)).toEqual({ unit: 'minutes', count: 2 });
    expect(waitIn(900)).toEqual({ unit: 'minutes', count: 15 });
  });

  it('never says a negative or impossible wait', () => {
    expect(waitIn(-5)).toEqual({ unit: 'seconds', count: 0 });
    expect(waitIn(Number.NaN)).toEqual({ unit: 'seconds', count: 0 });
  });
});
