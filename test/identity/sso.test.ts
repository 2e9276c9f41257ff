import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { json, problem, startTestApp, type TestApp } from '../helpers/app.ts';
import { join, signUp, strongPassword, type TestUser } from '../helpers/identity.ts';
import { startSmtpServer, tokenIn } from '../helpers/smtp.ts';
import { browseToCallback, startIdentityProvider, type ProviderAccount, type TestIdentityProvider } from '../helpers/oidc-provider.ts';

const BASE = 'https://jobs.example.test';

describe('single sign-on with OpenID Connect (real provider on 127.0.0.1)', () => {
  let t: TestApp;
  let owner: TestUser;
  let idp: TestIdentityProvider;
  let otherIdp: TestIdentityProvider;
  let callbackPrefix: string;
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;

  before(async () => {
    smtp = await startSmtpServer();
    t = await startTestApp({ PUBLIC_BASE_URL: BASE, APP_BASE_URL: 'https://app.example.test', SMTP_URL: smtp.url }, { queue: true });
    owner = await signUp(t);
    callbackPrefix = `${BASE}/v1/auth/oidc/${owner.orgSlug}/callback`;
    idp = await startIdentityProvider([callbackPrefix]);
    otherIdp = await startIdentityProvider([callbackPrefix]);
    const put = await t.app.inject({
      method: 'PUT', url: '/v1/org/sso', headers: owner.auth,
      payload: { issuer: idp.issuer, clientId: idp.clientId, clientSecret: idp.clientSecret, defaultRole: 'recruiter' },
    });
    assert.equal(put.statusCode, 200, put.body);
  });
  after(async () => {
    await t.close();
    await idp.close();
    await otherIdp.close();
    await smtp.close();
  });

  /** Starts a sign-in; returns the provider URL and the browser cookie the callback needs. */
  async function start(slug = owner.orgSlug): Promise<{ location: string; cookie: string }> {
    const res = await t.app.inject({ method: 'GET', url: `/v1/auth/oidc/${slug}/start?delivery=body` });
    assert.equal(res.statusCode, 302, res.body);
    const sso = (res.cookies as { name: string; value: string }[]).find((c) => c.name === '__Secure-hl_sso');
    assert.ok(sso, 'start sets the browser-binding cookie');
    return { location: String(res.headers.location), cookie: `${sso.name}=${sso.value}` };
  }

  const callback = (url: URL, cookie: string | null) =>
    t.app.inject({ method: 'GET', url: `${url.pathname}${url.search}`, headers: cookie ? { cookie } : {} });

  async function signIn(account: ProviderAccount, at: { slug: string; provider: TestIdentityProvider; prefix: string } = { slug: owner.orgSlug, provider: idp, prefix: callbackPrefix }) {
    at.provider.signInAs(account);
    const { location, cookie } = await start(at.slug);
    const url = new URL(location);
    assert.equal(url.searchParams.get('code_challenge_method'), 'S256');
    assert.ok(url.searchParams.get('state') && url.searchParams.get('nonce'));
    return callback(await browseToCallback(location, at.prefix), cookie);
  }

  /** The owner of an existing account links the org's provider to it: password first, then the provider. */
  async function link(user: { email: string; password: string }, account: ProviderAccount) {
    const res = await t.app.inject({ method: 'POST', url: `/v1/auth/oidc/${owner.orgSlug}/link?delivery=body`, payload: { email: user.email, password: user.password } });
    assert.equal(res.statusCode, 200, res.body);
    const sso = (res.cookies as { name: string; value: string }[]).find((c) => c.name === '__Secure-hl_sso');
    assert.ok(sso);
    idp.signInAs(account);
    return callback(await browseToCallback(json<{ redirectTo: string }>(res).redirectTo, callbackPrefix), `${sso.name}=${sso.value}`);
  }

  test('the org admin sees the connection without its secret; a bad issuer is refused', async () => {
    const got = json<Record<string, unknown>>(await t.app.inject({ method: 'GET', url: '/v1/org/sso', headers: owner.auth }));
    assert.equal(got.issuer, idp.issuer);
    assert.equal(got.redirectUri, callbackPrefix);
    assert.doesNotMatch(JSON.stringify(got), new RegExp(idp.clientSecret));
    const bad = problem(await t.app.inject({
      method: 'PUT', url: '/v1/org/sso', headers: owner.auth,
      payload: { issuer: 'http://127.0.0.1:1/nothing-here', clientId: 'x', clientSecret: 'y' },
    }), 400, 'validation-failed');
    assert.equal(bad.errors?.[0]?.pointer, '/issuer');
    const recruiter = await join(t, owner.auth, 'recruiter');
    problem(await t.app.inject({ method: 'GET', url: '/v1/org/sso', headers: recruiter.auth }), 403, 'forbidden');
  });

  test('the first sign-in provisions the person with the default role; the next finds them again', async () => {
    const account = { sub: 'idp-user-1', email: 'sam.sso@example.test', email_verified: true, name: 'Sam Sso' };
    const first = json<{ role: string; user: { id: string; email: string; emailVerified: boolean }; accessToken: string }>(await signIn(account));
    assert.equal(first.role, 'recruiter');
    assert.equal(first.user.email, account.email);
    assert.equal(first.user.emailVerified, true);
    const me = await t.app.inject({ method: 'GET', url: '/v1/me', headers: { authorization: `Bearer ${first.accessToken}` } });
    assert.equal(me.statusCode, 200);
    const again = json<{ user: { id: string } }>(await signIn(account));
    assert.equal(again.user.id, first.user.id);
    const audit = json<{ data: { action: string }[] }>(await t.app.inject({ method: 'GET', url: '/v1/audit-events?action=sso.user_provisioned', headers: owner.auth }));
    assert.equal(audit.data.length, 1);
  });

  test('an email that already has an account is never enough, verified or not; its owner links the provider with the password', async () => {
    for (const email_verified of [true, false]) {
      const refused = problem(await signIn({ sub: 'idp-owner', email: owner.email, email_verified, name: 'Olive' }), 409, 'sso-account-exists');
      assert.match(String(refused.detail), new RegExp(`POST /v1/auth/oidc/${owner.orgSlug}/link`));
    }
    problem(await t.app.inject({ method: 'POST', url: `/v1/auth/oidc/${owner.orgSlug}/link`, payload: { email: owner.email, password: 'not-the-password-1' } }), 401, 'unauthenticated');
    const linked = await link(owner, { sub: 'idp-owner', email: owner.email, email_verified: true });
    assert.equal(linked.statusCode, 200, linked.body);
    assert.equal(json<{ user: { id: string } }>(linked).user.id, owner.userId);
    // From now on the provider opens this account directly.
    assert.equal(json<{ user: { id: string } }>(await signIn({ sub: 'idp-owner', email: owner.email, email_verified: true })).user.id, owner.userId);
    // A provider account linked to someone cannot be linked to someone else.
    const other = await join(t, owner.auth, 'viewer');
    problem(await link(other, { sub: 'idp-owner', email: owner.email, email_verified: true }), 401, 'sso-failed');
    const links = json<{ data: { data: { proof?: string } }[] }>(await t.app.inject({ method: 'GET', url: '/v1/audit-events?action=sso.identity_linked', headers: owner.auth }));
    assert.deepEqual(links.data.map((e) => e.data.proof), ['password']);
  });

  test('an account a provider made before its mailbox owner arrived: a password reset takes the provider\'s way in away', async () => {
    const account = { sub: 'idp-early', email: 'rightful.owner@example.test', email_verified: true, name: 'Made Early' };
    const made = json<{ user: { id: string } }>(await signIn(account));
    // The mailbox's owner proves the address and sets a password.
    assert.equal((await t.app.inject({ method: 'POST', url: '/v1/auth/password-reset', payload: { email: account.email } })).statusCode, 202);
    const token = tokenIn(await smtp.waitFor(account.email, /password/i), '/reset-password');
    const newPassword = strongPassword();
    const reset = await t.app.inject({ method: 'POST', url: '/v1/auth/password-reset/confirm', payload: { token, newPassword } });
    assert.equal(reset.statusCode, 200, reset.body);
    // The provider no longer opens the account; its owner still can, and may link it again on purpose.
    problem(await signIn(account), 409, 'sso-account-exists');
    const login = await t.app.inject({ method: 'POST', url: '/v1/auth/login', payload: { email: account.email, password: newPassword } });
    assert.equal(login.statusCode, 200, login.body);
    assert.equal(json<{ user: { id: string } }>(await link({ email: account.email, password: newPassword }, account)).user.id, made.user.id);
  });

  test('a tampered state, a swapped nonce, another browser and another issuer are all refused', async () => {
    idp.signInAs({ sub: 'idp-user-2', email: 'neg@example.test', email_verified: true });

    const a = await start();
    const stateUrl = await browseToCallback(a.location, callbackPrefix);
    stateUrl.searchParams.set('state', 'forged-state');
    problem(await callback(stateUrl, a.cookie), 401, 'sso-failed');

    const b = await start();
    const nonceSwapped = new URL(b.location);
    nonceSwapped.searchParams.set('nonce', 'attacker-nonce');
    problem(await callback(await browseToCallback(nonceSwapped.href, callbackPrefix), b.cookie), 401, 'sso-failed');

    const c = await start();
    problem(await callback(await browseToCallback(c.location, callbackPrefix), null), 401, 'sso-failed');

    otherIdp.signInAs({ sub: 'idp-user-2', email: 'neg@example.test', email_verified: true });
    const d = await start();
    const elsewhere = new URL(d.location);
    const other = new URL(otherIdp.issuer);
    elsewhere.host = other.host;
    problem(await callback(await browseToCallback(elsewhere.href, callbackPrefix), d.cookie), 401, 'sso-failed');

    // A callback URL works once, even with the right cookie.
    const e = await start();
    const good = await browseToCallback(e.location, callbackPrefix);
    assert.equal((await callback(good, e.cookie)).statusCode, 200);
    problem(await callback(good, e.cookie), 401, 'sso-failed');

    const failures = json<{ data: { data: { reason: string } }[] }>(await t.app.inject({ method: 'GET', url: '/v1/audit-events?action=sso.login_failed', headers: owner.auth }));
    const [reused, issuer, browser, nonce, state] = failures.data.map((f) => f.data.reason);
    assert.match(state ?? '', /unknown, expired or already used/);
    assert.match(nonce ?? '', /"nonce"/);
    assert.match(browser ?? '', /another browser/);
    assert.match(issuer ?? '', /"iss"/);
    assert.match(reused ?? '', /already used/);
  });

  test('requiring SSO ends password sessions and refuses password sign-in for all but owners', async () => {
    const recruiter = await join(t, owner.auth, 'recruiter');
    const put = await t.app.inject({
      method: 'PUT', url: '/v1/org/sso', headers: owner.auth,
      payload: { issuer: idp.issuer, clientId: idp.clientId, clientSecret: idp.clientSecret, defaultRole: 'recruiter', requireSso: true },
    });
    assert.equal(put.statusCode, 200);
    problem(await t.app.inject({ method: 'GET', url: '/v1/me', headers: recruiter.auth }), 401, 'unauthenticated');
    problem(await t.app.inject({ method: 'POST', url: '/v1/auth/login', payload: { email: recruiter.email, password: recruiter.password } }), 403, 'sso-required');
    const ownerLogin = await t.app.inject({ method: 'POST', url: '/v1/auth/login', payload: { email: owner.email, password: owner.password } });
    assert.equal(ownerLogin.statusCode, 200);
    assert.equal((await t.app.inject({ method: 'GET', url: '/v1/me', headers: owner.auth })).statusCode, 200);
    // Password sessions are refused here, yet the recruiter can still link the provider with the password.
    problem(await signIn({ sub: 'idp-recruiter', email: recruiter.email, email_verified: true }), 409, 'sso-account-exists');
    const viaSso = await link(recruiter, { sub: 'idp-recruiter', email: recruiter.email, email_verified: true });
    assert.equal(json<{ role: string }>(viaSso).role, 'recruiter');
    assert.equal(json<{ role: string }>(await signIn({ sub: 'idp-recruiter', email: recruiter.email, email_verified: true })).role, 'recruiter');
  });

  test('account takeover: an attacker\'s own org and provider asserting a victim\'s verified email get nothing', async () => {
    const victim = await signUp(t);
    const secondDevice = json<{ sessionId: string }>(await t.app.inject({ method: 'POST', url: '/v1/auth/login', payload: { email: victim.email, password: victim.password } }));
    const sessionsBefore = json<{ data: { id: string }[] }>(await t.app.inject({ method: 'GET', url: '/v1/me/sessions', headers: victim.auth })).data.map((s) => s.id).sort();
    assert.ok(sessionsBefore.includes(secondDevice.sessionId));

    // Anyone can sign up, own an org, and register a provider they run.
    const attacker = await signUp(t);
    const attackerPrefix = `${BASE}/v1/auth/oidc/${attacker.orgSlug}/callback`;
    const evil = await startIdentityProvider([attackerPrefix]);
    try {
      for (const requireSso of [false, true]) {
        const put = await t.app.inject({
          method: 'PUT', url: '/v1/org/sso', headers: attacker.auth,
          payload: { issuer: evil.issuer, clientId: evil.clientId, clientSecret: evil.clientSecret, defaultRole: 'admin', requireSso },
        });
        assert.equal(put.statusCode, 200, put.body);
        const res = await signIn({ sub: 'attacker-controlled', email: victim.email, email_verified: true, name: 'Victim' }, { slug: attacker.orgSlug, provider: evil, prefix: attackerPrefix });
        problem(res, 409, 'sso-account-exists');
        assert.equal(res.json<Record<string, unknown>>().accessToken, undefined);
      }
    } finally {
      await evil.close();
    }

    // The victim: same memberships, every session still live and working.
    const me = json<{ memberships: { orgId: string }[] }>(await t.app.inject({ method: 'GET', url: '/v1/me', headers: victim.auth }));
    assert.deepEqual(me.memberships.map((m) => m.orgId), [victim.orgId]);
    const sessionsAfter = json<{ data: { id: string }[] }>(await t.app.inject({ method: 'GET', url: '/v1/me/sessions', headers: victim.auth })).data.map((s) => s.id).sort();
    assert.deepEqual(sessionsAfter, sessionsBefore);
    // The attacker's org: the victim was not added, and the refusals are on record there.
    const members = json<{ data: { userId: string }[] }>(await t.app.inject({ method: 'GET', url: '/v1/members', headers: attacker.auth }));
    assert.deepEqual(members.data.map((m) => m.userId), [attacker.userId]);
    const refusals = json<{ data: { data: { reason: string } }[] }>(await t.app.inject({ method: 'GET', url: '/v1/audit-events?action=sso.login_failed', headers: attacker.auth }));
    assert.equal(refusals.data.length, 2);
    const provisioned = json<{ data: unknown[] }>(await t.app.inject({ method: 'GET', url: '/v1/audit-events?action=sso.identity_linked', headers: attacker.auth }));
    assert.deepEqual(provisioned.data, []);
  });
});
