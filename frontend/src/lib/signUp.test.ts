import { describe, expect, it } from 'vitest';
import { toApiError } from '../api/problem';
import { confirmProblem, linkToken } from './signUp';

describe('linkToken', () => {
  it('reads the token of a mailed link', () => {
    expect(linkToken('?token=abc_DEF-123')).toBe('abc_DEF-123');
    expect(linkToken('?utm_source=mail&token=%20abc%20')).toBe('abc');
    expect(linkToken('')).toBe('');
    expect(linkToken('?token=')).toBe('');
  });
});

describe('confirmProblem', () => {
  it('tells a dead link from a taken address from anything else', () => {
    expect(confirmProblem(toApiError(400, { code: 'sign_up_link_invalid', title: 'Bad Request' }))).toBe('invalid');
    expect(confirmProblem(toApiError(422, { code: 'validation_failed', title: 'Unprocessable' }))).toBe('invalid');
    expect(confirmProblem(toApiError(409, { code: 'email_taken', title: 'Conflict' }))).toBe('taken');
    expect(confirmProblem(toApiError(500, { code: 'internal_error', title: 'Internal' }))).toBe('other');
    expect(confirmProblem(toApiError(502, 'Bad Gateway'))).toBe('other');
    expect(confirmProblem({ kind: 'network' })).toBe('other');
  });
});
