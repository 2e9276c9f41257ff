import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { parse } from 'csv-parse/sync';
import { sql } from 'drizzle-orm';
import { json, problem, publishJob, startTestApp, type TestApp, type TestOrg } from '../helpers/app.ts';
import { join, signUp, type TestUser } from '../helpers/identity.ts';
import { addApplicant } from '../helpers/recruiting.ts';

interface StageReport {
  stageId: string; name: string; kind: string; position: number; entered: number; movedOn: number;
  conversion: number | null; inStageNow: number; medianDaysInStage: number | null;
}
interface HireTimes { hires: number; medianDays: number | null; p90Days: number | null }
interface TimeToHire {
  scope: string; appliedAfter: string | null; appliedBefore: string | null; overall: HireTimes;
  byJob: (HireTimes & { jobId: string; title: string; department: string | null })[];
  byDepartment: (HireTimes & { department: string | null })[];
}
interface Sources {
  scope: string;
  sources: { source: string; applications: number; interviewed: number; hires: number; interviewRate: number | null; hireRate: number | null }[];
}

const DAY = 86_400_000;
/** Every application's history starts this long ago, so the days between its entries are exactly the ones set below. */
const start = new Date(Date.now() - 60 * DAY);

describe('hiring reports', () => {
  let t: TestApp;
  let owner: TestUser;
  let org: TestOrg;
  let rival: TestOrg;
  const jobs: Record<'a' | 'b' | 'c', string> = { a: '', b: '', c: '' };
  let stage: Record<'applied' | 'screen' | 'interview' | 'offer' | 'hired', string>;
  let reasonId: string;
  let n = 0;

  const get = (url: string, headers: Record<string, string> = org.auth) => t.app.inject({ method: 'GET', url, headers });
  const act = async (applicationId: string, action: 'move' | 'reject', payload: Record<string, unknown>) => {
    const res = await t.app.inject({ method: 'POST', url: `/v1/applications/${applicationId}/${action}`, headers: org.auth, payload });
    assert.equal(res.statusCode, 200, res.body);
  };
  /** Moves through the named stages in order (the last may be hired), or rejects where 'reject' is named. */
  const walk = async (applicationId: string, steps: readonly (keyof typeof stage | 'reject')[]) => {
    for (const step of steps) {
      if (step === 'reject') await act(applicationId, 'reject', { reasonId });
      else await act(applicationId, 'move', { stageId: stage[step] });
    }
  };
  /**
   * Test set-up only: puts the application's history entries, oldest first, at `start` + the given days
   * (the first is when it applied), since the real routes stamp the time they ran.
   */
  const retime = async (applicationId: string, days: readonly number[], from = start) => {
    await t.container.database.unscoped.execute(sql`
      with ordered as (select id, row_number() over (order by at, id) as i from application_history where application_id = ${applicationId}),
      times as (select u.i, ${from.toISOString()}::timestamptz + make_interval(secs => u.d * 86400) as at
                from unnest(${`{${days.join(',')}}`}::float8[]) with ordinality as u(d, i))
      update application_history h set at = times.at from ordered join times using (i) where h.id = ordered.id`);
    await t.container.database.unscoped.execute(sql`update applications set applied_at = ${new Date(from.getTime() + (days[0] ?? 0) * DAY).toISOString()}::timestamptz where id = ${applicationId}`);
  };
  /** An applicant through the real "add to job" route, with the given source. */
  const addWithSource = async (jobId: string, source: string): Promise<string> => {
    const candidate = await t.app.inject({ method: 'POST', url: '/v1/candidates', headers: org.auth, payload: { name: `Sourced ${++n}`, emails: [`sourced${n}@example.test`] } });
    assert.equal(candidate.statusCode, 201, candidate.body);
    const res = await t.app.inject({ method: 'POST', url: '/v1/applications', headers: org.auth, payload: { candidateId: json<{ id: string }>(candidate).id, jobId, source } });
    assert.equal(res.statusCode, 201, res.body);
    return json<{ id: string }>(res).id;
  };
  const boardApplicant = async (jobId: string) => (await addApplicant(t, org.id, jobId, { email: `board${++n}@example.test` })).applicationId;

  before(async () => {
    t = await startTestApp();
    owner = await signUp(t);
    org = { id: owner.orgId, slug: owner.orgSlug, apiKey: '', auth: owner.auth };
    rival = await t.createOrg('Rival');
    jobs.a = (await publishJob(t, org, { title: 'Backend Engineer', department: 'Engineering' })).id;
    jobs.b = (await publishJob(t, org, { title: 'Data Engineer', department: 'engineering' })).id;
    jobs.c = (await publishJob(t, org, { title: '=HYPERLINK("https://evil.example")', department: 'Sales' })).id;
    const stages = json<{ data: { id: string; kind: string }[] }>(await get(`/v1/jobs/${jobs.a}/stages`)).data;
    const byKind = (kind: string) => stages.find((s) => s.kind === kind)?.id ?? '';
    stage = { applied: byKind('applied'), screen: byKind('screen'), interview: byKind('interview'), offer: byKind('offer'), hired: byKind('hired') };
    reasonId = json<{ data: { id: string }[] }>(await get('/v1/rejection-reasons')).data[0]?.id ?? '';

    // Job A, from the board: one hire, two rejected after moving on, one rejected at once, one skipping the screen, one waiting, one going back and forth.
    const a = await Promise.all(Array.from({ length: 7 }, () => boardApplicant(jobs.a)));
    const [a1 = '', a2 = '', a3 = '', a4 = '', a5 = '', a6 = '', a7 = ''] = a;
    await walk(a1, ['screen', 'interview', 'offer', 'hired']);
    await retime(a1, [0, 1, 3, 6, 10]);
    await walk(a2, ['screen', 'interview', 'reject']);
    await retime(a2, [0, 2, 4, 9]);
    await walk(a3, ['screen', 'reject']);
    await retime(a3, [0, 3, 4]);
    await walk(a4, ['reject']);
    await retime(a4, [0, 5]);
    await walk(a5, ['interview']);
    await retime(a5, [0, 4]);
    await retime(a6, [0]);
    await walk(a7, ['screen', 'applied', 'screen']);
    await retime(a7, [0, 1, 2, 6]);
    // Job B's stages are its own: moves there name them.
    const bStages = json<{ data: { id: string; kind: string }[] }>(await get(`/v1/jobs/${jobs.b}/stages`)).data;
    const inB = (kind: string) => bStages.find((s) => s.kind === kind)?.id ?? '';
    const b1 = await addWithSource(jobs.b, 'referral');
    await act(b1, 'move', { stageId: inB('hired') });
    await retime(b1, [0, 4]);
    const b2 = await addWithSource(jobs.b, 'referral');
    await act(b2, 'move', { stageId: inB('interview') });
    await act(b2, 'move', { stageId: inB('hired') });
    await retime(b2, [0, 5, 20]);
    const cStages = json<{ data: { id: string; kind: string }[] }>(await get(`/v1/jobs/${jobs.c}/stages`)).data;
    const c1 = await addWithSource(jobs.c, 'agency');
    await act(c1, 'move', { stageId: cStages.find((s) => s.kind === 'hired')?.id ?? '' });
    await retime(c1, [0, 7], new Date(start.getTime() - 140 * DAY));
    // The rival org's hire must not count anywhere.
    const rivalJob = (await publishJob(t, rival)).id;
    await addApplicant(t, rival.id, rivalJob, { email: 'rival@example.test' });
  });
  after(() => t.close());

  describe('pipeline', () => {
    test('per stage, in pipeline order: entered, moved on, conversion, in stage now and the median of ended stays', async () => {
      const res = await get(`/v1/reports/pipeline?jobId=${jobs.a}`);
      assert.equal(res.statusCode, 200, res.body);
      const report = json<{ jobId: string; title: string; stages: StageReport[] }>(res);
      assert.equal(report.jobId, jobs.a);
      assert.equal(report.title, 'Backend Engineer');
      assert.deepEqual(report.stages.map((s) => s.kind), ['applied', 'screen', 'interview', 'offer', 'hired']);
      assert.deepEqual(report.stages.map((s) => s.position), [...report.stages.map((s) => s.position)].sort((x, y) => x - y));
      const figures = report.stages.map(({ name, entered, movedOn, conversion, inStageNow, medianDaysInStage }) => ({ name, entered, movedOn, conversion, inStageNow, medianDaysInStage }));
      assert.deepEqual(figures, [
        // Stays ended: 1, 1, 2, 3, 4, 4, 5 days (a7 was here twice); a6 is still waiting.
        { name: 'Applied', entered: 7, movedOn: 5, conversion: 0.7143, inStageNow: 1, medianDaysInStage: 3 },
        // a7 went back to Applied (not onward) and is here again; a3 was rejected here.
        { name: 'Screen', entered: 4, movedOn: 2, conversion: 0.5, inStageNow: 1, medianDaysInStage: 1.5 },
        { name: 'Interview', entered: 3, movedOn: 1, conversion: 0.3333, inStageNow: 1, medianDaysInStage: 4 },
        { name: 'Offer', entered: 1, movedOn: 1, conversion: 1, inStageNow: 0, medianDaysInStage: 4 },
        { name: 'Hired', entered: 1, movedOn: 0, conversion: null, inStageNow: 1, medianDaysInStage: null },
      ]);
    });

    test('an unrejected application that moves on counts as moved on; a reopened hire is no longer a hire', async () => {
      const third = await t.createOrg('Third');
      const jobId = (await publishJob(t, third)).id;
      const stages = json<{ data: { id: string; kind: string }[] }>(await get(`/v1/jobs/${jobId}/stages`, third.auth)).data;
      const of = (kind: string) => stages.find((s) => s.kind === kind)?.id ?? '';
      const reason = json<{ data: { id: string }[] }>(await get('/v1/rejection-reasons', third.auth)).data[0]?.id;
      const run = async (applicationId: string, steps: [string, Record<string, unknown>][]) => {
        for (const [action, payload] of steps) {
          const res = await t.app.inject({ method: 'POST', url: `/v1/applications/${applicationId}/${action}`, headers: third.auth, payload });
          assert.equal(res.statusCode, 200, res.body);
        }
      };
      const x = (await addApplicant(t, third.id, jobId, { email: 'x@example.test' })).applicationId;
      await run(x, [['move', { stageId: of('screen') }], ['reject', { reasonId: reason }], ['unreject', {}], ['move', { stageId: of('interview') }]]);
      const y = (await addApplicant(t, third.id, jobId, { email: 'y@example.test' })).applicationId;
      await run(y, [['move', { stageId: of('hired') }], ['reopen', {}]]);
      const report = json<{ stages: StageReport[] }>(await get(`/v1/reports/pipeline?jobId=${jobId}`, third.auth));
      assert.deepEqual(report.stages.map((s) => [s.kind, s.entered, s.movedOn, s.inStageNow]), [
        // y went back to Offer, the stage before Hired, when reopened.
        ['applied', 2, 2, 0], ['screen', 1, 1, 0], ['interview', 1, 0, 1], ['offer', 1, 0, 1], ['hired', 1, 0, 0],
      ]);
      for (const s of report.stages.filter((r) => r.kind !== 'hired' && r.entered > r.inStageNow)) assert.ok((s.medianDaysInStage ?? -1) >= 0, s.name);
      assert.equal(json<TimeToHire>(await get('/v1/reports/time-to-hire', third.auth)).overall.hires, 0);
    });

    test('an offer\'s entries in the history neither end a stay nor hide the hire it makes', async () => {
      const fourth = await t.createOrg('Fourth');
      const jobId = (await publishJob(t, fourth)).id;
      const stages = json<{ data: { id: string; kind: string }[] }>(await get(`/v1/jobs/${jobId}/stages`, fourth.auth)).data;
      const post = async (url: string, payload: Record<string, unknown> = {}) => {
        const res = await t.app.inject({ method: 'POST', url, headers: fourth.auth, payload });
        assert.ok(res.statusCode < 300, res.body);
        return json<{ id: string }>(res);
      };
      const hiredOne = (await addApplicant(t, fourth.id, jobId, { email: 'offered@example.test' })).applicationId;
      const waiting = (await addApplicant(t, fourth.id, jobId, { email: 'waiting@example.test' })).applicationId;
      for (const id of [hiredOne, waiting]) await post(`/v1/applications/${id}/move`, { stageId: stages.find((s) => s.kind === 'screen')?.id ?? '' });
      // Accepting hires from Screen: drafted, submitted (no approvers: approved at once), sent, accepted; the last entry is offer_accepted, after the hire.
      const offer = await post(`/v1/applications/${hiredOne}/offers`, { salary: { amount: 50000, currency: 'EUR', period: 'year' }, startDate: '2030-01-01' });
      for (const step of ['submit', 'send', 'accept']) await post(`/v1/offers/${offer.id}/${step}`);
      // An offer still under way on the other one leaves it in Screen.
      await post(`/v1/applications/${waiting}/offers`, { salary: { amount: 50000, currency: 'EUR', period: 'year' }, startDate: '2030-01-01' });
      const report = json<{ stages: StageReport[] }>(await get(`/v1/reports/pipeline?jobId=${jobId}`, fourth.auth));
      assert.deepEqual(report.stages.map((s) => [s.kind, s.entered, s.movedOn, s.inStageNow]), [
        ['applied', 2, 2, 0], ['screen', 2, 1, 1], ['interview', 0, 0, 0], ['offer', 0, 0, 0], ['hired', 1, 0, 1],
      ]);
    });

    test('a job without applications has every stage at zero', async () => {
      const empty = (await publishJob(t, org, { title: 'Quiet' })).id;
      const report = json<{ stages: StageReport[] }>(await get(`/v1/reports/pipeline?jobId=${empty}`));
      assert.equal(report.stages.length, 5);
      for (const s of report.stages) assert.deepEqual([s.entered, s.movedOn, s.conversion, s.inStageNow, s.medianDaysInStage], [0, 0, null, 0, null]);
    });

    test('as CSV: one row per stage, the same figures', async () => {
      const res = await get(`/v1/reports/pipeline?jobId=${jobs.a}`, { ...org.auth, accept: 'text/csv' });
      assert.equal(res.statusCode, 200);
      assert.match(String(res.headers['content-type']), /^text\/csv/);
      assert.match(String(res.headers['content-disposition']), /attachment; filename="pipeline-job_.*\.csv"/);
      assert.match(String(res.headers.vary), /accept/i);
      const rows = parse(res.body, { columns: true }) as Record<string, string>[];
      assert.deepEqual(rows.map((r) => [r.stage, r.entered, r.movedOn, r.conversion, r.inStageNow, r.medianDaysInStage]), [
        ['Applied', '7', '5', '0.7143', '1', '3'], ['Screen', '4', '2', '0.5', '1', '1.5'], ['Interview', '3', '1', '0.3333', '1', '4'],
        ['Offer', '1', '1', '1', '0', '4'], ['Hired', '1', '0', '', '1', ''],
      ]);
      assert.ok(rows.every((r) => r.jobId === jobs.a && r.title === 'Backend Engineer'));
    });

    test('JSON unless CSV is preferred', async () => {
      for (const accept of ['application/json', '*/*', 'application/json, text/csv;q=0.5', 'text/html']) {
        const res = await get(`/v1/reports/pipeline?jobId=${jobs.a}`, { ...org.auth, accept });
        assert.match(String(res.headers['content-type']), /^application\/json/, accept);
      }
      const res = await get(`/v1/reports/pipeline?jobId=${jobs.a}`, { ...org.auth, accept: 'application/json;q=0.4, text/*' });
      assert.match(String(res.headers['content-type']), /^text\/csv/);
    });

    test('errors: no jobId is a 400; an unknown job and another org\'s job are 404s', async () => {
      problem(await get('/v1/reports/pipeline'), 400, 'validation-failed');
      problem(await get('/v1/reports/pipeline?jobId=job_0193a1b2c3d47e8f9a0b1c2d3e4f5a6b'), 404, 'not-found');
      problem(await get(`/v1/reports/pipeline?jobId=${jobs.a}`, rival.auth), 404, 'not-found');
    });
  });

  describe('time to hire', () => {
    test('median and p90 days per job, per department (ignoring case) and overall', async () => {
      const res = await get('/v1/reports/time-to-hire');
      assert.equal(res.statusCode, 200, res.body);
      const report = json<TimeToHire>(res);
      assert.equal(report.scope, 'organization');
      assert.deepEqual([report.appliedAfter, report.appliedBefore], [null, null]);
      // Hires took 10 (A), 4 and 20 (B), 7 (C) days.
      assert.deepEqual(report.overall, { hires: 4, medianDays: 8.5, p90Days: 17 });
      assert.deepEqual(report.byJob.map(({ jobId, hires, medianDays, p90Days }) => ({ jobId, hires, medianDays, p90Days })), [
        // Ties in hires go by title: '=' sorts before letters.
        { jobId: jobs.b, hires: 2, medianDays: 12, p90Days: 18.4 },
        { jobId: jobs.c, hires: 1, medianDays: 7, p90Days: 7 },
        { jobId: jobs.a, hires: 1, medianDays: 10, p90Days: 10 },
      ]);
      assert.deepEqual(report.byJob.map((j) => j.department), ['engineering', 'Sales', 'Engineering']);
      assert.deepEqual(report.byDepartment.map(({ department, ...times }) => ({ department: department?.toLowerCase(), ...times })), [
        { department: 'engineering', hires: 3, medianDays: 10, p90Days: 18 },
        { department: 'sales', hires: 1, medianDays: 7, p90Days: 7 },
      ]);
    });

    test('appliedAfter and appliedBefore narrow it to applications made in the period', async () => {
      const after = new Date(start.getTime() - 30 * DAY).toISOString();
      const recent = json<TimeToHire>(await get(`/v1/reports/time-to-hire?appliedAfter=${after}`));
      assert.equal(recent.appliedAfter, after);
      assert.deepEqual(recent.overall, { hires: 3, medianDays: 10, p90Days: 18 });
      assert.deepEqual(recent.byDepartment.map((d) => d.department?.toLowerCase()), ['engineering']);
      const older = json<TimeToHire>(await get(`/v1/reports/time-to-hire?appliedBefore=${after}`));
      assert.deepEqual(older.overall, { hires: 1, medianDays: 7, p90Days: 7 });
      const none = json<TimeToHire>(await get(`/v1/reports/time-to-hire?appliedAfter=${new Date().toISOString()}`));
      assert.deepEqual(none, { ...none, overall: { hires: 0, medianDays: null, p90Days: null }, byJob: [], byDepartment: [] });
    });

    test('a period that ends before it starts, or a date that is not one, is a 400', async () => {
      const now = new Date().toISOString();
      const body = problem(await get(`/v1/reports/time-to-hire?appliedAfter=${now}&appliedBefore=${now}`), 400, 'validation-failed');
      assert.equal(body.errors?.[0]?.pointer, '/appliedBefore');
      problem(await get('/v1/reports/time-to-hire?appliedAfter=2026-02-30T00:00:00Z'), 400, 'validation-failed');
      problem(await get('/v1/reports/sources?appliedBefore=yesterday'), 400, 'validation-failed');
    });

    test('as CSV: overall, then jobs, then departments; a title that looks like a formula is defused', async () => {
      const res = await get('/v1/reports/time-to-hire', { ...org.auth, accept: 'text/csv' });
      assert.match(String(res.headers['content-type']), /^text\/csv/);
      const rows = parse(res.body, { columns: true }) as Record<string, string>[];
      assert.deepEqual(rows.map((r) => [r.level, r.jobId, r.hires, r.medianDays, r.p90Days]), [
        ['overall', '', '4', '8.5', '17'], ['job', jobs.b, '2', '12', '18.4'], ['job', jobs.c, '1', '7', '7'], ['job', jobs.a, '1', '10', '10'],
        ['department', '', '3', '10', '18'], ['department', '', '1', '7', '7'],
      ]);
      assert.equal(rows.find((r) => r.jobId === jobs.c)?.title, '\'=HYPERLINK("https://evil.example")');
    });
  });

  describe('sources', () => {
    test('applications, interviewed (reached an interview stage) and hires per source, most applications first', async () => {
      const report = json<Sources>(await get('/v1/reports/sources'));
      assert.equal(report.scope, 'organization');
      assert.deepEqual(report.sources, [
        { source: 'board', applications: 7, interviewed: 3, hires: 1, interviewRate: 0.4286, hireRate: 0.1429 },
        { source: 'referral', applications: 2, interviewed: 1, hires: 2, interviewRate: 0.5, hireRate: 1 },
        { source: 'agency', applications: 1, interviewed: 0, hires: 1, interviewRate: 0, hireRate: 1 },
      ]);
      const older = json<Sources>(await get(`/v1/reports/sources?appliedBefore=${new Date(start.getTime() - 30 * DAY).toISOString()}`));
      assert.deepEqual(older.sources.map((s) => [s.source, s.applications]), [['agency', 1]]);
    });

    test('as CSV', async () => {
      const res = await get('/v1/reports/sources', { ...org.auth, accept: 'text/csv' });
      const rows = parse(res.body, { columns: true }) as Record<string, string>[];
      assert.deepEqual(rows, [
        { source: 'board', applications: '7', interviewed: '3', hires: '1', interviewRate: '0.4286', hireRate: '0.1429' },
        { source: 'referral', applications: '2', interviewed: '1', hires: '2', interviewRate: '0.5', hireRate: '1' },
        { source: 'agency', applications: '1', interviewed: '0', hires: '1', interviewRate: '0', hireRate: '1' },
      ]);
    });
  });

  describe('access', () => {
    test('another org sees none of this org\'s figures', async () => {
      const hires = json<TimeToHire>(await get('/v1/reports/time-to-hire', rival.auth));
      assert.deepEqual(hires.overall, { hires: 0, medianDays: null, p90Days: null });
      const sources = json<Sources>(await get('/v1/reports/sources', rival.auth));
      assert.deepEqual(sources.sources.map((s) => [s.source, s.applications, s.hires]), [['board', 1, 0]]);
    });

    test('a viewer reads every report over the whole org', async () => {
      const viewer = await join(t, owner.auth, 'viewer');
      assert.equal((await get(`/v1/reports/pipeline?jobId=${jobs.a}`, viewer.auth)).statusCode, 200);
      assert.equal(json<TimeToHire>(await get('/v1/reports/time-to-hire', viewer.auth)).overall.hires, 4);
      assert.equal(json<Sources>(await get('/v1/reports/sources', viewer.auth)).scope, 'organization');
    });

    test('a hiring manager sees only the jobs whose team they are on', async () => {
      const manager = await join(t, owner.auth, 'hiring_manager');
      problem(await get(`/v1/reports/pipeline?jobId=${jobs.b}`, manager.auth), 404, 'not-found');
      const seated = await t.app.inject({ method: 'PUT', url: `/v1/jobs/${jobs.b}/team/${manager.userId}`, headers: owner.auth });
      assert.ok(seated.statusCode < 300, seated.body);
      assert.equal((await get(`/v1/reports/pipeline?jobId=${jobs.b}`, manager.auth)).statusCode, 200);
      problem(await get(`/v1/reports/pipeline?jobId=${jobs.a}`, manager.auth), 404, 'not-found');
      const hires = json<TimeToHire>(await get('/v1/reports/time-to-hire', manager.auth));
      assert.equal(hires.scope, 'assigned-jobs');
      assert.deepEqual(hires.overall, { hires: 2, medianDays: 12, p90Days: 18.4 });
      assert.deepEqual(hires.byJob.map((j) => j.jobId), [jobs.b]);
      const sources = json<Sources>(await get('/v1/reports/sources', manager.auth));
      assert.deepEqual(sources.sources.map((s) => [s.source, s.applications]), [['referral', 2]]);
    });

    test('an API key without candidates:read is refused', async () => {
      const key = json<{ apiKey: string }>(await t.app.inject({ method: 'POST', url: '/v1/api-keys', headers: owner.auth, payload: { name: 'jobs only', scopes: ['jobs:read'] } }));
      for (const url of [`/v1/reports/pipeline?jobId=${jobs.a}`, '/v1/reports/time-to-hire', '/v1/reports/sources']) {
        problem(await get(url, { authorization: `Bearer ${key.apiKey}` }), 403, 'forbidden');
      }
    });
  });
});
