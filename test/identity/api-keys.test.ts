import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { apiKeys } from '../../src/modules/access/api-keys.table.ts';
import { json, problem, startTestApp, type TestApp } from '../helpers/app.ts';

describe('API keys with scopes', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp();
  });
  after(() => t.close());

  const create = (body: Record<string, unknown>, headers = t.org.auth) => t.app.inject({ method: 'POST', url: '/v1/api-keys', headers, payload: body });
  const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

  test('a key does what its scopes allow and nothing more', async () => {
    const res = await create({ name: 'read-only', scopes: ['jobs:read'] });
    assert.equal(res.statusCode, 201);
    const { apiKey, key } = res.json<{ apiKey: string; key: { id: string; prefix: string; scopes: string[] } }>();
    assert.match(apiKey, /^hl_[A-Za-z0-9_-]{43}$/);
    assert.equal(key.prefix, apiKey.slice(0, 7));
    assert.equal((await t.app.inject({ method: 'GET', url: '/v1/jobs', headers: bearer(apiKey) })).statusCode, 200);
    const denied = problem(await t.app.inject({ method: 'POST', url: '/v1/jobs', headers: bearer(apiKey), payload: { title: 'X' } }), 403, 'forbidden');
    assert.match(String(denied.detail), /jobs:write/);
    problem(await t.app.inject({ method: 'GET', url: '/v1/api-keys', headers: bearer(apiKey) }), 403, 'forbidden');
  });

  test('the secret is never listed; last use is recorded', async () => {
    const { apiKey, key } = json<{ apiKey: string; key: { id: string } }>(await create({ name: 'listed', scopes: ['jobs:read'] }));
    await t.app.inject({ method: 'GET', url: '/v1/jobs', headers: bearer(apiKey) });
    await new Promise((resolve) => setTimeout(resolve, 50));
    const list = await t.app.inject({ method: 'GET', url: '/v1/api-keys', headers: t.org.auth });
    assert.ok(!list.body.includes(apiKey));
    const listed = list.json<{ data: { id: string; lastUsedAt: string | null }[] }>().data.find((k) => k.id === key.id);
    assert.ok(listed?.lastUsedAt, 'lastUsedAt set after use');
  });

  test('a revoked key stops working at once; revoking twice is a conflict', async () => {
    const { apiKey, key } = json<{ apiKey: string; key: { id: string } }>(await create({ name: 'temp', scopes: ['jobs:read'] }));
    const revoked = await t.app.inject({ method: 'DELETE', url: `/v1/api-keys/${key.id}`, headers: t.org.auth });
    assert.ok(revoked.json<{ revokedAt: string | null }>().revokedAt);
    problem(await t.app.inject({ method: 'GET', url: '/v1/jobs', headers: bearer(apiKey) }), 401, 'unauthenticated');
    problem(await t.app.inject({ method: 'DELETE', url: `/v1/api-keys/${key.id}`, headers: t.org.auth }), 409, 'conflict');
    const audit = json<{ data: { action: string }[] }>(await t.app.inject({ method: 'GET', url: `/v1/audit-events?targetId=${key.id}`, headers: t.org.auth }));
    assert.deepEqual(audit.data.map((e) => e.action), ['api_key.revoked', 'api_key.created']);
  });

  test('an expired key is refused; an expiry in the past is a 400', async () => {
    const { apiKey, key } = json<{ apiKey: string; key: { id: string } }>(await create({ name: 'short', scopes: ['jobs:read'], expiresAt: new Date(Date.now() + 3_600_000).toISOString() }));
    assert.equal((await t.app.inject({ method: 'GET', url: '/v1/jobs', headers: bearer(apiKey) })).statusCode, 200);
    // Its hour passes (moved in the row rather than waited for: a short real expiry raced a loaded machine).
    await t.container.database.tenant(t.org.id, (tx) => tx.update(apiKeys).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(apiKeys.id, key.id)));
    problem(await t.app.inject({ method: 'GET', url: '/v1/jobs', headers: bearer(apiKey) }), 401, 'unauthenticated');
    const past = problem(await create({ name: 'past', scopes: ['jobs:read'], expiresAt: '2020-01-01T00:00:00Z' }), 400, 'validation-failed');
    assert.equal(past.errors?.[0]?.pointer, '/expiresAt');
  });

  test('a key cannot hand out scopes its creator lacks; unknown scopes are a 400', async () => {
    const { apiKey } = json<{ apiKey: string }>(await create({ name: 'key-admin', scopes: ['api-keys:manage'] }));
    problem(await create({ name: 'wider', scopes: ['jobs:write'] }, bearer(apiKey)), 403, 'forbidden');
    assert.equal((await create({ name: 'same', scopes: ['api-keys:manage'] }, bearer(apiKey))).statusCode, 201);
    problem(await create({ name: 'bad', scopes: ['root'] }), 400, 'validation-failed');
  });
});
