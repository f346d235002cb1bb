// The results charts, drawn with uPlot (MIT). The library is loaded on first use from its own
// chunk, so only the screens that draw a chart download it; each chart is built from the
// theme's colours and the screen's language. Types only are imported here at build time.
import type uPlot from 'uplot';
import type { AlignedData, Options } from 'uplot';
import { axisValue, formatValue, integerSplits, intervalRange, valuesRange, weekSeconds, weeksRange } from './results';

export type UPlot = typeof uPlot;

let loading: Promise<UPlot> | null = null;

/** uPlot and its stylesheet, loaded once (a failed load is tried again next time). */
export function loadCharts(): Promise<UPlot> {
  loading ??= Promise.all([import('uplot'), import('uplot/dist/uPlot.min.css')])
    .then(([module]) => module.default)
    .catch((error: unknown) => {
      loading = null;
      throw error;
    });
  return loading;
}

/** The theme's colours, read from the page's CSS variables when a chart is drawn. */
export interface ChartColours {
  text: string;
  muted: string;
  grid: string;
  line: string;
  band: string;
  marker: string;
}

/** `#rrggbb` (or `#rgb`) as rgba() with `alpha`; other colours as they are. */
export function translucent(colour: string, alpha: number): string {
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(colour.trim())?.[1];
  if (!hex) return colour;
  const full = hex.length === 3 ? [...hex].map((c) => c + c).join('') : hex;
  const [r, g, b] = [0, 2, 4].map((at) => parseInt(full.slice(at, at + 2), 16));
  return `rgba(${r}, ${g}, ${b}, ${alpha})`;
}

export function chartColours(): ChartColours {
  const style = getComputedStyle(document.documentElement);
  const read = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
  const border = read('--border', '#6b7a88');
  const primary = read('--primary', '#0b5c63');
  return {
    text: read('--text', '#14202b'),
    muted: read('--muted', '#44525f'),
    grid: translucent(border, 0.35),
    line: primary,
    band: translucent(primary, 0.18),
    marker: read('--ok', '#1b6e3a'),
  };
}

/** What a chart component draws: uPlot's options and data for a width. */
export type ChartBuild = (width: number, colours: ChartColours, lib: UPlot) => { options: Options; data: AlignedData };

const FONT = '12px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';

const quiet = {
  legend: { show: false },
  cursor: { show: false, drag: { x: false, y: false } },
  select: { show: false, left: 0, top: 0, width: 0, height: 0 },
} satisfies Partial<Options>;

const axis = (colours: ChartColours) => ({
  stroke: colours.muted,
  font: FONT,
  grid: { stroke: colours.grid, width: 1 },
  ticks: { stroke: colours.grid, width: 1, size: 4 },
});

/** A vertical dashed line at `x` (canvas pixels) over the plotting area. */
function dashedLine(u: uPlot, x: number, colour: string, ratio: number) {
  const { ctx, bbox } = u;
  ctx.save();
  ctx.strokeStyle = colour;
  ctx.lineWidth = 2 * ratio;
  ctx.setLineDash([5 * ratio, 4 * ratio]);
  ctx.beginPath();
  ctx.moveTo(x, bbox.top);
  ctx.lineTo(x, bbox.top + bbox.height);
  ctx.stroke();
  ctx.restore();
}

export interface WeeklyChart {
  weeks: readonly string[];
  /** A week without a value is a gap (null). */
  values: readonly (number | null)[];
  /** A second line over the same weeks, dashed, in the marker colour (e.g. late beside on time). */
  second?: readonly (number | null)[];
  /** Weeks the x axis spans even without a value (to line charts up on the same weeks). */
  span?: readonly string[];
  unit: string;
  minimum?: number | null;
  maximum?: number | null;
  locale: string | null | undefined;
  /** Weeks (Mondays) marked with a dashed line (a path finished then), shown even without a value. */
  marks?: readonly string[];
  height?: number;
}

/** A KPI week by week: a line with a dot per week that has a value. */
export function weeklyChart(chart: WeeklyChart): ChartBuild {
  const days = new Intl.DateTimeFormat(chart.locale ?? undefined, { day: 'numeric', month: 'short', timeZone: 'UTC' });
  return (width, colours, lib) => {
    const ratio = lib.pxRatio;
    const [xMin, xMax] = weeksRange([...chart.weeks, ...(chart.marks ?? []), ...(chart.span ?? [])]);
    const numbers = [...chart.values, ...(chart.second ?? [])].filter((v): v is number => v !== null);
    const [yMin, yMax] = valuesRange(numbers, chart.minimum, chart.maximum);
    const options: Options = {
      ...quiet,
      width,
      height: chart.height ?? 200,
      tzDate: (ts) => lib.tzDate(new Date(ts * 1000), 'Etc/UTC'),
      scales: { x: { time: true, range: [xMin, xMax] }, y: { range: [yMin, yMax] } },
      axes: [
        { ...axis(colours), size: 32, space: 56, values: (_u, splits) => splits.map((s) => days.format(new Date(s * 1000))) },
        { ...axis(colours), size: 52, values: (_u, splits) => splits.map((s) => axisValue(s, chart.unit, chart.locale)) },
      ],
      series: [
        {},
        {
          stroke: colours.line,
          width: 2,
          points: { show: true, size: 8, width: 2, stroke: colours.line, fill: colours.line },
        },
        ...(chart.second
          ? [
              {
                stroke: colours.marker,
                width: 2,
                dash: [6 * ratio, 4 * ratio],
                points: { show: true, size: 7, width: 2, stroke: colours.marker, fill: colours.marker },
              },
            ]
          : []),
      ],
      hooks: {
        drawAxes: [
          (u) => {
            for (const week of chart.marks ?? []) {
              const at = weekSeconds(week);
              if (at < xMin || at > xMax) continue;
              dashedLine(u, u.valToPos(at, 'x', true), colours.marker, ratio);
            }
          },
        ],
      },
    };
    const data: AlignedData = [chart.weeks.map(weekSeconds), [...chart.values], ...(chart.second ? [[...chart.second]] : [])];
    return { options, data };
  };
}

