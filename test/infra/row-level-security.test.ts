import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { APP_ROLE, queryRows } from '../../src/infra/db/database.ts';
import { createJob, startTestApp, type TestApp, type TestOrg } from '../helpers/app.ts';

describe('row-level security: the second wall between organizations', () => {
  let t: TestApp;
  let a: TestOrg;
  let b: TestOrg;
  let jobA: string;
  let jobB: string;

  before(async () => {
    t = await startTestApp();
    a = t.org;
    b = await t.createOrg('Other');
    jobA = (await createJob(t, a)).id;
    jobB = (await createJob(t, b)).id;
  });
  after(() => t.close());

  test('a query that forgets the org filter still sees only its own org', async () => {
    const { database } = t.container;
    const seen = await database.tenant(a.id, (tx) => queryRows<{ id: string }>(tx, sql`select id from jobs`));
    assert.deepEqual(seen.map((r) => r.id), [jobA]);
    const keys = await database.tenant(a.id, (tx) => queryRows<{ org_id: string }>(tx, sql`select org_id from api_keys`));
    assert.ok(keys.length > 0 && keys.every((k) => k.org_id === a.id));
    const orgs = await database.tenant(a.id, (tx) => queryRows<{ id: string }>(tx, sql`select id from orgs`));
    assert.deepEqual(orgs.map((o) => o.id), [a.id]);
    // The owner's connection (sweeps, lookups by credential) sees both.
    const all = await queryRows<{ id: string }>(database.unscoped, sql`select id from jobs`);
    assert.deepEqual(all.map((r) => r.id).sort(), [jobA, jobB].sort());
  });

  test('writes into another org are refused, and updates cannot reach its rows', async () => {
    const { database } = t.container;
    await assert.rejects(
      database.tenant(a.id, (tx) => tx.execute(sql`insert into job_team (job_id, user_id, org_id) values (${jobB}, 'usr_x', ${b.id})`)),
      (err: unknown) => /row-level security/.test(String((err as { cause?: unknown }).cause ?? err)),
    );
    const updated = await database.tenant(a.id, (tx) => queryRows<{ id: string }>(tx, sql`update jobs set title = 'taken' returning id`));
    assert.deepEqual(updated.map((r) => r.id), [jobA], 'only its own job was updated');
    const untouched = await queryRows<{ title: string }>(database.unscoped, sql`select title from jobs where id = ${jobB}`);
    assert.notEqual(untouched[0]?.title, 'taken');
  });

  test('tenant transactions run as the non-owner role, which cannot bypass the policies', async () => {
    const [who] = await t.container.database.tenant(a.id, (tx) =>
      queryRows<{ role: string; bypass: boolean; superuser: boolean }>(tx, sql`
        select current_user as role, rolbypassrls as bypass, rolsuper as superuser from pg_roles where rolname = current_user`));
    assert.deepEqual(who, { role: APP_ROLE, bypass: false, superuser: false });
    const nothing = await t.container.database.tenant('org_none', (tx) => queryRows<{ id: string }>(tx, sql`select id from jobs`));
    assert.deepEqual(nothing, [], 'an org with no rows sees none of anyone else\'s');
  });

  test('every table with an org_id column has row-level security and a policy for the app role', async () => {
    const tables = await queryRows<{ table: string; rls: boolean; policies: number }>(t.container.database.unscoped, sql`
      select c.relname as table, c.relrowsecurity as rls,
             (select count(*)::int from pg_policies p where p.tablename = c.relname and ${APP_ROLE} = any(p.roles)) as policies
      from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' and c.relkind = 'r'
        and exists (select 1 from information_schema.columns col where col.table_schema = 'public' and col.table_name = c.relname and col.column_name = 'org_id')
      order by 1`);
    assert.ok(tables.length >= 10, `found ${tables.length} tenant tables`);
    for (const row of tables) {
      assert.ok(row.rls, `${row.table} has row-level security enabled`);
      assert.ok(row.policies > 0, `${row.table} has a policy for ${APP_ROLE}`);
    }
  });
});
