// Creating an organisation takes two steps: the sign-up form asks for a link (mailed to the
// address), and opening the link creates the organisation. What the link's answers mean.
import { errorCode, type ApiError } from '../api/problem';

/** The token of a mailed link (`?token=…`), or '' when the link has none. */
export const linkToken = (search: string): string => (new URLSearchParams(search).get('token') ?? '').trim();

/**
 * Why opening a sign-up link did not work: `invalid` (unknown, already used or expired: sign
 * up again), `taken` (the address got an account after the link was sent: sign in), or
 * `other` (say what happened and let the person try again, e.g. no network).
 */
export type ConfirmProblem = 'invalid' | 'taken' | 'other';

export function confirmProblem(error: ApiError): ConfirmProblem {
  switch (errorCode(error)) {
    case 'sign_up_link_invalid':
    // A token the server refuses as malformed is a mangled link: no use trying it again.
    case 'validation_failed':
      return 'invalid';
    case 'email_taken':
      return 'taken';
    default:
      return 'other';
  }
}
