import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { OpenAPIV3_1 } from 'openapi-types';
import { createJob, json, problem, publishJob, startTestApp, type TestApp } from '../helpers/app.ts';
import { signUp } from '../helpers/identity.ts';

const cursor = (values: unknown[]) => Buffer.from(JSON.stringify(values)).toString('base64url');
const jobId = 'job_0193a1b2c3d47e8f9a0b1c2d3e4f5a6b';

describe('input edges that used to be 500s or non-problem bodies', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp();
  });
  after(() => t.close());

  test('malformed percent-encoding in a path → 400 malformed-request problem', async () => {
    for (const bad of ['%ff', '%ED%A0%80', '%E0%A4%A']) {
      const res = await t.app.inject({ method: 'GET', url: `/v1/boards/${t.org.slug}/jobs/${bad}` });
      const body = problem(res, 400, 'malformed-request');
      assert.match(String(body.detail), /percent-encoding/);
      assert.equal(typeof res.headers['x-request-id'], 'string');
    }
  });

  test('a path parameter over the length limit → 414 uri-too-long problem', async () => {
    problem(await t.app.inject({ method: 'GET', url: `/v1/boards/${t.org.slug}/jobs/${'a'.repeat(300)}` }), 414, 'uri-too-long');
    problem(await t.app.inject({ method: 'GET', url: `/v1/jobs/${'a'.repeat(300)}`, headers: t.org.auth }), 414, 'uri-too-long');
  });

  test('PUT /v1/jobs → 405 method-not-allowed with Allow from the registered routes', async () => {
    const res = await t.app.inject({ method: 'PUT', url: '/v1/jobs', headers: t.org.auth });
    problem(res, 405, 'method-not-allowed');
    assert.deepEqual(String(res.headers.allow).split(', ').filter((m) => m !== 'OPTIONS'), ['GET', 'HEAD', 'POST']);
    // A trailing slash names the same path; an unknown path is still a 404.
    assert.equal((await t.app.inject({ method: 'PUT', url: '/v1/jobs/' })).statusCode, 405);
    problem(await t.app.inject({ method: 'PUT', url: '/v1/nope' }), 404, 'route-not-found');
  });

  test('every documented path answers an unsupported method with 405 and an Allow covering its documented methods', async () => {
    const doc = json<OpenAPIV3_1.Document>(await t.app.inject({ method: 'GET', url: '/openapi.json' }));
    const methods = ['get', 'put', 'post', 'patch', 'delete'] as const;
    const paths = Object.entries(doc.paths ?? {});
    // A concrete URL may be served by another template too (/v1/invitations/accept and /v1/invitations/{id}).
    const templates = paths.map(([path, item]) => ({ re: new RegExp(`^${path.replace(/\{\w+\}/g, '[^/]+')}$`), item }));
    const served = (url: string, m: (typeof methods)[number]) => templates.some((x) => x.re.test(url) && x.item?.[m]);
    let checked = 0;
    for (const [path, item] of paths) {
      const documented = methods.filter((m) => item?.[m]);
      const url = path.replace(/\{(\w+)\}/g, (_, name: string) => (name === 'orgSlug' ? t.org.slug : jobId));
      for (const method of methods.filter((m) => !served(url, m))) {
        const res = await t.app.inject({ method: method.toUpperCase() as 'GET', url, headers: t.org.auth });
        problem(res, 405, 'method-not-allowed');
        const allow = String(res.headers.allow).split(', ');
        for (const m of documented) assert.ok(allow.includes(m.toUpperCase()), `${method} ${path}: Allow ${allow.join(',')} lacks ${m}`);
        checked++;
      }
    }
    assert.ok(checked > 50, `checked ${checked} unsupported methods`);
  });

  test('every list in the document keeps its limit bound: limit=Infinity and 1e400 are 400s, never 500s', async () => {
    const doc = json<OpenAPIV3_1.Document>(await t.app.inject({ method: 'GET', url: '/openapi.json' }));
    // A person's own lists (`/v1/me/...`) take a signed-in user, not an API key.
    const person = (await signUp(t)).auth;
    let checked = 0;
    for (const [path, item] of Object.entries(doc.paths ?? {})) {
      const params = (item?.get?.parameters ?? []) as OpenAPIV3_1.ParameterObject[];
      if (!params.some((p) => p.in === 'query' && p.name === 'limit') || /\{(?!orgSlug)/.test(path)) continue;
      const url = path.replace('{orgSlug}', t.org.slug);
      const userOnly = item?.get?.security?.length && !item.get.security.some((s) => 'apiKey' in s);
      for (const limit of ['Infinity', '1e400', '101']) {
        const res = await t.app.inject({ method: 'GET', url: `${url}?limit=${limit}`, headers: userOnly ? person : t.org.auth });
        assert.equal(problem(res, 400, 'validation-failed').errors?.[0]?.pointer, '/limit', `${path}?limit=${limit}`);
      }
      checked++;
    }
    assert.ok(checked >= 4, `checked ${checked} lists`);
  });

  test('impossible dates, leap seconds and out-of-range years are 400s naming the field', async () => {
    const job = await createJob(t, t.org);
    const bad = ['0000-01-01T00:00:00Z', '2024-02-30T00:00:00Z', '2023-02-29T12:00:00Z', '2016-12-31T23:59:60Z', '1969-12-31T23:59:59Z',
      '9999-12-31T23:59:59-01:00', '2024-01-01t00:00:00z', '2024-01-01T00:00:00', '2024-02-30'];
    for (const validThrough of bad) {
      const created = await t.app.inject({ method: 'POST', url: '/v1/jobs', headers: t.org.auth, payload: { title: 'x', validThrough } });
      assert.deepEqual(problem(created, 400, 'validation-failed').errors?.map((e) => e.pointer), ['/validThrough'], validThrough);
      const patched = await t.app.inject({ method: 'PATCH', url: `/v1/jobs/${job.id}`, headers: t.org.auth, payload: { validThrough } });
      problem(patched, 400, 'validation-failed');
      const key = await t.app.inject({ method: 'POST', url: '/v1/api-keys', headers: t.org.auth, payload: { name: 'k', scopes: ['jobs:read'], expiresAt: validThrough } });
      assert.deepEqual(problem(key, 400, 'validation-failed').errors?.map((e) => e.pointer), ['/expiresAt'], validThrough);
      const audit = await t.app.inject({ method: 'GET', url: `/v1/audit-events?since=${encodeURIComponent(validThrough)}`, headers: t.org.auth });
      assert.deepEqual(problem(audit, 400, 'validation-failed').errors?.map((e) => `${e.in}${e.pointer}`), ['querystring/since'], validThrough);
    }
    for (const validThrough of ['2999-02-28T23:59:59.123456Z', '2030-06-30T23:59:59+14:00', '9999-12-31T23:59:59Z']) {
      const res = await t.app.inject({ method: 'POST', url: '/v1/jobs', headers: t.org.auth, payload: { title: 'x', validThrough } });
      assert.equal(res.statusCode, 201, `${validThrough}: ${res.body}`);
    }
  });

  test('a lone UTF-16 surrogate anywhere in a body or query is a 400 pointing at the field', async () => {
    const send = (url: string, body: string) => t.app.inject({ method: 'POST', url, headers: { ...t.org.auth, 'content-type': 'application/json' }, payload: body });
    const skill = await send('/v1/jobs', '{"title":"x","skills":[{"name":"go\\ud800","required":true}]}');
    assert.deepEqual(problem(skill, 400, 'validation-failed').errors?.map((e) => e.pointer), ['/skills/0/name']);
    const key = await send('/v1/api-keys', '{"name":"\\udc00k","scopes":["jobs:read"]}');
    assert.match(String(problem(key, 400, 'validation-failed').errors?.[0]?.detail), /surrogate/);
    // A surrogate pair is a valid character and is kept.
    const pair = await send('/v1/jobs', '{"title":"rocket \\ud83d\\ude80"}');
    assert.equal(json<{ title: string }>(pair).title, 'rocket \u{1F680}');
    const query = await t.app.inject({ method: 'GET', url: '/v1/jobs?q=%ED%A0%80', headers: t.org.auth });
    assert.ok(query.statusCode === 200 || query.statusCode === 400, String(query.statusCode));
  });

  test('cursors holding values the database cannot hold → 400 invalid-cursor, on the public board without auth', async () => {
    await publishJob(t, t.org);
    await publishJob(t, t.org);
    const at = '2024-05-01T10:00:00.000Z';
    const board = [
      cursor(['board:recent', '0000-01-01T00:00:00.000Z', jobId]),
      cursor(['board:recent', '2024-02-30T00:00:00.000Z', jobId]),
      cursor(['board:recent', '2024-06-30T23:59:60.000Z', jobId]),
      cursor(['board:recent', at, 'not-an-id']),
      cursor(['board:recent', at, `${jobId}\u0000`]),
    ];
    for (const c of board) problem(await t.app.inject({ method: 'GET', url: `/v1/boards/${t.org.slug}/jobs?cursor=${c}` }), 400, 'invalid-cursor');
    for (const rank of [1e308, 3.5e38, 1e-50, -1, '0.5']) {
      const c = cursor(['board:rank', rank, at, jobId]);
      problem(await t.app.inject({ method: 'GET', url: `/v1/boards/${t.org.slug}/jobs?q=engineer&cursor=${c}` }), 400, 'invalid-cursor');
    }
    problem(await t.app.inject({ method: 'GET', url: `/v1/jobs?cursor=${cursor(['jobs:-createdAt', '0000-01-01T00:00:00.000Z', jobId])}`, headers: t.org.auth }), 400, 'invalid-cursor');
    problem(await t.app.inject({ method: 'GET', url: `/v1/jobs?sort=title&cursor=${cursor(['jobs:title', 7, jobId])}`, headers: t.org.auth }), 400, 'invalid-cursor');
    problem(await t.app.inject({ method: 'GET', url: `/v1/jobs?sort=title&cursor=${cursor(['jobs:title', 'a\ud800', jobId])}`, headers: t.org.auth }), 400, 'invalid-cursor');
    problem(await t.app.inject({ method: 'GET', url: `/v1/events?cursor=${cursor(['events', jobId])}`, headers: t.org.auth }), 400, 'invalid-cursor');
    // The cursors the server issues still work.
    const first = json<{ nextCursor: string }>(await t.app.inject({ method: 'GET', url: `/v1/boards/${t.org.slug}/jobs?q=engineer&limit=1` }));
    const next = await t.app.inject({ method: 'GET', url: `/v1/boards/${t.org.slug}/jobs?q=engineer&limit=1&cursor=${first.nextCursor}` });
    assert.equal(next.statusCode, 200, next.body);
    const titled = json<{ nextCursor: string }>(await t.app.inject({ method: 'GET', url: '/v1/jobs?sort=title&limit=1', headers: t.org.auth }));
    assert.equal((await t.app.inject({ method: 'GET', url: `/v1/jobs?sort=title&limit=1&cursor=${titled.nextCursor}`, headers: t.org.auth })).statusCode, 200);
  });
});
