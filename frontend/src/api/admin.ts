// Running the organisation: people, teams, invitations and the development mailbox.
import { api } from '../lib/session';
import { call } from './client';
import type { components, operations } from './schema';
import type { Membership, Role } from './types';

export type UserFilter = NonNullable<operations['get_users']['parameters']['query']>;
export type InvitationForm = components['schemas']['CreateInvitation'];

const user = (userId: string) => ({ params: { path: { user_id: userId } } });

export const listUsers = (filter: UserFilter = {}) =>
  call(api.GET('/api/v1/users', { params: { query: { limit: 50, offset: 0, ...filter } } }));

/** Every person matching `filter`, read page by page (200 at a time): for pickers that must
 * offer everyone, whatever the organisation's size. */
export async function listAllUsers(filter: UserFilter = {}) {
  const page = (offset: number) => call(api.GET('/api/v1/users', { params: { query: { ...filter, limit: 200, offset } } }));
  const first = await page(0);
  if (!first.ok) return first;
  const items = [...first.data.items];
  while (items.length < first.data.total) {
    const next = await page(items.length);
    if (!next.ok) return next;
    if (next.data.items.length === 0) break;
    items.push(...next.data.items);
  }
  return { ...first, data: { ...first.data, items } };
}

export const getUser = (userId: string) => call(api.GET('/api/v1/users/{user_id}', user(userId)));

export const setRoles = (userId: string, roles: Role[]) =>
  call(api.PUT('/api/v1/users/{user_id}/roles', { ...user(userId), body: { roles } }));

/** Sets the id other systems know the person by; `null` clears it. */
export const setExternalId = (userId: string, externalId: string | null) =>
  call(api.PUT('/api/v1/users/{user_id}/external-id', { ...user(userId), body: { external_id: externalId } }));

export const deactivateUser = (userId: string) => call(api.POST('/api/v1/users/{user_id}/deactivate', user(userId)));

export const reactivateUser = (userId: string) => call(api.POST('/api/v1/users/{user_id}/reactivate', user(userId)));

export const moveToTeam = (userId: string, teamId: string) =>
  call(api.PUT('/api/v1/users/{user_id}/team', { ...user(userId), body: { team_id: teamId } }));

export const listTeams = () => call(api.GET('/api/v1/teams'));

export const createTeam = (name: string) => call(api.POST('/api/v1/teams', { body: { name } }));

export const renameTeam = (teamId: string, name: string) =>
  call(api.PATCH('/api/v1/teams/{team_id}', { params: { path: { team_id: teamId } }, body: { name } }));

export const addMember = (teamId: string, userId: string, membership: Membership) =>
  call(
    api.PUT('/api/v1/teams/{team_id}/members/{user_id}', {
      params: { path: { team_id: teamId, user_id: userId } },
      body: { membership },
    }),
  );

export const removeMember = (teamId: string, userId: string, membership: Membership) =>
  call(
    api.DELETE('/api/v1/teams/{team_id}/members/{user_id}', {
      params: { path: { team_id: teamId, user_id: userId }, query: { membership } },
    }),
  );

export const listInvitations = () => call(api.GET('/api/v1/invitations'));

export const createInvitation = (form: InvitationForm) => call(api.POST('/api/v1/invitations', { body: form }));

const invitation = (invitationId: string) => ({ params: { path: { invitation_id: invitationId } } });

export const resendInvitation = (invitationId: string) =>
  call(api.POST('/api/v1/invitations/{invitation_id}/resend', invitation(invitationId)));

export const revokeInvitation = (invitationId: string) =>
  call(api.DELETE('/api/v1/invitations/{invitation_id}', invitation(invitationId)));

export const listMail = () => call(api.GET('/api/v1/mailbox'));
