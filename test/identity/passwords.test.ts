import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  hashPassword, needsRehash, passwordProblems, verifyAgainstDummy, verifyPassword,
} from '../../src/modules/identity/accounts/index.ts';

test('argon2id with the OWASP parameters; verify accepts only the right password', async () => {
  const stored = await hashPassword('violet-harbor-sunrise');
  assert.match(stored, /^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  assert.equal(await verifyPassword(stored, 'violet-harbor-sunrise'), true);
  assert.equal(await verifyPassword(stored, 'violet-harbor-sunrisE'), false);
  assert.equal(await verifyPassword('not a hash', 'anything'), false);
  assert.equal(needsRehash(stored), false);
  assert.equal(needsRehash('$argon2id$v=19$m=4096,t=3,p=1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNo'), true);
  assert.equal(needsRehash('$2b$10$abcdefghijklmnopqrstuv'), true);
});

test('an unknown account costs about as much as a wrong password', async () => {
  const stored = await hashPassword('violet-harbor-sunrise');
  await verifyAgainstDummy('warm-up');
  // CPU time, not wall time: the work argon2 does, which another process taking the core (CI runs
  // three test files at once on two cores) cannot inflate on one side only.
  const cost = async (run: () => Promise<boolean>) => {
    const started = process.cpuUsage();
    for (let i = 0; i < 3; i++) await run();
    const used = process.cpuUsage(started);
    return used.user + used.system;
  };
  const real = await cost(() => verifyPassword(stored, 'wrong-password-here'));
  const dummy = await cost(() => verifyAgainstDummy('wrong-password-here'));
  assert.ok(dummy > real * 0.25, `dummy ${dummy} µs of CPU vs real ${real} µs`);
  assert.equal(await verifyAgainstDummy('anything'), false);
});

test('the policy: length, common passwords (also padded), the email and the name', () => {
  assert.deepEqual(passwordProblems('violet-harbor-sunrise', { email: 'ada@example.test', name: 'Ada' }), []);
  assert.match(passwordProblems('short-pw', {}).join(), /at least 12/);
  assert.match(passwordProblems('x'.repeat(200) + 'y'.repeat(57), {}).join(), /at most 256/);
  for (const common of ['password1234', 'Password1234!', 'qwerty123456', '1qaz2wsx3edc', 'iloveyou1234']) {
    assert.match(passwordProblems(common, {}).join(), /commonly used/, common);
  }
  assert.match(passwordProblems('abcabcabcabcabc', {}).join(), /repeats/);
  assert.match(passwordProblems('margaret.hamilton-1936', { email: 'margaret.hamilton@example.test' }).join(), /email/);
  assert.match(passwordProblems('Grace Brewster Hopper', { name: 'grace brewster hopper' }).join(), /your name/);
  // Length is counted in characters, not UTF-16 units or bytes.
  assert.match(passwordProblems('🔒🔒🔒🔒🔒🔒', {}).join(), /at least 12/);
  assert.deepEqual(passwordProblems('żółć-gęślą-jaźń', {}), []);
});

test('refusals never repeat the password', () => {
  const password = 'password1234';
  for (const reason of passwordProblems(password, {})) assert.ok(!reason.includes(password));
});
