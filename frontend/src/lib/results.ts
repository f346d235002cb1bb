// Pure helpers for the results screens: reading a CSV's header and rows on the phone (the
// server reads the file again, this only offers its columns and shows refused rows),
// guessing which column is which, values with their unit, the week-on-week trend, and
// the shapes the charts draw. No Svelte, no DOM: unit-tested in results.test.ts.
import type { Direction, EventPointView, Mapping, PointView, TrainingImpactView } from '../api/results';

/** One record of a CSV file: the line it starts on (the header is line 1) and its cells. */
export interface CsvRecord {
  line: number;
  cells: string[];
}

/**
 * Reads comma-separated text as the server does (RFC 4180 quotes, `""` inside quotes, CRLF or
 * LF, a UTF-8 BOM ignored, cells trimmed), numbering each record by the line it starts on.
 * Records with only empty cells are left out, as the server leaves them out. `limit` stops
 * after that many records (the header counts).
 */
export function parseCsv(text: string, limit = Infinity): CsvRecord[] {
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const records: CsvRecord[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let start = 1;
  const endCell = () => {
    cells.push(cell.trim());
    cell = '';
  };
  const endRecord = () => {
    endCell();
    if (cells.some((c) => c !== '')) records.push({ line: start, cells });
    cells = [];
  };
  for (let i = 0; i < source.length && records.length < limit; i++) {
    const c = source[i];
    if (quoted) {
      if (c === '"') {
        if (source[i + 1] === '"') {
          cell += '"';
          i++;
        } else quoted = false;
      } else {
        if (c === '\n' || (c === '\r' && source[i + 1] !== '\n')) line++;
        cell += c;
      }
      continue;
    }
    if (c === '"' && cell.trim() === '') {
      cell = '';
      quoted = true;
    } else if (c === ',') endCell();
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && source[i + 1] === '\n') i++;
      endRecord();
      line++;
      start = line;
    } else cell += c;
  }
  if (records.length < limit && (cell !== '' || cells.length > 0)) endRecord();
  return records;
}

/** What the phone can tell about a chosen file before sending it. */
export interface CsvOutline {
  /** The header's column names, as written (empty ones left out). */
  columns: string[];
  /** Records after the header. */
  rows: number;
  /** The header has one column with semicolons in it: probably a semicolon-separated file. */
  semicolons: boolean;
}

export function outlineCsv(text: string): CsvOutline {
  const records = parseCsv(text);
  const header = records[0]?.cells ?? [];
  const columns = header.filter((name) => name !== '');
  return {
    columns,
    rows: Math.max(0, records.length - 1),
    semicolons: columns.length === 1 && columns[0].includes(';'),
  };
}

export const MAPPED = ['agent', 'external_id', 'metric', 'period', 'value'] as const;
export type MappedField = (typeof MAPPED)[number];
/** Which column holds what, by header name ("" for none): the form's side of a `Mapping`. */
export type ColumnMapping = Record<MappedField, string>;
/** The fields that name the agent: at least one is mapped; a row's address wins when it has one. */
export const AGENT_FIELDS: readonly MappedField[] = ['agent', 'external_id'];

export const blankMapping = (): ColumnMapping => ({ agent: '', external_id: '', metric: '', period: '', value: '' });

/** The mapping as the server takes it: an agent column left unmapped is left out. */
export function toRequestMapping(mapping: ColumnMapping): Mapping {
  const { agent, external_id, metric, period, value } = mapping;
  return { ...(agent ? { agent } : {}), ...(external_id ? { external_id } : {}), metric, period, value };
}

/** Header names that say what a column holds (lowercase, without accents), best first. */
const NAMES: Record<MappedField, readonly string[]> = {
  agent: ['email', 'e mail', 'mail', 'correo', 'agent email', 'agent', 'agente', 'user', 'usuario', 'utente', 'login', 'operador', 'operatore'],
  external_id: [
    'external id',
    'agent id',
    'employee id',
    'id agente',
    'id empleado',
    'id dipendente',
    'id operatore',
    'id operador',
    'employee number',
    'numero empleado',
    'matricola',
    'matricula',
    'wfm id',
    'external',
  ],
  metric: ['kpi', 'metric', 'metrica', 'indicator', 'indicador', 'indicatore', 'measure', 'medida', 'misura'],
  period: ['week', 'period', 'periodo', 'semana', 'settimana', 'date', 'fecha', 'data', 'day', 'dia', 'giorno'],
  value: ['value', 'valor', 'valore', 'score', 'puntuacion', 'punteggio', 'result', 'resultado', 'risultato', 'amount'],
};

