// Goals on results: for a team or the whole organisation, one to three targets on metrics by
// a date, each read against the latest week with values. Admins manage every goal, leads
// their own teams'.
import { api } from '../lib/session';
import { call } from './client';
import type { components } from './schema';

type Schemas = components['schemas'];

export type GoalView = Schemas['GoalView'];
export type GoalBody = Schemas['GoalBody'];
export type TargetStatusView = Schemas['TargetStatusView'];
export type Comparison = Schemas['ComparisonView'];

/** Every way a target compares, as the contract lists them. */
export const COMPARISONS: readonly Comparison[] = ['at_least', 'at_most'];

/** The goals the caller sees (admins all; leads the organisation's and their teams'), soonest due first. */
export const listGoals = () => call(api.GET('/api/v1/results/goals'));
export const addGoal = (body: GoalBody) => call(api.POST('/api/v1/results/goals', { body }));
export const removeGoal = (id: string) =>
  call(api.DELETE('/api/v1/results/goals/{goal_id}', { params: { path: { goal_id: id } } }));
