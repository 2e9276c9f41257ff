import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import { json, problem, startTestApp, type TestApp } from '../helpers/app.ts';
import { signUp } from '../helpers/identity.ts';

interface SetCookie { name: string; value: string; path?: string; maxAge?: number; expires?: Date; httpOnly?: boolean; secure?: boolean; sameSite?: string }

/** A browser's cookie jar, reduced to what these tests need. */
class Jar {
  readonly cookies = new Map<string, string>();
  take(res: LightMyRequestResponse): SetCookie[] {
    const set = res.cookies as SetCookie[];
    for (const c of set) {
      const gone = c.maxAge === 0 || (c.expires !== undefined && c.expires.getTime() <= Date.now());
      if (gone || c.value === '') this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
    return set;
  }
  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
}

describe('cookie mode for browsers', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp();
  });
  after(() => t.close());

  async function browserLogin(): Promise<{ jar: Jar; csrf: string; refreshCookie: string }> {
    const owner = await signUp(t);
    const jar = new Jar();
    const res = await t.app.inject({ method: 'POST', url: '/v1/auth/login?delivery=cookie', payload: { email: owner.email, password: owner.password } });
    const body = json<Record<string, unknown>>(res);
    const set = jar.take(res);
    assert.equal(body.tokenType, 'Cookie');
    assert.equal(body.accessToken, undefined, 'no token a page script could read');
    assert.equal(body.refreshToken, undefined);
    for (const c of set) {
      assert.equal(c.httpOnly, true, `${c.name} is HttpOnly`);
      assert.equal(c.secure, true, `${c.name} is Secure`);
      assert.equal(c.sameSite, 'Lax', `${c.name} is SameSite=Lax`);
    }
    assert.deepEqual(set.map((c) => c.name).sort(), ['__Host-hl_access', '__Host-hl_csrf', '__Secure-hl_refresh']);
    assert.equal(set.find((c) => c.name === '__Secure-hl_refresh')?.path, '/v1/auth', 'the refresh token travels only to the auth routes');
    return { jar, csrf: String(body.csrfToken), refreshCookie: jar.cookies.get('__Secure-hl_refresh') ?? '' };
  }

  test('the access cookie authenticates reads; writes also need the CSRF token', async () => {
    const { jar, csrf } = await browserLogin();
    const me = await t.app.inject({ method: 'GET', url: '/v1/me', headers: { cookie: jar.header() } });
    assert.equal(me.statusCode, 200);
    const payload = { title: 'Cookie-made job' };
    problem(await t.app.inject({ method: 'POST', url: '/v1/jobs', headers: { cookie: jar.header() }, payload }), 403, 'csrf-failed');
    problem(await t.app.inject({ method: 'POST', url: '/v1/jobs', headers: { cookie: jar.header(), 'x-csrf-token': `${csrf}x` }, payload }), 403, 'csrf-failed');
    const created = await t.app.inject({ method: 'POST', url: '/v1/jobs', headers: { cookie: jar.header(), 'x-csrf-token': csrf }, payload });
    assert.equal(created.statusCode, 201);
  });

  test('a CSRF token minted for another browser does not pass', async () => {
    const first = await browserLogin();
    const second = await browserLogin();
    problem(await t.app.inject({
      method: 'POST', url: '/v1/jobs', headers: { cookie: first.jar.header(), 'x-csrf-token': second.csrf }, payload: { title: 'X' },
    }), 403, 'csrf-failed');
    // After a reload the page asks for a fresh token bound to the same secret.
    const fresh = json<{ csrfToken: string }>(await t.app.inject({ method: 'GET', url: '/v1/auth/csrf', headers: { cookie: first.jar.header() } }));
    const created = await t.app.inject({ method: 'POST', url: '/v1/jobs', headers: { cookie: first.jar.header(), 'x-csrf-token': fresh.csrfToken }, payload: { title: 'X' } });
    assert.equal(created.statusCode, 201);
  });

  test('refresh by cookie rotates the cookies; the old refresh cookie replayed ends the session', async () => {
    const { jar, csrf, refreshCookie } = await browserLogin();
    problem(await t.app.inject({ method: 'POST', url: '/v1/auth/refresh', headers: { cookie: jar.header() }, payload: {} }), 403, 'csrf-failed');
    const refreshed = await t.app.inject({ method: 'POST', url: '/v1/auth/refresh', headers: { cookie: jar.header(), 'x-csrf-token': csrf }, payload: {} });
    assert.equal(json<{ tokenType: string }>(refreshed).tokenType, 'Cookie');
    jar.take(refreshed);
    assert.notEqual(jar.cookies.get('__Secure-hl_refresh'), refreshCookie);
    const replay = `__Secure-hl_refresh=${refreshCookie}; __Host-hl_csrf=${jar.cookies.get('__Host-hl_csrf') ?? ''}`;
    problem(await t.app.inject({ method: 'POST', url: '/v1/auth/refresh', headers: { cookie: replay, 'x-csrf-token': csrf }, payload: {} }), 401, 'unauthenticated');
    problem(await t.app.inject({ method: 'GET', url: '/v1/me', headers: { cookie: jar.header() } }), 401, 'unauthenticated');
  });

  test('cookie-mode refresh and logout take an empty body: none at all, or an empty one labelled JSON', async () => {
    const { jar, csrf } = await browserLogin();
    const noBody = await t.app.inject({ method: 'POST', url: '/v1/auth/refresh?delivery=cookie', headers: { cookie: jar.header(), 'x-csrf-token': csrf } });
    assert.equal(noBody.statusCode, 200, noBody.body);
    assert.equal(json<{ tokenType: string }>(noBody).tokenType, 'Cookie');
    jar.take(noBody);
    const emptyJson = await t.app.inject({
      method: 'POST', url: '/v1/auth/refresh?delivery=cookie', headers: { cookie: jar.header(), 'x-csrf-token': csrf, 'content-type': 'application/json' }, payload: '',
    });
    assert.equal(emptyJson.statusCode, 200, emptyJson.body);
    jar.take(emptyJson);
    // Without a refresh cookie an empty body is still a clear 401, not a parsing error.
    problem(await t.app.inject({ method: 'POST', url: '/v1/auth/refresh' }), 401, 'unauthenticated');
    const out = await t.app.inject({
      method: 'POST', url: '/v1/auth/logout', headers: { cookie: jar.header(), 'x-csrf-token': csrf, 'content-type': 'application/json' }, payload: '',
    });
    assert.equal(out.statusCode, 204, out.body);
    jar.take(out);
    assert.equal(jar.cookies.size, 0);
  });

  test('logout ends the session and clears the cookies', async () => {
    const { jar, csrf } = await browserLogin();
    const before = jar.header();
    const out = await t.app.inject({ method: 'POST', url: '/v1/auth/logout', headers: { cookie: jar.header(), 'x-csrf-token': csrf } });
    assert.equal(out.statusCode, 204);
    jar.take(out);
    assert.equal(jar.cookies.size, 0);
    problem(await t.app.inject({ method: 'GET', url: '/v1/me', headers: { cookie: before } }), 401, 'unauthenticated');
  });

  test('a bearer token needs no CSRF token, even with cookies present', async () => {
    const owner = await signUp(t);
    const { jar } = await browserLogin();
    const created = await t.app.inject({ method: 'POST', url: '/v1/jobs', headers: { ...owner.auth, cookie: jar.header() }, payload: { title: 'Y' } });
    assert.equal(created.statusCode, 201);
  });
});