const normalise = (name: string) =>
  name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

/** How well a header names a field: 0 not at all; higher for an exact name, then a word of it. */
function score(column: string, field: MappedField): number {
  const name = normalise(column);
  const words = name.split(' ');
  let best = 0;
  NAMES[field].forEach((candidate, rank) => {
    const weight = NAMES[field].length - rank;
    if (name === candidate) best = Math.max(best, 1000 + weight);
    else if (candidate.includes(' ') ? name.includes(candidate) : words.includes(candidate)) best = Math.max(best, 100 + weight);
    else if (candidate.length >= 5 && name.includes(candidate)) best = Math.max(best, weight);
  });
  return best;
}

/**
 * Which column holds the agent's address, their external id, the metric, the period and the
 * value, from the header's names ("email", "agent_id", "kpi", "week", "value", in English,
 * Spanish or Italian): the best match for each field, each column used once; "" where
 * nothing fits.
 */
export function guessMapping(columns: readonly string[]): ColumnMapping {
  const mapping = blankMapping();
  const pairs = MAPPED.flatMap((field) =>
    columns.map((column, at) => ({ field, column, at, score: score(column, field) })),
  )
    .filter((p) => p.score > 0)
    .sort((a, b) => b.score - a.score || a.at - b.at);
  const used = new Set<string>();
  for (const pair of pairs) {
    if (mapping[pair.field] || used.has(pair.column)) continue;
    mapping[pair.field] = pair.column;
    used.add(pair.column);
  }
  return mapping;
}

/**
 * Whether the metric, period and value have a column, the agent has one (their address,
 * their external id or both), and no column is used twice.
 */
export function mappingComplete(mapping: ColumnMapping): boolean {
  const required = MAPPED.filter((field) => !AGENT_FIELDS.includes(field));
  if (required.some((field) => mapping[field] === '')) return false;
  if (AGENT_FIELDS.every((field) => mapping[field] === '')) return false;
  const chosen = MAPPED.map((field) => mapping[field]).filter((c) => c !== '');
  return new Set(chosen.map((c) => c.toLowerCase())).size === chosen.length;
}

/** The fields that share a column with another (to say so next to them). */
export function sharedColumns(mapping: ColumnMapping): MappedField[] {
  return MAPPED.filter((field) => {
    const column = mapping[field].toLowerCase();
    return column !== '' && MAPPED.some((other) => other !== field && mapping[other].toLowerCase() === column);
  });
}

/**
 * The mapped cells of the rows at `lines` (to show a refused row beside its reason), read
 * from the file's text. Columns are matched as the server matches them (case-insensitive).
 */
export function rowsAt(text: string, mapping: ColumnMapping, lines: readonly number[]): Map<number, Record<MappedField, string>> {
  const wanted = new Set(lines);
  const out = new Map<number, Record<MappedField, string>>();
  if (wanted.size === 0) return out;
  const records = parseCsv(text);
  const header = (records[0]?.cells ?? []).map((h) => h.toLowerCase());
  const at = (field: MappedField) => (mapping[field].trim() ? header.indexOf(mapping[field].trim().toLowerCase()) : -1);
  const index = Object.fromEntries(MAPPED.map((field) => [field, at(field)])) as Record<MappedField, number>;
  for (const record of records.slice(1)) {
    if (!wanted.has(record.line)) continue;
    const cell = (field: MappedField) => (index[field] >= 0 ? (record.cells[index[field]] ?? '') : '');
    out.set(record.line, Object.fromEntries(MAPPED.map((field) => [field, cell(field)])) as Record<MappedField, string>);
  }
  return out;
}

/** How many decimals a unit's values show. */
export function decimalsFor(unit: string): number {
  if (unit === 's') return 0;
  if (unit === '%') return 1;
  return 2;
}

