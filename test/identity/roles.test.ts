import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { OpenAPIV3_1 } from 'openapi-types';
import type { Role } from '../../src/modules/access/index.ts';
import { createJob, json, problem, startTestApp, type TestApp } from '../helpers/app.ts';
import { join, signUp, type TestUser } from '../helpers/identity.ts';

const managers: Role[] = ['owner', 'admin', 'recruiter'];
const everyone: Role[] = ['owner', 'admin', 'recruiter', 'hiring_manager', 'interviewer', 'viewer'];

/**
 * Who may call each jobs operation on a job they are on the hiring team of: the README's matrix, row by
 * row ("assigned (edit only)" for hiring managers: edit, but not create, delete, publish or change the team).
 * Every jobs operation in the OpenAPI document must have a row.
 */
const jobsMatrix: Record<string, { allowed: Role[]; body?: Record<string, unknown> }> = {
  'POST /v1/jobs': { allowed: managers, body: { title: 'New' } },
  'GET /v1/jobs': { allowed: everyone },
  'POST /v1/jobs/import': { allowed: managers, body: { text: 'Backend Engineer\n\nWe need one.' } },
  'GET /v1/jobs/{id}': { allowed: everyone },
  'PATCH /v1/jobs/{id}': { allowed: [...managers, 'hiring_manager'], body: { department: 'Platform' } },
  'DELETE /v1/jobs/{id}': { allowed: managers },
  'POST /v1/jobs/{id}/publish': { allowed: managers },
  'POST /v1/jobs/{id}/close': { allowed: managers },
  'POST /v1/jobs/{id}/reopen': { allowed: managers },
  'POST /v1/jobs/{id}/archive': { allowed: managers },
  'GET /v1/jobs/{id}/team': { allowed: everyone },
  'PUT /v1/jobs/{id}/team/{userId}': { allowed: managers },
  'DELETE /v1/jobs/{id}/team/{userId}': { allowed: managers },
  'GET /v1/jobs/{id}/stages': { allowed: everyone },
  'PUT /v1/jobs/{id}/stages': { allowed: [...managers, 'hiring_manager'], body: { stages: [{ name: 'Applied', kind: 'applied' }, { name: 'Hired', kind: 'hired' }] } },
  // An unknown template is a 400 for those allowed to try, a 403 or 404 for the rest.
  'POST /v1/jobs/{id}/stages/apply-template': { allowed: [...managers, 'hiring_manager'], body: { templateId: 'ptpl_unknown' } },
  'GET /v1/jobs/{jobId}/pipeline': { allowed: everyone },
  'GET /v1/jobs/{jobId}/pipeline/stages/{stageId}/applications': { allowed: everyone },
  'GET /v1/jobs/{jobId}/questions': { allowed: everyone },
  'PUT /v1/jobs/{jobId}/questions': { allowed: [...managers, 'hiring_manager'], body: { questions: [] } },
  'GET /v1/jobs/{jobId}/scorecard-criteria': { allowed: everyone },
  'PUT /v1/jobs/{jobId}/scorecard-criteria': { allowed: [...managers, 'hiring_manager'], body: { criteria: [] } },
};

