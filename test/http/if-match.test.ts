import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { OpenAPIV3_1 } from 'openapi-types';
import { createJob, json, problem, startTestApp, type TestApp } from '../helpers/app.ts';

describe('If-Match follows RFC 9110 (strong comparison, lists, *) and the document says so', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp();
  });
  after(() => t.close());

  const patch = (id: string, ifMatch: string) =>
    t.app.inject({ method: 'PATCH', url: `/v1/jobs/${id}`, headers: { ...t.org.auth, 'if-match': ifMatch }, payload: { title: `t ${ifMatch}` } });

  test('the ETag sent is strong, and the same tag back matches', async () => {
    const job = await createJob(t, t.org);
    const read = await t.app.inject({ method: 'GET', url: `/v1/jobs/${job.id}`, headers: t.org.auth });
    assert.equal(read.headers.etag, '"1"');
    const ok = await patch(job.id, String(read.headers.etag));
    assert.equal(ok.statusCode, 200, ok.body);
    assert.equal(ok.headers.etag, '"2"');
  });

  test('a list matches when any member is the current ETag; empty list elements are ignored', async () => {
    const job = await createJob(t, t.org);
    assert.equal((await patch(job.id, '"7", "1"')).statusCode, 200);
    assert.equal((await patch(job.id, ' , "2",,"9" ')).statusCode, 200);
    problem(await patch(job.id, '"1", "2"'), 412, 'precondition-failed');
  });

  test('a weak tag never matches strongly → 412; * matches any version', async () => {
    const job = await createJob(t, t.org);
    const weak = problem(await patch(job.id, 'W/"1"'), 412, 'precondition-failed');
    assert.match(String(weak.detail), /version 1/);
    problem(await patch(job.id, 'W/"1", "5"'), 412, 'precondition-failed');
    assert.equal((await patch(job.id, '*')).statusCode, 200);
    const del = await t.app.inject({ method: 'DELETE', url: `/v1/jobs/${job.id}`, headers: { ...t.org.auth, 'if-match': 'W/"2"' } });
    problem(del, 412, 'precondition-failed');
  });

  test('a value that is not an entity-tag list (an unquoted 3) → 400 naming the header', async () => {
    const job = await createJob(t, t.org);
    for (const bad of ['1', '"1', 'W/1', '"1" "2"', '*, "1"', '']) {
      const body = problem(await patch(job.id, bad), 400, 'validation-failed');
      assert.deepEqual(body.errors?.map((e) => `${e.in}${e.pointer}`), ['headers/if-match'], JSON.stringify(bad));
    }
    const del = await t.app.inject({ method: 'DELETE', url: `/v1/jobs/${job.id}`, headers: { ...t.org.auth, 'if-match': '1' } });
    problem(del, 400, 'validation-failed');
    assert.equal((await t.app.inject({ method: 'GET', url: `/v1/jobs/${job.id}`, headers: t.org.auth })).statusCode, 200, 'not deleted');
  });

  test('the OpenAPI document describes exactly this: strong ETag, the header grammar, 400 and 412', async () => {
    const doc = json<OpenAPIV3_1.Document>(await t.app.inject({ method: 'GET', url: '/openapi.json' }));
    for (const method of ['patch', 'delete'] as const) {
      const op = doc.paths?.['/v1/jobs/{id}']?.[method];
      const header = op?.parameters?.find((p) => 'name' in p && p.name === 'if-match') as OpenAPIV3_1.ParameterObject | undefined;
      const schema = header?.schema as OpenAPIV3_1.SchemaObject | undefined;
      assert.ok(schema?.pattern, `${method}: the header's grammar is documented`);
      const grammar = new RegExp(schema.pattern, 'u');
      for (const ok of ['"3"', '"2", "3"', '*', 'W/"3"']) assert.ok(grammar.test(ok), ok);
      for (const bad of ['3', '"3" "4"']) assert.ok(!grammar.test(bad), bad);
      // @fastify/swagger lifts a header's description onto the parameter.
      const description = String(header?.description ?? schema.description);
      assert.match(description, /strong/i);
      assert.match(description, /W\/"3"/);
      assert.ok(op?.responses?.['400'] && op.responses['412'], `${method} documents 400 and 412`);
    }
    const version = (doc.components?.schemas?.Job as OpenAPIV3_1.SchemaObject).properties?.version as OpenAPIV3_1.SchemaObject;
    assert.doesNotMatch(String(version.description), /W\//, 'the document no longer claims a weak ETag');
    assert.match(String(version.description), /"3"/);
  });
});