export interface ValueFormat {
  /** Show a sign (a change: "+4"), none for zero. */
  signed?: boolean;
  /** With `signed`, how a change of a percentage is said ("pts"): percentage points, not percent. */
  points?: string;
}

/**
 * A value with its unit in `locale`: "75 %" / "75%", "5 min 20 s", "4,3/5", "12 €". A change
 * (`signed`) of a percentage is in points ("+4 pts"), of a /5 rating a plain number ("+0.3").
 */
export function formatValue(value: number, unit: string, locale: string | null | undefined, format: ValueFormat = {}): string {
  const lang = locale ?? undefined;
  const sign = format.signed ? ('exceptZero' as const) : ('auto' as const);
  const number = (v: number, digits: number, signDisplay = sign) =>
    new Intl.NumberFormat(lang, { maximumFractionDigits: digits, signDisplay }).format(v);
  if (!Number.isFinite(value)) return '–';
  if (unit === '%') {
    if (format.signed) return format.points ? `${number(value, 1)} ${format.points}` : number(value, 1);
    return new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 1 }).format(value / 100);
  }
  if (unit === 's') {
    const whole = Math.round(Math.abs(value));
    const prefix = value < 0 && whole > 0 ? '-' : format.signed && whole > 0 ? '+' : '';
    if (whole < 60) return `${prefix}${number(whole, 0, 'auto')} s`;
    const minutes = Math.floor(whole / 60);
    const seconds = whole % 60;
    return `${prefix}${number(minutes, 0, 'auto')} min${seconds ? ` ${number(seconds, 0, 'auto')} s` : ''}`;
  }
  if (unit === '/5') return format.signed ? number(value, 2) : `${number(value, 2)}/5`;
  const text = number(value, decimalsFor(unit));
  return unit ? `${text} ${unit}` : text;
}

export type Judgement = 'better' | 'worse' | 'same';

export interface Trend {
  /** Latest minus the week before it that has a value. */
  change: number;
  /** That earlier week. */
  since: PointView;
  judgement: Judgement;
}

/** Rounding noise below this is no change. */
const EPSILON = 1e-9;

/** Whether a change is for the better, given which way is better for the metric. */
export function judge(change: number, direction: Direction): Judgement {
  if (Math.abs(change) < EPSILON) return 'same';
  return (change > 0) === (direction === 'higher') ? 'better' : 'worse';
}

/** The latest week against the one before it (weeks without values are skipped), or null. */
export function trend(points: readonly PointView[], direction: Direction): Trend | null {
  if (points.length < 2) return null;
  const last = points[points.length - 1];
  const since = points[points.length - 2];
  const change = last.value - since.value;
  return { change, since, judgement: judge(change, direction) };
}

/** The latest week with a value, or null. */
export const latest = (points: readonly PointView[]): PointView | null => points[points.length - 1] ?? null;

/** Seconds since 1970 for a week's Monday ("2026-11-30"), as the charts' x axis counts. */
export const weekSeconds = (week: string) => Date.parse(`${week}T00:00:00Z`) / 1000;

const pad = (n: number) => String(n).padStart(2, '0');

/** The Monday ("2026-11-30") of the local calendar week that `iso` falls in. */
export function mondayOf(iso: string): string | null {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return null;
  const back = (date.getDay() + 6) % 7;
  const monday = new Date(date.getFullYear(), date.getMonth(), date.getDate() - back);
  return `${monday.getFullYear()}-${pad(monday.getMonth() + 1)}-${pad(monday.getDate())}`;
}

/** A finished path: its title and when its last step was done. */
export interface Finished {
  title: string;
  at: string;
}

/** The paths finished in each week (Monday → titles), to show beside the weekly results. */
export function finishedByWeek(paths: readonly Finished[]): Map<string, string[]> {
  const weeks = new Map<string, string[]>();
  for (const path of paths) {
    const week = mondayOf(path.at);
    if (!week) continue;
    weeks.set(week, [...(weeks.get(week) ?? []), path.title]);
  }
  return weeks;
}

