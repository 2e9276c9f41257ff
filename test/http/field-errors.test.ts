import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { AppError } from '../../src/app-error.ts';
import { inputPart, locateFields, pointerOf } from '../../src/http/field-errors.ts';
import { createJob, jobBody, problem, startTestApp, type TestApp } from '../helpers/app.ts';

describe('a field a service refuses is located in the request by the HTTP layer', () => {
  let t: TestApp;
  before(async () => { t = await startTestApp(); });
  after(async () => t.close());

  const post = (url: string, payload: Record<string, unknown>, headers: Record<string, string> = t.org.auth) =>
    t.app.inject({ method: 'POST', url, headers, payload });

  test('job salary rules name body pointers, and the problem carries no service-side field list', async () => {
    const inverted = problem(await post('/v1/jobs', jobBody({ salary: { min: 9, max: 1, currency: 'EUR', unit: 'YEAR' } })), 400, 'validation-failed');
    assert.deepEqual(inverted.errors, [{ in: 'body', pointer: '/salary/min', detail: 'must not exceed max' }]);
    assert.equal(inverted.detail, 'salary.min is greater than salary.max');
    assert.equal('fields' in inverted, false);
    const job = await createJob(t, t.org);
    const empty = problem(await t.app.inject({
      method: 'PATCH', url: `/v1/jobs/${job.id}`, headers: t.org.auth, payload: { salary: { min: null, max: null, currency: 'EUR', unit: 'YEAR' } },
    }), 400, 'validation-failed');
    assert.deepEqual(empty.errors, [{ in: 'body', pointer: '/salary', detail: 'needs min or max' }]);
  });

  test('an API key expiring in the past, a weak password and a spent email link each point into the body', async () => {
    const past = problem(await post('/v1/api-keys', { name: 'past', scopes: ['jobs:read'], expiresAt: '2020-01-01T00:00:00Z' }), 400, 'validation-failed');
    assert.deepEqual(past.errors, [{ in: 'body', pointer: '/expiresAt', detail: 'must be in the future' }]);
    const weak = problem(await post('/v1/auth/signup', { email: 'weak@example.test', password: 'password1234', name: 'W', orgName: 'Weak' }, {}), 400, 'validation-failed');
    assert.deepEqual(weak.errors, [{ in: 'body', pointer: '/password', detail: 'is one of the most commonly used passwords' }]);
    const link = problem(await post('/v1/auth/email-verification/confirm', { token: 'not-a-link' }, {}), 400, 'validation-failed');
    assert.deepEqual(link.errors, [{ in: 'body', pointer: '/token', detail: 'is invalid, expired or already used' }]);
  });
});

test('field paths become RFC 6901 pointers in the part that carried the input', () => {
  assert.equal(pointerOf('salary.min'), '/salary/min');
  assert.equal(pointerOf('skills.0.name'), '/skills/0/name');
  assert.equal(pointerOf('a/b~c'), '/a~1b~0c', '"/" and "~" inside a name are escaped');
  assert.equal(inputPart('GET'), 'querystring');
  assert.equal(inputPart('PATCH'), 'body');
  const error = new AppError('validation-failed', 'x', { fields: [{ field: 'q', detail: 'is too vague' }] });
  assert.deepEqual(locateFields(error, inputPart('GET')), [{ in: 'querystring', pointer: '/q', detail: 'is too vague' }]);
  assert.equal(locateFields(new AppError('not-found', 'x'), 'body'), undefined);
});
