import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { json, problem, startTestApp, type TestApp } from '../helpers/app.ts';
import { signUp, type TestUser } from '../helpers/identity.ts';

/** Anyone can invite any address to an org of their own, and then knock at POST /v1/invitations/accept. */
async function inviteVictim(t: TestApp, attacker: TestUser, victim: TestUser): Promise<string> {
  const res = await t.app.inject({ method: 'POST', url: '/v1/invitations', headers: attacker.auth, payload: { email: victim.email, role: 'viewer' } });
  assert.equal(res.statusCode, 201, res.body);
  return json<{ token: string }>(res).token;
}

interface AuditRow { action: string; target: { id: string } | null; data: { via?: string } }

describe('password guessing through invitation acceptance', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp();
  });
  after(() => t.close());

  test('wrong passwords at acceptance lock the victim\'s account like failed sign-ins, and are audited in the victim\'s org', async () => {
    const victim = await signUp(t);
    const attacker = await signUp(t);
    const token = await inviteVictim(t, attacker, victim);
    const accept = (password: string) => t.app.inject({ method: 'POST', url: '/v1/invitations/accept', payload: { token, password } });
    for (let i = 0; i < 5; i++) problem(await accept(`guess-number-${i}-abcdef`), 401, 'unauthenticated');
    // Locked now: the right password no longer gets in, here or at the sign-in.
    problem(await accept(victim.password), 429, 'rate-limited');
    problem(await t.app.inject({ method: 'POST', url: '/v1/auth/login', payload: { email: victim.email, password: victim.password } }), 429, 'rate-limited');
    const members = json<{ data: { userId: string }[] }>(await t.app.inject({ method: 'GET', url: '/v1/members', headers: attacker.auth }));
    assert.ok(!members.data.some((m) => m.userId === victim.userId), 'the attacker\'s org did not get the victim');

    const audit = json<{ data: AuditRow[] }>(await t.app.inject({ method: 'GET', url: `/v1/audit-events?targetId=${victim.userId}`, headers: victim.auth }));
    const failures = audit.data.filter((e) => e.action === 'auth.login_failed' || e.action === 'auth.locked_out');
    assert.equal(failures.length, 5);
    assert.ok(failures.every((e) => e.data.via === 'invitation'));
    assert.equal(failures.filter((e) => e.action === 'auth.locked_out').length, 1);
  });

  test('failures at sign-in, acceptance and password change add up to one lockout', async () => {
    const victim = await signUp(t);
    const attacker = await signUp(t);
    const token = await inviteVictim(t, attacker, victim);
    for (let i = 0; i < 2; i++) problem(await t.app.inject({ method: 'POST', url: '/v1/auth/login', payload: { email: victim.email, password: `nope-${i}-abcdefgh` } }), 401, 'unauthenticated');
    for (let i = 0; i < 2; i++) problem(await t.app.inject({ method: 'POST', url: '/v1/invitations/accept', payload: { token, password: `nope-${i}-abcdefgh` } }), 401, 'unauthenticated');
    problem(await t.app.inject({
      method: 'PUT', url: '/v1/me/password', headers: victim.auth, payload: { currentPassword: 'not-the-current-one', newPassword: 'a-brand-new-long-passphrase' },
    }), 400, 'validation-failed');
    problem(await t.app.inject({ method: 'POST', url: '/v1/invitations/accept', payload: { token, password: victim.password } }), 429, 'rate-limited');
  });
});

describe('the per-account limit covers invitation acceptance', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp({ AUTH_RATE_LIMIT_PER_ACCOUNT: '3' });
  });
  after(() => t.close());

  test('attempts at sign-in and at acceptance count against the same per-account limit', async () => {
    const victim = await signUp(t);
    const attacker = await signUp(t);
    const token = await inviteVictim(t, attacker, victim);
    for (let i = 0; i < 2; i++) problem(await t.app.inject({ method: 'POST', url: '/v1/auth/login', payload: { email: victim.email, password: `nope-${i}-abcdefgh` } }), 401, 'unauthenticated');
    const third = await t.app.inject({ method: 'POST', url: '/v1/invitations/accept', payload: { token, password: 'nope-3-abcdefgh' } });
    problem(third, 401, 'unauthenticated');
    assert.equal(third.headers['ratelimit-remaining'], '0');
    const limited = problem(await t.app.inject({ method: 'POST', url: '/v1/invitations/accept', payload: { token, password: victim.password } }), 429, 'rate-limited');
    assert.match(String(limited.detail), /for this account/);
  });
});