/** When a completed path was finished: its last step's completion, or null. */
export function finishedAt(path: { status: string; steps: readonly { completed_at?: string | null }[] }): string | null {
  if (path.status !== 'completed') return null;
  const times = path.steps.map((s) => s.completed_at).filter((t): t is string => !!t).sort();
  return times[times.length - 1] ?? null;
}

/** How a reading looks: good news, bad news, or neither. */
export function readingTone(reading: TrainingImpactView['reading']): 'good' | 'bad' | 'neutral' {
  if (reading === 'improved') return 'good';
  if (reading === 'worsened') return 'bad';
  return 'neutral';
}

/** A training's overall estimate and its 95 % interval, when it has one. */
export function estimateOf(training: TrainingImpactView): { estimate: number; low: number; high: number } | null {
  const { estimate, ci_low: low, ci_high: high } = training;
  if (typeof estimate !== 'number' || typeof low !== 'number' || typeof high !== 'number') return null;
  return { estimate, low, high };
}

/**
 * The range an interval chart's y axis shows: every interval and zero, with a little room
 * around them so that whiskers never touch the edge.
 */
export function intervalRange(points: readonly Pick<EventPointView, 'ci_low' | 'ci_high'>[], overall?: { low: number; high: number } | null): [number, number] {
  const values = [0, ...points.flatMap((p) => [p.ci_low, p.ci_high]), ...(overall ? [overall.low, overall.high] : [])].filter(
    Number.isFinite,
  );
  const min = Math.min(...values);
  const max = Math.max(...values);
  const room = (max - min || 1) * 0.1;
  return [min - room, max + room];
}

/** The metrics that have values, first, in the server's order otherwise. */
export function withValuesFirst<T extends { points: readonly unknown[] }>(series: readonly T[]): T[] {
  return [...series.filter((s) => s.points.length > 0), ...series.filter((s) => s.points.length === 0)];
}

/** A value as a chart's axis shows it, short: "75%", "5:20" (minutes of a handle time), "4.2". */
export function axisValue(value: number, unit: string, locale: string | null | undefined): string {
  const lang = locale ?? undefined;
  if (unit === 's') {
    const whole = Math.round(Math.abs(value));
    const text = `${Math.floor(whole / 60)}:${pad(whole % 60)}`;
    return value < 0 && whole > 0 ? `-${text}` : text;
  }
  if (unit === '%') return new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 1 }).format(value / 100);
  return new Intl.NumberFormat(lang, { maximumFractionDigits: 2 }).format(value);
}

/** Whole numbers from `min` to `max` for an axis, every n-th so that at most `most` show. */
export function integerSplits(min: number, max: number, most = 8): number[] {
  const first = Math.ceil(min);
  const last = Math.floor(max);
  if (!Number.isFinite(first) || !Number.isFinite(last) || last < first) return [];
  const step = Math.max(1, Math.ceil((last - first + 1) / Math.max(1, most)));
  const out: number[] = [];
  // Steps counted from zero, so that 0 (the week a path was finished) is always a tick.
  for (let v = Math.ceil(first / step) * step; v <= last; v += step) out.push(v);
  return out;
}

/** The x range (seconds) of a weekly chart: half a week of room before the first and after the last week. */
export function weeksRange(weeks: readonly string[]): [number, number] {
  const xs = weeks.map(weekSeconds).filter(Number.isFinite);
  if (xs.length === 0) return [0, 1];
  const half = 3.5 * 86_400;
  return [Math.min(...xs) - half, Math.max(...xs) + half];
}

/**
 * The y range of a weekly chart: the values with some room, within the metric's range. So that
 * small moves do not look like big ones, it spans at least a tenth of the metric's range (of
 * a bounded scale like 0–100 % or 1–5), else a tenth of the values themselves.
 */
export function valuesRange(values: readonly number[], minimum?: number | null, maximum?: number | null): [number, number] {
  const finite = values.filter(Number.isFinite);
  if (finite.length === 0) return [minimum ?? 0, maximum ?? 1];
  const low = Math.min(...finite);
  const high = Math.max(...finite);
  const bounded = typeof minimum === 'number' && typeof maximum === 'number' && maximum - minimum <= 100;
  const least = bounded ? (maximum - minimum) / 10 : Math.abs((low + high) / 2) / 10;
  const span = Math.max(high - low, least) || 1;
  const middle = (low + high) / 2;
  let from = middle - span * 0.6;
  let to = middle + span * 0.6;
  if (typeof minimum === 'number') from = Math.max(from, minimum);
  if (typeof maximum === 'number') to = Math.min(to, maximum);
  if (to <= from) to = from + 1;
  return [from, to];
}

