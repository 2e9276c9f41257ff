import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { findActiveReason } from '../../src/modules/recruiting/pipelines/index.ts';
import { problem, startTestApp, type TestApp, type TestOrg } from '../helpers/app.ts';
import { join, signUp, type TestUser } from '../helpers/identity.ts';

interface Reason { id: string; name: string; archived: boolean; archivedAt: string | null }

describe('rejection reasons', () => {
  let t: TestApp;
  let other: TestOrg;
  let owner: TestUser;
  let manager: TestUser;
  let viewer: TestUser;

  before(async () => {
    t = await startTestApp();
    other = await t.createOrg('Other');
    owner = await signUp(t);
    manager = await join(t, owner.auth, 'hiring_manager');
    viewer = await join(t, owner.auth, 'viewer');
  });
  after(() => t.close());

  const call = (method: 'GET' | 'POST' | 'PATCH', url: string, headers: Record<string, string>, payload?: unknown) =>
    t.app.inject({ method, url, headers, ...(payload !== undefined ? { payload: payload as Record<string, unknown> } : {}) });
  const list = async (headers: Record<string, string>) => {
    const res = await call('GET', '/v1/rejection-reasons', headers);
    assert.equal(res.statusCode, 200, res.body);
    return res.json<{ data: Reason[]; nextCursor: null }>().data;
  };

  test('an org starts with the default reasons, listed once however often it asks', async () => {
    const [first, again] = await Promise.all([list(viewer.auth), list(owner.auth)]);
    const names = ['Not qualified', 'Hired someone else', 'Withdrew / not interested', 'Failed interview', 'Compensation mismatch', 'Position closed'];
    assert.deepEqual(first.map((r) => r.name), names);
    assert.deepEqual(again.map((r) => r.id), first.map((r) => r.id));
    assert.ok(first.every((r) => !r.archived && r.archivedAt === null));
  });

  test('reasons are added and renamed with unique names; archived ones stay listed but cannot be used for new rejections', async () => {
    const created = await call('POST', '/v1/rejection-reasons', owner.auth, { name: 'No work permit' });
    assert.equal(created.statusCode, 201, created.body);
    const reason = created.json<Reason>();
    problem(await call('POST', '/v1/rejection-reasons', owner.auth, { name: 'no WORK permit' }), 409, 'conflict');
    problem(await call('POST', '/v1/rejection-reasons', owner.auth, { name: '   ' }), 400, 'validation-failed');
    problem(await call('PATCH', `/v1/rejection-reasons/${reason.id}`, owner.auth, { name: 'Not Qualified' }), 409, 'conflict');
    problem(await call('PATCH', `/v1/rejection-reasons/${reason.id}`, owner.auth, {}), 400, 'validation-failed');

    const activeBefore = await t.container.database.tenant(owner.orgId, (tx) => findActiveReason(tx, owner.orgId, reason.id));
    assert.equal(activeBefore?.name, 'No work permit');
    const archived = await call('PATCH', `/v1/rejection-reasons/${reason.id}`, owner.auth, { name: 'No visa sponsorship', archived: true });
    assert.equal(archived.statusCode, 200, archived.body);
    assert.equal(archived.json<Reason>().archived, true);
    assert.equal(archived.json<Reason>().name, 'No visa sponsorship');
    assert.ok((await list(owner.auth)).some((r) => r.id === reason.id && r.archived), 'archived reasons stay in the list');
    assert.equal(await t.container.database.tenant(owner.orgId, (tx) => findActiveReason(tx, owner.orgId, reason.id)), null);
    assert.equal(await t.container.database.tenant(other.id, (tx) => findActiveReason(tx, other.id, reason.id)), null, 'another org cannot use it');

    const restored = await call('PATCH', `/v1/rejection-reasons/${reason.id}`, owner.auth, { archived: false });
    assert.equal(restored.json<Reason>().archivedAt, null);
    assert.ok(await t.container.database.tenant(owner.orgId, (tx) => findActiveReason(tx, owner.orgId, reason.id)));
  });

  test('defining reasons needs candidates:write over the whole org; another org\'s reason is 404', async () => {
    problem(await call('POST', '/v1/rejection-reasons', manager.auth, { name: 'Mine' }), 403, 'forbidden');
    problem(await call('POST', '/v1/rejection-reasons', viewer.auth, { name: 'Mine' }), 403, 'forbidden');
    const theirs = (await list(other.auth))[0];
    assert.ok(theirs);
    problem(await call('PATCH', `/v1/rejection-reasons/${theirs.id}`, owner.auth, { archived: true }), 404, 'not-found');
    assert.ok(!(await list(owner.auth)).some((r) => r.id === theirs.id));
  });
});
