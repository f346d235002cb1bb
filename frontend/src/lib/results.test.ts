import { describe, expect, it } from 'vitest';
import {
  axisValue,
  estimateOf,
  integerSplits,
  valuesRange,
  weeksRange,
  finishedAt,
  finishedByWeek,
  formatValue,
  guessMapping,
  intervalRange,
  judge,
  latest,
  mappingComplete,
  metricBody,
  metricName,
  parseBound,
  validateMetric,
  mondayOf,
  outlineCsv,
  parseCsv,
  readingTone,
  recentWeeks,
  rowsAt,
  sharedColumns,
  toRequestMapping,
  trend,
  weekSeconds,
  weekRows,
  withValuesFirst,
} from './results';
import type { TrainingImpactView } from '../api/results';

describe('parseCsv', () => {
  it('reads records with the line each starts on', () => {
    expect(parseCsv('a,b\n1,2\n3,4\n')).toEqual([
      { line: 1, cells: ['a', 'b'] },
      { line: 2, cells: ['1', '2'] },
      { line: 3, cells: ['3', '4'] },
    ]);
  });

  it('handles quotes, escaped quotes, commas and newlines inside quotes', () => {
    const records = parseCsv('name,note\n"López, Ana","said ""hi""\nthen left"\nx,y');
    expect(records).toEqual([
      { line: 1, cells: ['name', 'note'] },
      { line: 2, cells: ['López, Ana', 'said "hi"\nthen left'] },
      { line: 4, cells: ['x', 'y'] },
    ]);
  });

  it('ignores a BOM, reads CRLF, trims cells and skips empty lines (still counting them)', () => {
    expect(parseCsv('\uFEFF Email , KPI \r\n\r\na@x.test, fcr\r\n,\r\n')).toEqual([
      { line: 1, cells: ['Email', 'KPI'] },
      { line: 3, cells: ['a@x.test', 'fcr'] },
    ]);
  });

  it('keeps a last record without a newline, and stops at a limit', () => {
    expect(parseCsv('a\n1')).toEqual([
      { line: 1, cells: ['a'] },
      { line: 2, cells: ['1'] },
    ]);
    expect(parseCsv('a\n1\n2\n3', 2)).toHaveLength(2);
    expect(parseCsv('')).toEqual([]);
  });
});

describe('outlineCsv', () => {
  it('gives the columns and how many rows follow the header', () => {
    expect(outlineCsv('email,kpi,,week,value\na,b,,c,1\nd,e,,f,2\n')).toEqual({
      columns: ['email', 'kpi', 'week', 'value'],
      rows: 2,
      semicolons: false,
    });
  });

  it('notices a semicolon-separated file (one column full of semicolons)', () => {
    expect(outlineCsv('email;kpi;week;value\na;b;c;1\n').semicolons).toBe(true);
    expect(outlineCsv('').columns).toEqual([]);
    expect(outlineCsv('').rows).toBe(0);
  });
});

describe('guessMapping', () => {
  it('matches the obvious names', () => {
    expect(guessMapping(['email', 'kpi', 'week', 'value'])).toEqual({
      agent: 'email',
      external_id: '',
      metric: 'kpi',
      period: 'week',
      value: 'value',
    });
  });

  it('reads Spanish and Italian headers, accents and case aside', () => {
    expect(guessMapping(['Correo del agente', 'Métrica', 'Semana', 'Valor'])).toEqual({
      agent: 'Correo del agente',
      external_id: '',
      metric: 'Métrica',
      period: 'Semana',
      value: 'Valor',
    });
    expect(guessMapping(['Utente', 'Indicatore', 'Settimana', 'Valore'])).toEqual({
      agent: 'Utente',
      external_id: '',
      metric: 'Indicatore',
      period: 'Settimana',
      value: 'Valore',
    });
  });

  it('prefers an exact name, uses each column once, and leaves unknown fields empty', () => {
    expect(guessMapping(['agent_name', 'agent_email', 'metric', 'period', 'notes'])).toEqual({
      agent: 'agent_email',
      external_id: '',
      metric: 'metric',
      period: 'period',
      value: '',
    });
    expect(guessMapping(['Week ending date', 'Date']).period).toBe('Date');
    expect(guessMapping(['a', 'b'])).toEqual({ agent: '', external_id: '', metric: '', period: '', value: '' });
  });

  it('does not take a word inside another for a short name', () => {
    // "data" is a date in Italian, but not inside "metadata".
    expect(guessMapping(['metadata']).period).toBe('');
  });
});

