import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { pino } from 'pino';
import { buildApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { createContainer, version } from '../../src/container.ts';
import { problem, publishJob, type TestApp, type TestOrg } from '../helpers/app.ts';
import { freshDatabase } from '../helpers/database.ts';
import { addApplicant } from '../helpers/recruiting.ts';
import { applyJson } from './applying.helpers.ts';

interface Stage { id: string; name: string; kind: string; candidateName: string; count: number }
interface Row { id: string; appliedAt: string; lastActivityAt: string; status: string; stage: { id: string }; candidate: { id: string; name: string; email: string | null } }
interface PageBody { data: Row[]; nextCursor: string | null }

/** The test app, as startTestApp builds it, with a hook that counts the statements sent to the database. */
async function startCountingApp(): Promise<TestApp & { statements: string[] }> {
  const statements: string[] = [];
  const filesDir = await mkdtemp(path.join(os.tmpdir(), 'hireline-files-'));
  const config = loadConfig({ LOG_LEVEL: 'silent', SEED_DEMO: 'false', PUBLIC_BASE_URL: 'https://jobs.example.test', FILES_DIR: filesDir });
  const { database, drop } = await freshDatabase({ onQuery: (sql) => statements.push(sql) });
  const log = pino({ level: 'silent' });
  const container = await createContainer(config, log, database);
  const app = await buildApp({ config, version, routes: container.routes, schemas: container.schemas, authenticate: container.authenticate, logger: log });
  const createOrg = async (name = 'Acme'): Promise<TestOrg> => {
    const slug = `${name.toLowerCase()}-${Math.random().toString(36).slice(2, 8)}`;
    const { org, apiKey } = await container.orgs.createOrg({ name, slug });
    return { id: org.id, slug: org.slug, apiKey, auth: { authorization: `Bearer ${apiKey}` } };
  };
  return {
    app, container, config, createOrg, statements, org: await createOrg(),
    close: async () => {
      await app.close();
      await drop();
      await rm(filesDir, { recursive: true, force: true });
    },
  };
}

describe('the pipeline view of a job', () => {
  let t: TestApp & { statements: string[] };
  let other: TestOrg;
  let jobId: string;
  let stages: Stage[];
  let n = 0;
  const get = (url: string, org: TestOrg = t.org) => t.app.inject({ method: 'GET', url, headers: org.auth });
  const post = (url: string, payload: Record<string, unknown>) => t.app.inject({ method: 'POST', url, headers: t.org.auth, payload });
  const view = async (job: string) => (await get(`/v1/jobs/${job}/pipeline`)).json<{ stages: Stage[] }>().stages;
  const applicant = (job: string, stageIndex = 0) => addApplicant(t, t.org.id, job, { email: `pipe${++n}@example.test`, name: `Pipe Person ${n}` }, stageIndex);

  before(async () => {
    t = await startCountingApp();
    other = await t.createOrg('Rival');
    jobId = (await publishJob(t, t.org)).id;
    stages = await view(jobId);
  });
  after(() => t.close());

  test('counts active applications per stage; rejected and withdrawn ones are not counted', async () => {
    const job = (await publishJob(t, t.org, { title: 'Counting Engineer' })).id;
    assert.deepEqual((await view(job)).map((s) => s.count), [0, 0, 0, 0, 0]);
    await Promise.all([applicant(job), applicant(job), applicant(job), applicant(job, 1), applicant(job, 1)]);
    const rejected = await applicant(job);
    const withdrawn = await applicant(job, 1);
    const reasonId = (await get('/v1/rejection-reasons')).json<{ data: { id: string }[] }>().data[0]?.id;
    assert.equal((await post(`/v1/applications/${rejected.applicationId}/reject`, { reasonId })).statusCode, 200);
    assert.equal((await post(`/v1/applications/${withdrawn.applicationId}/withdraw`, {})).statusCode, 200);
    const counted = await view(job);
    assert.deepEqual(counted.map((s) => [s.kind, s.count]), [['applied', 3], ['screen', 2], ['interview', 0], ['offer', 0], ['hired', 0]]);
    assert.ok(counted.every((s) => s.name && s.candidateName && s.id));
    const first = counted[0]?.id;
    const listed = (await get(`/v1/jobs/${job}/pipeline/stages/${first}/applications`)).json<PageBody>().data;
    assert.equal(listed.length, 3, 'the page lists what the view counts');
    assert.ok(listed.every((r) => r.status === 'active'));
    const rejectedOnes = (await get(`/v1/jobs/${job}/pipeline/stages/${first}/applications?status=rejected`)).json<PageBody>().data;
    assert.deepEqual(rejectedOnes.map((r) => r.id), [rejected.applicationId]);
    problem(await get(`/v1/jobs/${job}/pipeline`, other), 404, 'not-found');
    problem(await get('/v1/jobs/job_missing/pipeline'), 404, 'not-found');
  });

  test('a stage\'s applications page in each sort order, with the candidate\'s name and email, each once', async () => {
    const job = (await publishJob(t, t.org, { title: 'Paging Engineer' })).id;
    const made = [];
    for (let i = 0; i < 7; i++) made.push(await applicant(job));
    // Touch a few so that last activity differs from applied order.
    const jobStages = await view(job);
    const first = jobStages[0]?.id ?? '';
    for (const a of [made[4], made[1]]) {
      await post(`/v1/applications/${a?.applicationId}/move`, { stageId: jobStages[1]?.id });
      await post(`/v1/applications/${a?.applicationId}/move`, { stageId: first });
    }
    const key = { applied: (r: Row) => r.appliedAt, activity: (r: Row) => r.lastActivityAt };
    for (const sort of ['applied', '-applied', 'activity', '-activity'] as const) {
      const rows: Row[] = [];
      let cursor: string | null = null;
      do {
        const res = await get(`/v1/jobs/${job}/pipeline/stages/${first}/applications?sort=${sort}&limit=3${cursor ? `&cursor=${cursor}` : ''}`);
        assert.equal(res.statusCode, 200, res.body);
        const body: PageBody = res.json();
        assert.ok(body.data.length <= 3);
        rows.push(...body.data);
        cursor = body.nextCursor;
      } while (cursor);
      assert.equal(new Set(rows.map((r) => r.id)).size, 7, `${sort}: every application once`);
      const field = key[sort.replace('-', '') as 'applied' | 'activity'];
      const expected = [...rows].sort((a, b) => field(a).localeCompare(field(b)) || a.id.localeCompare(b.id));
      if (sort.startsWith('-')) expected.reverse();
      assert.deepEqual(rows.map((r) => r.id), expected.map((r) => r.id), `${sort}: in order`);
    }
    const activity = (await get(`/v1/jobs/${job}/pipeline/stages/${first}/applications?sort=-activity&limit=2`)).json<PageBody>().data;
    assert.deepEqual(activity.map((r) => r.id), [made[1]?.applicationId, made[4]?.applicationId]);
    const one = activity[0];
    assert.match(one?.candidate.email ?? '', /^pipe\d+@example\.test$/);
    assert.match(one?.candidate.name ?? '', /^Pipe Person \d+$/);
  });

  test('an unknown stage, another job\'s stage, another org\'s job and a foreign cursor are refused', async () => {
    const job = (await publishJob(t, t.org, { title: 'Refusing Engineer' })).id;
    await applicant(job);
    await applicant(job);
    const own = (await view(job))[0]?.id;
    problem(await get(`/v1/jobs/${job}/pipeline/stages/stg_missing/applications`), 404, 'not-found');
    problem(await get(`/v1/jobs/${job}/pipeline/stages/${stages[0]?.id}/applications`), 404, 'not-found');
    problem(await get(`/v1/jobs/${job}/pipeline/stages/${own}/applications`, other), 404, 'not-found');
    const page = (await get(`/v1/jobs/${job}/pipeline/stages/${own}/applications?limit=1`)).json<PageBody>();
    assert.ok(page.nextCursor);
    problem(await get(`/v1/jobs/${job}/pipeline/stages/${own}/applications?sort=-activity&cursor=${page.nextCursor}`), 400, 'invalid-cursor');
    problem(await get(`/v1/jobs/${job}/pipeline/stages/${own}/applications?sort=newest`), 400, 'validation-failed');
  });

  test('a page costs the same number of statements for 5 applications as for 50 (no query per row)', async () => {
    const cost = async (count: number) => {
      const job = (await publishJob(t, t.org, { title: `Counted ${count}` })).id;
      for (let i = 0; i < count; i += 10) await Promise.all(Array.from({ length: Math.min(10, count - i) }, () => applicant(job)));
      const stage = (await view(job))[0]?.id;
      const url = `/v1/jobs/${job}/pipeline/stages/${stage}/applications?limit=100`;
      await get(url);
      t.statements.length = 0;
      const res = await get(url);
      assert.equal(res.json<PageBody>().data.length, count);
      return t.statements.length;
    };
    const five = await cost(5);
    const fifty = await cost(50);
    assert.ok(five > 0, 'the hook heard the statements');
    assert.equal(fifty, five);
  });
});

describe('the statements of one application', () => {
  let t: TestApp & { statements: string[] };
  before(async () => {
    t = await startCountingApp();
  });
  after(() => t.close());

  test('its email is stored unrendered: no template read, no status-page link minted in the request', async () => {
    const job = (await publishJob(t, t.org, { title: 'Counted Applicant' })).id;
    // The first application warms the caches of the org and the job; the second is the one counted.
    assert.equal((await applyJson(t, t.org, job, { name: 'Warm Up', email: 'warm@example.test' })).statusCode, 201);
    t.statements.length = 0;
    const res = await applyJson(t, t.org, job, { name: 'Counted Person', email: 'counted@example.test' });
    assert.equal(res.statusCode, 201, res.body);
    const sent = t.statements.join('\n');
    assert.match(sent, /insert into "outgoing_mail"/, 'the email is queued with the application');
    assert.doesNotMatch(sent, /email_templates|candidate_status_links/, 'the send task reads the template and mints the link');
    // The org's set_config travels with `begin` on the server; PGlite sends it on its own.
    const work = t.statements.filter((statement) => !statement.startsWith('select set_config'));
    assert.ok(work.length <= 6, `${work.length} statements:\n${sent}`);
  });
});
