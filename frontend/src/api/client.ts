import createClient from 'openapi-fetch';
import type { paths } from './schema';

/**
 * Typed client for the Cinco API (same origin). `schema.d.ts` is generated from
 * ../openapi/openapi.json with `npm run gen:api`; never edit it by hand.
 */
export const api = createClient<paths>({ baseUrl: '' });

export type { paths };
