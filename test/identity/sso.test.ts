import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { json, problem, startTestApp, type TestApp } from '../helpers/app.ts';
import { join, signUp, type TestUser } from '../helpers/identity.ts';
import { browseToCallback, startIdentityProvider, type ProviderAccount, type TestIdentityProvider } from '../helpers/oidc-provider.ts';

const BASE = 'https://jobs.example.test';

describe('single sign-on with OpenID Connect (real provider on 127.0.0.1)', () => {
  let t: TestApp;
  let owner: TestUser;
  let idp: TestIdentityProvider;
  let otherIdp: TestIdentityProvider;
  let callbackPrefix: string;

  before(async () => {
    t = await startTestApp({ PUBLIC_BASE_URL: BASE, APP_BASE_URL: 'https://app.example.test' });
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
  });

  /** Starts a sign-in; returns the provider URL and the browser cookie the callback needs. */
  async function start(): Promise<{ location: string; cookie: string }> {
    const res = await t.app.inject({ method: 'GET', url: `/v1/auth/oidc/${owner.orgSlug}/start?delivery=body` });
    assert.equal(res.statusCode, 302, res.body);
    const sso = (res.cookies as { name: string; value: string }[]).find((c) => c.name === '__Secure-hl_sso');
    assert.ok(sso, 'start sets the browser-binding cookie');
    return { location: String(res.headers.location), cookie: `${sso.name}=${sso.value}` };
  }

  const callback = (url: URL, cookie: string | null) =>
    t.app.inject({ method: 'GET', url: `${url.pathname}${url.search}`, headers: cookie ? { cookie } : {} });

  async function signIn(account: ProviderAccount) {
    idp.signInAs(account);
    const { location, cookie } = await start();
    const url = new URL(location);
    assert.equal(url.searchParams.get('code_challenge_method'), 'S256');
    assert.ok(url.searchParams.get('state') && url.searchParams.get('nonce'));
    return callback(await browseToCallback(location, callbackPrefix), cookie);
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

  test('a verified email links to an existing account; an unverified one does not', async () => {
    const linked = json<{ user: { id: string } }>(await signIn({ sub: 'idp-owner', email: owner.email, email_verified: true, name: 'Olive' }));
    assert.equal(linked.user.id, owner.userId);
    const existing = await join(t, owner.auth, 'viewer');
    problem(await signIn({ sub: 'idp-impostor', email: existing.email, email_verified: false }), 401, 'sso-failed');
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
    const viaSso = await signIn({ sub: 'idp-recruiter', email: recruiter.email, email_verified: true });
    assert.equal(json<{ role: string }>(viaSso).role, 'recruiter');
  });
});
