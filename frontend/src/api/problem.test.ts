import { describe, expect, it } from 'vitest';
import { errorCode, isProblem, parseRetryAfter, readApiError, toApiError } from './problem';

const json = (body: unknown, status: number, type = 'application/problem+json') =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': type } });

describe('problem+json extraction', () => {
  it('reads title and detail from application/problem+json', async () => {
    const response = json(
      { type: 'about:blank', title: 'Not Found', status: 404, detail: 'No route for /api/v1/auth/sign-in' },
      404,
    );
    expect(await readApiError(response)).toEqual({
      kind: 'problem',
      status: 404,
      title: 'Not Found',
      detail: 'No route for /api/v1/auth/sign-in',
    });
  });

  it('accepts problem bodies served as application/json and missing detail', async () => {
    expect(await readApiError(json({ title: 'Unauthorized' }, 401, 'application/json; charset=utf-8'))).toEqual({
      kind: 'problem',
      status: 401,
      title: 'Unauthorized',
      detail: null,
    });
  });

  it('falls back to a generic HTTP error for non-JSON or malformed bodies', async () => {
    const html = new Response('<h1>Bad gateway</h1>', { status: 502, headers: { 'content-type': 'text/html' } });
    expect(await readApiError(html)).toEqual({ kind: 'http', status: 502 });
    const broken = new Response('{not json', { status: 500, headers: { 'content-type': 'application/problem+json' } });
    expect(await readApiError(broken)).toEqual({ kind: 'http', status: 500 });
    expect(await readApiError(new Response(null, { status: 404 }))).toEqual({ kind: 'http', status: 404 });
  });

  it('ignores JSON that is not a problem document', () => {
    expect(isProblem({ error: 'x' })).toBe(false);
    expect(isProblem([{ title: 'x' }])).toBe(false);
    expect(isProblem({ title: '   ' })).toBe(false);
    expect(toApiError(400, { message: 'nope' })).toEqual({ kind: 'http', status: 400 });
    expect(toApiError(422, { detail: ' Email is invalid ' })).toEqual({
      kind: 'problem',
      status: 422,
      title: null,
      detail: 'Email is invalid',
    });
  });
});

describe('codes, field errors and Retry-After', () => {
  it('keeps the stable code and the refused fields', async () => {
    const response = json(
      {
        type: 'urn:cinco:problem:validation_failed',
        title: 'Unprocessable Entity',
        status: 422,
        code: 'validation_failed',
        errors: [{ field: 'password', code: 'password_too_short', message: 'too short' }, { bogus: true }],
      },
      422,
    );
    expect(await readApiError(response)).toEqual({
      kind: 'problem',
      status: 422,
      title: 'Unprocessable Entity',
      detail: null,
      code: 'validation_failed',
      errors: [{ field: 'password', code: 'password_too_short', message: 'too short' }],
    });
  });

  it('reads Retry-After as seconds or as a date', async () => {
    const response = new Response(JSON.stringify({ title: 'Too Many Requests', code: 'too_many_requests' }), {
      status: 429,
      headers: { 'content-type': 'application/problem+json', 'retry-after': '12' },
    });
    expect(await readApiError(response)).toMatchObject({ code: 'too_many_requests', retryAfter: 12 });
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:30 GMT', now)).toBe(30);
    expect(parseRetryAfter('soon', now)).toBeNull();
    expect(parseRetryAfter(null)).toBeNull();
  });

  it('reads the code from the parsed body', () => {
    expect(errorCode(toApiError(409, { code: 'email_taken' }))).toBe('email_taken');
    expect(errorCode({ kind: 'network' })).toBeNull();
  });
});
