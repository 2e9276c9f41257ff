import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { openDatabase, queryRows, type Database } from '../../src/infra/db/database.ts';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { freshDatabase, profile } from '../helpers/database.ts';

/** The error or the first error it wraps (drizzle wraps the driver's) that carries a SQLSTATE. */
function withSqlState(err: unknown): Record<string, unknown> {
  for (let e: unknown = err; e instanceof Error; e = e.cause) {
    if (typeof (e as { code?: unknown }).code === 'string') return e as unknown as Record<string, unknown>;
  }
  throw new Error(`no SQLSTATE in ${String(err)}`);
}

describe('a slow statement does not stop the HTTP loop', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp();
    await t.app.listen({ port: 0, host: '127.0.0.1' });
  });
  after(() => t.close());

  test('GET /health on a real socket is answered while a slow query is still running', async () => {
    const address = t.app.server.address();
    assert.ok(address && typeof address === 'object');
    const settled: string[] = [];
    // On PGlite in-process the sleep holds the only thread, so the socket is read only after it ends.
    const slow = t.container.database.unscoped.execute(sql`select pg_sleep(2)`).then(() => settled.push('slow query'));
    const health = await fetch(`http://127.0.0.1:${address.port}/health`);
    settled.push('health');
    assert.equal(health.status, 200);
    assert.deepEqual(await health.json(), { status: 'ok' });
    await slow;
    assert.deepEqual(settled, ['health', 'slow query']);
  });
});

describe('the PGlite thread behaves as PGlite in-process did', () => {
  let database: Database;
  let drop: () => Promise<void>;
  before(async () => {
    ({ database, drop } = await freshDatabase());
    await database.unscoped.execute(sql`create table thread_probe (id int primary key, note text not null, at timestamptz not null default now())`);
  });
  after(() => drop());

  test('a PostgreSQL error crosses with its fields (code, constraint, detail, table)', async () => {
    await database.unscoped.execute(sql`insert into thread_probe (id, note) values (1, 'first')`);
    const err = await database.unscoped.execute(sql`insert into thread_probe (id, note) values (1, 'again')`).then(() => null, (e: unknown) => e);
    const fields = withSqlState(err);
    assert.equal(fields.code, '23505');
    assert.equal(fields.constraint, 'thread_probe_pkey');
    assert.equal(fields.table, 'thread_probe');
    assert.match(String(fields.detail), /Key \(id\)=\(1\) already exists/);
  });

  test('a statement outside an open transaction waits for it; a failed transaction leaves nothing', async () => {
    const order: string[] = [];
    let outside: Promise<unknown> = Promise.resolve();
    await database.unscopedTransaction(async (tx) => {
      await tx.execute(sql`insert into thread_probe (id, note) values (10, 'in the transaction')`);
      outside = queryRows<{ n: number }>(database.unscoped, sql`select count(*)::int as n from thread_probe where id = 10`).then(([row]) => order.push(`outside saw ${row?.n}`));
      await tx.execute(sql`select pg_sleep(0.2)`);
      order.push('committed');
    });
    await outside;
    // PGlite has one session: the outside read ran after the commit, and so saw the row (a server's pool reads beside it).
    if (profile === 'pglite') assert.deepEqual(order, ['committed', 'outside saw 1']);

    await assert.rejects(database.unscopedTransaction(async (tx) => {
      await tx.execute(sql`insert into thread_probe (id, note) values (11, 'rolled back')`);
      await tx.execute(sql`insert into thread_probe (id, note) values (10, 'duplicate')`);
    }));
    const [left] = await queryRows<{ n: number }>(database.unscoped, sql`select count(*)::int as n from thread_probe where id = 11`);
    assert.equal(left?.n, 0);
  });

  test('timestamps come back as drizzle reads them in-process (its text parsers applied on this side)', async () => {
    const rows = await queryRows<{ at: unknown; id: unknown }>(database.unscoped, sql`select id, at from thread_probe where id = 1`);
    assert.equal(typeof rows[0]?.id, 'number');
    assert.equal(typeof rows[0]?.at, 'string', 'drizzle keeps timestamptz as text and maps it itself');
  });
});

describe('closing the embedded database', { skip: profile === 'postgres' ? 'embedded-only' : false }, () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'hireline-thread-'));
  after(() => rmSync(dataDir, { recursive: true, force: true }));
  const open = () => openDatabase({ databaseUrl: null, dataDir, poolMax: 1, statementTimeoutMs: 5000 });

  test('waits for an open transaction to commit, and keeps its writes: the next open reads them back', async () => {
    const first = await open();
    await first.unscoped.execute(sql`create table kept (n int)`);
    let closing: Promise<void> = Promise.resolve();
    await first.unscopedTransaction(async (tx) => {
      await tx.execute(sql`insert into kept select generate_series(1, 500)`);
      closing = first.close();
      await tx.execute(sql`insert into kept select generate_series(501, 1000)`);
    });
    await closing;
    const second = await open();
    try {
      const [row] = await queryRows<{ n: number }>(second.unscoped, sql`select count(*)::int as n from kept`);
      assert.equal(row?.n, 1000);
    } finally {
      await second.close();
    }
  });
});