describe('guessing the external id column', () => {
  it('knows an agent id, an employee id and an external id in each language', () => {
    for (const header of ['agent_id', 'Employee ID', 'ID agente', 'Id empleado', 'External id', 'external_id', 'Matrícula']) {
      const mapping = guessMapping([header, 'KPI', 'Week', 'Value']);
      expect(mapping.external_id, header).toBe(header);
      expect(mapping.agent, header).toBe('');
    }
  });

  it('maps both an address and an id column when a file has both', () => {
    expect(guessMapping(['Agent', 'Agent ID', 'KPI', 'Week', 'Value'])).toEqual({
      agent: 'Agent',
      external_id: 'Agent ID',
      metric: 'KPI',
      period: 'Week',
      value: 'Value',
    });
  });

  it('sends only the agent columns that are mapped', () => {
    const mapping = { agent: '', external_id: 'agent_id', metric: 'kpi', period: 'week', value: 'value' };
    expect(toRequestMapping(mapping)).toEqual({ external_id: 'agent_id', metric: 'kpi', period: 'week', value: 'value' });
    expect(toRequestMapping({ ...mapping, agent: 'email' })).toEqual({ agent: 'email', ...toRequestMapping(mapping) });
  });
});

describe('mapping checks', () => {
  const full = { agent: 'email', external_id: '', metric: 'kpi', period: 'week', value: 'value' };
  it('is complete with the agent named one way or both, and different columns', () => {
    expect(mappingComplete(full)).toBe(true);
    expect(mappingComplete({ ...full, value: '' })).toBe(false);
    expect(mappingComplete({ ...full, value: 'Email' })).toBe(false);
    expect(mappingComplete({ ...full, agent: '', external_id: 'id' })).toBe(true);
    expect(mappingComplete({ ...full, external_id: 'id' })).toBe(true);
    expect(mappingComplete({ ...full, agent: '' })).toBe(false);
    expect(mappingComplete({ ...full, external_id: 'EMAIL' })).toBe(false);
  });
  it('names the fields that share a column', () => {
    expect(sharedColumns(full)).toEqual([]);
    expect(sharedColumns({ ...full, value: 'KPI' })).toEqual(['metric', 'value']);
    expect(sharedColumns({ ...full, value: '', period: '' })).toEqual([]);
  });
});

describe('rowsAt', () => {
  it('gives the mapped cells of the lines asked for, matching columns as the server does', () => {
    const csv = 'Email,Notes,KPI,Week,Value\na@x.test,,fcr,2026-W48,71\n\n"b@x.test",late,zzz,2026-W49,3\n';
    const rows = rowsAt(csv, { agent: 'email', external_id: 'notes', metric: 'kpi', period: 'week', value: 'VALUE' }, [4]);
    expect([...rows.entries()]).toEqual([
      [4, { agent: 'b@x.test', external_id: 'late', metric: 'zzz', period: '2026-W49', value: '3' }],
    ]);
    expect(rowsAt(csv, { agent: 'email', external_id: '', metric: 'kpi', period: 'week', value: 'value' }, []).size).toBe(0);
  });

  it('leaves a missing column or cell empty', () => {
    const rows = rowsAt('email,kpi\na,fcr\n', { agent: 'email', external_id: '', metric: 'kpi', period: 'week', value: 'value' }, [2]);
    expect(rows.get(2)).toEqual({ agent: 'a', external_id: '', metric: 'fcr', period: '', value: '' });
  });
});

describe('formatValue', () => {
  it('shows percentages the way each language writes them', () => {
    expect(formatValue(75, '%', 'en')).toBe('75%');
    expect(formatValue(75.25, '%', 'es')).toBe('75,3\u00a0%');
    expect(formatValue(75, '%', 'it')).toBe('75%');
  });

  it('shows handle times in minutes and seconds', () => {
    expect(formatValue(45, 's', 'en')).toBe('45 s');
    expect(formatValue(320, 's', 'en')).toBe('5 min 20 s');
    expect(formatValue(300, 's', 'es')).toBe('5 min');
    expect(formatValue(-75, 's', 'en', { signed: true })).toBe('-1 min 15 s');
    expect(formatValue(12.4, 's', 'en', { signed: true })).toBe('+12 s');
    expect(formatValue(0.2, 's', 'en', { signed: true })).toBe('0 s');
  });

  it('shows ratings out of five and other units', () => {
    expect(formatValue(4.25, '/5', 'es')).toBe('4,25/5');
    expect(formatValue(4.2, '/5', 'en', { signed: false })).toBe('4.2/5');
    expect(formatValue(1234.5, '€', 'es')).toBe('1234,5 €');
    expect(formatValue(12, '', 'en')).toBe('12');
  });

  it('says a change with its sign, a percentage’s in points', () => {
    expect(formatValue(4, '%', 'en', { signed: true, points: 'pts' })).toBe('+4 pts');
    expect(formatValue(-2.5, '%', 'es', { signed: true, points: 'p. p.' })).toBe('-2,5 p. p.');
    expect(formatValue(0.3, '/5', 'en', { signed: true })).toBe('+0.3');
    expect(formatValue(0, 'calls', 'en', { signed: true })).toBe('0 calls');
  });

  it('says nothing is there for a value that is not a number', () => {
    expect(formatValue(Number.NaN, '%', 'en')).toBe('–');
  });
});

