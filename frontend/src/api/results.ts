// Results: KPI metrics, CSV imports (preview, then store), one's own and a team's weekly
// KPIs, and the impact of coaching paths on a KPI (docs/impact.md). The shapes are the
// generated schemas (./schema.d.ts, from `npm run gen:api`).
import { api } from '../lib/session';
import { call } from './client';
import type { components } from './schema';

type Schemas = components['schemas'];

export type MetricView = Schemas['MetricView'];
export type NewMetricBody = Schemas['NewMetricBody'];
export type Direction = Schemas['DirectionView'];
export type Mapping = Schemas['MappingBody'];
export type ImportMode = Schemas['ImportMode'];
export type CsvImportBody = Schemas['CsvImportBody'];
export type PreviewView = Schemas['PreviewView'];
export type RowProblemView = Schemas['RowProblemView'];
export type ImportView = Schemas['ImportView'];
export type ImportedView = Schemas['ImportedView'];
export type SeriesView = Schemas['SeriesView'];
export type PointView = Schemas['PointView'];
export type TeamResultsView = Schemas['TeamResultsView'];
export type ImpactView = Schemas['ImpactView'];
export type TrainingImpactView = Schemas['TrainingImpactView'];
export type ImpactReading = Schemas['ImpactReading'];
export type EventPointView = Schemas['EventPointView'];

/** Why a row was refused: the values the contract documents for RowProblemView.code. */
export type RowProblemCode =
  | 'unknown_agent'
  | 'unknown_metric'
  | 'invalid_period'
  | 'invalid_value'
  | 'out_of_range'
  | 'duplicate_row';
export const ROW_PROBLEM_CODES: readonly RowProblemCode[] = [
  'unknown_agent',
  'unknown_metric',
  'invalid_period',
  'invalid_value',
  'out_of_range',
  'duplicate_row',
];

/** Where an import came from: the values the contract documents for ImportView.source. */
export const IMPORT_SOURCES = ['csv', 'api', 'cli'] as const;

export const listMetrics = () => call(api.GET('/api/v1/results/metrics'));
export const addMetric = (body: NewMetricBody) => call(api.POST('/api/v1/results/metrics', { body }));

/** Checks a CSV without storing anything: every refused row with its line and reason. */
export const previewImport = (body: CsvImportBody) => call(api.POST('/api/v1/results/imports/preview', { body }));
/** Stores a CSV: every row (`all`, nothing if one is refused) or only the valid ones. */
export const importCsv = (body: CsvImportBody & { mode: ImportMode }) =>
  call(api.POST('/api/v1/results/imports', { body }));
export const listImports = () => call(api.GET('/api/v1/results/imports'));

/** The caller's own KPIs by week (never anyone else's). */
export const myResults = () => call(api.GET('/api/v1/results/me'));
/** A team's KPIs by week (the mean over its agents); every team the caller may see without one. */
export const teamResults = (teamId: string | null) =>
  call(api.GET('/api/v1/results/team', { params: { query: teamId ? { team_id: teamId } : {} } }));
/** For each coaching path agents finished, how `metric` moved afterwards. */
export const impactOn = (metric: string) =>
  call(api.GET('/api/v1/results/impact/{metric}', { params: { path: { metric } } }));

export type IndicatorsView = Schemas['IndicatorsView'];
export type ProgrammeWeekView = Schemas['ProgrammeWeekView'];
export type CompetencyIndicatorsView = Schemas['CompetencyIndicatorsView'];
/** Programme indicators by week over the KPIs' 26 weeks (docs/indicators.md); every team the caller may see without one. */
export const programmeIndicators = (teamId: string | null) =>
  call(api.GET('/api/v1/results/indicators', { params: { query: teamId ? { team_id: teamId } : {} } }));

/** Links a metric to the competency its values measure in percent (`null` unlinks it). */
export const linkMetric = (metricId: string, competencyKey: string | null) =>
  call(
    api.PUT('/api/v1/results/metrics/{metric_id}/competency', {
      params: { path: { metric_id: metricId } },
      body: { competency_key: competencyKey },
    }),
  );