/** The metrics every organisation has, named in the UI language (`results.metricNames.<key>`). */
export const BUILT_IN_METRICS = ['aht', 'fcr', 'csat', 'qa'] as const;

/** A metric's name: the UI's words for a built-in one, the organisation's own name otherwise. */
export function metricName(
  metric: { key: string; name: string; built_in: boolean },
  translate: (key: string) => string,
): string {
  return metric.built_in && (BUILT_IN_METRICS as readonly string[]).includes(metric.key)
    ? translate(`results.metricNames.${metric.key}`)
    : metric.name;
}

/** A new metric as the form holds it (numbers as typed). */
export interface MetricForm {
  key: string;
  name: string;
  unit: string;
  direction: Direction;
  minimum: string;
  maximum: string;
}

/** A typed bound: null when empty, NaN when not a number (a comma is a decimal point). */
export function parseBound(text: string): number | null {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  const value = Number(trimmed.replace(',', '.'));
  return Number.isFinite(value) ? value : Number.NaN;
}

/**
 * What the form can tell before sending (the server checks again): field → message code
 * under `results.metricForm.errors`, the codes the server uses where it has one.
 */
export function validateMetric(form: MetricForm): Record<string, string> {
  const errors: Record<string, string> = {};
  const key = form.key.trim();
  if (key === '') errors.key = 'required';
  else if (!/^[a-zA-Z][a-zA-Z0-9_]{0,39}$/.test(key)) errors.key = 'invalid_metric_key';
  else if ((BUILT_IN_METRICS as readonly string[]).includes(key.toLowerCase())) errors.key = 'metric_key_taken';
  const name = form.name.trim();
  if (name === '') errors.name = 'required';
  else if ([...name].length > 80) errors.name = 'invalid_name';
  if ([...form.unit.trim()].length > 20) errors.unit = 'invalid_unit';
  const minimum = parseBound(form.minimum);
  const maximum = parseBound(form.maximum);
  if (Number.isNaN(minimum)) errors.minimum = 'number';
  if (Number.isNaN(maximum)) errors.maximum = 'number';
  else if (minimum !== null && maximum !== null && !Number.isNaN(minimum) && minimum > maximum) errors.maximum = 'invalid_range';
  return errors;
}

/** The metric as the API wants it. */
export function metricBody(form: MetricForm) {
  const minimum = parseBound(form.minimum);
  const maximum = parseBound(form.maximum);
  return {
    key: form.key.trim().toLowerCase(),
    name: form.name.trim(),
    unit: form.unit.trim(),
    direction: form.direction,
    minimum: minimum === null || Number.isNaN(minimum) ? null : minimum,
    maximum: maximum === null || Number.isNaN(maximum) ? null : maximum,
  };
}

/** The weeks (Mondays) among `weeks` in the last `span` weeks up to `now`'s, oldest first. */
export function recentWeeks(weeks: Iterable<string>, now: Date = new Date(), span = 26): string[] {
  const first = mondayOf(new Date(now.getFullYear(), now.getMonth(), now.getDate() - 7 * (span - 1)).toISOString()) ?? '';
  const last = mondayOf(now.toISOString()) ?? '';
  return [...new Set(weeks)].filter((w) => w >= first && w <= last).sort();
}

/** A row of a weekly table: the week, and its value when it has one. */
export interface WeekRow<P> {
  week: string;
  point: P | null;
}

/** Every week with a value or in `also` (e.g. a path finished then), newest first. */
export function weekRows<P extends { week: string }>(points: readonly P[], also: readonly string[] = []): WeekRow<P>[] {
  const byWeek = new Map(points.map((p) => [p.week, p]));
  const weeks = [...new Set([...points.map((p) => p.week), ...also])].sort().reverse();
  return weeks.map((week) => ({ week, point: byWeek.get(week) ?? null }));
}
