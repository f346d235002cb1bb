import { describe, expect, it } from 'vitest';
import { intervalChart, translucent, weeklyChart, type ChartColours, type UPlot } from './charts';

const colours: ChartColours = { text: '#000', muted: '#444', grid: '#ccc', line: '#0b5c63', band: '#eee', marker: '#1b6e3a' };
// Only what the builders use of uPlot.
const lib = { pxRatio: 1, tzDate: (date: Date) => date } as unknown as UPlot;

describe('translucent', () => {
  it('turns hex colours into rgba', () => {
    expect(translucent('#0b5c63', 0.5)).toBe('rgba(11, 92, 99, 0.5)');
    expect(translucent('#fff', 0.1)).toBe('rgba(255, 255, 255, 0.1)');
    expect(translucent('red', 0.1)).toBe('red');
  });
});

describe('weeklyChart', () => {
  it('draws one point per week, on a range with room around it', () => {
    const build = weeklyChart({ weeks: ['2026-11-23', '2026-11-30'], values: [71, 75], unit: '%', minimum: 0, maximum: 100, locale: 'en' });
    const { options, data } = build(320, colours, lib);
    expect(options.width).toBe(320);
    expect(data).toEqual([[Date.UTC(2026, 10, 23) / 1000, Date.UTC(2026, 10, 30) / 1000], [71, 75]]);
    expect(options.scales?.y?.range).toEqual([67, 79]);
    expect(options.legend?.show).toBe(false);
  });

  it('spans the weeks asked for, keeps gaps, and draws a second line on the same axes', () => {
    const weeks = ['2026-11-16', '2026-11-23', '2026-11-30'];
    const build = weeklyChart({ weeks, values: [null, 3, 5], second: [1, 0, 2], span: ['2026-11-09', ...weeks], unit: '', minimum: 0, locale: 'en' });
    const { options, data } = build(320, colours, lib);
    expect(data.slice(1)).toEqual([[null, 3, 5], [1, 0, 2]]);
    expect(options.series).toHaveLength(3);
    const half = 3.5 * 86_400;
    expect(options.scales?.x?.range).toEqual([Date.UTC(2026, 10, 9) / 1000 - half, Date.UTC(2026, 10, 30) / 1000 + half]);
    const [low, high] = options.scales?.y?.range as [number, number];
    expect(low).toBe(0);
    expect(high).toBeGreaterThanOrEqual(5);
  });
});

describe('intervalChart', () => {
  it('sorts the weeks and keeps zero and every interval in view', () => {
    const build = intervalChart({
      points: [
        { weeks_since: 1, estimate: 4, ci_low: 1, ci_high: 7 },
        { weeks_since: -1, estimate: 0.5, ci_low: -2, ci_high: 3 },
      ],
      overall: { estimate: 5, low: 2, high: 9 },
      unit: '%',
      locale: 'en',
    });
    const { options, data } = build(320, colours, lib);
    expect(data).toEqual([[-1, 1], [0.5, 4]]);
    const [low, high] = options.scales?.y?.range as [number, number];
    expect(low).toBeLessThan(-2);
    expect(high).toBeGreaterThan(9);
    expect(options.scales?.x?.range).toEqual([-1.5, 1.5]);
  });

  it('still draws the overall band without weekly points', () => {
    const { data } = intervalChart({ points: [], overall: { estimate: 5, low: 2, high: 9 }, unit: '', locale: 'en' })(300, colours, lib);
    expect(data).toEqual([[0], [null]]);
  });
});
