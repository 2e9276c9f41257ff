import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import SwaggerParser from '@apidevtools/swagger-parser';
import type { OpenAPI } from 'openapi-types';
import { json, startTestApp, type TestApp } from '../helpers/app.ts';

describe('health, readiness and API documents', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp();
  });
  after(() => t.close());

  test('/health and /ready', async () => {
    assert.deepEqual(json(await t.app.inject({ method: 'GET', url: '/health' })), { status: 'ok' });
    assert.deepEqual(json(await t.app.inject({ method: 'GET', url: '/ready' })), { status: 'ready', checks: { database: 'ok', migrations: 'current' } });
  });

  test('/openapi.json is a valid OpenAPI 3.1 document covering every route', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/openapi.json' });
    assert.equal(res.statusCode, 200);
    const doc = json<{ openapi: string; paths: Record<string, Record<string, { responses: Record<string, unknown> }>>; components: { securitySchemes: object } }>(res);
    assert.equal(doc.openapi, '3.1.0');
    await SwaggerParser.validate(structuredClone(doc) as unknown as OpenAPI.Document);
    for (const path of ['/v1/jobs', '/v1/jobs/{id}', '/v1/jobs/{id}/publish', '/v1/jobs/import', '/v1/job-descriptions/parse', '/v1/boards/{orgSlug}/jobs', '/v1/boards/{orgSlug}/jobs/{id}', '/v1/boards/{orgSlug}/feed.xml', '/health', '/ready']) {
      assert.ok(doc.paths[path], `${path} documented`);
    }
    for (const [path, methods] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(methods)) {
        const errors = Object.keys(op.responses).filter((s) => s.startsWith('4') || s.startsWith('5'));
        assert.ok(errors.length > 0, `${method} ${path} documents its errors`);
      }
    }
    assert.ok('apiKey' in doc.components.securitySchemes);
    assert.ok('accessToken' in doc.components.securitySchemes);
  });

  test('/docs serves the API reference page', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/docs' });
    const page = res.statusCode >= 300 && res.statusCode < 400 ? await t.app.inject({ method: 'GET', url: String(res.headers.location) }) : res;
    assert.equal(page.statusCode, 200);
    assert.match(String(page.headers['content-type']), /text\/html/);
    assert.match(page.body, /swagger-ui/);
    // The page reads the same document as /openapi.json, from its own folder.
    const fromDocs = await t.app.inject({ method: 'GET', url: '/docs/json' });
    const served = await t.app.inject({ method: 'GET', url: '/openapi.json' });
    assert.equal(fromDocs.statusCode, 200);
    assert.deepEqual(fromDocs.json(), served.json());
  });
});
