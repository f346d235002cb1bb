// Good practices: decision stories shared in every language, this week's card in Today, and
// story → scenario drafts (docs/empowerment.md). The shapes are the generated schemas.
import { api } from '../lib/session';
import { call } from './client';
import type { components } from './schema';

type Schemas = components['schemas'];

export type GoodPractice = Schemas['GoodPracticeView'];
export type ShareBody = Schemas['ShareBody'];
export type PracticeLocale = Schemas['LocaleView'];

const practice = (id: string) => ({ params: { path: { practice_id: id } } });
const decision = (id: string) => ({ params: { path: { decision_id: id } } });

export const shareDecision = (id: string, body: ShareBody) =>
  call(api.POST('/api/v1/decisions/{decision_id}/good-practice', { ...decision(id), body }));
/** A scenario draft from the decision's story, in `locale`; the one made before if there is one. */
export const storyToScenario = (id: string, locale: PracticeLocale) =>
  call(api.POST('/api/v1/decisions/{decision_id}/scenario-draft', { ...decision(id), body: { locale } }));
export const goodPractices = () => call(api.GET('/api/v1/good-practices'));
export const thisWeeksPractice = () => call(api.GET('/api/v1/good-practices/this-week'));
export const markPracticeRead = (id: string) => call(api.POST('/api/v1/good-practices/{practice_id}/read', practice(id)));
export const writePractice = (id: string, locale: PracticeLocale, title: string, story: string) =>
  call(
    api.PUT('/api/v1/good-practices/{practice_id}/texts/{locale}', {
      params: { path: { practice_id: id, locale } },
      body: { title, story },
    }),
  );
export const retirePractice = (id: string) => call(api.POST('/api/v1/good-practices/{practice_id}/retire', practice(id)));
