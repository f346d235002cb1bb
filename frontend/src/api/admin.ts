// Running the organisation: people, teams, invitations and the development mailbox.
import { api } from '../lib/session';
import type { components, operations } from './schema';
import type { InvitationView, MailView, Membership, Role, TeamView, UserPage, UserView } from './types';

const id = (value: string) => encodeURIComponent(value);

export type UserFilter = NonNullable<operations['get_users']['parameters']['query']>;

export const listUsers = (filter: UserFilter = {}) =>
  api<UserPage>('GET', '/api/v1/users', { query: { limit: 50, offset: 0, ...filter } });

export const getUser = (userId: string) => api<UserView>('GET', `/api/v1/users/${id(userId)}`);

export const setRoles = (userId: string, roles: Role[]) =>
  api<UserView>('PUT', `/api/v1/users/${id(userId)}/roles`, { body: { roles } });

export const deactivateUser = (userId: string) =>
  api<UserView>('POST', `/api/v1/users/${id(userId)}/deactivate`, { body: {} });

export const reactivateUser = (userId: string) =>
  api<UserView>('POST', `/api/v1/users/${id(userId)}/reactivate`, { body: {} });

export const moveToTeam = (userId: string, teamId: string) =>
  api<UserView>('PUT', `/api/v1/users/${id(userId)}/team`, { body: { team_id: teamId } });

export const listTeams = () => api<TeamView[]>('GET', '/api/v1/teams');

export const createTeam = (name: string) => api<TeamView>('POST', '/api/v1/teams', { body: { name } });

export const renameTeam = (teamId: string, name: string) =>
  api<TeamView>('PATCH', `/api/v1/teams/${id(teamId)}`, { body: { name } });

export const addMember = (teamId: string, userId: string, membership: Membership) =>
  api<TeamView>('PUT', `/api/v1/teams/${id(teamId)}/members/${id(userId)}`, { body: { membership } });

export const removeMember = (teamId: string, userId: string, membership: Membership) =>
  api<TeamView>('DELETE', `/api/v1/teams/${id(teamId)}/members/${id(userId)}`, { query: { membership } });

export const listInvitations = () => api<InvitationView[]>('GET', '/api/v1/invitations');

export type InvitationForm = components['schemas']['CreateInvitation'];

export const createInvitation = (form: InvitationForm) =>
  api<InvitationView>('POST', '/api/v1/invitations', { body: form });

export const resendInvitation = (invitationId: string) =>
  api<InvitationView>('POST', `/api/v1/invitations/${id(invitationId)}/resend`, { body: {} });

export const revokeInvitation = (invitationId: string) =>
  api<void>('DELETE', `/api/v1/invitations/${id(invitationId)}`);

export const listMail = () => api<MailView[]>('GET', '/api/v1/mailbox');
