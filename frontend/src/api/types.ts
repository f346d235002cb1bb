// The identity shapes the UI uses: the generated OpenAPI schemas (./schema.d.ts, from
// `npm run gen:api`), with the string fields that only take a few values narrowed to them.
import type { components } from './schema';

type Schemas = components['schemas'];
/** `T` with its field `K` replaced by type `V`. */
type With<T, K extends keyof T, V> = Omit<T, K> & { [P in K]: V };

export type Role = 'admin' | 'trainer' | 'lead' | 'agent';
export const ROLES: readonly Role[] = ['admin', 'trainer', 'lead', 'agent'];

export type Membership = 'lead' | 'agent';

export type TeamRef = With<Schemas['TeamRef'], 'membership', Membership>;
export type OrganisationView = Schemas['OrganisationView'];

/** The signed-in user (GET /api/v1/me). */
export type Me = With<With<Schemas['Me'], 'roles', Role[]>, 'teams', TeamRef[]>;

/** What sign-in, sign-up, refresh, accept-invitation and reset-password answer. */
export type SignedIn = With<Schemas['SignedIn'], 'user', Me>;

export type SessionView = Schemas['SessionView'];
export type UserView = With<With<Schemas['UserView'], 'roles', Role[]>, 'teams', TeamRef[]>;
export type UserPage = With<Schemas['UserPage'], 'items', UserView[]>;
export type PersonRef = Schemas['UserRef'];
export type TeamView = Schemas['TeamView'];
export type InvitationPreview = With<Schemas['InvitationPreview'], 'roles', Role[]>;
export type InvitationView = With<Schemas['InvitationView'], 'roles', Role[]>;
export type MailView = Schemas['MailView'];
export type FieldError = Schemas['FieldError'];