describe('trend', () => {
  const points = [
    { week: '2026-11-16', value: 70, agents: 3 },
    { week: '2026-11-30', value: 75, agents: 4 },
  ];

  it('compares the latest week with the one before it that has a value', () => {
    expect(trend(points, 'higher')).toEqual({ change: 5, since: points[0], judgement: 'better' });
    expect(trend(points, 'lower')?.judgement).toBe('worse');
  });

  it('needs two weeks', () => {
    expect(trend(points.slice(1), 'higher')).toBeNull();
    expect(trend([], 'higher')).toBeNull();
  });

  it('calls a change of nothing (or rounding noise) the same', () => {
    expect(judge(0, 'higher')).toBe('same');
    expect(judge(1e-12, 'lower')).toBe('same');
    expect(judge(-3, 'lower')).toBe('better');
  });

  it('finds the latest week', () => {
    expect(latest(points)).toBe(points[1]);
    expect(latest([])).toBeNull();
  });
});

describe('weeks and learning', () => {
  it('counts a week in seconds from its Monday (UTC)', () => {
    expect(weekSeconds('2026-11-30')).toBe(Date.UTC(2026, 10, 30) / 1000);
  });

  it('finds the Monday of a local day', () => {
    expect(mondayOf(new Date(2026, 11, 6, 12).toISOString())).toBe('2026-11-30'); // a Sunday
    expect(mondayOf(new Date(2026, 10, 30, 8).toISOString())).toBe('2026-11-30'); // that Monday
    expect(mondayOf('soon')).toBeNull();
  });

  it('groups finished paths by week', () => {
    const weeks = finishedByWeek([
      { title: 'Empathy', at: new Date(2026, 11, 2, 10).toISOString() },
      { title: 'Holds', at: new Date(2026, 11, 4, 10).toISOString() },
      { title: 'Closing', at: new Date(2026, 10, 25, 10).toISOString() },
    ]);
    expect(weeks.get('2026-11-30')).toEqual(['Empathy', 'Holds']);
    expect(weeks.get('2026-11-23')).toEqual(['Closing']);
  });

  it('finds when a completed path was finished', () => {
    const steps = [{ completed_at: '2026-12-01T10:00:00Z' }, { completed_at: '2026-12-03T09:00:00Z' }, { completed_at: null }];
    expect(finishedAt({ status: 'completed', steps })).toBe('2026-12-03T09:00:00Z');
    expect(finishedAt({ status: 'active', steps })).toBeNull();
    expect(finishedAt({ status: 'completed', steps: [] })).toBeNull();
  });
});

describe('impact', () => {
  const training = (over: Partial<TrainingImpactView>): TrainingImpactView => ({
    kind: 'path',
    template_id: 't',
    title: 'Empathy',
    reading: 'not_enough_data',
    event_study: [],
    missing: ['treated_agents'],
    sentence: '…',
    ...over,
  });

  it('tells good news from bad', () => {
    expect(readingTone('improved')).toBe('good');
    expect(readingTone('worsened')).toBe('bad');
    expect(readingTone('no_clear_change')).toBe('neutral');
    expect(readingTone('not_enough_data')).toBe('neutral');
  });

  it('has an estimate only with its whole interval', () => {
    expect(estimateOf(training({}))).toBeNull();
    expect(estimateOf(training({ estimate: 6, ci_low: 2, ci_high: null }))).toBeNull();
    expect(estimateOf(training({ estimate: 6, ci_low: 2, ci_high: 10 }))).toEqual({ estimate: 6, low: 2, high: 10 });
  });

  it('shows every interval and zero on the y axis', () => {
    const [min, max] = intervalRange([{ ci_low: 2, ci_high: 10 }], { low: 3, high: 8 });
    expect(min).toBeLessThan(0);
    expect(max).toBeGreaterThan(10);
    expect(intervalRange([])).toEqual([-0.1, 0.1]);
  });

  it('puts the metrics with values first', () => {
    const a = { key: 'a', points: [] };
    const b = { key: 'b', points: [1] };
    expect(withValuesFirst([a, b]).map((s) => s.key)).toEqual(['b', 'a']);
  });
});

