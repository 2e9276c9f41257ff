import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { runCli, startServe } from '../helpers/processes.ts';

// These run the embedded profile in child processes on both suites: the lock guards PGlite's directory.
const root = mkdtempSync(join(tmpdir(), 'hireline-lock-'));
after(() => rmSync(root, { recursive: true, force: true }));

describe('one process per embedded data directory', () => {
  test('a CLI write while the server runs is refused at once, and nothing it reports done is lost', async (t) => {
    const env = { DATA_DIR: join(root, 'shared-dir'), SEED_DEMO: 'false' };
    const server = await startServe(env, (fn) => t.after(fn));

    const refused = await runCli(['org', 'create', 'My Co'], env);
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, new RegExp(`in use by another Hireline process \\(pid ${server.child.pid}`));
    assert.match(refused.stderr, /Stop that process first/);
    assert.doesNotMatch(refused.stdout, /hl_/, 'no key is printed for an org that was not made');
    const keyRefused = await runCli(['keys', 'create', '--org', 'my-co'], env);
    assert.equal(keyRefused.code, 1);

    assert.equal(await server.stop(), 0);
    assert.equal(existsSync(join(env.DATA_DIR, 'hireline.pid')), false, 'a clean shutdown releases the directory');

    const created = await runCli(['org', 'create', 'My Co'], env);
    assert.equal(created.code, 0, created.stderr);
    const extra = await runCli(['keys', 'create', '--org', 'my-co', '--name', 'integration'], env);
    assert.equal(extra.code, 0, extra.stderr);
    const key = /API key \(shown once, store it now\): (hl_[\w-]{43})/.exec(extra.stdout)?.[1];
    assert.ok(key, extra.stdout);

    // After a restart, the server sees what the CLI wrote, and the new key works.
    const again = await startServe(env, (fn) => t.after(fn));
    const board = await fetch(`${again.url}/v1/boards/my-co/jobs`);
    assert.equal(board.status, 200);
    const keys = await fetch(`${again.url}/v1/api-keys`, { headers: { authorization: `Bearer ${key}` } });
    assert.equal(keys.status, 200);
    const names = ((await keys.json()) as { data: { name: string }[] }).data.map((k) => k.name).sort();
    assert.deepEqual(names, ['bootstrap', 'integration']);
    assert.equal(await again.stop(), 0);
  });

  test('a directory left by a killed process is taken over', async (t) => {
    const env = { DATA_DIR: join(root, 'crashed'), SEED_DEMO: 'false' };
    const server = await startServe(env, (fn) => t.after(fn));
    await server.stop('SIGKILL');
    assert.equal(existsSync(join(env.DATA_DIR, 'hireline.pid')), true, 'kill -9 leaves the pid file behind');
    const created = await runCli(['org', 'create', 'After Crash'], env);
    assert.equal(created.code, 0, created.stderr);
    assert.match(created.stdout, /slug after-crash/);
  });

  test('keys create names a missing org; seed --synthetic needs --org', async () => {
    const env = { DATA_DIR: join(root, 'cli') };
    const missing = await runCli(['keys', 'create', '--org', 'nobody'], env);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /No organization with slug "nobody"/);
    const unnamed = await runCli(['seed', '--synthetic', '5'], env);
    assert.equal(unnamed.code, 1);
    assert.match(unnamed.stderr, /--synthetic needs --org <slug>/);
    const list = await runCli(['org', 'create', 'Bench'], env);
    assert.equal(list.code, 0, 'no org "bench" was made behind the user\'s back');
  });
});
