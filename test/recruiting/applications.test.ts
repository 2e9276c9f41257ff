import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createJob, problem, publishJob, startTestApp, type TestApp, type TestOrg } from '../helpers/app.ts';
import { join, signUp, type TestUser } from '../helpers/identity.ts';
import { addApplicant } from '../helpers/recruiting.ts';

interface Stage { id: string; name: string; kind: string }
interface App { id: string; jobId: string; candidateId: string; stage: Stage; status: string; version: number; rejection: { reasonId: string; note: string | null } | null }

describe('applications: reading, moving, rejecting, withdrawing, reopening', () => {
  let t: TestApp;
  let other: TestOrg;
  let stages: Stage[];
  let jobId: string;
  let reasonId: string;
  let n = 0;

  const post = (url: string, payload?: Record<string, unknown>, headers: Record<string, string> = t.org.auth) =>
    t.app.inject({ method: 'POST', url, headers, ...(payload ? { payload } : {}) });
  const get = (url: string, headers: Record<string, string> = t.org.auth) => t.app.inject({ method: 'GET', url, headers });
  const fresh = async (stageIndex = 0) => addApplicant(t, t.org.id, jobId, { email: `person${++n}@example.test`, name: `Person ${n}` }, stageIndex);
  const stage = (kind: string) => {
    const found = stages.find((s) => s.kind === kind);
    if (!found) throw new Error(`no ${kind} stage`);
    return found;
  };

  before(async () => {
    t = await startTestApp();
    other = await t.createOrg('Other');
    jobId = (await publishJob(t, t.org)).id;
    await fresh();
    stages = (await get(`/v1/jobs/${jobId}/pipeline`)).json<{ stages: Stage[] }>().stages;
    const reasons = await get('/v1/rejection-reasons');
    assert.equal(reasons.statusCode, 200, reasons.body);
    reasonId = reasons.json<{ data: { id: string }[] }>().data[0]?.id ?? '';
  });
  after(() => t.close());

  test('a recruiter adds an existing candidate to another job: first stage, history, event; twice is a 409 naming the first', async () => {
    const { candidateId } = await fresh();
    const second = await publishJob(t, t.org, { title: 'Data Engineer' });
    const res = await post('/v1/applications', { candidateId, jobId: second.id, source: 'referral', sourceDetail: 'Kim from the data team' });
    assert.equal(res.statusCode, 201, res.body);
    const app = res.json<App & { source: string; sourceDetail: string }>();
    assert.equal(app.stage.kind, 'applied');
    assert.equal(app.status, 'active');
    assert.equal(app.source, 'referral');
    assert.equal(res.headers.location, `/v1/applications/${app.id}`);
    const again = problem(await post('/v1/applications', { candidateId, jobId: second.id }), 409, 'conflict');
    assert.match(String(again.detail), new RegExp(app.id));
    const history = (await get(`/v1/applications/${app.id}/history`)).json<{ data: { action: string; actor: { type: string } }[] }>().data;
    assert.deepEqual(history.map((h) => [h.action, h.actor.type]), [['created', 'api-key']]);
    const events = (await get(`/v1/events?type=application.created&subjectId=${app.id}`)).json<{ data: unknown[] }>().data;
    assert.equal(events.length, 1);
  });

  test('adding to a job can name a later stage; a stage of another job, an unknown candidate or another org\'s job cannot', async () => {
    const { candidateId } = await fresh();
    const second = await publishJob(t, t.org, { title: 'Platform Engineer' });
    const otherJobStage = stage('screen').id;
    problem(await post('/v1/applications', { candidateId, jobId: second.id, stageId: otherJobStage }), 400, 'validation-failed');
    problem(await post('/v1/applications', { candidateId: 'cand_nobody', jobId: second.id }), 404, 'not-found');
    const foreignJob = await createJob(t, other);
    problem(await post('/v1/applications', { candidateId, jobId: foreignJob.id }), 404, 'not-found');
    const ok = await post('/v1/applications', { candidateId, jobId });
    problem(ok, 409, 'conflict');
    const third = await publishJob(t, t.org, { title: 'Site Reliability Engineer' });
    const thirdStages = (await get(`/v1/jobs/${third.id}/pipeline`)).json<{ stages: Stage[] }>().stages;
    const interview = thirdStages.find((s) => s.kind === 'interview');
    const placed = await post('/v1/applications', { candidateId, jobId: third.id, stageId: interview?.id });
    assert.equal(placed.statusCode, 201, placed.body);
    assert.equal(placed.json<App>().stage.id, interview?.id);
  });

  test('get shows the stage and an ETag of the version; the list filters and pages', async () => {
    const a = await fresh(1);
    const res = await get(`/v1/applications/${a.applicationId}`);
    assert.equal(res.statusCode, 200);
    const app = res.json<App>();
    assert.equal(app.stage.id, stage('screen').id);
    assert.equal(res.headers.etag, `"${app.version}"`);
    const byCandidate = (await get(`/v1/applications?candidateId=${a.candidateId}`)).json<{ data: App[] }>().data;
    assert.deepEqual(byCandidate.map((x) => x.id), [a.applicationId]);
    const inScreen = (await get(`/v1/applications?jobId=${jobId}&stageId=${stage('screen').id}&status=active`)).json<{ data: App[] }>().data;
    assert.ok(inScreen.some((x) => x.id === a.applicationId) && inScreen.every((x) => x.stage.id === stage('screen').id));
    const seen = new Set<string>();
    let cursor: string | null = null;
    do {
      const page: { data: App[]; nextCursor: string | null } = (await get(`/v1/applications?jobId=${jobId}&limit=2${cursor ? `&cursor=${cursor}` : ''}`)).json();
      assert.ok(page.data.length <= 2);
      for (const x of page.data) seen.add(x.id);
      cursor = page.nextCursor;
    } while (cursor);
    assert.ok(seen.has(a.applicationId) && seen.size >= 3);
    problem(await get('/v1/applications?cursor=bm90LWEtY3Vyc29y'), 400, 'invalid-cursor');
    problem(await get(`/v1/applications/${a.applicationId}`, other.auth), 404, 'not-found');
  });

  test('move: to another stage, into hired (status hired, two events), and every move that is not allowed', async () => {
    const a = await fresh();
    const moved = await post(`/v1/applications/${a.applicationId}/move`, { stageId: stage('screen').id, expectedVersion: 1 });
    assert.equal(moved.statusCode, 200, moved.body);
    assert.equal(moved.json<App>().version, 2);
    assert.equal(moved.headers.etag, '"2"');
    problem(await post(`/v1/applications/${a.applicationId}/move`, { stageId: stage('screen').id }), 409, 'invalid-state-transition');
    const second = await publishJob(t, t.org, { title: 'Mobile Engineer' });
    const foreignStage = (await get(`/v1/jobs/${second.id}/pipeline`)).json<{ stages: Stage[] }>().stages[1]?.id;
    const wrongJob = problem(await post(`/v1/applications/${a.applicationId}/move`, { stageId: foreignStage }), 400, 'validation-failed');
    assert.equal(wrongJob.errors?.[0]?.pointer, '/stageId');
    problem(await post(`/v1/applications/${a.applicationId}/move`, { stageId: 'stg_unknown' }), 400, 'validation-failed');
    const hired = await post(`/v1/applications/${a.applicationId}/move`, { stageId: stage('hired').id });
    assert.equal(hired.json<App>().status, 'hired');
    const refused = problem(await post(`/v1/applications/${a.applicationId}/move`, { stageId: stage('offer').id }), 409, 'invalid-state-transition');
    assert.match(String(refused.detail), /hired/);
    const candidate = await get(`/v1/candidates/${a.candidateId}`);
    assert.equal(candidate.statusCode, 200, candidate.body);
    assert.ok(candidate.json<{ updatedAt: string }>().updatedAt >= hired.json<{ updatedAt: string }>().updatedAt, 'the candidate counts as changed');
    const changed = (await get(`/v1/events?type=application.stage_changed&subjectId=${a.applicationId}`)).json<{ data: { payload: { fromStageId: string; toStageId: string } }[] }>().data;
    assert.deepEqual(changed.map((e) => e.payload.toStageId), [stage('screen').id, stage('hired').id]);
    const hiredEvents = (await get(`/v1/events?type=application.hired&subjectId=${a.applicationId}`)).json<{ data: unknown[] }>().data;
    assert.equal(hiredEvents.length, 1);
    problem(await post(`/v1/applications/${a.applicationId}/move`, { stageId: stage('screen').id }, other.auth), 404, 'not-found');
  });

  test('reject needs an active reason of the org; unreject only a rejected one; a rejected one cannot move', async () => {
    const a = await fresh();
    problem(await post(`/v1/applications/${a.applicationId}/unreject`), 409, 'invalid-state-transition');
    const badReason = problem(await post(`/v1/applications/${a.applicationId}/reject`, { reasonId: 'rjr_made_up' }), 400, 'validation-failed');
    assert.equal(badReason.errors?.[0]?.pointer, '/reasonId');
    const rejected = await post(`/v1/applications/${a.applicationId}/reject`, { reasonId, note: 'Needs more PostgreSQL experience' });
    assert.equal(rejected.statusCode, 200, rejected.body);
    assert.deepEqual(rejected.json<App>().rejection, { reasonId, note: 'Needs more PostgreSQL experience' });
    problem(await post(`/v1/applications/${a.applicationId}/reject`, { reasonId }), 409, 'invalid-state-transition');
    problem(await post(`/v1/applications/${a.applicationId}/move`, { stageId: stage('screen').id }), 409, 'invalid-state-transition');
    problem(await post(`/v1/applications/${a.applicationId}/withdraw`), 409, 'invalid-state-transition');
    const back = await post(`/v1/applications/${a.applicationId}/unreject`);
    assert.equal(back.statusCode, 200, back.body);
    assert.equal(back.json<App>().status, 'active');
    assert.equal(back.json<App>().rejection, null);
    const archived = await t.app.inject({ method: 'POST', url: '/v1/rejection-reasons', headers: t.org.auth, payload: { name: 'Relocation not possible' } });
    const archivedId = archived.json<{ id: string }>().id;
    const patched = await t.app.inject({ method: 'PATCH', url: `/v1/rejection-reasons/${archivedId}`, headers: t.org.auth, payload: { archived: true } });
    assert.equal(patched.statusCode, 200, patched.body);
    problem(await post(`/v1/applications/${a.applicationId}/reject`, { reasonId: archivedId }), 400, 'validation-failed');
    const otherReasons = (await get('/v1/rejection-reasons', other.auth)).json<{ data: { id: string }[] }>().data;
    problem(await post(`/v1/applications/${a.applicationId}/reject`, { reasonId: otherReasons[0]?.id }), 400, 'validation-failed');
  });

  test('withdraw and reopen: back where it was, or before hired, or where the caller says; active ones cannot be reopened', async () => {
    const a = await fresh(2);
    problem(await post(`/v1/applications/${a.applicationId}/reopen`), 409, 'invalid-state-transition');
    const withdrawn = await post(`/v1/applications/${a.applicationId}/withdraw`, { note: 'Took another offer' });
    assert.equal(withdrawn.json<App>().status, 'withdrawn');
    problem(await post(`/v1/applications/${a.applicationId}/withdraw`), 409, 'invalid-state-transition');
    const reopened = (await post(`/v1/applications/${a.applicationId}/reopen`)).json<App>();
    assert.equal(reopened.status, 'active');
    assert.equal(reopened.stage.id, stage('interview').id);
    await post(`/v1/applications/${a.applicationId}/move`, { stageId: stage('hired').id });
    const fromHired = (await post(`/v1/applications/${a.applicationId}/reopen`)).json<App>();
    assert.equal(fromHired.status, 'active');
    assert.equal(fromHired.stage.id, stage('offer').id);
    await post(`/v1/applications/${a.applicationId}/move`, { stageId: stage('hired').id });
    problem(await post(`/v1/applications/${a.applicationId}/reopen`, { stageId: stage('hired').id }), 400, 'validation-failed');
    const named = (await post(`/v1/applications/${a.applicationId}/reopen`, { stageId: stage('screen').id })).json<App>();
    assert.equal(named.stage.id, stage('screen').id);
  });

  test('a withdrawn application cannot be reopened while the candidate has a newer one to the job', async () => {
    const a = await fresh();
    await post(`/v1/applications/${a.applicationId}/withdraw`);
    const again = await post('/v1/applications', { candidateId: a.candidateId, jobId });
    assert.equal(again.statusCode, 201, again.body);
    const refused = problem(await post(`/v1/applications/${a.applicationId}/reopen`), 409, 'conflict');
    assert.match(String(refused.detail), new RegExp(again.json<App>().id));
  });

  test('history lists every change, oldest first, with who did it, from, to, reason and note', async () => {
    const owner = await signUp(t);
    const job = await publishJob(t, { id: owner.orgId, slug: owner.orgSlug, apiKey: '', auth: owner.auth });
    const a = await addApplicant(t, owner.orgId, job.id, { email: 'history@example.test' });
    const jobStages = (await get(`/v1/jobs/${job.id}/pipeline`, owner.auth)).json<{ stages: Stage[] }>().stages;
    const reason = (await get('/v1/rejection-reasons', owner.auth)).json<{ data: { id: string }[] }>().data[0]?.id;
    const url = (action: string) => `/v1/applications/${a.applicationId}/${action}`;
    assert.equal((await post(url('move'), { stageId: jobStages[1]?.id }, owner.auth)).statusCode, 200);
    assert.equal((await post(url('reject'), { reasonId: reason, note: 'Not this time' }, owner.auth)).statusCode, 200);
    assert.equal((await post(url('unreject'), undefined, owner.auth)).statusCode, 200);
    assert.equal((await post(url('withdraw'), { note: 'Moved abroad' }, owner.auth)).statusCode, 200);
    assert.equal((await post(url('reopen'), undefined, owner.auth)).statusCode, 200);
    const history = (await get(`/v1/applications/${a.applicationId}/history`, owner.auth)).json<{
      data: { action: string; actor: { type: string; id: string | null }; fromStageId: string | null; toStageId: string | null; reasonId: string | null; note: string | null }[];
    }>().data;
    assert.deepEqual(history.map((h) => h.action), ['created', 'moved', 'rejected', 'unrejected', 'withdrawn', 'reopened']);
    assert.ok(history.slice(1).every((h) => h.actor.type === 'user' && h.actor.id === owner.userId));
    assert.deepEqual([history[1]?.fromStageId, history[1]?.toStageId], [jobStages[0]?.id, jobStages[1]?.id]);
    assert.deepEqual([history[2]?.reasonId, history[2]?.note], [reason, 'Not this time']);
    assert.equal(history[4]?.note, 'Moved abroad');
    const app = (await get(`/v1/applications/${a.applicationId}`, owner.auth)).json<App>();
    assert.equal(app.version, 6);
    problem(await get(`/v1/applications/${a.applicationId}/history`), 404, 'not-found');
  });

  test('versions: a stale expectedVersion or If-Match is a 409 naming the current one; of two moves at once exactly one wins', async () => {
    const a = await fresh();
    const stale = problem(await post(`/v1/applications/${a.applicationId}/move`, { stageId: stage('screen').id, expectedVersion: 7 }), 409, 'version-conflict');
    assert.match(String(stale.detail), /version 1/);
    const byHeader = await post(`/v1/applications/${a.applicationId}/move`, { stageId: stage('screen').id }, { ...t.org.auth, 'if-match': '"1"' });
    assert.equal(byHeader.statusCode, 200, byHeader.body);
    problem(await post(`/v1/applications/${a.applicationId}/move`, { stageId: stage('interview').id }, { ...t.org.auth, 'if-match': '"1"' }), 409, 'version-conflict');
    problem(await post(`/v1/applications/${a.applicationId}/move`, { stageId: stage('interview').id }, { ...t.org.auth, 'if-match': 'W/"2"' }), 409, 'version-conflict');
    problem(await post(`/v1/applications/${a.applicationId}/move`, { stageId: stage('interview').id, expectedVersion: 2 }, { ...t.org.auth, 'if-match': '"3"' }), 400, 'validation-failed');

    const b = await fresh();
    const [first, second] = await Promise.all([
      post(`/v1/applications/${b.applicationId}/move`, { stageId: stage('screen').id, expectedVersion: 1 }),
      post(`/v1/applications/${b.applicationId}/move`, { stageId: stage('interview').id, expectedVersion: 1 }),
    ]);
    const codes = [first.statusCode, second.statusCode].sort();
    assert.deepEqual(codes, [200, 409]);
    const loser = first.statusCode === 409 ? first : second;
    problem(loser, 409, 'version-conflict');
    const winner = (first.statusCode === 200 ? first : second).json<App>();
    const now = (await get(`/v1/applications/${b.applicationId}`)).json<App>();
    assert.equal(now.version, 2);
    assert.equal(now.stage.id, winner.stage.id);
    const history = (await get(`/v1/applications/${b.applicationId}/history`)).json<{ data: unknown[] }>().data;
    assert.equal(history.length, 2, 'one created entry and one move: the losing move wrote nothing');
  });

  test('a job holding applications cannot be deleted (409, archive instead); its applications stay; an empty job still can', async () => {
    const job = await publishJob(t, t.org, { title: 'Support Engineer' });
    const a = await addApplicant(t, t.org.id, job.id, { email: `kept${++n}@example.test` });
    const refused = problem(await t.app.inject({ method: 'DELETE', url: `/v1/jobs/${job.id}`, headers: t.org.auth }), 409, 'job-has-applications');
    assert.match(String(refused.detail), /1 application; archive it/);
    assert.equal((await get(`/v1/applications/${a.applicationId}`)).statusCode, 200);
    const archived = await post(`/v1/jobs/${job.id}/archive`);
    assert.equal(archived.statusCode, 200, archived.body);
    assert.equal((await get(`/v1/applications/${a.applicationId}/history`)).statusCode, 200);
    const empty = await publishJob(t, t.org, { title: 'Empty' });
    assert.equal((await t.app.inject({ method: 'DELETE', url: `/v1/jobs/${empty.id}`, headers: t.org.auth })).statusCode, 204);
  });

  describe('roles', () => {
    let owner: TestUser;
    let onTeam: TestUser;
    let offTeam: TestUser;
    let viewer: TestUser;
    let manager: TestUser;
    let teamJob: string;
    let applicationId: string;
    let firstStage: string;
    let secondStage: string;

    before(async () => {
      owner = await signUp(t);
      [onTeam, offTeam, viewer, manager] = await Promise.all([
        join(t, owner.auth, 'interviewer'), join(t, owner.auth, 'interviewer'), join(t, owner.auth, 'viewer'), join(t, owner.auth, 'hiring_manager'),
      ]);
      teamJob = (await publishJob(t, { id: owner.orgId, slug: owner.orgSlug, apiKey: '', auth: owner.auth })).id;
      for (const member of [onTeam, manager]) {
        const added = await t.app.inject({ method: 'PUT', url: `/v1/jobs/${teamJob}/team/${member.userId}`, headers: owner.auth });
        assert.equal(added.statusCode, 200, added.body);
      }
      const a = await addApplicant(t, owner.orgId, teamJob, { email: 'roles@example.test' });
      applicationId = a.applicationId;
      const view = (await get(`/v1/jobs/${teamJob}/pipeline`, owner.auth)).json<{ stages: Stage[] }>().stages;
      firstStage = view[0]?.id ?? '';
      secondStage = view[1]?.id ?? '';
    });

    test('an interviewer on the hiring team reads the application but may not move it; one off the team gets 404', async () => {
      assert.equal((await get(`/v1/applications/${applicationId}`, onTeam.auth)).statusCode, 200);
      assert.equal((await get(`/v1/applications/${applicationId}/history`, onTeam.auth)).statusCode, 200);
      assert.equal((await get(`/v1/jobs/${teamJob}/pipeline`, onTeam.auth)).statusCode, 200);
      problem(await post(`/v1/applications/${applicationId}/move`, { stageId: secondStage }, onTeam.auth), 403, 'forbidden');
      problem(await get(`/v1/applications/${applicationId}`, offTeam.auth), 404, 'not-found');
      problem(await get(`/v1/jobs/${teamJob}/pipeline`, offTeam.auth), 404, 'not-found');
      const listed = (await get(`/v1/applications?jobId=${teamJob}`, offTeam.auth)).json<{ data: unknown[] }>().data;
      assert.equal(listed.length, 0);
    });

    test('a viewer reads everything and writes nothing; a hiring manager on the team moves', async () => {
      assert.equal((await get(`/v1/applications/${applicationId}`, viewer.auth)).statusCode, 200);
      problem(await post(`/v1/applications/${applicationId}/move`, { stageId: secondStage }, viewer.auth), 403, 'forbidden');
      problem(await post('/v1/applications/bulk/move', { applicationIds: [applicationId], stageId: secondStage }, viewer.auth), 403, 'forbidden');
      problem(await post('/v1/applications', { candidateId: 'cand_x', jobId: teamJob }, viewer.auth), 403, 'forbidden');
      const moved = await post(`/v1/applications/${applicationId}/move`, { stageId: secondStage }, manager.auth);
      assert.equal(moved.statusCode, 200, moved.body);
      const back = await post(`/v1/applications/${applicationId}/move`, { stageId: firstStage }, manager.auth);
      assert.equal(back.statusCode, 200, back.body);
    });

    test('a hiring manager adds to their jobs only candidates they can see through those jobs', async () => {
      const ownerOrg = { id: owner.orgId, slug: owner.orgSlug, apiKey: '', auth: owner.auth };
      const secondJob = (await publishJob(t, ownerOrg, { title: 'Second team job' })).id;
      const unseenJob = (await publishJob(t, ownerOrg, { title: 'Not their job' })).id;
      await t.app.inject({ method: 'PUT', url: `/v1/jobs/${secondJob}/team/${manager.userId}`, headers: owner.auth });
      const seen = (await get(`/v1/applications/${applicationId}`, manager.auth)).json<App>().candidateId;
      const unseen = await addApplicant(t, owner.orgId, unseenJob, { email: 'unseen@example.test' });
      const added = await post('/v1/applications', { candidateId: seen, jobId: secondJob }, manager.auth);
      assert.equal(added.statusCode, 201, added.body);
      problem(await post('/v1/applications', { candidateId: unseen.candidateId, jobId: secondJob }, manager.auth), 404, 'not-found');
      problem(await post('/v1/applications', { candidateId: seen, jobId: unseenJob }, manager.auth), 404, 'not-found');
    });
  });
});