describe('chart axes', () => {
  it('writes axis values short', () => {
    expect(axisValue(320, 's', 'en')).toBe('5:20');
    expect(axisValue(-65, 's', 'en')).toBe('-1:05');
    expect(axisValue(75, '%', 'en')).toBe('75%');
    expect(axisValue(4.25, '/5', 'es')).toBe('4,25');
  });

  it('picks whole-number ticks, zero among them', () => {
    expect(integerSplits(-3.5, 4.5)).toEqual([-3, -2, -1, 0, 1, 2, 3, 4]);
    expect(integerSplits(-10, 10, 5)).toEqual([-10, -5, 0, 5, 10]);
    expect(integerSplits(0.2, 0.8)).toEqual([]);
  });

  it('leaves room around the weeks and the values', () => {
    const [from, to] = weeksRange(['2026-11-23', '2026-11-30']);
    expect(to - from).toBe(14 * 86_400);
    expect(weeksRange([])).toEqual([0, 1]);
    expect(valuesRange([70, 80], 0, 100)).toEqual([69, 81]);
    expect(valuesRange([], 1, 5)).toEqual([1, 5]);
  });

  it('keeps the values within the metric’s range', () => {
    expect(valuesRange([99, 100], 0, 100)).toEqual([93.5, 100]);
    expect(valuesRange([0, 20], 0, 100)).toEqual([0, 22]);
  });

  it('spans at least a tenth of a bounded scale, else of the values, so small moves look small', () => {
    const [low, high] = valuesRange([3.79, 3.81], 1, 5);
    expect(high - low).toBeCloseTo(0.48);
    const [from, to] = valuesRange([310, 330], 0, 86_400);
    expect(from).toBeCloseTo(300.8);
    expect(to).toBeCloseTo(339.2);
    expect(valuesRange([0], null, null)).toEqual([-0.6, 0.6]);
  });
});

describe('metrics', () => {
  const t = (key: string) => `<${key}>`;
  it('names built-in metrics in the UI language and custom ones by their own name', () => {
    expect(metricName({ key: 'fcr', name: 'First-contact resolution', built_in: true }, t)).toBe('<results.metricNames.fcr>');
    expect(metricName({ key: 'sales', name: 'Sales', built_in: false }, t)).toBe('Sales');
    expect(metricName({ key: 'new_one', name: 'New', built_in: true }, t)).toBe('New');
  });

  const form = { key: 'sales_per_hour', name: 'Sales per hour', unit: '€', direction: 'higher' as const, minimum: '', maximum: '' };

  it('checks a new metric before sending', () => {
    expect(validateMetric(form)).toEqual({});
    expect(validateMetric({ ...form, key: '', name: ' ' })).toEqual({ key: 'required', name: 'required' });
    expect(validateMetric({ ...form, key: '9lives' }).key).toBe('invalid_metric_key');
    expect(validateMetric({ ...form, key: 'a'.repeat(41) }).key).toBe('invalid_metric_key');
    expect(validateMetric({ ...form, key: 'FCR' }).key).toBe('metric_key_taken');
    expect(validateMetric({ ...form, name: 'x'.repeat(81) }).name).toBe('invalid_name');
    expect(validateMetric({ ...form, unit: 'u'.repeat(21) }).unit).toBe('invalid_unit');
    expect(validateMetric({ ...form, minimum: 'low' }).minimum).toBe('number');
    expect(validateMetric({ ...form, minimum: '10', maximum: '5' }).maximum).toBe('invalid_range');
    expect(validateMetric({ ...form, minimum: '0,5', maximum: '1' })).toEqual({});
  });

  it('sends the key in lowercase and empty bounds as null', () => {
    expect(metricBody({ ...form, key: ' Sales ', minimum: '0,5', maximum: '' })).toEqual({
      key: 'sales',
      name: 'Sales per hour',
      unit: '€',
      direction: 'higher',
      minimum: 0.5,
      maximum: null,
    });
    expect(parseBound(' ')).toBeNull();
    expect(parseBound('x')).toBeNaN();
  });
});

describe('weeks beside the values', () => {
  it('keeps the weeks of the last 26, up to this one', () => {
    const now = new Date(2026, 11, 9, 12); // a Wednesday; its Monday is 2026-12-07
    expect(recentWeeks(['2026-12-07', '2026-11-30', '2026-12-14', '2026-06-15', '2026-06-08', '2026-11-30'], now)).toEqual([
      '2026-06-15',
      '2026-11-30',
      '2026-12-07',
    ]);
  });

  it('lists every week with a value or a mark, newest first', () => {
    const a = { week: '2026-11-23', value: 1 };
    const b = { week: '2026-11-30', value: 2 };
    expect(weekRows([a, b], ['2026-12-07', '2026-11-30'])).toEqual([
      { week: '2026-12-07', point: null },
      { week: '2026-11-30', point: b },
      { week: '2026-11-23', point: a },
    ]);
    expect(weekRows([a])).toEqual([{ week: '2026-11-23', point: a }]);
  });
});
