import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { AppError } from '../../src/app-error.ts';
import { grantsOfRole, wholeOrg, type Principal } from '../../src/modules/access/index.ts';
import { startTestApp, type TestApp } from '../helpers/app.ts';

// Services are called here directly, not through HTTP: the route's coarse gate is not there to stop
// the caller, as it will not be for a GraphQL resolver, so only the service's own check can refuse.
const forbidden = (err: unknown) => err instanceof AppError && err.code === 'forbidden';

describe('services authorize the caller themselves', () => {
  let t: TestApp;
  let recruiter: Principal;
  let parserKey: Principal;
  before(async () => {
    t = await startTestApp();
    // A recruiter holds neither audit:read nor events:read; this key holds jd:parse only.
    recruiter = { orgId: t.org.id, actor: { kind: 'user', userId: 'usr_test', sessionId: 'ses_test', role: 'recruiter' }, grants: grantsOfRole('recruiter') };
    parserKey = { orgId: t.org.id, actor: { kind: 'api-key', apiKeyId: 'key_test' }, grants: new Map([['jd:parse', 'all']]) };
  });
  after(() => t.close());

  test('the audit log needs audit:read', async () => {
    await assert.rejects(t.container.audit.list(recruiter, {}), forbidden);
    await assert.rejects(t.container.audit.list(parserKey, {}), forbidden);
    await t.app.inject({ method: 'POST', url: '/v1/api-keys', headers: t.org.auth, payload: { name: 'k', scopes: ['jobs:read'] } });
    const { data } = await t.container.audit.list(wholeOrg(t.org.id), {});
    assert.deepEqual(data.map((e) => e.action), ['api_key.created']);
  });

  test('the domain events need events:read', async () => {
    await assert.rejects(t.container.events.list(recruiter, {}), forbidden);
    await assert.rejects(t.container.events.list(parserKey, {}), forbidden);
    assert.deepEqual((await t.container.events.list(wholeOrg(t.org.id), {})).data, []);
  });

  test('the current org needs no permission, and is always the caller\'s own', async () => {
    const other = await t.createOrg('Other');
    assert.equal((await t.container.orgs.current(parserKey)).id, t.org.id);
    assert.equal((await t.container.orgs.current({ ...parserKey, orgId: other.id })).id, other.id);
  });
});