describe('roles', () => {
  let t: TestApp;
  let owner: TestUser;
  before(async () => {
    t = await startTestApp();
    owner = await signUp(t);
  });
  after(() => t.close());

  const asOrg = (user: TestUser) => ({ id: user.orgId, slug: user.orgSlug, apiKey: '', auth: user.auth });

  test('every role against every jobs operation on a job whose team it is on, as the matrix says', async () => {
    const doc = json<OpenAPIV3_1.Document>(await t.app.inject({ method: 'GET', url: '/openapi.json' }));
    const operations = Object.entries(doc.paths ?? {}).filter(([path]) => path.startsWith('/v1/jobs'))
      .flatMap(([path, item]) => (['get', 'post', 'put', 'patch', 'delete'] as const).filter((m) => item?.[m]).map((m) => `${m.toUpperCase()} ${path}`));
    assert.deepEqual(operations.filter((k) => !jobsMatrix[k]), [], 'jobs operations missing from the matrix');
    const bystander = await join(t, owner.auth, 'viewer');
    const people: [Role, TestUser][] = [['owner', owner]];
    for (const role of everyone) if (role !== 'owner') people.push([role, await join(t, owner.auth, role)]);
    const wrong: string[] = [];
    for (const [role, person] of people) {
      for (const [key, { allowed, body }] of Object.entries(jobsMatrix)) {
        const job = await createJob(t, asOrg(owner), { title: 'Assigned job' });
        for (const userId of [person.userId, bystander.userId]) {
          assert.equal((await t.app.inject({ method: 'PUT', url: `/v1/jobs/${job.id}/team/${userId}`, headers: owner.auth })).statusCode, 200);
        }
        const [method, path] = key.split(' ') as ['GET', string];
        const stages = path.includes('{stageId}')
          ? json<{ data: { id: string }[] }>(await t.app.inject({ method: 'GET', url: `/v1/jobs/${job.id}/stages`, headers: owner.auth })).data
          : [];
        const url = path.replace(/\{(id|jobId)\}/, job.id).replace('{userId}', bystander.userId).replace('{stageId}', stages[0]?.id ?? '');
        const res = await t.app.inject({ method, url, headers: person.auth, ...(body ? { payload: body } : {}) });
        const permitted = res.statusCode !== 403 && res.statusCode !== 404 && res.statusCode < 500;
        if (permitted !== allowed.includes(role)) wrong.push(`${role} ${key}: ${res.statusCode}`);
      }
    }
    assert.deepEqual(wrong, []);
  });

  test('a removed member leaves the hiring teams, and an invitation back does not restore their seats', async () => {
    const person = await join(t, owner.auth, 'interviewer');
    const job = await createJob(t, asOrg(owner));
    assert.equal((await t.app.inject({ method: 'PUT', url: `/v1/jobs/${job.id}/team/${person.userId}`, headers: owner.auth })).statusCode, 200);
    assert.equal((await t.app.inject({ method: 'DELETE', url: `/v1/members/${person.userId}`, headers: owner.auth })).statusCode, 204);
    const team = json<{ data: { userId: string }[] }>(await t.app.inject({ method: 'GET', url: `/v1/jobs/${job.id}/team`, headers: owner.auth }));
    assert.deepEqual(team.data.map((m) => m.userId), []);

    const invited = json<{ token: string }>(await t.app.inject({ method: 'POST', url: '/v1/invitations', headers: owner.auth, payload: { email: person.email, role: 'interviewer' } }));
    const back = await t.app.inject({ method: 'POST', url: '/v1/invitations/accept', payload: { token: invited.token, password: person.password } });
    assert.equal(back.statusCode, 200, back.body);
    const again = { authorization: `Bearer ${json<{ accessToken: string }>(back).accessToken}` };
    problem(await t.app.inject({ method: 'GET', url: `/v1/jobs/${job.id}`, headers: again }), 404, 'not-found');
    assert.deepEqual(json<{ data: unknown[] }>(await t.app.inject({ method: 'GET', url: '/v1/jobs', headers: again })).data, []);
  });

  test('a viewer reads jobs but cannot change them', async () => {
    const viewer = await join(t, owner.auth, 'viewer');
    const job = await createJob(t, asOrg(owner));
    assert.equal((await t.app.inject({ method: 'GET', url: `/v1/jobs/${job.id}`, headers: viewer.auth })).statusCode, 200);
    const denied = problem(await t.app.inject({ method: 'POST', url: '/v1/jobs', headers: viewer.auth, payload: { title: 'X' } }), 403, 'forbidden');
    assert.match(String(denied.detail), /jobs:write/);
    problem(await t.app.inject({ method: 'POST', url: `/v1/jobs/${job.id}/publish`, headers: viewer.auth }), 403, 'forbidden');
  });

  test('an interviewer sees only the jobs whose hiring team they are on', async () => {
    const interviewer = await join(t, owner.auth, 'interviewer');
    const mine = await createJob(t, asOrg(owner), { title: 'On my team' });
    const other = await createJob(t, asOrg(owner), { title: 'Not my team' });
    const added = await t.app.inject({ method: 'PUT', url: `/v1/jobs/${mine.id}/team/${interviewer.userId}`, headers: owner.auth });
    assert.equal(added.statusCode, 200);
    assert.deepEqual(added.json<{ data: { userId: string }[] }>().data.map((m) => m.userId), [interviewer.userId]);

    const list = json<{ data: { id: string }[] }>(await t.app.inject({ method: 'GET', url: '/v1/jobs', headers: interviewer.auth }));
    assert.deepEqual(list.data.map((j) => j.id), [mine.id]);
    assert.equal((await t.app.inject({ method: 'GET', url: `/v1/jobs/${mine.id}`, headers: interviewer.auth })).statusCode, 200);
    problem(await t.app.inject({ method: 'GET', url: `/v1/jobs/${other.id}`, headers: interviewer.auth }), 404, 'not-found');
    problem(await t.app.inject({ method: 'PATCH', url: `/v1/jobs/${mine.id}`, headers: interviewer.auth, payload: { title: 'Renamed' } }), 403, 'forbidden');

    assert.equal((await t.app.inject({ method: 'DELETE', url: `/v1/jobs/${mine.id}/team/${interviewer.userId}`, headers: owner.auth })).statusCode, 204);
    problem(await t.app.inject({ method: 'GET', url: `/v1/jobs/${mine.id}`, headers: interviewer.auth }), 404, 'not-found');
  });

  test('a hiring manager edits assigned jobs but cannot create, delete or publish', async () => {
    const manager = await join(t, owner.auth, 'hiring_manager');
    const job = await createJob(t, asOrg(owner));
    await t.app.inject({ method: 'PUT', url: `/v1/jobs/${job.id}/team/${manager.userId}`, headers: owner.auth });
    const edited = await t.app.inject({ method: 'PATCH', url: `/v1/jobs/${job.id}`, headers: manager.auth, payload: { department: 'Platform' } });
    assert.equal(edited.statusCode, 200);
    problem(await t.app.inject({ method: 'POST', url: '/v1/jobs', headers: manager.auth, payload: { title: 'Mine' } }), 403, 'forbidden');
    problem(await t.app.inject({ method: 'DELETE', url: `/v1/jobs/${job.id}`, headers: manager.auth }), 403, 'forbidden');
    problem(await t.app.inject({ method: 'POST', url: `/v1/jobs/${job.id}/publish`, headers: manager.auth }), 403, 'forbidden');
  });

  test('a recruiter runs jobs but cannot manage people, keys, the audit log or the task queue', async () => {
    const recruiter = await join(t, owner.auth, 'recruiter');
    const job = await createJob(t, asOrg(recruiter));
    assert.equal((await t.app.inject({ method: 'POST', url: `/v1/jobs/${job.id}/publish`, headers: recruiter.auth })).statusCode, 200);
    assert.equal((await t.app.inject({ method: 'GET', url: '/v1/members', headers: recruiter.auth })).statusCode, 200);
    for (const [method, url] of [['GET', '/v1/api-keys'], ['GET', '/v1/audit-events'], ['GET', '/v1/admin/tasks'], ['POST', '/v1/invitations']] as const) {
      problem(await t.app.inject({ method, url, headers: recruiter.auth, ...(method === 'POST' ? { payload: { email: 'x@example.test', role: 'viewer' } } : {}) }), 403, 'forbidden');
    }
  });

  test('role changes apply to live sessions at once; only owners make owners; the last owner stays', async () => {
    const admin = await join(t, owner.auth, 'admin');
    const person = await join(t, owner.auth, 'viewer');
    problem(await t.app.inject({ method: 'POST', url: '/v1/jobs', headers: person.auth, payload: { title: 'X' } }), 403, 'forbidden');
    const promoted = await t.app.inject({ method: 'PATCH', url: `/v1/members/${person.userId}`, headers: admin.auth, payload: { role: 'recruiter' } });
    assert.equal(promoted.json<{ role: string }>().role, 'recruiter');
    assert.equal((await t.app.inject({ method: 'POST', url: '/v1/jobs', headers: person.auth, payload: { title: 'X' } })).statusCode, 201);

    problem(await t.app.inject({ method: 'PATCH', url: `/v1/members/${person.userId}`, headers: admin.auth, payload: { role: 'owner' } }), 403, 'forbidden');
    problem(await t.app.inject({ method: 'PATCH', url: `/v1/members/${owner.userId}`, headers: admin.auth, payload: { role: 'viewer' } }), 403, 'forbidden');
    problem(await t.app.inject({ method: 'PATCH', url: `/v1/members/${owner.userId}`, headers: owner.auth, payload: { role: 'admin' } }), 409, 'conflict');
    problem(await t.app.inject({ method: 'POST', url: '/v1/invitations', headers: admin.auth, payload: { email: 'boss@example.test', role: 'owner' } }), 403, 'forbidden');

    const audit = json<{ data: { action: string; data: Record<string, unknown> }[] }>(
      await t.app.inject({ method: 'GET', url: `/v1/audit-events?action=member.role_changed&targetId=${person.userId}`, headers: owner.auth }));
    assert.deepEqual(audit.data.map((e) => e.data), [{ from: 'viewer', to: 'recruiter' }]);
  });

  test('a removed member\'s tokens stop working at once', async () => {
    const person = await join(t, owner.auth, 'recruiter');
    assert.equal((await t.app.inject({ method: 'DELETE', url: `/v1/members/${person.userId}`, headers: owner.auth })).statusCode, 204);
    problem(await t.app.inject({ method: 'GET', url: '/v1/jobs', headers: person.auth }), 401, 'unauthenticated');
    problem(await t.app.inject({ method: 'POST', url: '/v1/auth/refresh', payload: { refreshToken: person.refreshToken } }), 401, 'unauthenticated');
  });

  test('an invitation works once, and an existing account joins with its own password', async () => {
    const other = await signUp(t);
    const invited = json<{ token: string }>(await t.app.inject({ method: 'POST', url: '/v1/invitations', headers: owner.auth, payload: { email: other.email, role: 'viewer' } }));
    problem(await t.app.inject({ method: 'POST', url: '/v1/invitations/accept', payload: { token: invited.token, password: 'not-their-password' } }), 401, 'unauthenticated');
    const accepted = await t.app.inject({ method: 'POST', url: '/v1/invitations/accept', payload: { token: invited.token, password: other.password } });
    assert.equal(accepted.statusCode, 200);
    assert.equal(accepted.json<{ org: { id: string }; role: string }>().org.id, owner.orgId);
    problem(await t.app.inject({ method: 'POST', url: '/v1/invitations/accept', payload: { token: invited.token, password: other.password } }), 401, 'unauthenticated');
    // Signing in picks an org by slug when the account belongs to several.
    const home = await t.app.inject({ method: 'POST', url: '/v1/auth/login', payload: { email: other.email, password: other.password, org: owner.orgSlug } });
    assert.equal(home.json<{ role: string }>().role, 'viewer');
    const invitations = json<{ data: { status: string }[] }>(await t.app.inject({ method: 'GET', url: '/v1/invitations', headers: owner.auth }));
    assert.ok(invitations.data.some((i) => i.status === 'accepted'));
  });
});
