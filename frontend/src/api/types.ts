// The identity shapes the UI uses: the generated OpenAPI schemas (./schema.d.ts, from
// `npm run gen:api`). Roles and memberships are enums in what requests send; the values the
// PWA offers, in its order, are listed here.
import type { components } from './schema';

type Schemas = components['schemas'];

export type Role = Schemas['RoleView'];
export const ROLES: readonly Role[] = ['admin', 'trainer', 'lead', 'agent'];
/** Whether a role the server sent is one the PWA knows. */
export const isRole = (value: string): value is Role => (ROLES as readonly string[]).includes(value);

export type Membership = Schemas['MembershipView'];
/** An IANA time zone name the server knows. */
export type TimeZone = Schemas['TimeZone'];

export type TeamRef = Schemas['TeamRef'];
export type OrganisationView = Schemas['OrganisationView'];

/** The signed-in user (GET /api/v1/me). */
export type Me = Schemas['Me'];

/** What sign-in, confirming a sign-up, refresh, accept-invitation and reset-password answer. */
export type SignedIn = Schemas['SignedIn'];
/** What asking for a sign-up answers: a link went to `email`, valid `link_valid_hours`. */
export type SignUpStarted = Schemas['SignUpStarted'];

export type SessionView = Schemas['SessionView'];
export type UserView = Schemas['UserView'];
export type UserPage = Schemas['UserPage'];
export type PersonRef = Schemas['UserRef'];
export type TeamView = Schemas['TeamView'];
export type InvitationPreview = Schemas['InvitationPreview'];
export type InvitationView = Schemas['InvitationView'];
export type MailView = Schemas['MailView'];
export type FieldError = Schemas['FieldError'];
