import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { and, count, eq } from 'drizzle-orm';
import { applications } from '../../src/modules/recruiting/applications/applications.table.ts';
import { attachments } from '../../src/modules/recruiting/attachments/attachments.table.ts';
import { candidates } from '../../src/modules/recruiting/candidates/candidates.table.ts';
import { jobs } from '../../src/modules/jobs/jobs.table.ts';
import { createJob, problem, publishJob, startTestApp, type TestApp, type TestOrg } from '../helpers/app.ts';
import { exeBytes, makeDocx, makePdf, makeZipBombDocx } from '../helpers/documents.ts';
import { join } from '../helpers/identity.ts';
import { applyJson, applyMultipart, applyUrl, putQuestions, type Part } from './applying.helpers.ts';

describe('applying to a job', () => {
  let t: TestApp;
  let filesDir: string;
  let pdf: Uint8Array;
  let n = 0;
  const email = () => `applicant-${++n}-${Date.now()}@example.test`;

  before(async () => {
    filesDir = await mkdtemp(path.join(tmpdir(), 'hireline-applying-'));
    t = await startTestApp({ FILES_DIR: filesDir, APPLY_RATE_LIMIT_PER_IP: '100000' });
    pdf = await makePdf('Grace Hopper\nCompiler engineer, COBOL, Navy');
  });
  after(async () => {
    await t.close();
    await rm(filesDir, { recursive: true, force: true });
  });

  const applicationsOf = async (orgId: string, jobId: string) => t.container.database.tenant(orgId, async (tx) => {
    const [row] = await tx.select({ n: count() }).from(applications).where(and(eq(applications.orgId, orgId), eq(applications.jobId, jobId)));
    return row?.n ?? 0;
  });

  /** A published job with one question of each kind. */
  async function jobWithForm(org: TestOrg = t.org) {
    const job = await publishJob(t, org);
    const [why, relocate, level, stack, sample] = await putQuestions(t, org, job.id, [
      { label: 'Why do you want this job?', kind: 'short_text', required: true },
      { label: 'Would you relocate?', kind: 'yes_no', required: true },
      { label: 'Level', kind: 'single_choice', options: ['Junior', 'Senior'] },
      { label: 'Stack', kind: 'multi_choice', options: ['Node.js', 'Go', 'Rust'] },
      { label: 'A writing sample', kind: 'file' },
    ]);
    if (!why || !relocate || !level || !stack || !sample) throw new Error('questions missing');
    return { job, q: { why: why.id, relocate: relocate.id, level: level.id, stack: stack.id, sample: sample.id } };
  }

  test('a multipart application with a PDF résumé and every kind of answer is stored with its files and events', async () => {
    const { job, q } = await jobWithForm();
    const address = email();
    const res = await applyMultipart(t, t.org, job.id, [
      ['name', 'Grace Hopper'], ['email', address], ['phone', '+49 30 901820'],
      ['resume', { bytes: pdf, name: 'grace-cv.pdf', type: 'application/pdf' }], ['coverLetterText', 'I like compilers.'],
      [`answers[${q.why}]`, 'To build things'], [`answers[${q.relocate}]`, 'true'], [`answers[${q.level}]`, 'Senior'],
      [`answers[${q.stack}]`, 'Go'], [`answers[${q.stack}]`, 'Node.js'],
      [`answers[${q.sample}]`, { bytes: makeDocx('A short essay'), name: 'essay.docx' }],
      ['website', ''],
    ]);
    assert.equal(res.statusCode, 201, res.body);
    const body = res.json<{ applicationId: string; jobId: string; status: string; stage: string; appliedAt: string }>();
    assert.equal(body.jobId, job.id);
    assert.equal(body.status, 'received');
    assert.equal(body.stage, 'Application received');
    assert.equal(res.headers.location, `/v1/applications/${body.applicationId}`);
    assert.equal(res.headers['ratelimit-limit'], '100000');

    const got = await t.app.inject({ url: `/v1/applications/${body.applicationId}`, headers: t.org.auth });
    assert.equal(got.statusCode, 200);
    const application = got.json<{ candidateId: string; answers: Record<string, unknown>; coverLetter: string; source: string }>();
    assert.equal(application.source, 'board');
    assert.equal(application.coverLetter, 'I like compilers.');
    assert.equal(application.answers[q.why], 'To build things');
    assert.equal(application.answers[q.relocate], true);
    assert.equal(application.answers[q.level], 'Senior');
    assert.deepEqual(application.answers[q.stack], ['Node.js', 'Go'], 'choices are kept in the order the question lists them');
    const sample = application.answers[q.sample] as { attachmentId: string };
    assert.match(sample.attachmentId, /^att_/);

    const files = await t.app.inject({ url: `/v1/candidates/${application.candidateId}/attachments`, headers: t.org.auth });
    assert.equal(files.statusCode, 200, files.body);
    const list = files.json<{ data?: { id: string; kind: string; mediaType: string }[] } | { id: string; kind: string; mediaType: string }[]>();
    const rows = Array.isArray(list) ? list : list.data ?? [];
    assert.deepEqual(rows.map((r) => r.kind).sort(), ['answer', 'resume']);
    assert.equal(rows.find((r) => r.kind === 'resume')?.mediaType, 'application/pdf');
    assert.equal(rows.find((r) => r.kind === 'answer')?.id, sample.attachmentId);

    const events = await t.app.inject({ url: `/v1/events?subjectId=${body.applicationId}`, headers: t.org.auth });
    assert.deepEqual(events.json<{ data: { type: string }[] }>().data.map((e) => e.type), ['application.created']);
    const created = await t.app.inject({ url: `/v1/events?subjectId=${application.candidateId}`, headers: t.org.auth });
    assert.deepEqual(created.json<{ data: { type: string }[] }>().data.map((e) => e.type), ['candidate.created']);
  });

  test('JSON applications take the same fields, with files in base64 or none at all', async () => {
    const { job, q } = await jobWithForm();
    const withFile = await applyJson(t, t.org, job.id, {
      name: 'Alan Turing', email: email(), resume: { fileName: 'cv.pdf', contentBase64: Buffer.from(pdf).toString('base64') },
      answers: { [q.why]: 'Codebreaking', [q.relocate]: false, [q.stack]: ['Rust'] },
    });
    assert.equal(withFile.statusCode, 201, withFile.body);
    const without = await applyJson(t, t.org, job.id, { name: 'Joan Clarke', email: email(), answers: { [q.why]: 'Cryptanalysis', [q.relocate]: true } });
    assert.equal(without.statusCode, 201, without.body);
    const got = await t.app.inject({ url: `/v1/applications/${withFile.json<{ applicationId: string }>().applicationId}`, headers: t.org.auth });
    assert.deepEqual(got.json<{ answers: unknown }>().answers, { [q.why]: 'Codebreaking', [q.relocate]: false, [q.stack]: ['Rust'] });
    const bad64 = await applyJson(t, t.org, job.id, { name: 'Bad Base', email: email(), resume: { fileName: 'cv.pdf', contentBase64: 'not base64!' }, answers: { [q.why]: 'x', [q.relocate]: true } });
    assert.equal(problem(bad64, 400, 'validation-failed').errors?.[0]?.pointer, '/resume/contentBase64');
  });

  test('answers are checked against the questions, each problem pointing at its answer', async () => {
    const { job, q } = await jobWithForm();
    const base: Part[] = [['name', 'Ada Lovelace'], ['email', email()]];
    const missing = problem(await applyMultipart(t, t.org, job.id, [...base, [`answers[${q.relocate}]`, 'yes']]), 400, 'validation-failed');
    assert.deepEqual(missing.errors?.map((e) => e.pointer), [`/answers/${q.why}`]);

    const wrong = problem(await applyMultipart(t, t.org, job.id, [
      ...base, [`answers[${q.why}]`, 'ok'], [`answers[${q.relocate}]`, 'maybe'], [`answers[${q.level}]`, 'Principal'],
      [`answers[${q.stack}]`, 'Go'], [`answers[${q.stack}]`, 'COBOL'], ['answers[qst_unknown]', 'hello'],
    ]), 400, 'validation-failed');
    assert.deepEqual(wrong.errors?.map((e) => e.pointer).sort(), [`/answers/${q.level}`, `/answers/${q.relocate}`, `/answers/${q.stack}`, '/answers/qst_unknown'].sort());
    assert.ok(wrong.errors?.every((e) => e.in === 'body'));

    const notAFile = problem(await applyJson(t, t.org, job.id, { name: 'Ada', email: email(), answers: { [q.why]: 'ok', [q.relocate]: true, [q.sample]: 'text, not a file' } }), 400, 'validation-failed');
    assert.deepEqual(notAFile.errors?.map((e) => e.pointer), [`/answers/${q.sample}`]);
    const single = problem(await applyJson(t, t.org, job.id, { name: 'Ada', email: email(), answers: { [q.why]: 'ok', [q.relocate]: true, [q.level]: ['Junior', 'Senior'] } }), 400, 'validation-failed');
    assert.deepEqual(single.errors?.map((e) => e.pointer), [`/answers/${q.level}`]);
    assert.equal(await applicationsOf(t.org.id, job.id), 0);
  });

  test('the applicant\'s own fields are checked: name, email, phone, wrong types and unknown fields', async () => {
    const job = await publishJob(t, t.org);
    const pointers = async (parts: Part[]) => (problem(await applyMultipart(t, t.org, job.id, parts), 400, 'validation-failed').errors ?? []).map((e) => e.pointer);
    assert.deepEqual(await pointers([['email', email()]]), ['/name']);
    assert.deepEqual(await pointers([['name', 'A'], ['email', 'not-an-email']]), ['/email']);
    assert.deepEqual(await pointers([['name', 'A'], ['email', email()], ['phone', '12']]), ['/phone']);
    assert.deepEqual(await pointers([['name', 'A'], ['email', email()], ['resume', 'a text field']]), ['/resume']);
    assert.deepEqual(await pointers([['name', 'A'], ['email', email()], ['favouriteColour', 'blue']]), ['/favouriteColour']);
    assert.deepEqual(await pointers([['name', 'A\u0000B'], ['email', email()]]), ['/name']);
    const typed = problem(await applyJson(t, t.org, job.id, { name: 42, email: email() }), 400, 'validation-failed');
    assert.equal(typed.errors?.[0]?.pointer, '/name');
    const noBody = await t.app.inject({ method: 'POST', url: applyUrl(t.org, job.id), headers: { 'content-type': 'text/plain' }, payload: 'hello' });
    problem(noBody, 415, 'unsupported-media-type');
  });

  test('files are judged by their bytes: a PDF named .docx is a PDF, an .exe named .pdf and an empty file are refused, over 10 MB is a 413', async () => {
    const job = await publishJob(t, t.org);
    const base = (): Part[] => [['name', 'Katherine Johnson'], ['email', email()]];
    const renamed = await applyMultipart(t, t.org, job.id, [...base(), ['resume', { bytes: pdf, name: 'cv.docx', type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' }]]);
    assert.equal(renamed.statusCode, 201, renamed.body);
    const app = await t.app.inject({ url: `/v1/applications/${renamed.json<{ applicationId: string }>().applicationId}`, headers: t.org.auth });
    const candidateId = app.json<{ candidateId: string }>().candidateId;
    const kinds = await t.container.database.tenant(t.org.id, (tx) => tx.select({ mediaType: attachments.mediaType }).from(attachments).where(eq(attachments.candidateId, candidateId)));
    assert.deepEqual(kinds, [{ mediaType: 'application/pdf' }]);

    const exe = problem(await applyMultipart(t, t.org, job.id, [...base(), ['resume', { bytes: exeBytes(), name: 'cv.pdf', type: 'application/pdf' }]]), 400, 'validation-failed');
    assert.deepEqual(exe.errors?.map((e) => e.pointer), ['/resume']);
    const empty = problem(await applyMultipart(t, t.org, job.id, [...base(), ['resume', { bytes: new Uint8Array(0), name: 'cv.pdf' }]]), 400, 'validation-failed');
    assert.deepEqual(empty.errors?.map((e) => e.pointer), ['/resume']);
    const big = new Uint8Array(10 * 1024 * 1024 + 1);
    big.set(pdf.subarray(0, 8));
    const tooBig = problem(await applyMultipart(t, t.org, job.id, [...base(), ['resume', { bytes: big, name: 'cv.pdf' }]]), 413, 'payload-too-large');
    assert.deepEqual(tooBig.errors?.map((e) => e.pointer), ['/resume']);
    const extra = problem(await applyMultipart(t, t.org, job.id, [...base(), ['resume', { bytes: pdf, name: 'a.pdf' }], ['coverLetter', { bytes: pdf, name: 'b.pdf' }], ['resume', { bytes: pdf, name: 'c.pdf' }]]), 413, 'payload-too-large');
    assert.match(String(extra.detail), /more parts/);
    // An untouched file input: the browser sends an empty part without a file name, which is no file at all.
    const untouched = await applyMultipart(t, t.org, job.id, [...base(), ['resume', { bytes: new Uint8Array(0), name: '' }]]);
    assert.equal(untouched.statusCode, 201, untouched.body);
    assert.equal(await applicationsOf(t.org.id, job.id), 2);
  });

  test('a zip bomb inside a DOCX is accepted and flagged when its text is read, not opened on the request path', async () => {
    const job = await publishJob(t, t.org);
    const res = await applyMultipart(t, t.org, job.id, [['name', 'Zip Bomb'], ['email', email()], ['resume', { bytes: makeZipBombDocx(), name: 'cv.docx' }]]);
    assert.equal(res.statusCode, 201, res.body);
    const rows = await t.container.database.tenant(t.org.id, (tx) => tx.select({ status: attachments.textStatus, mediaType: attachments.mediaType })
      .from(attachments).where(eq(attachments.applicationId, res.json<{ applicationId: string }>().applicationId)));
    assert.equal(rows[0]?.status, 'pending');
  });

  test('applying twice to one job is a 409 naming the first application; another job is fine', async () => {
    const job = await publishJob(t, t.org);
    const other = await publishJob(t, t.org);
    const first = await applyJson(t, t.org, job.id, { name: 'Hedy Lamarr', email: 'Hedy.Lamarr@Example.test' });
    assert.equal(first.statusCode, 201);
    const again = problem(await applyJson(t, t.org, job.id, { name: 'Hedy Lamarr', email: 'hedy.lamarr@example.test' }), 409, 'already-applied');
    assert.ok(String(again.detail).includes(first.json<{ applicationId: string }>().applicationId), String(again.detail));
    assert.equal((await applyJson(t, t.org, other.id, { name: 'Hedy Lamarr', email: 'hedy.lamarr@example.test' })).statusCode, 201);
    const people = await t.container.database.tenant(t.org.id, (tx) => tx.select({ id: candidates.id }).from(candidates).where(eq(candidates.name, 'Hedy Lamarr')));
    assert.equal(people.length, 1);
  });

  test('a draft or unknown job is 404; a closed or expired one is 409', async () => {
    const draft = await createJob(t, t.org);
    problem(await applyJson(t, t.org, draft.id, { name: 'A', email: email() }), 404, 'not-found');
    problem(await applyJson(t, t.org, 'job_nope', { name: 'A', email: email() }), 404, 'not-found');
    problem(await applyJson(t, { slug: 'no-such-org' }, draft.id, { name: 'A', email: email() }), 404, 'not-found');
    const closed = await publishJob(t, t.org);
    assert.equal((await t.app.inject({ method: 'POST', url: `/v1/jobs/${closed.id}/close`, headers: t.org.auth })).statusCode, 200);
    const refused = problem(await applyJson(t, t.org, closed.id, { name: 'A', email: email() }), 409, 'job-closed');
    assert.match(String(refused.detail), /no longer accepting/);
    const expired = await publishJob(t, t.org);
    await t.container.database.tenant(t.org.id, (tx) => tx.update(jobs).set({ validThrough: new Date(Date.now() - 60_000) }).where(eq(jobs.id, expired.id)));
    problem(await applyJson(t, t.org, expired.id, { name: 'A', email: email() }), 409, 'job-closed');
  });

  test('a filled honeypot is refused like an invalid form and nothing is stored', async () => {
    const job = await publishJob(t, t.org);
    const trap = problem(await applyMultipart(t, t.org, job.id, [['name', 'Spam Bot'], ['email', email()], ['website', 'https://spam.example'], ['resume', { bytes: pdf, name: 'cv.pdf' }]]), 400, 'validation-failed');
    assert.deepEqual(trap.errors?.map((e) => e.pointer), ['/website']);
    assert.equal(await applicationsOf(t.org.id, job.id), 0);
    const bots = await t.container.database.tenant(t.org.id, (tx) => tx.select({ id: candidates.id }).from(candidates).where(eq(candidates.name, 'Spam Bot')));
    assert.equal(bots.length, 0);
  });

  test('with a privacy notice, consent is required and recorded with the notice\'s URL and version', async () => {
    const org = await t.createOrg('Noticed');
    const set = await t.app.inject({ method: 'PATCH', url: '/v1/org', headers: org.auth, payload: { privacyNoticeUrl: 'https://noticed.example/privacy', privacyNoticeVersion: '2026-11' } });
    assert.equal(set.statusCode, 200, set.body);
    assert.equal(set.json<{ privacyNoticeVersion: string }>().privacyNoticeVersion, '2026-11');
    const half = problem(await t.app.inject({ method: 'PATCH', url: '/v1/org', headers: org.auth, payload: { privacyNoticeVersion: null } }), 400, 'validation-failed');
    assert.deepEqual(half.errors?.map((e) => e.pointer), ['/privacyNoticeVersion']);

    const job = await publishJob(t, org);
    const without = problem(await applyMultipart(t, org, job.id, [['name', 'Mary Jackson'], ['email', email()]]), 400, 'validation-failed');
    assert.deepEqual(without.errors?.map((e) => e.pointer), ['/consent']);
    const before = Date.now();
    const res = await applyMultipart(t, org, job.id, [['name', 'Mary Jackson'], ['email', email()], ['consent', 'true']]);
    assert.equal(res.statusCode, 201, res.body);
    const got = await t.app.inject({ url: `/v1/applications/${res.json<{ applicationId: string }>().applicationId}`, headers: org.auth });
    const consent = got.json<{ consent: { noticeUrl: string; noticeVersion: string; consentedAt: string } }>().consent;
    assert.equal(consent.noticeUrl, 'https://noticed.example/privacy');
    assert.equal(consent.noticeVersion, '2026-11');
    assert.ok(Date.parse(consent.consentedAt) >= before - 1000);
  });

  test('only owners and admins set the privacy notice', async () => {
    const recruiter = await join(t, t.org.auth, 'recruiter');
    problem(await t.app.inject({ method: 'PATCH', url: '/v1/org', headers: recruiter.auth, payload: { privacyNoticeUrl: null, privacyNoticeVersion: null } }), 403, 'forbidden');
  });

  test('an Idempotency-Key replays the first answer and creates nothing; another body with the key is a 422', async () => {
    const job = await publishJob(t, t.org);
    const address = email();
    const parts: Part[] = [['name', 'Dorothy Vaughan'], ['email', address], ['resume', { bytes: pdf, name: 'cv.pdf' }]];
    const key = { 'idempotency-key': `retry-${address}` };
    const first = await applyMultipart(t, t.org, job.id, parts, key);
    assert.equal(first.statusCode, 201, first.body);
    assert.equal(first.headers['idempotent-replayed'], undefined);
    const second = await applyMultipart(t, t.org, job.id, parts, key);
    assert.equal(second.statusCode, 201, second.body);
    assert.equal(second.headers['idempotent-replayed'], 'true');
    assert.deepEqual(second.json(), first.json());
    assert.equal(second.headers.location, first.headers.location);
    assert.equal(await applicationsOf(t.org.id, job.id), 1);
    // The same application sent as JSON is the same request: fields and file contents decide, not the encoding.
    const asJson = await applyJson(t, t.org, job.id, { name: 'Dorothy Vaughan', email: address, resume: { fileName: 'cv.pdf', contentBase64: Buffer.from(pdf).toString('base64') } }, key);
    assert.equal(asJson.headers['idempotent-replayed'], 'true');
    const changed = await applyMultipart(t, t.org, job.id, [['name', 'Dorothy Vaughan'], ['email', address], ['resume', { bytes: await makePdf('Another CV'), name: 'cv.pdf' }]], key);
    problem(changed, 422, 'idempotency-key-reused');
    const stored = await t.container.database.tenant(t.org.id, (tx) => tx.select({ id: attachments.id }).from(attachments).where(eq(attachments.applicationId, first.json<{ applicationId: string }>().applicationId)));
    assert.equal(stored.length, 1, 'the replays stored no further files');
    const badKey = problem(await applyJson(t, t.org, job.id, { name: 'A', email: email() }, { 'idempotency-key': 'has space' }), 400, 'validation-failed');
    assert.deepEqual(badKey.errors?.map((e) => [e.in, e.pointer]), [['headers', '/idempotency-key']]);
    problem(await applyJson(t, t.org, job.id, { name: 'A', email: email() }, { 'idempotency-key': 'k'.repeat(256) }), 400, 'validation-failed');
  });

  test('the public job page lists the questions, and replacing them changes the page and its ETag at once', async () => {
    const job = await publishJob(t, t.org);
    const page = () => t.app.inject({ url: `/v1/boards/${t.org.slug}/jobs/${job.id}` });
    const before = await page();
    assert.deepEqual(before.json<{ questions: unknown[] }>().questions, []);
    const [question] = await putQuestions(t, t.org, job.id, [{ label: 'Notice period?', kind: 'single_choice', required: true, options: ['None', '1 month', '3 months'] }]);
    const afterPut = await page();
    assert.notEqual(afterPut.headers.etag, before.headers.etag);
    assert.deepEqual(afterPut.json<{ questions: unknown[] }>().questions, [{ id: question?.id, label: 'Notice period?', kind: 'single_choice', required: true, options: ['None', '1 month', '3 months'] }]);
    const stale = await t.app.inject({ url: `/v1/boards/${t.org.slug}/jobs/${job.id}`, headers: { 'if-none-match': String(before.headers.etag) } });
    assert.equal(stale.statusCode, 200);
  });

  test('replacing questions keeps the ids it is given and checks kinds, options and ids', async () => {
    const job = await publishJob(t, t.org);
    const [a, b] = await putQuestions(t, t.org, job.id, [{ label: 'First', kind: 'short_text' }, { label: 'Second', kind: 'long_text' }]);
    const replaced = await putQuestions(t, t.org, job.id, [{ id: b?.id, label: 'Second, renamed', kind: 'long_text', required: true }, { label: 'Third', kind: 'yes_no' }]);
    assert.equal(replaced[0]?.id, b?.id);
    assert.equal(replaced[0]?.label, 'Second, renamed');
    assert.notEqual(replaced[1]?.id, a?.id);
    const listed = await t.app.inject({ url: `/v1/jobs/${job.id}/questions`, headers: t.org.auth });
    assert.deepEqual(listed.json<{ questions: { id: string }[] }>().questions.map((q) => q.id), replaced.map((q) => q.id));

    const put = (questions: unknown[]) => t.app.inject({ method: 'PUT', url: `/v1/jobs/${job.id}/questions`, headers: t.org.auth, payload: { questions } });
    const bad = problem(await put([
      { label: 'No options', kind: 'single_choice' },
      { label: 'Twice', kind: 'multi_choice', options: ['a', 'a'] },
      { label: 'Text with options', kind: 'short_text', options: ['x'] },
      { id: a?.id, label: 'Deleted already', kind: 'short_text' },
    ]), 400, 'validation-failed');
    assert.deepEqual(bad.errors?.map((e) => e.pointer), ['/questions/0/options', '/questions/1/options', '/questions/2/options', '/questions/3/id']);
    problem(await put([{ label: 'x'.repeat(501), kind: 'short_text' }]), 400, 'validation-failed');
    problem(await put(Array.from({ length: 51 }, (_, i) => ({ label: `Q${i}`, kind: 'short_text' }))), 400, 'validation-failed');
    problem(await put([{ label: 'Many', kind: 'multi_choice', options: Array.from({ length: 51 }, (_, i) => `o${i}`) }]), 400, 'validation-failed');
  });

  test('questions follow the job\'s access: a viewer reads them but cannot replace them; another org gets 404', async () => {
    const job = await publishJob(t, t.org);
    const viewer = await join(t, t.org.auth, 'viewer');
    assert.equal((await t.app.inject({ url: `/v1/jobs/${job.id}/questions`, headers: viewer.auth })).statusCode, 200);
    problem(await t.app.inject({ method: 'PUT', url: `/v1/jobs/${job.id}/questions`, headers: viewer.auth, payload: { questions: [] } }), 403, 'forbidden');
    const other = await t.createOrg('Elsewhere');
    problem(await t.app.inject({ url: `/v1/jobs/${job.id}/questions`, headers: other.auth }), 404, 'not-found');
    problem(await t.app.inject({ method: 'PUT', url: `/v1/jobs/${job.id}/questions`, headers: other.auth, payload: { questions: [] } }), 404, 'not-found');
    // Nor can another org's slug reach this org's job on the public side.
    problem(await applyJson(t, other, job.id, { name: 'A', email: email() }), 404, 'not-found');
  });
});

describe('the per-address limit on applying', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp({ APPLY_RATE_LIMIT_PER_IP: '2' });
  });
  after(() => t.close());

  test('the third application in a minute from one address is a 429 with RateLimit headers and Retry-After', async () => {
    const job = await publishJob(t, t.org);
    const first = await applyJson(t, t.org, job.id, { name: 'One', email: 'one@example.test' });
    assert.equal(first.statusCode, 201);
    assert.equal(first.headers['ratelimit-remaining'], '1');
    // A refused application counts too: the limit is on attempts, not on successes.
    problem(await applyJson(t, t.org, job.id, { name: '', email: 'two@example.test' }), 400, 'validation-failed');
    const third = problem(await applyJson(t, t.org, job.id, { name: 'Three', email: 'three@example.test' }), 429, 'rate-limited');
    assert.ok(Number(third.retryAfter) > 0);
    const res = await applyJson(t, t.org, job.id, { name: 'Four', email: 'four@example.test' });
    assert.equal(res.headers['ratelimit-limit'], '2');
    assert.equal(res.headers['ratelimit-remaining'], '0');
    assert.ok(Number(res.headers['retry-after']) > 0);
    const other = await t.app.inject({ method: 'POST', url: `/v1/boards/${t.org.slug}/jobs/${job.id}/applications`, remoteAddress: '10.1.2.3', payload: { name: 'Elsewhere', email: 'five@example.test' } });
    assert.equal(other.statusCode, 201, 'another address has its own allowance');
  });
});
