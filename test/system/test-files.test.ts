import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { test } from 'node:test';

const list = (profile: string): string[] =>
  execFileSync(process.execPath, ['scripts/test-files.mjs', '--files'], { env: { ...process.env, TEST_PROFILE: profile }, encoding: 'utf8' }).trim().split('\n');

test('the server-profile run leaves out only the test files that can reach no server', () => {
  const embedded = list('pglite');
  const server = list('postgres');
  assert.ok(embedded.includes('test/system/test-files.test.ts') && embedded.includes('test/jd/jd.title.test.ts'), 'the embedded run has every file');
  assert.ok(server.every((file) => embedded.includes(file)));
  // Pure parsing reaches no database; a file built on the test app does, and so does one using Redis's helper.
  assert.ok(!server.includes('test/jd/jd.title.test.ts'));
  assert.ok(server.includes('test/recruiting/applying.test.ts'));
  assert.ok(server.includes('test/events/stream-redis.test.ts'));
});
