import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { json, problem, publishJob, startTestApp, type TestApp } from '../helpers/app.ts';
import { join } from '../helpers/identity.ts';
import { addApplicant } from '../helpers/recruiting.ts';

interface Candidate {
  id: string;
  name: string;
  emails: string[];
  phones: { phone: string; e164: string | null }[];
  tags: string[];
  customFields: Record<string, unknown>;
  applications: { id: string; jobId: string; stage: { id: string; name: string; kind: string }; status: string }[];
  version: number;
  source: string;
  sourceDetail: string | null;
}

describe('candidates: profiles and custom fields', () => {
  let t: TestApp;
  const post = (payload: Record<string, unknown>, headers = t.org.auth) => t.app.inject({ method: 'POST', url: '/v1/candidates', headers, payload });

  before(async () => {
    t = await startTestApp();
    const field = (payload: Record<string, unknown>) => t.app.inject({ method: 'POST', url: '/v1/candidate-fields', headers: t.org.auth, payload });
    assert.equal((await field({ key: 'notice_weeks', label: 'Notice period (weeks)', type: 'number' })).statusCode, 201);
    assert.equal((await field({ key: 'seniority', label: 'Seniority', type: 'choice', options: ['junior', 'senior'] })).statusCode, 201);
    assert.equal((await field({ key: 'available_from', label: 'Available from', type: 'date' })).statusCode, 201);
  });
  after(() => t.close());

  test('a recruiter adds a candidate by hand; phones get an E.164 key; the event is recorded', async () => {
    const res = await post({
      name: 'Grace Hopper', emails: ['grace@navy.example'], phones: ['+1 202 555 0143', 'not a phone'], location: 'Arlington',
      links: { github: 'https://github.com/grace' }, tags: ['cobol', 'compilers'], source: 'referral', sourceDetail: 'Ada L.',
      customFields: { notice_weeks: 4, seniority: 'senior', available_from: '2027-02-01' },
    });
    assert.equal(res.statusCode, 201);
    const body = json<Candidate>(res);
    assert.match(body.id, /^cand_/);
    assert.equal(res.headers.etag, '"1"');
    assert.deepEqual(body.phones, [{ phone: '+1 202 555 0143', e164: '+12025550143' }, { phone: 'not a phone', e164: null }]);
    assert.deepEqual(body.customFields, { notice_weeks: 4, seniority: 'senior', available_from: '2027-02-01' });
    assert.equal(body.sourceDetail, 'Ada L.');
    const events = json<{ data: { type: string; subjectId: string }[] }>(await t.app.inject({ method: 'GET', url: '/v1/events', headers: t.org.auth }));
    assert.ok(events.data.some((e) => e.type === 'candidate.created' && e.subjectId === body.id));
  });

  test('an email already on another candidate (written differently) is a 409 naming that candidate', async () => {
    const first = json<Candidate>(await post({ name: 'Linus T', emails: ['linus@kernel.example'] }));
    const res = await post({ name: 'Someone Else', emails: ['other@kernel.example', 'LINUS@kernel.example'] });
    const body = problem(res, 409, 'candidate-exists');
    assert.match(String(body.detail), new RegExp(first.id));
  });

  test('custom fields are checked against the definitions, each bad key pointed at', async () => {
    const res = await post({ name: 'Bad Fields', emails: ['bad-fields@example.test'], customFields: { notice_weeks: 'four', seniority: 'principal', shoe_size: 42, available_from: '2027-02-30' } });
    const body = problem(res, 400, 'validation-failed');
    const pointers = (body.errors ?? []).map((e) => e.pointer).sort();
    assert.deepEqual(pointers, ['/customFields/available_from', '/customFields/notice_weeks', '/customFields/seniority', '/customFields/shoe_size']);
    problem(await post({ name: 'No Email', emails: [] }), 400, 'validation-failed');
    problem(await post({ name: 'Wrong Source', emails: ['ws@example.test'], source: 'psychic' }), 400, 'validation-failed');
    problem(await post({ name: 42, emails: ['wt@example.test'] }), 400, 'validation-failed');
  });

  test('field definitions: list, a duplicate key is 409, choice needs options, delete removes values', async () => {
    const list = json<{ data: { key: string; id: string }[] }>(await t.app.inject({ method: 'GET', url: '/v1/candidate-fields', headers: t.org.auth }));
    assert.deepEqual(list.data.map((f) => f.key), ['notice_weeks', 'seniority', 'available_from']);
    problem(await t.app.inject({ method: 'POST', url: '/v1/candidate-fields', headers: t.org.auth, payload: { key: 'seniority', label: 'Again', type: 'text' } }), 409, 'conflict');
    const noOptions = problem(await t.app.inject({ method: 'POST', url: '/v1/candidate-fields', headers: t.org.auth, payload: { key: 'team', label: 'Team', type: 'choice' } }), 400, 'validation-failed');
    assert.equal(noOptions.errors?.[0]?.pointer, '/options');
    const temp = json<{ id: string }>(await t.app.inject({ method: 'POST', url: '/v1/candidate-fields', headers: t.org.auth, payload: { key: 'hobby', label: 'Hobby', type: 'text' } }));
    const person = json<Candidate>(await post({ name: 'Has Hobby', emails: ['hobby@example.test'], customFields: { hobby: 'chess', notice_weeks: 2 } }));
    assert.equal((await t.app.inject({ method: 'DELETE', url: `/v1/candidate-fields/${temp.id}`, headers: t.org.auth })).statusCode, 204);
    const after = json<Candidate>(await t.app.inject({ method: 'GET', url: `/v1/candidates/${person.id}`, headers: t.org.auth }));
    assert.deepEqual(after.customFields, { notice_weeks: 2 });
    assert.ok(after.version > person.version, 'losing a field counts as a change');
    problem(await t.app.inject({ method: 'DELETE', url: `/v1/candidate-fields/${temp.id}`, headers: t.org.auth }), 404, 'not-found');
  });

  test('get shows applications with their stage; patch bumps the version and honours If-Match', async () => {
    const job = await publishJob(t, t.org);
    const { candidateId, applicationId } = await addApplicant(t, t.org.id, job.id, { email: 'patchme@example.test', name: 'Patch Me' });
    const got = await t.app.inject({ method: 'GET', url: `/v1/candidates/${candidateId}`, headers: t.org.auth });
    assert.equal(got.statusCode, 200);
    const body = json<Candidate>(got);
    assert.deepEqual(body.applications.map((a) => [a.id, a.jobId, a.status, a.stage.kind]), [[applicationId, job.id, 'active', 'applied']]);
    const patch = (payload: Record<string, unknown>, headers: Record<string, string> = {}) =>
      t.app.inject({ method: 'PATCH', url: `/v1/candidates/${candidateId}`, headers: { ...t.org.auth, ...headers }, payload });
    const changed = await patch({ tags: ['rust'], phones: ['+44 20 7946 0958'], customFields: { seniority: 'junior' } }, { 'if-match': got.headers.etag as string });
    assert.equal(changed.statusCode, 200);
    const after = json<Candidate>(changed);
    assert.equal(after.version, body.version + 1);
    assert.deepEqual(after.tags, ['rust']);
    assert.equal(after.phones[0]?.e164, '+442079460958');
    problem(await patch({ tags: ['stale'] }, { 'if-match': got.headers.etag as string }), 412, 'precondition-failed');
    problem(await patch({ customFields: { seniority: 'wizard' } }), 400, 'validation-failed');
    problem(await patch({ emails: ['grace@navy.example'] }), 409, 'candidate-exists');
    const events = json<{ data: { type: string; subjectId: string }[] }>(await t.app.inject({ method: 'GET', url: '/v1/events?limit=100', headers: t.org.auth }));
    assert.ok(events.data.some((e) => e.type === 'candidate.updated' && e.subjectId === candidateId));
  });

  test('another org\'s candidate is 404 for reads and writes', async () => {
    const other = await t.createOrg('Globex');
    const theirs = json<Candidate>(await post({ name: 'Their Person', emails: ['their@globex.example'] }, other.auth));
    problem(await t.app.inject({ method: 'GET', url: `/v1/candidates/${theirs.id}`, headers: t.org.auth }), 404, 'not-found');
    problem(await t.app.inject({ method: 'PATCH', url: `/v1/candidates/${theirs.id}`, headers: t.org.auth, payload: { name: 'Taken' } }), 404, 'not-found');
    // The same email in another org is another person's record there, not a conflict.
    assert.equal((await post({ name: 'Mine', emails: ['their@globex.example'] })).statusCode, 201);
  });

  test('roles: a viewer reads but cannot write; hiring managers and interviewers see only candidates of their jobs', async () => {
    const owner = await join(t, t.org.auth, 'admin');
    const viewer = await join(t, owner.auth, 'viewer');
    const manager = await join(t, owner.auth, 'hiring_manager');
    const interviewer = await join(t, owner.auth, 'interviewer');
    const jobOn = await publishJob(t, t.org);
    const jobOff = await publishJob(t, t.org);
    const onTeam = await addApplicant(t, t.org.id, jobOn.id, { email: 'onteam@example.test', name: 'On Team' });
    const offTeam = await addApplicant(t, t.org.id, jobOff.id, { email: 'offteam@example.test', name: 'Off Team' });
    for (const user of [manager, interviewer]) {
      assert.equal((await t.app.inject({ method: 'PUT', url: `/v1/jobs/${jobOn.id}/team/${user.userId}`, headers: t.org.auth })).statusCode, 200);
    }
    assert.equal((await t.app.inject({ method: 'GET', url: `/v1/candidates/${onTeam.candidateId}`, headers: viewer.auth })).statusCode, 200);
    problem(await post({ name: 'Viewer Made', emails: ['viewer-made@example.test'] }, viewer.auth), 403, 'forbidden');
    problem(await t.app.inject({ method: 'PATCH', url: `/v1/candidates/${onTeam.candidateId}`, headers: viewer.auth, payload: { tags: ['x'] } }), 403, 'forbidden');
    for (const user of [manager, interviewer]) {
      assert.equal((await t.app.inject({ method: 'GET', url: `/v1/candidates/${onTeam.candidateId}`, headers: user.auth })).statusCode, 200);
      problem(await t.app.inject({ method: 'GET', url: `/v1/candidates/${offTeam.candidateId}`, headers: user.auth }), 404, 'not-found');
      const listed = json<{ data: { id: string }[] }>(await t.app.inject({ method: 'GET', url: '/v1/candidates?limit=100', headers: user.auth }));
      assert.deepEqual(listed.data.map((c) => c.id), [onTeam.candidateId]);
    }
    const patched = await t.app.inject({ method: 'PATCH', url: `/v1/candidates/${onTeam.candidateId}`, headers: manager.auth, payload: { tags: ['met'] } });
    assert.equal(patched.statusCode, 200);
    problem(await t.app.inject({ method: 'PATCH', url: `/v1/candidates/${offTeam.candidateId}`, headers: manager.auth, payload: { tags: ['x'] } }), 404, 'not-found');
    problem(await t.app.inject({ method: 'PATCH', url: `/v1/candidates/${onTeam.candidateId}`, headers: interviewer.auth, payload: { tags: ['x'] } }), 403, 'forbidden');
    problem(await post({ name: 'Manager Made', emails: ['manager-made@example.test'] }, manager.auth), 403, 'forbidden');
    problem(await t.app.inject({ method: 'POST', url: '/v1/candidate-fields', headers: manager.auth, payload: { key: 'x', label: 'X', type: 'text' } }), 403, 'forbidden');
  });
});
