import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { wholeOrg } from '../../src/modules/access/index.ts';
import { createApplicationActions } from '../../src/modules/recruiting/applications/applications.actions.ts';
import { createApplicationsRepo } from '../../src/modules/recruiting/applications/index.ts';
import { createCandidatesRepo } from '../../src/modules/recruiting/candidates/index.ts';
import { createPipelinesRepo } from '../../src/modules/recruiting/pipelines/index.ts';
import { problem, publishJob, startTestApp, type TestApp, type TestOrg } from '../helpers/app.ts';
import { addApplicant } from '../helpers/recruiting.ts';

interface Stage { id: string; kind: string }
type Result = { applicationId: string; ok: true; application: { stage: { id: string }; status: string; version: number } } | { applicationId: string; ok: false; problem: { code: string; detail: string } };

describe('bulk moves and rejections', () => {
  let t: TestApp;
  let other: TestOrg;
  let jobId: string;
  let stages: Stage[];
  let reasonId: string;
  let n = 0;

  const post = (url: string, payload: Record<string, unknown>, org: TestOrg = t.org) => t.app.inject({ method: 'POST', url, headers: org.auth, payload });
  const get = (url: string, org: TestOrg = t.org) => t.app.inject({ method: 'GET', url, headers: org.auth });
  const applicant = (org: TestOrg, job: string) => addApplicant(t, org.id, job, { email: `bulk${++n}@example.test` });
  const stage = (kind: string) => stages.find((s) => s.kind === kind)?.id ?? '';

  before(async () => {
    t = await startTestApp();
    other = await t.createOrg('Elsewhere');
    jobId = (await publishJob(t, t.org)).id;
    stages = (await get(`/v1/jobs/${jobId}/pipeline`)).json<{ stages: Stage[] }>().stages;
    reasonId = (await get('/v1/rejection-reasons')).json<{ data: { id: string }[] }>().data[0]?.id ?? '';
  });
  after(() => t.close());

  test('a mix of good and bad ids: the good ones move, each bad one fails alone with its reason', async () => {
    const good = await Promise.all([1, 2, 3].map(() => applicant(t.org, jobId)));
    const rejected = await applicant(t.org, jobId);
    assert.equal((await post(`/v1/applications/${rejected.applicationId}/reject`, { reasonId })).statusCode, 200);
    const foreignJob = (await publishJob(t, other)).id;
    const foreign = await applicant(other, foreignJob);
    const secondJob = (await publishJob(t, t.org, { title: 'QA Engineer' })).id;
    const elsewhere = await applicant(t.org, secondJob);
    const ids = [good[0]?.applicationId, foreign.applicationId, good[1]?.applicationId, rejected.applicationId, 'app_unknown', elsewhere.applicationId, good[2]?.applicationId];

    const res = await post('/v1/applications/bulk/move', { applicationIds: ids, stageId: stage('screen') });
    assert.equal(res.statusCode, 200, res.body);
    const results = res.json<{ results: Result[] }>().results;
    assert.deepEqual(results.map((r) => r.applicationId), ids, 'one result per id, in the order given');
    assert.deepEqual(results.map((r) => (r.ok ? 'ok' : r.problem.code)),
      ['ok', 'not-found', 'ok', 'invalid-state-transition', 'not-found', 'validation-failed', 'ok']);
    for (const r of results) if (r.ok) assert.equal(r.application.stage.id, stage('screen'));

    const foreignNow = (await get(`/v1/applications/${foreign.applicationId}`, other)).json<{ version: number; stage: { id: string } }>();
    assert.deepEqual([foreignNow.version, foreignNow.stage.id], [1, foreign.stageId], 'another org\'s application is untouched');
    const elsewhereNow = (await get(`/v1/applications/${elsewhere.applicationId}`)).json<{ version: number }>();
    assert.equal(elsewhereNow.version, 1);
    for (const g of good) {
      const events = (await get(`/v1/events?type=application.stage_changed&subjectId=${g.applicationId}`)).json<{ data: unknown[] }>().data;
      assert.equal(events.length, 1);
      const history = (await get(`/v1/applications/${g.applicationId}/history`)).json<{ data: { action: string }[] }>().data;
      assert.deepEqual(history.map((h) => h.action), ['created', 'moved']);
    }
    const failedEvents = (await get(`/v1/events?type=application.stage_changed&subjectId=${rejected.applicationId}`)).json<{ data: unknown[] }>().data;
    assert.equal(failedEvents.length, 0, 'an item that failed recorded no event');
  });

  test('bulk reject: each active one is rejected with the reason and note; an unknown reason fails the request', async () => {
    const active = await Promise.all([1, 2].map(() => applicant(t.org, jobId)));
    const withdrawn = await applicant(t.org, jobId);
    assert.equal((await post(`/v1/applications/${withdrawn.applicationId}/withdraw`, {})).statusCode, 200);
    const ids = [...active.map((a) => a.applicationId), withdrawn.applicationId];
    problem(await post('/v1/applications/bulk/reject', { applicationIds: ids, reasonId: 'rjr_nothing' }), 400, 'validation-failed');
    const res = await post('/v1/applications/bulk/reject', { applicationIds: ids, reasonId, note: 'The role was filled internally' });
    const results = res.json<{ results: Result[] }>().results;
    assert.deepEqual(results.map((r) => (r.ok ? r.application.status : r.problem.code)), ['rejected', 'rejected', 'invalid-state-transition']);
    const events = (await get(`/v1/events?type=application.rejected&subjectId=${active[0]?.applicationId}`)).json<{ data: unknown[] }>().data;
    assert.equal(events.length, 1);
  });

  test('the id list: 1 to 500 distinct ids', async () => {
    const a = await applicant(t.org, jobId);
    problem(await post('/v1/applications/bulk/move', { applicationIds: [], stageId: stage('screen') }), 400, 'validation-failed');
    const unknownStage = problem(await post('/v1/applications/bulk/move', { applicationIds: [a.applicationId], stageId: 'stg_nowhere' }), 400, 'validation-failed');
    assert.equal(unknownStage.errors?.[0]?.pointer, '/stageId');
    problem(await post('/v1/applications/bulk/move', { applicationIds: [a.applicationId, a.applicationId], stageId: stage('screen') }), 400, 'validation-failed');
    const tooMany = Array.from({ length: 501 }, (_, i) => `app_${i}`);
    problem(await post('/v1/applications/bulk/reject', { applicationIds: tooMany, reasonId }), 400, 'validation-failed');
  });

  test('an item whose write fails in the database is rolled back to its savepoint; the others are written', async () => {
    const items = await Promise.all([1, 2, 3].map(() => applicant(t.org, jobId)));
    const broken = items[1]?.applicationId;
    const real = createApplicationsRepo();
    // The service as the app builds it, but the write of one item runs a statement the database refuses.
    const repo: typeof real = {
      ...real,
      update: async (tx, id, patch) => {
        if (id === broken) await tx.execute(sql`select 1 / 0`);
        return real.update(tx, id, patch);
      },
    };
    const errors: object[] = [];
    const actions = createApplicationActions({
      events: t.container.events, repo, stagesOf: createPipelinesRepo().stagesOf, candidates: createCandidatesRepo(), log: { error: (details) => errors.push(details) },
    });
    const results = await actions.bulk(wholeOrg(t.org.id), items.map((i) => i.applicationId), { kind: 'move', stageId: stage('offer') });
    assert.deepEqual(results.map((r) => (r.ok ? 'ok' : r.problem.code)), ['ok', 'internal-error', 'ok']);
    assert.equal(errors.length, 1, 'the cause is logged');
    const now = await Promise.all(items.map(async (i) => (await get(`/v1/applications/${i.applicationId}`)).json<{ version: number; stage: { id: string } }>()));
    assert.deepEqual(now.map((a) => a.stage.id), [stage('offer'), items[1]?.stageId, stage('offer')]);
    assert.deepEqual(now.map((a) => a.version), [2, 1, 2]);
    const brokenHistory = (await get(`/v1/applications/${broken}/history`)).json<{ data: unknown[] }>().data;
    assert.equal(brokenHistory.length, 1, 'nothing but its creation');
  });

  test('500 applications move in one request, each with its history and event', async () => {
    const job = (await publishJob(t, t.org, { title: 'Support Engineer' })).id;
    const jobStages = (await get(`/v1/jobs/${job}/pipeline`)).json<{ stages: Stage[] }>().stages;
    const created: string[] = [];
    for (let i = 0; i < 500; i += 50) {
      created.push(...(await Promise.all(Array.from({ length: 50 }, () => applicant(t.org, job)))).map((a) => a.applicationId));
    }
    const target = jobStages.find((s) => s.kind === 'interview')?.id;
    const res = await post('/v1/applications/bulk/move', { applicationIds: created, stageId: target });
    assert.equal(res.statusCode, 200, res.body.slice(0, 500));
    const results = res.json<{ results: Result[] }>().results;
    assert.equal(results.filter((r) => r.ok).length, 500);
    const view = (await get(`/v1/jobs/${job}/pipeline`)).json<{ stages: { id: string; count: number }[] }>().stages;
    assert.equal(view.find((s) => s.id === target)?.count, 500);
    assert.equal(view.reduce((sum, s) => sum + s.count, 0), 500);
  });
});
