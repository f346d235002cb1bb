// The signed-in person's own account: signing in and out, sign-up, invitations, passwords,
// profile and sessions. Calls made signed out go through `publicApi`; the others through
// `api`, which carries the token (src/lib/session.ts).
import { api, auth, publicApi } from '../lib/session';
import { call, type ApiResult } from './client';
import type { components } from './schema';
import type { Me } from './types';

export type SignUpForm = components['schemas']['SignUpRequest'];
export type MeChanges = components['schemas']['UpdateMe'];

export const signIn = async (email: string, password: string) =>
  auth.signedIn(await call(publicApi.POST('/api/v1/auth/sign-in', { body: { email, password } })));

/**
 * Asks for a sign-up: the server mails a link that confirms the address (202, the same
 * answer whether or not the address already has an account). Nobody is signed in yet.
 */
export const signUp = (form: SignUpForm) => call(publicApi.POST('/api/v1/auth/sign-up', { body: form }));

/** Opens a sign-up's mailed link: the organisation and its admin are created, and signed in. */
export const confirmSignUp = async (token: string) =>
  auth.signedIn(await call(publicApi.POST('/api/v1/auth/sign-up/confirm', { body: { token } })));

export const previewInvitation = (token: string) =>
  call(publicApi.POST('/api/v1/invitations/preview', { body: { token } }));

export const acceptInvitation = async (token: string, display_name: string, password: string) =>
  auth.signedIn(await call(publicApi.POST('/api/v1/invitations/accept', { body: { token, display_name, password } })));

export const forgotPassword = (email: string) =>
  call(publicApi.POST('/api/v1/auth/forgot-password', { body: { email } }));

export const resetPassword = async (token: string, password: string) =>
  auth.signedIn(await call(publicApi.POST('/api/v1/auth/reset-password', { body: { token, password } })));

export const getMe = () => call(api.GET('/api/v1/me'));

/** PATCH /me; on success the whole app sees the new profile (name, language). */
export async function updateMe(changes: MeChanges): Promise<ApiResult<Me>> {
  const result = await call(api.PATCH('/api/v1/me', { body: changes }));
  if (result.ok) auth.updateMe(result.data);
  return result;
}

export const changePassword = (current_password: string, new_password: string) =>
  call(api.POST('/api/v1/auth/change-password', { body: { current_password, new_password } }));

export const listSessions = () => call(api.GET('/api/v1/auth/sessions'));

export const revokeSession = (id: string) =>
  call(api.DELETE('/api/v1/auth/sessions/{session_id}', { params: { path: { session_id: id } } }));

export const signOut = async () => auth.signedOut(await call(api.POST('/api/v1/auth/sign-out')));

export const signOutEverywhere = async () => auth.signedOut(await call(api.POST('/api/v1/auth/sign-out-everywhere')));
