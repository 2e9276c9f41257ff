import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { hashSecretToken } from '../../src/infra/crypto/secret-tokens.ts';
import { queryRows } from '../../src/infra/db/database.ts';
import { json, problem, startTestApp, type TestApp } from '../helpers/app.ts';
import { signUp, strongPassword } from '../helpers/identity.ts';

describe('sign-up, sign-in, tokens and sessions', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp();
  });
  after(() => t.close());

  const login = (email: string, password: string, headers: Record<string, string> = {}) =>
    t.app.inject({ method: 'POST', url: '/v1/auth/login', payload: { email, password }, headers });

  test('sign-up creates an owner and an org; the access token works and the JWKS verifies it', async () => {
    const owner = await signUp(t);
    const me = json<{ role: string; user: { email: string }; org: { id: string } }>(await t.app.inject({ method: 'GET', url: '/v1/me', headers: owner.auth }));
    assert.equal(me.role, 'owner');
    assert.equal(me.org.id, owner.orgId);
    const [header] = owner.accessToken.split('.');
    const { kid, alg } = JSON.parse(Buffer.from(header ?? '', 'base64url').toString()) as { kid: string; alg: string };
    assert.equal(alg, 'EdDSA');
    const jwks = json<{ keys: { kid: string; d?: string }[] }>(await t.app.inject({ method: 'GET', url: '/.well-known/jwks.json' }));
    assert.ok(jwks.keys.some((k) => k.kid === kid));
    assert.ok(jwks.keys.every((k) => k.d === undefined), 'no private key material');
    // The org is usable right away: the owner can create a job.
    const created = await t.app.inject({ method: 'POST', url: '/v1/jobs', headers: owner.auth, payload: { title: 'First hire' } });
    assert.equal(created.statusCode, 201);
  });

  test('sign-up refuses weak passwords field by field, and a taken email', async () => {
    const weak = problem(await t.app.inject({
      method: 'POST', url: '/v1/auth/signup', payload: { email: 'weak@example.test', password: 'password1234', name: 'W', orgName: 'Weak' },
    }), 400, 'validation-failed');
    assert.equal(weak.errors?.[0]?.pointer, '/password');
    assert.doesNotMatch(JSON.stringify(weak), /password1234/, 'never echoes the password');
    problem(await t.app.inject({
      method: 'POST', url: '/v1/auth/signup', payload: { email: 'short@example.test', password: 'Sh0rt!', name: 'S', orgName: 'Short' },
    }), 400, 'validation-failed');
    const owner = await signUp(t);
    problem(await t.app.inject({
      method: 'POST', url: '/v1/auth/signup', payload: { email: owner.email.toUpperCase(), password: strongPassword(), name: 'Again', orgName: 'Again' },
    }), 409, 'conflict');
  });

  test('unknown email and wrong password get the same answer', async () => {
    const owner = await signUp(t);
    const wrong = problem(await login(owner.email, 'not-the-password-at-all'), 401, 'unauthenticated');
    const unknown = problem(await login('nobody-here@example.test', 'not-the-password-at-all'), 401, 'unauthenticated');
    assert.equal(wrong.detail, unknown.detail);
    const ok = await login(owner.email, owner.password);
    assert.equal(ok.statusCode, 200);
    assert.equal(ok.headers['cache-control'], 'no-store');
  });

  test('repeated failures lock the account, even against the right password', async () => {
    const owner = await signUp(t);
    for (let i = 0; i < 5; i++) problem(await login(owner.email, `wrong-password-${i}-xyz`), 401, 'unauthenticated');
    const locked = await login(owner.email, owner.password);
    problem(locked, 429, 'rate-limited');
    assert.ok(Number(locked.headers['retry-after']) >= 1);
    const audit = json<{ data: { action: string }[] }>(await t.app.inject({ method: 'GET', url: '/v1/audit-events?action=auth.locked_out', headers: owner.auth }));
    assert.equal(audit.data.length, 1);
  });

  test('a refresh token works once; replaying it ends the whole session', async () => {
    const owner = await signUp(t);
    const first = await t.app.inject({ method: 'POST', url: '/v1/auth/refresh', payload: { refreshToken: owner.refreshToken } });
    assert.equal(first.statusCode, 200);
    const rotated = first.json<{ accessToken: string; refreshToken: string }>();
    assert.notEqual(rotated.refreshToken, owner.refreshToken);
    const fresh = { authorization: `Bearer ${rotated.accessToken}` };
    assert.equal((await t.app.inject({ method: 'GET', url: '/v1/me', headers: fresh })).statusCode, 200);

    problem(await t.app.inject({ method: 'POST', url: '/v1/auth/refresh', payload: { refreshToken: owner.refreshToken } }), 401, 'unauthenticated');
    problem(await t.app.inject({ method: 'GET', url: '/v1/me', headers: fresh }), 401, 'unauthenticated');
    problem(await t.app.inject({ method: 'POST', url: '/v1/auth/refresh', payload: { refreshToken: rotated.refreshToken } }), 401, 'unauthenticated');
    const again = await login(owner.email, owner.password);
    const audit = json<{ data: { action: string }[] }>(await t.app.inject({
      method: 'GET', url: '/v1/audit-events?action=auth.refresh_reused', headers: { authorization: `Bearer ${again.json<{ accessToken: string }>().accessToken}` },
    }));
    assert.equal(audit.data.length, 1);
  });

  test('two refreshes racing with one token: one wins, and the session is then ended as a replay', async () => {
    const owner = await signUp(t);
    const results = await Promise.all([1, 2].map(() => t.app.inject({ method: 'POST', url: '/v1/auth/refresh', payload: { refreshToken: owner.refreshToken } })));
    assert.deepEqual(results.map((r) => r.statusCode).sort(), [200, 401]);
    const winner = results.find((r) => r.statusCode === 200)?.json<{ accessToken: string; refreshToken: string; sessionId: string }>();
    assert.ok(winner);
    assert.equal(winner.sessionId, owner.sessionId);
    // The session is over: neither the winner's new tokens nor the old access token work, and it is no longer listed.
    problem(await t.app.inject({ method: 'POST', url: '/v1/auth/refresh', payload: { refreshToken: winner.refreshToken } }), 401, 'unauthenticated');
    for (const token of [winner.accessToken, owner.accessToken]) {
      problem(await t.app.inject({ method: 'GET', url: '/v1/me', headers: { authorization: `Bearer ${token}` } }), 401, 'unauthenticated');
    }
    const again = json<{ accessToken: string; sessionId: string }>(await login(owner.email, owner.password));
    const headers = { authorization: `Bearer ${again.accessToken}` };
    const sessions = json<{ data: { id: string }[] }>(await t.app.inject({ method: 'GET', url: '/v1/me/sessions', headers }));
    assert.deepEqual(sessions.data.map((s) => s.id), [again.sessionId]);
    const audit = json<{ data: { target: { id: string } | null }[] }>(await t.app.inject({ method: 'GET', url: '/v1/audit-events?action=auth.refresh_reused', headers }));
    assert.deepEqual(audit.data.map((e) => e.target?.id), [owner.sessionId]);
  });

  test('logout ends the session at once; logout-everywhere ends all of them', async () => {
    const owner = await signUp(t);
    const second = json<{ accessToken: string }>(await login(owner.email, owner.password));
    const third = json<{ accessToken: string }>(await login(owner.email, owner.password));
    const sessions = json<{ data: { id: string; current: boolean }[] }>(await t.app.inject({ method: 'GET', url: '/v1/me/sessions', headers: owner.auth }));
    assert.equal(sessions.data.length, 3);
    assert.equal(sessions.data.filter((s) => s.current).length, 1);

    assert.equal((await t.app.inject({ method: 'POST', url: '/v1/auth/logout', headers: { authorization: `Bearer ${second.accessToken}` } })).statusCode, 204);
    problem(await t.app.inject({ method: 'GET', url: '/v1/me', headers: { authorization: `Bearer ${second.accessToken}` } }), 401, 'unauthenticated');

    const ended = json<{ endedSessions: number }>(await t.app.inject({ method: 'POST', url: '/v1/auth/logout-everywhere', headers: owner.auth }));
    assert.equal(ended.endedSessions, 2);
    for (const token of [owner.accessToken, third.accessToken]) {
      problem(await t.app.inject({ method: 'GET', url: '/v1/me', headers: { authorization: `Bearer ${token}` } }), 401, 'unauthenticated');
    }
  });

  test('ending one of your sessions by id; another user\'s session id is a 404', async () => {
    const owner = await signUp(t);
    const other = await signUp(t);
    problem(await t.app.inject({ method: 'DELETE', url: `/v1/me/sessions/${other.sessionId}`, headers: owner.auth }), 404, 'not-found');
    assert.equal((await t.app.inject({ method: 'GET', url: '/v1/me', headers: other.auth })).statusCode, 200);
    const second = json<{ sessionId: string; accessToken: string }>(await login(owner.email, owner.password));
    assert.equal((await t.app.inject({ method: 'DELETE', url: `/v1/me/sessions/${second.sessionId}`, headers: owner.auth })).statusCode, 204);
    problem(await t.app.inject({ method: 'GET', url: '/v1/me', headers: { authorization: `Bearer ${second.accessToken}` } }), 401, 'unauthenticated');
  });

  test('changing the password needs the current one and ends the other sessions', async () => {
    const owner = await signUp(t);
    const other = json<{ accessToken: string }>(await login(owner.email, owner.password));
    const next = strongPassword();
    const bad = problem(await t.app.inject({ method: 'PUT', url: '/v1/me/password', headers: owner.auth, payload: { currentPassword: 'nope-nope-nope', newPassword: next } }), 400, 'validation-failed');
    assert.equal(bad.errors?.[0]?.pointer, '/currentPassword');
    const changed = await t.app.inject({ method: 'PUT', url: '/v1/me/password', headers: owner.auth, payload: { currentPassword: owner.password, newPassword: next } });
    assert.deepEqual(changed.json(), { endedSessions: 1 });
    problem(await t.app.inject({ method: 'GET', url: '/v1/me', headers: { authorization: `Bearer ${other.accessToken}` } }), 401, 'unauthenticated');
    assert.equal((await t.app.inject({ method: 'GET', url: '/v1/me', headers: owner.auth })).statusCode, 200, 'this session stays');
    problem(await login(owner.email, owner.password), 401, 'unauthenticated');
    assert.equal((await login(owner.email, next)).statusCode, 200);
  });

  test('forged and broken tokens never pass', async () => {
    const owner = await signUp(t);
    const [header, payload, signature] = owner.accessToken.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
    const none = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'at+jwt' })).toString('base64url')}.${payload}.`;
    const tampered = `${header}.${Buffer.from(JSON.stringify({ ...claims, role: 'owner', org: 'org_someone_else' })).toString('base64url')}.${signature}`;
    const wrongSignature = `${header}.${payload}.${Buffer.from('x'.repeat(64)).toString('base64url')}`;
    for (const token of [none, tampered, wrongSignature, 'garbage', `${owner.accessToken}x`, 'a'.repeat(5000)]) {
      problem(await t.app.inject({ method: 'GET', url: '/v1/me', headers: { authorization: `Bearer ${token}` } }), 401, 'unauthenticated');
    }
  });

  test('an API key cannot use routes meant for a person', async () => {
    problem(await t.app.inject({ method: 'GET', url: '/v1/me', headers: t.org.auth }), 403, 'forbidden');
  });
});

describe('rate limits on credential routes', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp({ AUTH_RATE_LIMIT_PER_IP: '3' });
  });
  after(() => t.close());

  test('the fourth sign-in from one address in a minute is a 429 with Retry-After and RateLimit headers', async () => {
    const attempt = () => t.app.inject({ method: 'POST', url: '/v1/auth/login', payload: { email: 'someone@example.test', password: 'whatever-it-is' } });
    for (let i = 0; i < 3; i++) {
      const res = await attempt();
      assert.equal(res.statusCode, 401);
      assert.equal(res.headers['ratelimit-limit'], '3');
      assert.equal(res.headers['ratelimit-remaining'], String(2 - i));
    }
    const limited = await attempt();
    problem(limited, 429, 'rate-limited');
    assert.ok(Number(limited.headers['retry-after']) >= 1);
    assert.equal(limited.headers['ratelimit-remaining'], '0');
  });
});

describe('per-account limit on token refresh', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp({ AUTH_RATE_LIMIT_PER_ACCOUNT: '2' });
  });
  after(() => t.close());

  test('the third refresh for one account in a minute is a 429, and the refused token is not spent', async () => {
    const owner = await signUp(t);
    const refresh = (refreshToken: string) => t.app.inject({ method: 'POST', url: '/v1/auth/refresh', payload: { refreshToken } });
    let token = owner.refreshToken;
    for (let i = 0; i < 2; i++) {
      const res = await refresh(token);
      assert.equal(res.statusCode, 200, res.body);
      token = json<{ refreshToken: string }>(res).refreshToken;
    }
    const limited = await refresh(token);
    problem(limited, 429, 'rate-limited');
    assert.ok(Number(limited.headers['retry-after']) >= 1);
    const [row] = await queryRows<{ used: boolean }>(t.container.database.unscoped, sql`select used_at is not null as used from refresh_tokens where hash = ${hashSecretToken(token)}`);
    assert.equal(row?.used, false, 'the refusal rolled back, so the token still works after the wait');
  });
});
