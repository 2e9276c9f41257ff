import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { pino } from 'pino';
import { queryRows } from '../../src/infra/db/database.ts';
import { json, problem, publishJob, startTestApp, type TestApp, type TestOrg } from '../helpers/app.ts';
import { makePdf } from '../helpers/documents.ts';
import { join, signUp, type TestUser } from '../helpers/identity.ts';
import { applyMultipart, putQuestions } from './applying.helpers.ts';

// Distinctive, so a scan of the whole database cannot meet them by chance.
const NAME = 'Zephyrine Quandtberg';
const EMAIL = 'zephyrine.q@erasure-test.example';
const PARTNER_EMAIL = 'zq.partner@erasure-test.example';
const needles = ['Zephyrine', 'Quandtberg', 'erasure-test.example', EMAIL, PARTNER_EMAIL];

type Headers = Record<string, string>;
interface Export {
  erased: boolean;
  candidate: { id: string; name: string; emails: string[]; phones: { phone: string }[]; location: string | null; links: Record<string, unknown>; tags: string[]; source: string; customFields: Record<string, unknown>; mergedCandidateIds: string[] };
  applications: { id: string; job: { id: string; title: string | null }; stage: { kind: string }; status: string; answers: Record<string, unknown>; coverLetter: string | null; consent: { noticeVersion: string | null } | null; history: { action: string; note: string | null }[]; interviews: { agenda: string | null; status: string }[];
    scorecards: { interviewId: string; versions: { version: number; notes: string | null; recommendation: string; submittedAt: string; ratings: { criterionId: string; criterion: string; rating: number }[] }[] }[] }[];
  notes: { body: string; applicationId: string | null }[];
  attachments: { id: string; kind: string; fileName: string; url: string }[];
}

