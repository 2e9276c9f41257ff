import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { jobBody, problem, startTestApp, type TestApp } from '../helpers/app.ts';

describe('HTTP errors are RFC 9457 problem+json with stable types', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp({ BODY_LIMIT_BYTES: '4096' });
  });
  after(() => t.close());

  test('unknown route → 404 route-not-found', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/v1/nope?x=1' });
    const body = problem(res, 404, 'route-not-found');
    assert.equal(body.instance, '/v1/nope');
  });

  test('malformed JSON → 400 malformed-request, no stack trace', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/v1/jobs', headers: { ...t.org.auth, 'content-type': 'application/json' }, payload: '{"title": ' });
    const body = problem(res, 400, 'malformed-request');
    assert.doesNotMatch(res.body, /at \w+ \(|node_modules/);
    assert.ok(String(body.detail).length > 0);
  });

  test('wrong types and unknown fields are listed by JSON pointer', async () => {
    const res = await t.app.inject({
      method: 'POST', url: '/v1/jobs', headers: t.org.auth,
      payload: { ...jobBody(), title: 42, experienceYearsMin: 'three', salary: { min: 1, max: 2, currency: 'EUR', unit: 'YEAR', extra: 1 }, color: 'red' },
    });
    const body = problem(res, 400, 'validation-failed');
    const pointers = (body.errors ?? []).map((e) => e.pointer);
    for (const p of ['/title', '/experienceYearsMin', '/salary/extra', '/color']) assert.ok(pointers.includes(p), `${p} in ${pointers.join(',')}`);
    assert.ok((body.errors ?? []).every((e) => e.in === 'body'));
  });

  test('a number sent as a string is not coerced in a body', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/v1/jobs', headers: t.org.auth, payload: jobBody({ experienceYearsMin: '3' }) });
    problem(res, 400, 'validation-failed');
  });

  test('missing required field is pointed at', async () => {
    const { title: _title, ...rest } = jobBody();
    const res = await t.app.inject({ method: 'POST', url: '/v1/jobs', headers: t.org.auth, payload: rest });
    assert.deepEqual(problem(res, 400, 'validation-failed').errors?.map((e) => e.pointer), ['/title']);
  });

  test('NUL characters are refused before they reach the database', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/v1/jobs', headers: t.org.auth, payload: jobBody({ title: 'a\u0000b' }) });
    assert.deepEqual(problem(res, 400, 'validation-failed').errors?.map((e) => e.pointer), ['/title']);
  });

  test('oversized body → 413', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/v1/jobs', headers: t.org.auth, payload: jobBody({ description: 'x'.repeat(10_000) }) });
    problem(res, 413, 'payload-too-large');
  });

  test('non-JSON body → 415', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/v1/jobs', headers: { ...t.org.auth, 'content-type': 'text/plain' }, payload: 'title=x' });
    problem(res, 415, 'unsupported-media-type');
  });

  test('bad query values → 400 naming the parameter', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/v1/jobs?limit=1000&status=open', headers: t.org.auth });
    const errors = problem(res, 400, 'validation-failed').errors ?? [];
    assert.deepEqual(errors.map((e) => `${e.in}${e.pointer}`).sort(), ['querystring/limit', 'querystring/status']);
  });

  test('a forged cursor → 400 invalid-cursor', async () => {
    for (const cursor of ['garbage', Buffer.from('["jobs:-createdAt","not-a-date","job_1"]').toString('base64url'), Buffer.from('{"a":1}').toString('base64url')]) {
      problem(await t.app.inject({ method: 'GET', url: `/v1/jobs?cursor=${cursor}`, headers: t.org.auth }), 400, 'invalid-cursor');
    }
  });

  test('X-Request-Id is echoed when sane and generated otherwise', async () => {
    const given = await t.app.inject({ method: 'GET', url: '/health', headers: { 'x-request-id': 'abc-123' } });
    assert.equal(given.headers['x-request-id'], 'abc-123');
    const generated = await t.app.inject({ method: 'GET', url: '/health', headers: { 'x-request-id': 'bad id with spaces' } });
    assert.match(String(generated.headers['x-request-id']), /^[0-9a-f-]{36}$/);
    const res = await t.app.inject({ method: 'GET', url: '/v1/missing', headers: { 'x-request-id': 'trace-9' } });
    assert.equal(problem(res, 404, 'route-not-found').requestId, 'trace-9');
  });

  test('security headers are set', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/health' });
    assert.equal(res.headers['x-content-type-options'], 'nosniff');
    assert.ok(res.headers['content-security-policy']);
    assert.ok(res.headers['strict-transport-security']);
  });

  test('private routes need an API key, and a wrong one is refused', async () => {
    problem(await t.app.inject({ method: 'GET', url: '/v1/jobs' }), 401, 'unauthenticated');
    problem(await t.app.inject({ method: 'GET', url: '/v1/jobs', headers: { authorization: 'Bearer hl_nottherealkey' } }), 401, 'unauthenticated');
    problem(await t.app.inject({ method: 'GET', url: '/v1/jobs', headers: { authorization: 'Basic abc' } }), 401, 'unauthenticated');
  });
});

describe('CORS', () => {
  test('allowed origins only', async () => {
    const t = await startTestApp({ CORS_ORIGINS: 'https://careers.example.com' });
    after(() => t.close());
    const ok = await t.app.inject({ method: 'GET', url: '/health', headers: { origin: 'https://careers.example.com' } });
    assert.equal(ok.headers['access-control-allow-origin'], 'https://careers.example.com');
    const other = await t.app.inject({ method: 'GET', url: '/health', headers: { origin: 'https://evil.example.net' } });
    assert.equal(other.headers['access-control-allow-origin'], undefined);
  });
});
