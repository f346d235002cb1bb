import { describe, expect, it } from 'vitest';
import { fieldMessages } from './fieldErrors';
import en from '../locales/en.json';

const KNOWN_FIELD_CODES: ReadonlySet<string> = new Set(Object.keys(en.fieldErrors));
import type { ApiError } from '../api/problem';

const translate = (key: string) => `«${key}»`;
const refused = (errors: { field: string; code: string; message: string }[]): ApiError => ({
  kind: 'problem',
  status: 422,
  title: 'Unprocessable',
  detail: null,
  code: 'validation_failed',
  errors,
});

describe('fieldMessages', () => {
  it('translates known codes and falls back to the server message', () => {
    const error = refused([
      { field: 'password', code: 'password_too_common', message: 'that password is common' },
      { field: 'email', code: 'something_new', message: 'the server explains' },
    ]);
    expect(fieldMessages(error, translate, KNOWN_FIELD_CODES)).toEqual({
      password: '«fieldErrors.password_too_common»',
      email: 'the server explains',
    });
  });

  it('renames server fields to the form’s and keeps the first message per field', () => {
    const error = refused([
      { field: 'display_name', code: 'invalid_display_name', message: 'bad name' },
      { field: 'new_password', code: 'password_too_short', message: 'short' },
      { field: 'new_password', code: 'password_is_email', message: 'email' },
    ]);
    expect(fieldMessages(error, translate, KNOWN_FIELD_CODES, { display_name: 'name', new_password: 'next' })).toEqual({
      name: '«fieldErrors.invalid_display_name»',
      next: '«fieldErrors.password_too_short»',
    });
  });

  it('uses the code when there is no message, and nothing for other errors', () => {
    expect(fieldMessages(refused([{ field: 'x', code: 'odd', message: ' ' }]), translate)).toEqual({ x: 'odd' });
    expect(fieldMessages({ kind: 'network' }, translate)).toEqual({});
    expect(fieldMessages(null, translate)).toEqual({});
  });

  it('has words for every password and user code the server sends', () => {
    for (const code of [
      'password_too_short',
      'password_too_long',
      'password_too_common',
      'password_is_email',
      'invalid_email',
      'invalid_display_name',
    ]) {
      expect(KNOWN_FIELD_CODES.has(code), code).toBe(true);
    }
  });
});
