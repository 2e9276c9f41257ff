import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { DataDirInUseError } from '../../src/infra/db/data-dir-lock.ts';
import { openDatabase } from '../../src/infra/db/database.ts';
import { runCli, startServe } from '../helpers/processes.ts';

// The lock guards PGlite's directory, so these use the embedded profile whatever the suite: the
// server-profile suite would only repeat them.
const root = mkdtempSync(join(tmpdir(), 'hireline-lock-'));
after(() => rmSync(root, { recursive: true, force: true }));

const open = (dataDir: string) => openDatabase({ databaseUrl: null, dataDir, poolMax: 1, statementTimeoutMs: 5000 });
const pidFile = (dataDir: string) => join(dataDir, 'hireline.pid');

describe('one process per embedded data directory', { skip: process.env.TEST_PROFILE === 'postgres' ? 'embedded-only; the embedded suite runs it' : false }, () => {
  test('a CLI write while the server runs is refused at once, and nothing it reports done is lost', async (t) => {
    const env = { DATA_DIR: join(root, 'shared-dir'), SEED_DEMO: 'false' };
    const server = await startServe(env, (fn) => t.after(fn));

    const refused = await runCli(['org', 'create', 'My Co'], env);
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, new RegExp(`in use by another Hireline process \\(pid ${server.child.pid}`));
    assert.match(refused.stderr, /Stop that process first/);
    assert.doesNotMatch(refused.stdout, /hl_/, 'no key is printed for an org that was not made');

    assert.equal(await server.stop(), 0);
    assert.equal(existsSync(pidFile(env.DATA_DIR)), false, 'a clean shutdown releases the directory');
    const created = await runCli(['org', 'create', 'My Co'], env);
    assert.equal(created.code, 0, created.stderr);

    // After a restart, the server sees what the CLI wrote.
    const again = await startServe(env, (fn) => t.after(fn));
    assert.equal((await fetch(`${again.url}/v1/boards/my-co/jobs`)).status, 200);
    assert.equal(await again.stop(), 0);
  });

  test('a live holder is named; a dead holder\'s file (kill -9) is taken over and released on close', async () => {
    const dataDir = join(root, 'in-process');
    mkdirSync(dataDir, { recursive: true });
    // The test runner that started this file is alive and is not this process.
    writeFileSync(pidFile(dataDir), JSON.stringify({ pid: process.ppid, command: 'serve', startedAt: '2026-01-01T00:00:00.000Z' }));
    await assert.rejects(open(dataDir), (err: unknown) => err instanceof DataDirInUseError && err.holder.pid === process.ppid && /kill \d+/.test(err.message));

    const dead = spawnSync(process.execPath, ['-e', '']).pid;
    assert.ok(dead);
    writeFileSync(pidFile(dataDir), JSON.stringify({ pid: dead, command: 'serve', startedAt: '2026-01-01T00:00:00.000Z' }));
    const database = await open(dataDir);
    assert.equal((JSON.parse(readFileSync(pidFile(dataDir), 'utf8')) as { pid: number }).pid, process.pid);
    await assert.rejects(open(dataDir), DataDirInUseError, 'the same directory cannot be opened twice, even by one process');
    await database.close();
    assert.equal(existsSync(pidFile(dataDir)), false);

    writeFileSync(pidFile(dataDir), 'cut short by a crash');
    const reopened = await open(dataDir);
    await reopened.close();
  });
});
