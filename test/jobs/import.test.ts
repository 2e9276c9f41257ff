import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { json, problem, startTestApp, type TestApp } from '../helpers/app.ts';
import { BRANDS, brandPosting } from '../jd/brand-posting.ts';

const posting = readFileSync(new URL('../../data/demo/backend-intern-nodejs-remote.txt', import.meta.url), 'utf8');

type Parsed = { title: string | null; employmentType: string | null; workplace: string | null; salary: unknown; skills: { name: string; asWritten: string; required: boolean }[]; warnings: string[] };
type Job = { id: string; status: string; title: string; employmentType: string; workplace: string; salary: unknown; skills: { name: string }[]; description: string };

describe('job-description parsing and import over HTTP', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp();
  });
  after(() => t.close());

  const post = (url: string, payload: unknown, headers: Record<string, string> = t.org.auth) => t.app.inject({ method: 'POST', url, headers, payload: payload as object });

  test('parse returns the structured fields of a sample posting', async () => {
    const res = await post('/v1/job-descriptions/parse', { text: posting });
    assert.equal(res.statusCode, 200);
    const parsed = json<Parsed>(res);
    assert.equal(parsed.employmentType, 'INTERN');
    assert.equal(parsed.workplace, 'remote');
    assert.deepEqual(parsed.salary, { min: 4500, max: 4500, currency: 'PLN', unit: 'MONTH' });
    assert.ok(parsed.skills.some((s) => s.name === 'node.js' && s.required));
    assert.ok(parsed.skills.some((s) => s.name === 'postgresql'));
    // The canonical name for search, and the posting's own word ("REST endpoints") beside it.
    assert.deepEqual(parsed.skills.find((s) => s.name === 'rest api'), { name: 'rest api', asWritten: 'rest', required: true });
  });

  test('empty, HTML and binary text get a result with warnings, never an error', async () => {
    assert.deepEqual(json<Parsed>(await post('/v1/job-descriptions/parse', { text: '' })).warnings, ['text_empty']);
    const html = json<Parsed>(await post('/v1/job-descriptions/parse', { text: '<h1>Barista</h1><p>Part-time, £11.50 per hour</p><script>x()</script>' }));
    assert.ok(html.warnings.includes('html_stripped'));
    const binary = json<Parsed>(await post('/v1/job-descriptions/parse', { text: '\u0001\u0002\uFFFD\u0007'.repeat(500) }));
    assert.ok(binary.warnings.includes('binary_content'));
  });

  test('parse needs an API key and a well-formed body', async () => {
    problem(await post('/v1/job-descriptions/parse', { text: posting }, {}), 401, 'unauthenticated');
    problem(await post('/v1/job-descriptions/parse', { body: posting }), 400, 'validation-failed');
    problem(await post('/v1/job-descriptions/parse', { text: 42 }), 400, 'validation-failed');
  });

  test('import creates a draft job from the text, with an event', async () => {
    const res = await post('/v1/jobs/import', { text: posting });
    assert.equal(res.statusCode, 201);
    const { job, warnings } = json<{ job: Job; warnings: string[] }>(res);
    assert.equal(job.status, 'draft');
    assert.match(job.title, /Backend Developer Intern/);
    assert.equal(job.employmentType, 'INTERN');
    assert.equal(job.workplace, 'remote');
    assert.ok(job.skills.some((s) => s.name === 'node.js'));
    assert.match(job.description, /## Responsibilities/);
    assert.deepEqual(warnings, [], 'the sample states everything the parser looks for');
    assert.equal(res.headers.location, `/v1/jobs/${job.id}`);
    const events = json<{ data: { type: string; payload: { source: string } }[] }>(await t.app.inject({ method: 'GET', url: `/v1/events?subjectId=${job.id}`, headers: t.org.auth }));
    assert.deepEqual(events.data.map((e) => [e.type, e.payload.source]), [['job.created', 'import']]);
    const published = await t.app.inject({ method: 'POST', url: `/v1/jobs/${job.id}/publish`, headers: t.org.auth });
    assert.equal(published.statusCode, 200, published.body);
  });

  test('import of text with no title still gives a draft, and says so', async () => {
    const { job, warnings } = json<{ job: Job; warnings: string[] }>(await post('/v1/jobs/import', { text: 'we need help with things' }));
    assert.equal(job.title, 'Untitled job');
    const parsed = json<Parsed>(await post('/v1/job-descriptions/parse', { text: 'we need help with things' }));
    assert.ok(parsed.warnings.includes('title_not_found'));
    assert.deepEqual(warnings, [...parsed.warnings, 'title_defaulted'], 'the parser\'s doubts, then what the import filled in');
    problem(await post('/v1/jobs/import', { text: '' }), 400, 'validation-failed');
  });

  const send = (url: string, body: string, contentType: string, headers: Record<string, string> = t.org.auth) =>
    t.app.inject({ method: 'POST', url, headers: { ...headers, 'content-type': contentType }, payload: body });

  test('parse and import take the posting itself as text/plain, with the same result as JSON', async () => {
    const plain = await send('/v1/job-descriptions/parse', posting, 'text/plain; charset=utf-8');
    assert.equal(plain.statusCode, 200, plain.body);
    assert.deepEqual(json(plain), json(await post('/v1/job-descriptions/parse', { text: posting })));
    const imported = await send('/v1/jobs/import', posting, 'text/plain');
    assert.equal(imported.statusCode, 201, imported.body);
    const { job } = json<{ job: Job }>(imported);
    assert.equal(job.title, 'Backend Developer Intern (Node.js) – Remote');
    assert.deepEqual(job.salary, { min: 4500, max: 4500, currency: 'PLN', unit: 'MONTH' });
  });

  test('text/plain bodies are validated like the JSON text and still need a key', async () => {
    problem(await send('/v1/jobs/import', '', 'text/plain'), 400, 'validation-failed');
    problem(await send('/v1/jobs/import', 'x'.repeat(500_001), 'text/plain'), 400, 'validation-failed');
    problem(await send('/v1/job-descriptions/parse', posting, 'text/plain', {}), 401, 'unauthenticated');
  });

  test('other media types get a 415 that names the accepted ones', async () => {
    for (const url of ['/v1/job-descriptions/parse', '/v1/jobs/import']) {
      for (const type of ['application/xml', 'application/x-www-form-urlencoded', 'text/html']) {
        const body = problem(await send(url, '<p>Engineer</p>', type), 415, 'unsupported-media-type');
        assert.match(String(body.detail), /application\/json.*text\/plain/, `${url} ${type}: ${String(body.detail)}`);
      }
    }
    // The rest of the jobs API stays JSON-only.
    problem(await send('/v1/jobs', 'Engineer', 'text/plain'), 415, 'unsupported-media-type');
  });

  test('the OpenAPI document shows both request media types', async () => {
    type Doc = { paths: Record<string, { post?: { requestBody?: { content: Record<string, { schema: { type?: string } }> } } }> };
    const doc = json<Doc>(await t.app.inject({ method: 'GET', url: '/openapi.json' }));
    for (const path of ['/v1/job-descriptions/parse', '/v1/jobs/import']) {
      const content = doc.paths[path]?.post?.requestBody?.content ?? {};
      assert.deepEqual(Object.keys(content).sort(), ['application/json', 'text/plain'], path);
      assert.equal(content['text/plain']?.schema.type, 'string', path);
      assert.equal(content['application/json']?.schema.type, 'object', path);
    }
  });

  test('brand and CamelCase names reach the imported job unbroken', async () => {
    const { job } = json<{ job: Job }>(await post('/v1/jobs/import', { text: brandPosting }));
    for (const brand of BRANDS) assert.ok(job.description.includes(brand), `${brand} in ${JSON.stringify(job.description)}`);
    assert.match(job.description, /## Responsibilities\n\nInstrument our services with OpenTelemetry/);
  });
});
