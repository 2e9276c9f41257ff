import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { loadConfig } from '../../src/config.ts';
import { sql } from 'drizzle-orm';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { openDatabase, queryRows } from '../../src/infra/db/database.ts';
import { migrationsCurrent, migrationsFolder, runMigrations } from '../../src/infra/db/migrations.ts';
import { profile, serverDatabaseUrl } from '../helpers/database.ts';
import { runCli, startServe } from '../helpers/processes.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'hireline-test-'));
after(() => rmSync(dataDir, { recursive: true, force: true }));

describe('the real server process', () => {
  test('serves over a real socket, seeds the demo board once, and shuts down cleanly on SIGTERM', async (t) => {
    const { url: databaseUrl, drop } = await serverDatabaseUrl();
    t.after(drop);
    const env = { DATA_DIR: join(dataDir, 'serve'), ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}) };
    const server = await startServe(env, (fn) => t.after(fn));
    const { url, output } = server;
    // The first-start banner comes after the listening line, as the last thing printed.
    for (let i = 0; i < 200 && !output().includes('API key:'); i++) await new Promise((r) => setTimeout(r, 100));
    assert.match(output(), /API key: hl_[\w-]{43}/);
    assert.match(output(), /\/v1\/boards\/demo\/jobs/);
    assert.match(output(), /hireline keys create --org demo/, 'the banner says how to get another key');
    assert.match(output(), /Console: http:\/\/127\.0\.0\.1:\d+\/app\/accept-invitation\?token=hli_[\w-]+/, 'and how to open the recruiter console');
    // The listening line says where start-up went, phase by phase (also logged at debug level as each ends).
    const listening = output().split('\n').filter((line) => line.includes('"msg":"listening"')).map((line) => JSON.parse(line) as { startupMs: number; phasesMs: Record<string, number> })[0];
    assert.deepEqual(Object.keys(listening?.phasesMs ?? {}), ['modules', 'container', 'migrations', 'seed', 'app', 'tasks', 'listen']);
    assert.ok(Object.values(listening?.phasesMs ?? {}).every((ms) => Number.isInteger(ms) && ms >= 0));
    assert.ok((listening?.phasesMs.seed ?? 0) > 0, 'a first start spends time seeding the demo org');

    const board = await fetch(`${url}/v1/boards/demo/jobs?limit=100`);
    assert.equal(board.status, 200);
    const body = (await board.json()) as { data: { title: string }[] };
    assert.ok(body.data.length >= 40, `demo board has ${body.data.length} jobs`);
    const res = await fetch(`${url}/v1/nowhere`, { headers: { 'x-request-id': 'socket-test' } });
    assert.equal(res.status, 404);
    assert.equal(res.headers.get('content-type'), 'application/problem+json; charset=utf-8');
    // The access log line is written after the response, so give it a moment to arrive.
    for (let i = 0; i < 200 && !output().includes('"requestId":"socket-test"'); i++) await new Promise((r) => setTimeout(r, 100));
    assert.match(output(), /"requestId":"socket-test"/, 'request id appears in the log lines');

    // An in-flight request finishes during shutdown: the server has routed it (it answered 100 Continue)
    // before SIGTERM, and its body is sent only once shutdown has begun.
    const apiKey = /API key: (hl_[\w-]{43})/.exec(output())?.[1] ?? '';
    let stopped: Promise<number | null> | undefined;
    const inflight = new Promise<{ status: number; body: string }>((resolve, reject) => {
      const posting = 'Backend Engineer\n\nFull-time, remote. Node.js and PostgreSQL.';
      const req = request(`${url}/v1/job-descriptions/parse`, {
        method: 'POST', agent: false,
        headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'text/plain', 'content-length': Buffer.byteLength(posting), expect: '100-continue' },
      }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
        res.on('error', reject);
      });
      req.on('error', reject);
      req.on('continue', () => {
        stopped = server.stop('SIGTERM');
        void (async () => {
          for (let i = 0; i < 200 && !output().includes('"shutting down"'); i++) await new Promise((r) => setTimeout(r, 100));
          req.end(posting);
        })();
      });
    });
    const answered = await inflight;
    assert.ok(output().includes('"shutting down"'), 'the body went out after shutdown began');
    assert.equal(answered.status, 200, answered.body);
    assert.equal((JSON.parse(answered.body) as { title: string | null }).title, 'Backend Engineer');
    assert.equal(await stopped, 0, output());
  });

  // These run without a database, or on an embedded data directory whatever the suite: the
  // server-profile suite would only repeat them, at a dozen process starts' cost.
  const embeddedOnly = { skip: profile === 'postgres' ? 'embedded-only; the embedded suite runs it' : false };

  test('bad configuration: one message listing every bad variable, exit code 1', embeddedOnly, async () => {
    const result = await runCli(['migrate'], { PORT: 'eighty', LOG_LEVEL: 'loud', DATABASE_URL: 'mysql://x', CORS_ORIGINS: 'not a url' });
    assert.equal(result.code, 1);
    for (const name of ['PORT', 'LOG_LEVEL', 'DATABASE_URL', 'CORS_ORIGINS']) assert.match(result.stderr, new RegExp(name));
    assert.doesNotMatch(result.stderr, /mysql:\/\/x/, 'the database URL is not echoed');
  });

  test('an unreachable database: one clear line and exit code 1, no stack trace', embeddedOnly, async () => {
    const result = await runCli(['migrate'], { DATABASE_URL: 'postgres://hireline@127.0.0.1:1/hireline' });
    assert.equal(result.code, 1);
    assert.match(result.stderr, /^hireline: .*ECONNREFUSED/m);
    assert.doesNotMatch(result.stderr, /^\s+at /m);
  });

  test('loadConfig defaults and validation', () => {
    const config = loadConfig({});
    assert.equal(config.port, 3000);
    assert.equal(config.databaseUrl, null);
    assert.throws(() => loadConfig({ BODY_LIMIT_BYTES: '-1', SEED_DEMO: 'maybe' }), /BODY_LIMIT_BYTES[\s\S]*SEED_DEMO/);
  });

  test('two instances migrating at once do not race', async (t) => {
    const { url: databaseUrl, drop } = await serverDatabaseUrl();
    t.after(drop);
    // A PGlite directory starts from initdb's empty database, not the migrated dump, so both really have work to do.
    const options = { databaseUrl, dataDir: join(dataDir, 'race'), poolMax: 2, statementTimeoutMs: 30_000, pgliteTemplate: false };
    if (databaseUrl) {
      // Start from an empty database so both really have work to do.
      const { default: pg } = await import('pg');
      const client = new pg.Client({ connectionString: databaseUrl });
      await client.connect();
      await client.query('drop schema public cascade; create schema public; drop schema if exists drizzle cascade;');
      await client.end();
    }
    const [a, b] = await Promise.all([openDatabase(options), databaseUrl ? openDatabase(options) : null]);
    const second = b ?? a;
    assert.equal(await migrationsCurrent(a), false, 'no migration applied yet');
    const applied = await Promise.all([runMigrations(a), runMigrations(second)]);
    const shipped = readMigrationFiles({ migrationsFolder }).length;
    assert.deepEqual([...applied].sort((x, y) => y - x), [shipped, 0], 'one instance applied every migration, the other found nothing left to do');
    assert.ok(await migrationsCurrent(a));
    // A start on an up-to-date database skips the migrators; one whose task-queue set-up is incomplete does not.
    assert.equal(await runMigrations(a), 0);
    const singletonIndex = sql`select to_regclass('pgboss.hireline_waiting_singleton') is not null as present`;
    await a.unscoped.execute(sql`drop index pgboss.hireline_waiting_singleton`);
    assert.equal(await runMigrations(a), 0, 'no drizzle migration was pending');
    assert.deepEqual(await queryRows(a.unscoped, singletonIndex), [{ present: true }], 'the task queue set-up ran again');
    await a.close();
    if (b) await b.close();
  });

  test('CLI: org create prints a key once; jd parse works without a database', embeddedOnly, async () => {
    const env = { DATA_DIR: join(dataDir, 'cli') };
    const created = await runCli(['org', 'create', 'Initech Corp'], env);
    assert.equal(created.code, 0, created.stderr);
    assert.match(created.stdout, /slug initech-corp/);
    assert.match(created.stdout, /hl_[\w-]{43}/);
    const duplicate = await runCli(['org', 'create', 'Initech Corp'], env);
    assert.equal(duplicate.code, 1);
    assert.match(duplicate.stderr, /already exists/);
    const imported = await runCli(['jobs', 'import', '--org', 'initech-corp', 'data/demo/backend-intern-nodejs-remote.txt', 'missing-file.txt'], env);
    assert.equal(imported.code, 1, 'a failed file makes the exit code non-zero');
    assert.match(imported.stdout, /backend-intern-nodejs-remote\.txt: draft job_\w+/);
    assert.match(imported.stdout, /missing-file\.txt: failed/);
    assert.match(imported.stdout, /Imported 1 of 2 file\(s\) as drafts into "initech-corp"; 1 failed/);
    const extraKey = await runCli(['keys', 'create', '--org', 'initech-corp', '--name', 'integration'], env);
    assert.equal(extraKey.code, 0, extraKey.stderr);
    assert.match(extraKey.stdout, /API key \(shown once, store it now\): hl_[\w-]{43}/);
    const noOrg = await runCli(['keys', 'create', '--org', 'nobody'], env);
    assert.equal(noOrg.code, 1);
    assert.match(noOrg.stderr, /No organization with slug "nobody"/);
    const unnamed = await runCli(['seed', '--synthetic', '5'], env);
    assert.equal(unnamed.code, 1, 'synthetic jobs never land in an org nobody named');
    assert.match(unnamed.stderr, /--synthetic needs --org <slug>/);
    const seeded = await runCli(['seed', '--synthetic', '25', '--org', 'initech-corp'], env);
    assert.equal(seeded.code, 0, seeded.stderr);
    assert.match(seeded.stdout, /Published 25 synthetic jobs/);
    // PGlite has no autovacuum: without the seed's ANALYZE the planner would think the table empty.
    const database = await openDatabase({ databaseUrl: null, dataDir: env.DATA_DIR, poolMax: 1, statementTimeoutMs: 5000 });
    const [stats] = await queryRows<{ tuples: number }>(database.unscoped, sql`select reltuples::int as tuples from pg_class where relname = 'jobs'`);
    const orgs = await queryRows<{ slug: string }>(database.unscoped, sql`select slug from orgs order by slug`);
    const keys = await queryRows<{ name: string }>(database.unscoped, sql`select k.name from api_keys k join orgs o on o.id = k.org_id where o.slug = 'initech-corp' order by k.name`);
    await database.close();
    assert.ok((stats?.tuples ?? 0) >= 25, `planner statistics: ${JSON.stringify(stats)}`);
    assert.deepEqual(orgs.map((o) => o.slug), ['initech-corp'], 'no org "bench" or other was made behind the user\'s back');
    assert.deepEqual(keys.map((k) => k.name), ['bootstrap', 'integration']);
    const parsed = await runCli(['jd', 'parse', 'data/demo/backend-intern-nodejs-remote.txt', '--json'], {});
    assert.equal(parsed.code, 0, parsed.stderr);
    assert.equal((JSON.parse(parsed.stdout) as { employmentType: string }).employmentType, 'INTERN');
    const help = await runCli(['jobs', 'import', '--help'], {});
    assert.match(help.stdout, /--org <slug>/);
  });
});
