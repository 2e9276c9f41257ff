import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { json, problem, startTestApp, type TestApp } from '../helpers/app.ts';

describe('audit log', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp();
  });
  after(() => t.close());

  test('is append-only in the database itself', async () => {
    await t.app.inject({ method: 'POST', url: '/v1/api-keys', headers: t.org.auth, payload: { name: 'k', scopes: ['jobs:read'] } });
    const refused = (err: Error & { cause?: Error }) => /append-only/.test(err.cause?.message ?? err.message);
    await assert.rejects(t.container.database.unscoped.execute(sql`update audit_events set action = 'x'`), refused);
    await assert.rejects(t.container.database.unscoped.execute(sql`delete from audit_events`), refused);
  });

  test('filters by action and pages newest first with a cursor; other orgs see none of it', async () => {
    for (let i = 0; i < 5; i++) {
      await t.app.inject({ method: 'POST', url: '/v1/api-keys', headers: t.org.auth, payload: { name: `key-${i}`, scopes: ['jobs:read'] } });
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { data: { action: string; data: { name: string } }[]; nextCursor: string | null } = json(await t.app.inject({
        method: 'GET', url: `/v1/audit-events?action=api_key.created&limit=2${cursor ? `&cursor=${cursor}` : ''}`, headers: t.org.auth,
      }));
      seen.push(...page.data.map((e) => e.data.name));
      cursor = page.nextCursor;
    } while (cursor);
    assert.deepEqual(seen.slice(0, 5), ['key-4', 'key-3', 'key-2', 'key-1', 'key-0']);
    const other = await t.createOrg('Other');
    assert.equal(json<{ data: unknown[] }>(await t.app.inject({ method: 'GET', url: '/v1/audit-events', headers: other.auth })).data.length, 0);
    problem(await t.app.inject({ method: 'GET', url: '/v1/audit-events?cursor=bogus', headers: t.org.auth }), 400, 'invalid-cursor');
    problem(await t.app.inject({ method: 'GET', url: '/v1/audit-events?action=made.up', headers: t.org.auth }), 400, 'validation-failed');
  });
});