export interface IntervalChart {
  /** By weeks since finishing (negative: before): the estimate and its 95 % interval. */
  points: readonly { weeks_since: number; estimate: number; ci_low: number; ci_high: number }[];
  /** The overall estimate after finishing, drawn as a band over the weeks after. */
  overall: { estimate: number; low: number; high: number } | null;
  unit: string;
  locale: string | null | undefined;
  height?: number;
}

/**
 * An interval chart: for each week since finishing a path, the difference it made (a dot)
 * and its 95 % interval (a whisker), against a line at zero (no difference); the overall
 * estimate and its interval as a band over the weeks after, and a dashed line where the
 * path was finished.
 */
export function intervalChart(chart: IntervalChart): ChartBuild {
  const points = [...chart.points].sort((a, b) => a.weeks_since - b.weeks_since);
  const xs = points.map((p) => p.weeks_since);
  const xMin = Math.min(-1, ...xs) - 0.5;
  const xMax = Math.max(1, ...xs) + 0.5;
  const [yMin, yMax] = intervalRange(points, chart.overall);
  const number = new Intl.NumberFormat(chart.locale ?? undefined, { maximumFractionDigits: 0, signDisplay: 'exceptZero' });
  return (width, colours, lib) => {
    const ratio = lib.pxRatio;
    const draw = (u: uPlot) => {
      const { ctx, bbox } = u;
      const x = (v: number) => u.valToPos(v, 'x', true);
      const y = (v: number) => u.valToPos(v, 'y', true);
      ctx.save();
      if (chart.overall) {
        const left = x(-0.5);
        const right = bbox.left + bbox.width;
        ctx.fillStyle = colours.band;
        ctx.fillRect(left, y(chart.overall.high), right - left, y(chart.overall.low) - y(chart.overall.high));
        ctx.strokeStyle = colours.line;
        ctx.lineWidth = 2 * ratio;
        ctx.setLineDash([6 * ratio, 4 * ratio]);
        ctx.beginPath();
        ctx.moveTo(left, y(chart.overall.estimate));
        ctx.lineTo(right, y(chart.overall.estimate));
        ctx.stroke();
        ctx.setLineDash([]);
      }
      // No difference.
      ctx.strokeStyle = colours.text;
      ctx.lineWidth = 1.5 * ratio;
      ctx.beginPath();
      ctx.moveTo(bbox.left, y(0));
      ctx.lineTo(bbox.left + bbox.width, y(0));
      ctx.stroke();
      // Whiskers: each week's 95 % interval.
      const cap = 5 * ratio;
      ctx.strokeStyle = colours.line;
      ctx.lineWidth = 2 * ratio;
      for (const p of points) {
        const at = x(p.weeks_since);
        ctx.beginPath();
        ctx.moveTo(at, y(p.ci_low));
        ctx.lineTo(at, y(p.ci_high));
        ctx.moveTo(at - cap, y(p.ci_low));
        ctx.lineTo(at + cap, y(p.ci_low));
        ctx.moveTo(at - cap, y(p.ci_high));
        ctx.lineTo(at + cap, y(p.ci_high));
        ctx.stroke();
      }
      ctx.restore();
      dashedLine(u, x(-0.5), colours.muted, ratio);
    };
    const options: Options = {
      ...quiet,
      width,
      height: chart.height ?? 200,
      scales: { x: { time: false, range: [xMin, xMax] }, y: { range: [yMin, yMax] } },
      axes: [
        {
          ...axis(colours),
          size: 32,
          splits: (_u, _i, min, max) => integerSplits(min, max, Math.max(3, Math.floor(width / 48))),
          values: (_u, splits) => splits.map((s) => number.format(s)),
        },
        // Differences: signed, a percentage's in points (the key under the chart says so).
        { ...axis(colours), size: 52, values: (_u, splits) => splits.map((s) => formatValue(s, chart.unit === '%' ? '' : chart.unit, chart.locale, { signed: true })) },
      ],
      series: [
        {},
        {
          stroke: colours.line,
          width: 0,
          paths: () => null,
          points: { show: true, size: 9, width: 2, stroke: colours.line, fill: colours.line },
        },
      ],
      hooks: { drawAxes: [draw] },
    };
    const data: AlignedData = points.length > 0 ? [xs, points.map((p) => p.estimate)] : [[0], [null]];
    return { options, data };
  };
}
