// The signed-in person's own account: signing in and out, sign-up, invitations, passwords,
// profile and sessions. Every call goes through the app's auth instance (src/lib/session.ts).
import { api, auth } from '../lib/session';
import type { ApiResult } from '../lib/auth';
import type { components } from './schema';
import type { InvitationPreview, Me, SessionView } from './types';

export const signIn = (email: string, password: string) =>
  auth.signInVia('/api/v1/auth/sign-in', { email, password });

export type SignUpForm = components['schemas']['SignUpRequest'];

export const signUp = (form: SignUpForm) => auth.signInVia('/api/v1/auth/sign-up', form);

export const previewInvitation = (token: string) =>
  api<InvitationPreview>('POST', '/api/v1/invitations/preview', { body: { token }, auth: false });

export const acceptInvitation = (token: string, display_name: string, password: string) =>
  auth.signInVia('/api/v1/invitations/accept', { token, display_name, password });

export const forgotPassword = (email: string) =>
  api<void>('POST', '/api/v1/auth/forgot-password', { body: { email }, auth: false });

export const resetPassword = (token: string, password: string) =>
  auth.signInVia('/api/v1/auth/reset-password', { token, password });

export const getMe = () => api<Me>('GET', '/api/v1/me');

export type MeChanges = components['schemas']['UpdateMe'];

/** PATCH /me; on success the whole app sees the new profile (name, language). */
export async function updateMe(changes: MeChanges): Promise<ApiResult<Me>> {
  const result = await api<Me>('PATCH', '/api/v1/me', { body: changes });
  if (result.ok) auth.updateMe(result.data);
  return result;
}

export const changePassword = (current_password: string, new_password: string) =>
  api<void>('POST', '/api/v1/auth/change-password', { body: { current_password, new_password } });

export const listSessions = () => api<SessionView[]>('GET', '/api/v1/auth/sessions');

export const revokeSession = (id: string) =>
  api<void>('DELETE', `/api/v1/auth/sessions/${encodeURIComponent(id)}`);

export const signOut = () => auth.signOut('/api/v1/auth/sign-out');

export const signOutEverywhere = () => auth.signOut('/api/v1/auth/sign-out-everywhere');
