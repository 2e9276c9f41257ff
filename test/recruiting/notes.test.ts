import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { Value } from 'typebox/value';
import { queryRows } from '../../src/infra/db/database.ts';
import { catalogue } from '../../src/modules/events/index.ts';
import { createJob, problem, startTestApp, type TestApp, type TestOrg } from '../helpers/app.ts';
import { join, signUp, type TestUser } from '../helpers/identity.ts';
import { addApplicant } from '../helpers/recruiting.ts';

interface Note { id: string; candidateId: string; applicationId: string | null; author: { type: string; id: string | null }; body: string; mentions: string[]; visibility: string }
type Headers = Record<string, string>;

describe('notes on candidates', () => {
  let t: TestApp;
  let owner: TestUser;
  let org: TestOrg;
  let admin: TestUser;
  let writer: TestUser;
  let colleague: TestUser;
  let manager: TestUser;
  let keyAuth: Headers;
  let stranger: TestUser;
  let jobId: string;
  let otherJobId: string;

  before(async () => {
    t = await startTestApp();
    owner = await signUp(t);
    org = { id: owner.orgId, slug: owner.orgSlug, apiKey: '', auth: owner.auth };
    admin = await join(t, owner.auth, 'admin');
    writer = await join(t, owner.auth, 'recruiter');
    colleague = await join(t, owner.auth, 'recruiter');
    manager = await join(t, owner.auth, 'hiring_manager');
    stranger = await signUp(t);
    const key = await t.app.inject({ method: 'POST', url: '/v1/api-keys', headers: owner.auth, payload: { name: 'sync', scopes: ['candidates:read', 'candidates:write'] } });
    keyAuth = { authorization: `Bearer ${key.json<{ apiKey: string }>().apiKey}` };
    jobId = (await createJob(t, org)).id;
    otherJobId = (await createJob(t, org)).id;
  });
  after(() => t.close());

  const call = (method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, headers: Headers, payload?: unknown) =>
    t.app.inject({ method, url, headers, ...(payload !== undefined ? { payload: payload as Record<string, unknown> } : {}) });
  const write = async (who: Headers, candidateId: string, payload: Record<string, unknown>): Promise<Note> => {
    const res = await call('POST', `/v1/candidates/${candidateId}/notes`, who, payload);
    assert.equal(res.statusCode, 201, res.body);
    return res.json<Note>();
  };
  const listed = async (who: Headers, candidateId: string): Promise<string[]> => {
    const res = await call('GET', `/v1/candidates/${candidateId}/notes?limit=100`, who);
    assert.equal(res.statusCode, 200, res.body);
    return res.json<{ data: Note[] }>().data.map((n) => n.body);
  };
  const searchNotes = async (candidateId: string): Promise<string> => {
    const [row] = await t.container.database.tenant(org.id, (tx) => queryRows<{ search_notes: string }>(tx, sql`select search_notes from candidates where id = ${candidateId}`));
    return row?.search_notes ?? '';
  };

  test('a team note with mentions is listed, feeds candidate search, and records note.created without its body', async () => {
    const { candidateId, applicationId } = await addApplicant(t, org.id, jobId, { email: 'grace@example.test', name: 'Grace Hopper' });
    const note = await write(writer.auth, candidateId, { body: 'Strong <b>compiler</b> background; ask about COBOL.', applicationId, mentions: [colleague.userId, admin.userId, colleague.userId] });
    assert.equal(note.visibility, 'team');
    assert.deepEqual(note.mentions, [colleague.userId, admin.userId], 'a person mentioned twice is mentioned once');
    assert.deepEqual(note.author, { type: 'user', id: writer.userId });
    assert.equal(note.applicationId, applicationId);
    assert.deepEqual(await listed(colleague.auth, candidateId), ['Strong <b>compiler</b> background; ask about COBOL.']);
    const search = await searchNotes(candidateId);
    assert.match(search, /compiler/);
    assert.ok(!search.includes('<'), 'the search text holds plain words only');

    const events = (await call('GET', `/v1/events?type=note.created&subjectId=${note.id}`, owner.auth)).json<{ data: { payload: Record<string, unknown> }[] }>().data;
    assert.equal(events.length, 1);
    assert.deepEqual(events[0]?.payload.mentions, [colleague.userId, admin.userId]);
    assert.ok(!JSON.stringify(events[0]?.payload).includes('COBOL'));
    const definition = catalogue.find((d) => d.type === 'note.created');
    assert.ok(definition && Value.Check(definition.payload, events[0]?.payload), 'note.created follows its schema');
  });

  test('mentioning someone outside the org, a blank body or another candidate\'s application is a 400 at the field', async () => {
    const { candidateId } = await addApplicant(t, org.id, jobId, { email: 'alan@example.test' });
    const other = await addApplicant(t, org.id, jobId, { email: 'someone-else@example.test' });
    const outsider = problem(await call('POST', `/v1/candidates/${candidateId}/notes`, writer.auth, { body: 'Hello', mentions: [colleague.userId, stranger.userId] }), 400, 'validation-failed');
    assert.deepEqual(outsider.errors?.map((e) => e.pointer), ['/mentions/1']);
    const unknown = problem(await call('POST', `/v1/candidates/${candidateId}/notes`, writer.auth, { body: 'Hello', mentions: ['usr_nobody'] }), 400, 'validation-failed');
    assert.equal(unknown.errors?.[0]?.pointer, '/mentions/0');
    const blank = problem(await call('POST', `/v1/candidates/${candidateId}/notes`, writer.auth, { body: '   ' }), 400, 'validation-failed');
    assert.equal(blank.errors?.[0]?.pointer, '/body');
    problem(await call('POST', `/v1/candidates/${candidateId}/notes`, writer.auth, { body: 'x'.repeat(20_001) }), 400, 'validation-failed');
    const wrongApp = problem(await call('POST', `/v1/candidates/${candidateId}/notes`, writer.auth, { body: 'Hello', applicationId: other.applicationId }), 400, 'validation-failed');
    assert.equal(wrongApp.errors?.[0]?.pointer, '/applicationId');
    const privateMention = problem(await call('POST', `/v1/candidates/${candidateId}/notes`, writer.auth, { body: 'Hush', visibility: 'private', mentions: [admin.userId] }), 400, 'validation-failed');
    assert.equal(privateMention.errors?.[0]?.pointer, '/mentions');
    assert.deepEqual(await listed(owner.auth, candidateId), [], 'nothing was written');
  });

  test('a private note is seen by its author, the owner and admins only: not another recruiter, not an API key, not search', async () => {
    const { candidateId } = await addApplicant(t, org.id, jobId, { email: 'katherine@example.test' });
    await write(writer.auth, candidateId, { body: 'Team can read this' });
    const secret = await write(writer.auth, candidateId, { body: 'Asked for a salary far above band', visibility: 'private' });
    const both = ['Asked for a salary far above band', 'Team can read this'];
    assert.deepEqual(await listed(writer.auth, candidateId), both);
    assert.deepEqual(await listed(owner.auth, candidateId), both);
    assert.deepEqual(await listed(admin.auth, candidateId), both);
    assert.deepEqual(await listed(colleague.auth, candidateId), ['Team can read this']);
    assert.deepEqual(await listed(keyAuth, candidateId), ['Team can read this']);
    problem(await call('GET', `/v1/notes/${secret.id}`, colleague.auth), 404, 'not-found');
    problem(await call('GET', `/v1/notes/${secret.id}`, keyAuth), 404, 'not-found');
    problem(await call('PATCH', `/v1/notes/${secret.id}`, colleague.auth, { body: 'Edited' }), 404, 'not-found');
    assert.equal((await call('GET', `/v1/notes/${secret.id}`, admin.auth)).statusCode, 200);
    assert.ok(!(await searchNotes(candidateId)).includes('salary'), 'private text stays out of search');

    const shared = await call('PATCH', `/v1/notes/${secret.id}`, writer.auth, { visibility: 'team' });
    assert.equal(shared.statusCode, 200, shared.body);
    assert.match(await searchNotes(candidateId), /salary/);
    assert.equal((await listed(colleague.auth, candidateId)).length, 2);

    const byKey = await write(keyAuth, candidateId, { body: 'Synced from the old system', visibility: 'private' });
    assert.deepEqual(byKey.author.type, 'api-key');
    assert.ok((await listed(keyAuth, candidateId)).includes('Synced from the old system'), 'a key sees the private notes it wrote');
    assert.ok(!(await listed(colleague.auth, candidateId)).includes('Synced from the old system'));
  });

  test('only the author or an admin changes or deletes a note; deleting takes it out of search', async () => {
    const { candidateId } = await addApplicant(t, org.id, jobId, { email: 'margaret@example.test' });
    const note = await write(writer.auth, candidateId, { body: 'Apollo guidance experience' });
    problem(await call('PATCH', `/v1/notes/${note.id}`, colleague.auth, { body: 'Mine now' }), 403, 'forbidden');
    problem(await call('DELETE', `/v1/notes/${note.id}`, colleague.auth), 403, 'forbidden');
    problem(await call('PATCH', `/v1/notes/${note.id}`, writer.auth, { mentions: [stranger.userId] }), 400, 'validation-failed');
    const edited = await call('PATCH', `/v1/notes/${note.id}`, writer.auth, { body: 'Apollo flight software lead', mentions: [colleague.userId] });
    assert.equal(edited.statusCode, 200, edited.body);
    assert.equal(edited.json<Note>().body, 'Apollo flight software lead');
    const updates = (await call('GET', `/v1/events?type=note.updated&subjectId=${note.id}`, owner.auth)).json<{ data: { payload: { newMentions: string[] } }[] }>().data;
    assert.deepEqual(updates[0]?.payload.newMentions, [colleague.userId]);
    const byAdmin = await call('PATCH', `/v1/notes/${note.id}`, admin.auth, { body: 'Apollo flight software lead (checked)' });
    assert.equal(byAdmin.statusCode, 200, byAdmin.body);
    assert.match(await searchNotes(candidateId), /checked/);
    const removed = await call('DELETE', `/v1/notes/${note.id}`, writer.auth);
    assert.equal(removed.statusCode, 204, removed.body);
    problem(await call('GET', `/v1/notes/${note.id}`, writer.auth), 404, 'not-found');
    assert.equal(await searchNotes(candidateId), '');
  });

  test('notes page newest first with an opaque cursor; a forged cursor is a 400', async () => {
    const { candidateId } = await addApplicant(t, org.id, jobId, { email: 'paging@example.test' });
    for (const body of ['first', 'second', 'third']) await write(writer.auth, candidateId, { body });
    const page1 = (await call('GET', `/v1/candidates/${candidateId}/notes?limit=2`, writer.auth)).json<{ data: Note[]; nextCursor: string | null }>();
    assert.deepEqual(page1.data.map((n) => n.body), ['third', 'second']);
    assert.ok(page1.nextCursor);
    const page2 = (await call('GET', `/v1/candidates/${candidateId}/notes?limit=2&cursor=${page1.nextCursor}`, writer.auth)).json<{ data: Note[]; nextCursor: string | null }>();
    assert.deepEqual(page2.data.map((n) => n.body), ['first']);
    assert.equal(page2.nextCursor, null);
    problem(await call('GET', `/v1/candidates/${candidateId}/notes?cursor=${Buffer.from('["notes","yesterday","x"]').toString('base64url')}`, writer.auth), 400, 'invalid-cursor');
  });

  test('another org\'s candidate and note are 404', async () => {
    const strangerJob = await createJob(t, { id: stranger.orgId, slug: stranger.orgSlug, apiKey: '', auth: stranger.auth });
    const theirs = await addApplicant(t, stranger.orgId, strangerJob.id, { email: 'theirs@example.test' });
    const theirNote = await write(stranger.auth, theirs.candidateId, { body: 'Their note' });
    problem(await call('POST', `/v1/candidates/${theirs.candidateId}/notes`, owner.auth, { body: 'Sneaky' }), 404, 'not-found');
    problem(await call('GET', `/v1/candidates/${theirs.candidateId}/notes`, owner.auth), 404, 'not-found');
    problem(await call('GET', `/v1/notes/${theirNote.id}`, owner.auth), 404, 'not-found');
    problem(await call('PATCH', `/v1/notes/${theirNote.id}`, owner.auth, { body: 'Taken' }), 404, 'not-found');
    problem(await call('DELETE', `/v1/notes/${theirNote.id}`, owner.auth), 404, 'not-found');
    assert.deepEqual(await listed(stranger.auth, theirs.candidateId), ['Their note']);
  });

  test('a hiring manager sees a candidate only through a job they are on, and only that job\'s application notes', async () => {
    const first = await addApplicant(t, org.id, jobId, { email: 'dorothy@example.test' });
    const second = await addApplicant(t, org.id, otherJobId, { email: 'dorothy@example.test' });
    assert.equal(first.candidateId, second.candidateId);
    const { candidateId } = first;
    await write(writer.auth, candidateId, { body: 'About the person' });
    await write(writer.auth, candidateId, { body: 'About the first job', applicationId: first.applicationId });
    await write(writer.auth, candidateId, { body: 'About the second job', applicationId: second.applicationId });
    problem(await call('GET', `/v1/candidates/${candidateId}/notes`, manager.auth), 404, 'not-found');
    problem(await call('POST', `/v1/candidates/${candidateId}/notes`, manager.auth, { body: 'Hi' }), 404, 'not-found');
    assert.equal((await call('PUT', `/v1/jobs/${jobId}/team/${manager.userId}`, owner.auth)).statusCode, 200);
    assert.deepEqual(await listed(manager.auth, candidateId), ['About the first job', 'About the person']);
    problem(await call('POST', `/v1/candidates/${candidateId}/notes`, manager.auth, { body: 'Hi', applicationId: second.applicationId }), 400, 'validation-failed');
    const mine = await write(manager.auth, candidateId, { body: 'Met them at the meetup', applicationId: first.applicationId });
    assert.equal(mine.author.id, manager.userId);
  });
});
