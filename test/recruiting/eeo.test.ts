import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../src/infra/db/database.ts';
import { suppressSmallGroups } from '../../src/modules/recruiting/equal-opportunity/eeo.suppression.ts';
import { json, problem, publishJob, startTestApp, type TestApp, type TestOrg } from '../helpers/app.ts';
import { join, signUp, type TestUser } from '../helpers/identity.ts';
import { applyJson, applyMultipart } from './applying.helpers.ts';

type Headers = Record<string, string>;
// Distinctive, so a search of any response body cannot meet them by chance.
const WOMAN = 'Woman (eeo-marker-w)';
const MAN = 'Man (eeo-marker-m)';
const VETERAN = 'Veteran (eeo-marker-v)';
const NOT_VETERAN = 'Not a veteran (eeo-marker-n)';
interface Report { jobId: string; title: string; minimumGroupSize: number; questions: { questionId: string; label: string; choices: { choice: string; count: number | string }[] }[] }

describe('equal-opportunity answers', () => {
  let t: TestApp;
  let owner: TestUser;
  let org: TestOrg;
  let recruiter: TestUser;
  let manager: TestUser;
  let interviewer: TestUser;
  let viewer: TestUser;
  let jobId: string;
  let gender: string;
  let veteran: string;
  const applications: string[] = [];

  const call = (method: 'GET' | 'POST' | 'PUT', url: string, headers: Headers, payload?: Record<string, unknown>) =>
    t.app.inject({ method, url, headers, ...(payload ? { payload } : {}) });
  const ok = async <T = Record<string, unknown>>(method: 'GET' | 'POST' | 'PUT', url: string, headers: Headers, payload?: Record<string, unknown>): Promise<T> => {
    const res = await call(method, url, headers, payload);
    assert.ok(res.statusCode < 300, `${method} ${url}: ${res.statusCode} ${res.body}`);
    return res.json<T>();
  };
  const report = async (headers: Headers = owner.auth) => ok<Report>('GET', `/v1/reports/eeo?jobId=${jobId}`, headers);
  /** The counts of one question, by choice. */
  const countsOf = (r: Report, questionId: string) => Object.fromEntries(r.questions.find((q) => q.questionId === questionId)?.choices.map((c) => [c.choice, c.count]) ?? []);
  const applyWith = async (n: number, answers: Record<string, string>) => {
    const res = await applyJson(t, org, jobId, { name: `Applicant ${n}`, email: `applicant-${n}@eeo.example`, equalOpportunity: answers });
    assert.equal(res.statusCode, 201, res.body);
    applications.push(res.json<{ applicationId: string }>().applicationId);
  };

  before(async () => {
    t = await startTestApp({ APPLY_RATE_LIMIT_PER_IP: '1000' });
    owner = await signUp(t);
    org = { id: owner.orgId, slug: owner.orgSlug, apiKey: '', auth: owner.auth };
    recruiter = await join(t, owner.auth, 'recruiter');
    manager = await join(t, owner.auth, 'hiring_manager');
    interviewer = await join(t, owner.auth, 'interviewer');
    viewer = await join(t, owner.auth, 'viewer');
    jobId = (await publishJob(t, org, { title: 'Lighthouse Keeper' })).id;
    await ok('PUT', `/v1/jobs/${jobId}/team/${manager.userId}`, owner.auth);
    await ok('PUT', `/v1/jobs/${jobId}/team/${interviewer.userId}`, owner.auth, { role: 'interviewer' });
  });
  after(async () => t.close());

  test('GET and PUT /v1/eeo-questions: "Prefer not to say" always offered, admins only, listed as voluntary on the public job page', async () => {
    assert.deepEqual(await ok('GET', '/v1/eeo-questions', owner.auth), { questions: [] });
    const pageOf = async () => json<{ equalOpportunity: { id: string; label: string; choices: string[]; voluntary: boolean }[] }>(
      await t.app.inject({ url: `/v1/boards/${org.slug}/jobs/${jobId}` })).equalOpportunity;
    assert.deepEqual(await pageOf(), [], 'none until an admin sets them (and the page is now cached)');
    const saved = await ok<{ questions: { id: string; label: string; choices: string[] }[] }>('PUT', '/v1/eeo-questions', owner.auth, {
      questions: [{ label: 'Gender', choices: [WOMAN, MAN, 'Non-binary'] }, { label: 'Veteran status', choices: [VETERAN, NOT_VETERAN, 'prefer not to say'] }],
    });
    assert.deepEqual(saved.questions.map((q) => q.choices), [[WOMAN, MAN, 'Non-binary', 'Prefer not to say'], [VETERAN, NOT_VETERAN, 'prefer not to say']]);
    gender = saved.questions[0]?.id ?? '';
    veteran = saved.questions[1]?.id ?? '';
    assert.match(gender, /^eeoq_/);
    assert.deepEqual(await ok('GET', '/v1/eeo-questions', owner.auth), saved);

    // Keeping a question by id keeps it; an id that is not ours, or repeated choices, are refused.
    const again = await ok<{ questions: { id: string }[] }>('PUT', '/v1/eeo-questions', owner.auth, { questions: saved.questions });
    assert.deepEqual(again.questions.map((q) => q.id), [gender, veteran]);
    const unknown = problem(await call('PUT', '/v1/eeo-questions', owner.auth, { questions: [{ id: 'eeoq_nope', label: 'X', choices: ['A'] }] }), 400, 'validation-failed');
    assert.equal(unknown.errors?.[0]?.pointer, '/questions/0/id');
    problem(await call('PUT', '/v1/eeo-questions', owner.auth, { questions: [{ label: 'X', choices: ['A', 'a '] }] }), 400, 'validation-failed');
    problem(await call('PUT', '/v1/eeo-questions', owner.auth, { questions: [{ label: 'X', choices: [] }] }), 400, 'validation-failed');
    for (const who of [recruiter, manager, viewer]) {
      problem(await call('GET', '/v1/eeo-questions', who.auth), 403, 'forbidden');
      problem(await call('PUT', '/v1/eeo-questions', who.auth, { questions: [] }), 403, 'forbidden');
    }

    assert.deepEqual(await pageOf(), saved.questions.map((q) => ({ ...q, voluntary: true })), 'a change shows on the cached page at once');
  });

  test('applying takes the answers optionally (JSON and multipart), checks them, and never shows them with the application', async () => {
    const badChoice = problem(await applyJson(t, org, jobId, { name: 'Bad', email: 'bad@eeo.example', equalOpportunity: { [gender]: 'Martian' } }), 400, 'validation-failed');
    assert.equal(badChoice.errors?.[0]?.pointer, `/equalOpportunity/${gender}`);
    const badQuestion = problem(await applyJson(t, org, jobId, { name: 'Bad', email: 'bad@eeo.example', equalOpportunity: { eeoq_other: WOMAN } }), 400, 'validation-failed');
    assert.equal(badQuestion.errors?.[0]?.pointer, '/equalOpportunity/eeoq_other');
    const twice = await applyMultipart(t, org, jobId, [['name', 'Bad'], ['email', 'bad@eeo.example'], [`equalOpportunity[${gender}]`, WOMAN], [`equalOpportunity[${gender}]`, MAN]]);
    assert.match(String(problem(twice, 400, 'validation-failed').detail), /takes one choice/);
    const file = await applyMultipart(t, org, jobId, [['name', 'Bad'], ['email', 'bad@eeo.example'], [`equalOpportunity[${gender}]`, { bytes: new Uint8Array([1]), name: 'x.pdf' }]]);
    problem(file, 400, 'validation-failed');

    // The form, as a browser sends it.
    const form = await applyMultipart(t, org, jobId, [
      ['name', 'Applicant 1'], ['email', 'applicant-1@eeo.example'], [`equalOpportunity[${gender}]`, WOMAN], [`equalOpportunity[${veteran}]`, VETERAN],
    ]);
    assert.equal(form.statusCode, 201, form.body);
    applications.push(form.json<{ applicationId: string }>().applicationId);
    for (let n = 2; n <= 5; n += 1) await applyWith(n, { [gender]: WOMAN, [veteran]: VETERAN });
    for (let n = 6; n <= 9; n += 1) await applyWith(n, { [gender]: MAN, [veteran]: NOT_VETERAN });
    const plain = await applyJson(t, org, jobId, { name: 'No Answers', email: 'none@eeo.example' });
    assert.equal(plain.statusCode, 201, 'answering is voluntary');
    const blank = await applyMultipart(t, org, jobId, [['name', 'Blank Select'], ['email', 'blank@eeo.example'], [`equalOpportunity[${gender}]`, '']]);
    assert.equal(blank.statusCode, 201, 'an untouched select is no answer');

    const stored = await t.container.database.tenant(org.id, (tx) => queryRows<{ n: number }>(tx, sql`select count(*)::int as n from eeo_answers where org_id = ${org.id}`));
    assert.equal(stored[0]?.n, 18, 'nine genders and nine veteran statuses');

    const first = applications[0] ?? '';
    const application = await ok<{ candidateId: string }>('GET', `/v1/applications/${first}`, owner.auth);
    const bodies = [
      JSON.stringify(application),
      (await call('GET', `/v1/applications?jobId=${jobId}&limit=100`, owner.auth)).body,
      (await call('GET', `/v1/candidates/${application.candidateId}`, owner.auth)).body,
      (await call('GET', '/v1/candidates?limit=100', owner.auth)).body,
      (await call('GET', `/v1/candidates/${application.candidateId}/export`, owner.auth)).body,
      (await call('GET', `/v1/applications/${first}/history`, owner.auth)).body,
      (await call('GET', '/v1/events?limit=100', owner.auth)).body,
    ];
    for (const body of bodies) assert.ok(!body.includes('eeo-marker'), `an answer in ${body.slice(0, 200)}`);
    // Not even which questions someone answered (the events list does name the questions, in their own event).
    for (const body of bodies.slice(0, -1)) assert.ok(!body.includes(gender) && !body.includes(veteran), `a question id in ${body.slice(0, 200)}`);
  });

  test('GET /v1/reports/eeo: groups under 5 are "fewer than 5", a lone one takes another with it, a 5th answer makes a group appear; CSV; access', async () => {
    const nine = await report();
    assert.equal(nine.title, 'Lighthouse Keeper');
    assert.equal(nine.minimumGroupSize, 5);
    assert.deepEqual(countsOf(nine, gender), { [WOMAN]: 5, [MAN]: 'fewer than 5', 'Non-binary': 'fewer than 5', 'Prefer not to say': 'fewer than 5' });
    assert.deepEqual(countsOf(nine, veteran), { [VETERAN]: 5, [NOT_VETERAN]: 'fewer than 5', 'prefer not to say': 'fewer than 5' });
    assert.ok(!JSON.stringify(nine).match(/"count":[0-4][,}]/), 'no number under 5 anywhere');

    await applyWith(10, { [gender]: MAN, [veteran]: NOT_VETERAN });
    const ten = await report(recruiter.auth);
    assert.deepEqual(countsOf(ten, gender), { [WOMAN]: 5, [MAN]: 5, 'Non-binary': 'fewer than 5', 'Prefer not to say': 'fewer than 5' });
    // 5, 5 and 0: with the total known, the lone hidden group could be worked out, so a shown one is withheld with it.
    assert.deepEqual(countsOf(ten, veteran), { [VETERAN]: 'withheld', [NOT_VETERAN]: 5, 'prefer not to say': 'fewer than 5' });

    const csv = await t.app.inject({ url: `/v1/reports/eeo?jobId=${jobId}`, headers: { ...owner.auth, accept: 'text/csv' } });
    assert.equal(csv.statusCode, 200);
    assert.match(String(csv.headers['content-type']), /^text\/csv/);
    const lines = csv.body.trim().split('\r\n');
    assert.equal(lines[0], 'jobId,title,questionId,question,choice,count');
    assert.ok(lines.includes(`${jobId},Lighthouse Keeper,${gender},Gender,${MAN},5`), csv.body);
    assert.ok(lines.includes(`${jobId},Lighthouse Keeper,${gender},Gender,Non-binary,fewer than 5`), csv.body);
    assert.equal(lines.length, 1 + 7);

    for (const who of [manager, interviewer, viewer]) problem(await call('GET', `/v1/reports/eeo?jobId=${jobId}`, who.auth), 403, 'forbidden');
    problem(await call('GET', '/v1/reports/eeo?jobId=job_nope', owner.auth), 404, 'not-found');
    problem(await call('GET', '/v1/reports/eeo', owner.auth), 400, 'validation-failed');
    const stranger = await signUp(t);
    problem(await call('GET', `/v1/reports/eeo?jobId=${jobId}`, stranger.auth), 404, 'not-found');
  });

  test('pure: complementary suppression', () => {
    assert.deepEqual(suppressSmallGroups([7, 3, 9]), ['withheld', 'fewer than 5', 9], 'the smallest shown group goes with a lone small one');
    assert.deepEqual(suppressSmallGroups([7, 3, 0]), [7, 'fewer than 5', 'fewer than 5']);
    assert.deepEqual(suppressSmallGroups([5, 6]), [5, 6]);
    assert.deepEqual(suppressSmallGroups([4]), ['fewer than 5']);
  });

  test('erasing a candidate deletes their answers; removing a choice deletes the answers given to it', async () => {
    const candidateId = (await ok<{ candidateId: string }>('GET', `/v1/applications/${applications[9] ?? ''}`, owner.auth)).candidateId;
    await ok('POST', `/v1/candidates/${candidateId}/erase`, owner.auth, { reason: 'Erasure request by email' });
    const left = await t.container.database.tenant(org.id, (tx) => queryRows<{ application_id: string }>(tx, sql`select application_id from eeo_answers where org_id = ${org.id}`));
    assert.equal(left.length, 18);
    assert.ok(!left.some((r) => r.application_id === applications[9]));
    assert.equal(countsOf(await report(), gender)[MAN], 'fewer than 5', 'the erased answer no longer counts');

    await ok('PUT', '/v1/eeo-questions', owner.auth, { questions: [{ id: gender, label: 'Gender', choices: [MAN, 'Non-binary'] }] });
    const kept = await t.container.database.tenant(org.id, (tx) => queryRows<{ choice: string }>(tx, sql`select distinct choice from eeo_answers where org_id = ${org.id}`));
    assert.deepEqual(kept.map((r) => r.choice), [MAN], 'the veteran question and the Woman choice took their answers with them');
  });
});