describe('candidate rights: export and erasure', () => {
  let t: TestApp;
  let owner: TestUser;
  let org: TestOrg;
  let recruiter: TestUser;
  let manager: TestUser;
  let viewer: TestUser;
  let stranger: TestUser;
  let jobA: string;
  let jobB: string;
  let questionId: string;
  let candidateId: string;
  let partnerId: string;
  let applicationA: string;
  let applicationB: string;
  let bystanderId: string;
  let interviewId: string;
  let criterionId: string;

  const call = (method: 'GET' | 'POST' | 'PATCH' | 'PUT', url: string, headers: Headers, payload?: Record<string, unknown>) =>
    t.app.inject({ method, url, headers, ...(payload ? { payload } : {}) });
  const ok = async <T = Record<string, unknown>>(method: 'GET' | 'POST' | 'PATCH' | 'PUT', url: string, headers: Headers, payload?: Record<string, unknown>): Promise<T> => {
    const res = await call(method, url, headers, payload);
    assert.ok(res.statusCode < 300, `${method} ${url}: ${res.statusCode} ${res.body}`);
    return res.json<T>();
  };
  const exported = (id: string, headers: Headers) => call('GET', `/v1/candidates/${id}/export`, headers);
  const erase = (id: string, headers: Headers, payload: Record<string, unknown> = { reason: 'Erasure request received by email on 2026-12-01' }) =>
    call('POST', `/v1/candidates/${id}/erase`, headers, payload);
  const countsPerJob = async (): Promise<Record<string, string[]>> => {
    const rows = await t.container.database.tenant(org.id, (tx) => queryRows<{ job_id: string; stage_id: string; status: string }>(tx,
      sql`select job_id, stage_id, status from applications where org_id = ${org.id} order by id`));
    const byJob: Record<string, string[]> = {};
    for (const r of rows) (byJob[r.job_id] ??= []).push(`${r.stage_id}:${r.status}`);
    return byJob;
  };

  /** Every text-like column of every table in the database (`table.column`) holding any of the needles. */
  const traces = async (): Promise<string[]> => {
    const columns = await queryRows<{ table_schema: string; table_name: string; column_name: string }>(t.container.database.unscoped, sql`
      select c.table_schema, c.table_name, c.column_name from information_schema.columns c
      join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name and t.table_type = 'BASE TABLE'
      where c.table_schema not in ('pg_catalog', 'information_schema')
        and c.data_type in ('text', 'character varying', 'character', 'json', 'jsonb', 'ARRAY', 'tsvector', 'USER-DEFINED')`);
    assert.ok(columns.length > 50, `scanned ${columns.length} columns`);
    const hits: string[] = [];
    for (const column of columns) {
      const target = sql`${sql.identifier(column.table_schema)}.${sql.identifier(column.table_name)}`;
      const value = sql`${sql.identifier(column.column_name)}::text`;
      const matches = sql.join(needles.map((n) => sql`${value} ilike ${`%${n}%`}`), sql` or `);
      const [row] = await queryRows<{ n: number }>(t.container.database.unscoped, sql`select count(*)::int as n from ${target} where ${matches}`);
      if ((row?.n ?? 0) > 0) hits.push(`${column.table_name}.${column.column_name}`);
    }
    return hits;
  };

  before(async () => {
    t = await startTestApp({ APPLY_RATE_LIMIT_PER_IP: '1000' });
    owner = await signUp(t);
    org = { id: owner.orgId, slug: owner.orgSlug, apiKey: '', auth: owner.auth };
    recruiter = await join(t, owner.auth, 'recruiter');
    manager = await join(t, owner.auth, 'hiring_manager');
    viewer = await join(t, owner.auth, 'viewer');
    stranger = await signUp(t);
    await ok('PATCH', '/v1/org', owner.auth, { privacyNoticeUrl: 'https://acme.example/privacy', privacyNoticeVersion: '2026-11' });
    jobA = (await publishJob(t, org, { title: 'Orbital Mechanic' })).id;
    jobB = (await publishJob(t, org, { title: 'Launch Director' })).id;
    await ok('PUT', `/v1/jobs/${jobA}/team/${manager.userId}`, owner.auth);
    const [question] = await putQuestions(t, org, jobA, [{ label: 'Why us?', kind: 'long_text' }]);
    questionId = question?.id ?? '';
    await ok('POST', '/v1/candidate-fields', owner.auth, { key: 'nickname', label: 'Nickname', type: 'text' });

    const resume = await makePdf(`${NAME}\n${EMAIL}\nRocket engineer`);
    const applied = await applyMultipart(t, org, jobA, [
      ['name', NAME], ['email', EMAIL], ['phone', '+49 30 901820'], ['consent', 'true'],
      ['resume', { bytes: resume, name: 'Zephyrine-Quandtberg-CV.pdf', type: 'application/pdf' }],
      ['coverLetterText', `Dear team, I am ${NAME} and I love orbits.`], [`answers[${questionId}]`, `Because ${NAME} wants to fly`],
    ]);
    assert.equal(applied.statusCode, 201, applied.body);
    applicationA = applied.json<{ applicationId: string }>().applicationId;
    candidateId = (await ok<{ candidateId: string }>('GET', `/v1/applications/${applicationA}`, owner.auth)).candidateId;
    // Text is read in the background: read it now, so the résumé's text (with the name) is stored.
    await t.container.tasks.find((task) => task.name === 'recruiting.extract-text')?.run({ signal: new AbortController().signal, log: pino({ level: 'silent' }) });
    await ok('PATCH', `/v1/candidates/${candidateId}`, owner.auth, {
      location: 'Quandtberg Heights', tags: ['zephyrine-favourite'], links: { linkedin: 'https://linkedin.example/in/zephyrine-quandtberg' },
      customFields: { nickname: 'Zephy' },
    });

    // A second record of the same person, with an application of its own, merged into the first.
    partnerId = (await ok<{ id: string }>('POST', '/v1/candidates', owner.auth, { name: NAME, emails: [PARTNER_EMAIL], phones: ['+49 30 901821'] })).id;
    applicationB = (await ok<{ id: string }>('POST', '/v1/applications', owner.auth, { candidateId: partnerId, jobId: jobB })).id;
    const reasons = await ok<{ data: { id: string }[] }>('GET', '/v1/rejection-reasons', owner.auth);
    await ok('POST', `/v1/applications/${applicationB}/reject`, owner.auth, { reasonId: reasons.data[0]?.id ?? '', note: `${NAME} took another offer` });
    await ok('POST', `/v1/candidates/${partnerId}/notes`, owner.auth, { body: `Met Zephyrine at a fair`, applicationId: applicationB });
    await ok('POST', `/v1/candidates/${candidateId}/merge`, owner.auth, { candidateId: partnerId });

    await ok('POST', `/v1/candidates/${candidateId}/notes`, recruiter.auth, { body: `${NAME} was great on the phone` });
    await ok('POST', `/v1/candidates/${candidateId}/notes`, recruiter.auth, { body: 'Team note on the application', applicationId: applicationA });
    await ok('POST', `/v1/candidates/${candidateId}/notes`, owner.auth, { body: 'PRIVATE: salary expectations of Zephyrine', visibility: 'private' });
    // An interview whose agenda names the person, then one cancelled with a reason that does.
    const slot = { start: '2030-05-06T09:00:00Z', end: '2030-05-06T10:00:00Z', timeZone: 'Europe/London', kind: 'phone', interviewers: [owner.userId] };
    const interview = await ok<{ id: string }>('POST', `/v1/applications/${applicationA}/interviews`, owner.auth, { ...slot, agenda: `Ask ${NAME} about the portfolio` });
    const cancelled = await ok<{ id: string }>('POST', `/v1/applications/${applicationA}/interviews`, owner.auth, { ...slot, start: '2030-05-07T09:00:00Z', end: '2030-05-07T10:00:00Z' });
    await ok('POST', `/v1/interviews/${cancelled.id}/cancel`, owner.auth, { reason: `${NAME} asked to move it` });
    // A submitted scorecard and an open draft after it, both with notes that name the person.
    interviewId = interview.id;
    criterionId = (await ok<{ criteria: { id: string }[] }>('PUT', `/v1/jobs/${jobA}/scorecard-criteria`, owner.auth, { criteria: [{ name: 'Orbital maths' }] })).criteria[0]?.id ?? '';
    const ratings = [{ criterionId, rating: 4 }];
    await ok('POST', `/v1/interviews/${interview.id}/scorecard/submit`, owner.auth, { ratings, notes: `${NAME} derived Kepler's laws`, recommendation: 'strong_yes' });
    await ok('PUT', `/v1/interviews/${interview.id}/scorecard`, owner.auth, { ratings, notes: `Draft: ask Zephyrine again`, recommendation: 'yes' });
    // From their status page, the person asks to be erased in words that name them.
    const statusLink = await ok<{ apiUrl: string }>('POST', `/v1/candidates/${candidateId}/status-link`, owner.auth);
    const asked = await t.app.inject({ method: 'POST', url: `${new URL(statusLink.apiUrl).pathname}/erasure-request`, payload: { reason: `I am ${NAME}, forget me` } });
    assert.equal(asked.statusCode, 202, asked.body);

    const bystander = await applyMultipart(t, org, jobA, [['name', 'Bystander Person'], ['email', 'bystander@example.test'], ['consent', 'true'], [`answers[${questionId}]`, 'I am a bystander']]);
    assert.equal(bystander.statusCode, 201, bystander.body);
    bystanderId = (await ok<{ candidateId: string }>('GET', `/v1/applications/${bystander.json<{ applicationId: string }>().applicationId}`, owner.auth)).candidateId;
    await ok('POST', `/v1/candidates/${bystanderId}/notes`, owner.auth, { body: 'Bystander note' });
  });
  after(() => t.close());

  test('the export holds profile, applications with answers, consent and history, team notes and file links, and no private note', async () => {
    const res = await exported(candidateId, recruiter.auth);
    assert.equal(res.statusCode, 200, res.body);
    assert.match(String(res.headers['content-disposition']), /^attachment; filename="candidate-cand_[0-9a-f]+\.json"$/);
    assert.equal(res.headers['cache-control'], 'private, no-store');
    const doc = res.json<Export>();
    assert.equal(doc.erased, false);
    assert.equal(doc.candidate.name, NAME);
    assert.deepEqual(doc.candidate.emails.sort(), [EMAIL, PARTNER_EMAIL].sort());
    assert.equal(doc.candidate.phones.length, 2);
    assert.equal(doc.candidate.location, 'Quandtberg Heights');
    assert.deepEqual(doc.candidate.tags, ['zephyrine-favourite']);
    assert.deepEqual(doc.candidate.links, { linkedin: 'https://linkedin.example/in/zephyrine-quandtberg' });
    assert.deepEqual(doc.candidate.customFields, { nickname: 'Zephy' });
    assert.equal(doc.candidate.source, 'board');
    assert.deepEqual(doc.candidate.mergedCandidateIds, [partnerId]);

    const a = doc.applications.find((x) => x.id === applicationA);
    const b = doc.applications.find((x) => x.id === applicationB);
    assert.deepEqual(a?.job, { id: jobA, title: 'Orbital Mechanic' });
    assert.equal(a?.answers[questionId], `Because ${NAME} wants to fly`);
    assert.equal(a?.coverLetter, `Dear team, I am ${NAME} and I love orbits.`);
    assert.equal(a?.consent?.noticeVersion, '2026-11');
    assert.deepEqual(a?.history.map((h) => h.action), ['created', 'interview_scheduled', 'interview_scheduled', 'interview_cancelled', 'scorecard_submitted']);
    assert.deepEqual(a?.interviews.map((i) => [i.status, i.agenda]), [['scheduled', `Ask ${NAME} about the portfolio`], ['cancelled', null]]);
    // Submitted scorecards are team notes about the candidate, so they are exported; the open draft, private to its author, is not.
    const [card] = a?.scorecards ?? [];
    assert.equal(a?.scorecards.length, 1);
    assert.equal(card?.interviewId, interviewId);
    assert.deepEqual(card?.versions.map((v) => ({ ...v, submittedAt: typeof v.submittedAt })), [{
      version: 1, ratings: [{ criterionId, criterion: 'Orbital maths', rating: 4 }], recommendation: 'strong_yes', notes: `${NAME} derived Kepler's laws`, submittedAt: 'string',
    }]);
    assert.ok(!JSON.stringify(doc).includes('ask Zephyrine again'), 'no scorecard draft in the export');
    assert.deepEqual(b?.scorecards, []);
    assert.deepEqual(b?.job, { id: jobB, title: 'Launch Director' });
    assert.equal(b?.status, 'rejected');
    assert.deepEqual(b?.history.map((h) => h.action), ['created', 'rejected', 'merged']);
    assert.equal(b?.history[1]?.note, `${NAME} took another offer`);

    const bodies = doc.notes.map((n) => n.body).sort();
    assert.deepEqual(bodies, ['Met Zephyrine at a fair', 'Team note on the application', `${NAME} was great on the phone`].sort());
    // The owner sees the private note everywhere else, but never in an export.
    const ownerDoc = json<Export>(await exported(candidateId, owner.auth));
    assert.ok(!ownerDoc.notes.some((n) => n.body.startsWith('PRIVATE')), 'no private note, whoever exports');
    assert.ok(!JSON.stringify(ownerDoc).includes('salary expectations'));

    const resume = doc.attachments.find((f) => f.kind === 'resume');
    assert.equal(resume?.fileName, 'Zephyrine-Quandtberg-CV.pdf');
    assert.equal(resume?.url, `https://jobs.example.test/v1/candidates/${candidateId}/attachments/${resume?.id}/content`);
    const download = await call('GET', new URL(resume?.url ?? '').pathname, recruiter.auth);
    assert.equal(download.statusCode, 200);
    assert.equal(download.headers['content-type'], 'application/pdf');
  });

  test('export access: candidates:read with the hiring-team rule; another org 404; a merged-away record 404', async () => {
    const scoped = json<Export>(await exported(candidateId, manager.auth));
    assert.deepEqual(scoped.applications.map((a) => a.id), [applicationA], 'a hiring manager exports only their jobs\' applications');
    assert.ok(!scoped.notes.some((n) => n.applicationId === applicationB), 'nor notes on applications to other jobs');
    assert.equal(scoped.applications[0]?.scorecards.length, 1, 'the hiring manager sees every scorecard of their job, so the export carries them');
    const viewed = json<Export>(await exported(candidateId, viewer.auth));
    assert.deepEqual(viewed.applications.map((a) => a.scorecards), [[], []], 'a read-only exporter gets no scorecards: an export does not get round the submit-first rule');
    problem(await exported(bystanderId, (await join(t, owner.auth, 'interviewer')).auth), 404, 'not-found');
    const key = await ok<{ apiKey: string }>('POST', '/v1/api-keys', owner.auth, { name: 'jobs only', scopes: ['jobs:read'] });
    problem(await exported(candidateId, { authorization: `Bearer ${key.apiKey}` }), 403, 'forbidden');
    problem(await exported(candidateId, stranger.auth), 404, 'not-found');
    problem(await exported('cand_00000000000000000000000000000000', owner.auth), 404, 'not-found');
    assert.match(String(problem(await exported(partnerId, owner.auth), 404, 'not-found').detail), new RegExp(candidateId));
  });

  test('erasure: only a whole-org writer may erase, with a reason; another org gets 404', async () => {
    const teamManager = manager;
    problem(await erase(candidateId, viewer.auth), 403, 'forbidden');
    problem(await erase(candidateId, teamManager.auth), 403, 'forbidden');
    problem(await erase(candidateId, stranger.auth), 404, 'not-found');
    problem(await erase(candidateId, owner.auth, {}), 400, 'validation-failed');
    problem(await erase(candidateId, owner.auth, { reason: '   ' }), 400, 'validation-failed');
    problem(await erase(partnerId, owner.auth), 404, 'not-found');
    assert.equal(json<Export>(await exported(candidateId, owner.auth)).candidate.name, NAME, 'nothing was erased by the refused calls');
  });

  test('erasure leaves no trace of the name or email in any column of any table; others and counts are untouched', async () => {
    const [read] = await t.container.database.tenant(org.id, (tx) => queryRows<{ text_status: string; search_resume: string }>(tx, sql`
      select a.text_status, c.search_resume from candidate_attachments a join candidates c on c.id = a.candidate_id where a.candidate_id = ${candidateId}`));
    assert.equal(read?.text_status, 'extracted', 'the résumé\'s text was read before the erasure');
    assert.match(read?.search_resume ?? '', /zephyrine/i);
    const found = await traces();
    for (const where of ['candidates.name', 'candidates.search_resume', 'candidate_emails.email', 'candidate_attachments.text', 'candidate_attachments.file_name',
      'applications.answers', 'applications.cover_letter', 'application_history.note', 'notes.body', 'candidate_merges.merged_profile', 'domain_events.payload',
      'interviews.agenda', 'interviews.cancel_reason', 'scorecards.draft_notes', 'scorecard_versions.notes', 'erasure_requests.reason']) {
      assert.ok(found.includes(where), `before the erasure the scan finds the person in ${where} (found: ${found.join(', ')})`);
    }
    const before = await countsPerJob();
    const bystanderBefore = json<Export>(await exported(bystanderId, owner.auth));
    const res = await erase(candidateId, recruiter.auth);
    assert.equal(res.statusCode, 200, res.body);
    const result = res.json<{ erasedCandidateIds: string[]; alreadyErased: boolean; applications: number; notesDeleted: number; filesDeleted: number }>();
    assert.deepEqual(result.erasedCandidateIds.sort(), [candidateId, partnerId].sort());
    assert.equal(result.alreadyErased, false);
    assert.equal(result.applications, 2);
    assert.equal(result.notesDeleted, 4);
    assert.equal(result.filesDeleted, 1);

    assert.deepEqual(await traces(), [], 'the erased person is still in these columns');

    assert.deepEqual(await countsPerJob(), before, 'every application stays in its job, stage and status');
    const pipeline = await ok<{ stages: { count: number }[] }>('GET', `/v1/jobs/${jobA}/pipeline`, owner.auth);
    assert.equal(pipeline.stages.reduce((n, s) => n + s.count, 0), 2, 'the pipeline still counts the erased application');

    const after = json<Export>(await exported(candidateId, owner.auth));
    assert.equal(after.erased, true);
    const { createdAt: _c, updatedAt: _u, ...profile } = after.candidate as Export['candidate'] & { createdAt: string; updatedAt: string };
    assert.deepEqual(profile, {
      id: candidateId, name: 'Erased candidate', emails: [], phones: [], location: null, links: {}, tags: [], source: 'board', sourceDetail: null,
      customFields: {}, mergedCandidateIds: [partnerId],
    });
    assert.deepEqual(after.notes, []);
    assert.deepEqual(after.applications.map((a) => [a.answers, a.coverLetter, a.consent]), [[{}, null, null], [{}, null, null]]);
    assert.deepEqual(after.applications[0]?.scorecards[0]?.versions.map((v) => [v.recommendation, v.ratings.map((r) => r.rating), v.notes]), [['strong_yes', [4], null]],
      'a scorecard keeps its ratings and recommendation, without its notes');
    const file = after.attachments[0];
    assert.equal(file?.fileName, 'erased');
    problem(await call('GET', new URL(file?.url ?? 'http://x/').pathname, owner.auth), 404, 'not-found');
    const shown = await ok<{ name: string; emails: string[]; applications: unknown[] }>('GET', `/v1/candidates/${candidateId}`, owner.auth);
    assert.deepEqual([shown.name, shown.emails, shown.applications.length], ['Erased candidate', [], 2], 'reading an erased candidate shows the anonymized record');
    const searched = await ok<{ data: unknown[] }>('GET', '/v1/candidates?q=zephyrine', owner.auth);
    assert.deepEqual(searched.data, []);

    const events = await ok<{ data: { type: string; subjectId: string; payload: Record<string, unknown> }[] }>('GET', '/v1/events?limit=100', owner.auth);
    const erased = events.data.filter((e) => e.type === 'candidate.erased');
    assert.deepEqual(erased.map((e) => e.payload), [{ candidateId, erasedCandidateIds: [candidateId, partnerId] }]);
    const created = events.data.find((e) => e.type === 'application.created' && e.subjectId === applicationA);
    assert.deepEqual(created?.payload, { redacted: true });
    const audit = await ok<{ data: { action: string; actor: { id: string | null }; target: { id: string } | null; data: Record<string, unknown> }[] }>(
      'GET', '/v1/audit-events?action=candidate.erased', owner.auth);
    assert.deepEqual(audit.data.map((a) => [a.actor.id, a.target?.id, a.data.reason]), [[recruiter.userId, candidateId, 'Erasure request received by email on 2026-12-01']]);

    const { exportedAt: _then, ...bystanderThen } = bystanderBefore as Export & { exportedAt: string };
    const { exportedAt: _now, ...bystanderNow } = json<Export & { exportedAt: string }>(await exported(bystanderId, owner.auth));
    assert.deepEqual(bystanderNow, bystanderThen, 'another candidate is untouched');
    const bystanderEvents = events.data.filter((e) => e.subjectId === bystanderId);
    assert.ok(bystanderEvents.length > 0 && bystanderEvents.every((e) => !('redacted' in e.payload)));
  });

  test('erasing twice is a harmless 200 that also clears anything added since', async () => {
    await ok('POST', `/v1/candidates/${candidateId}/notes`, recruiter.auth, { body: 'Added after erasure: Zephyrine called' });
    const res = await erase(candidateId, owner.auth, { reason: 'Repeated request' });
    assert.equal(res.statusCode, 200, res.body);
    const result = res.json<{ alreadyErased: boolean; notesDeleted: number; filesDeleted: number }>();
    assert.equal(result.alreadyErased, true);
    assert.equal(result.notesDeleted, 1);
    assert.deepEqual(json<Export>(await exported(candidateId, owner.auth)).notes, []);
    const audit = await ok<{ data: unknown[] }>('GET', '/v1/audit-events?action=candidate.erased', owner.auth);
    assert.equal(audit.data.length, 2, 'each request is in the audit log');
    const events = await ok<{ data: { type: string; payload: Record<string, unknown> }[] }>('GET', '/v1/events?type=candidate.erased', owner.auth);
    assert.ok(events.data.length === 2 && events.data.every((e) => e.payload.candidateId === candidateId), 'earlier candidate.erased events are kept whole');

    // The email is gone with the record: applying again starts a new candidate, never the erased one.
    const again = await applyMultipart(t, org, jobB, [['name', NAME], ['email', EMAIL], ['consent', 'true']]);
    assert.equal(again.statusCode, 201, again.body);
    const fresh = await ok<{ candidateId: string }>('GET', `/v1/applications/${again.json<{ applicationId: string }>().applicationId}`, owner.auth);
    assert.notEqual(fresh.candidateId, candidateId);
  });
});
