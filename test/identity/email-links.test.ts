import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { json, problem, startTestApp, type TestApp } from '../helpers/app.ts';
import { signUp, strongPassword } from '../helpers/identity.ts';
import { startSmtpServer, tokenIn } from '../helpers/smtp.ts';

describe('emailed links: verification, password reset, invitations (real SMTP)', () => {
  let t: TestApp;
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  before(async () => {
    smtp = await startSmtpServer();
    t = await startTestApp({ SMTP_URL: smtp.url, APP_BASE_URL: 'https://app.example.test' }, { queue: true });
  });
  after(async () => {
    await t.close();
    await smtp.close();
  });

  const me = async (auth: { authorization: string }) => json<{ user: { emailVerified: boolean } }>(await t.app.inject({ method: 'GET', url: '/v1/me', headers: auth }));
  const confirmEmail = (token: string) => t.app.inject({ method: 'POST', url: '/v1/auth/email-verification/confirm', payload: { token } });
  const requestReset = (email: string) => t.app.inject({ method: 'POST', url: '/v1/auth/password-reset', payload: { email } });
  const confirmReset = (token: string, newPassword: string) =>
    t.app.inject({ method: 'POST', url: '/v1/auth/password-reset/confirm', payload: { token, newPassword } });

  test('sign-up mails a verification link that works once', async () => {
    const owner = await signUp(t);
    assert.equal((await me(owner.auth)).user.emailVerified, false);
    const mail = await smtp.waitFor(owner.email, /Confirm your email/);
    assert.match(mail.text, /https:\/\/app\.example\.test\/verify-email\?token=/);
    const token = tokenIn(mail, '/verify-email');
    assert.match(token, /^hlv_[\w-]{43}$/, 'a verification token says what it is');
    assert.equal((await confirmEmail(token)).statusCode, 204);
    assert.equal((await me(owner.auth)).user.emailVerified, true);
    problem(await confirmEmail(token), 400, 'validation-failed');
    const audit = json<{ data: { action: string }[] }>(await t.app.inject({ method: 'GET', url: '/v1/audit-events?action=auth.email_verified', headers: owner.auth }));
    assert.equal(audit.data.length, 1);
  });

  test('asking again mails a new link and spends the old one', async () => {
    const owner = await signUp(t);
    const first = tokenIn(await smtp.waitFor(owner.email, /Confirm your email/), '/verify-email');
    const again = await t.app.inject({ method: 'POST', url: '/v1/me/email-verification', headers: owner.auth });
    assert.equal(again.statusCode, 202);
    await waitUntil(() => smtp.inbox.filter((m) => m.to === owner.email && /Confirm/.test(m.subject)).length === 2);
    const second = tokenIn(smtp.inbox.filter((m) => m.to === owner.email).at(-1) ?? { to: '', subject: '', text: '' }, '/verify-email');
    problem(await confirmEmail(first), 400, 'validation-failed');
    assert.equal((await confirmEmail(second)).statusCode, 204);
  });

  test('a password reset answers alike for unknown addresses, works once, ends every session', async () => {
    const owner = await signUp(t);
    const unknown = await requestReset('nobody-here@example.test');
    const known = await requestReset(owner.email.toUpperCase());
    assert.equal(unknown.statusCode, 202);
    assert.equal(known.statusCode, 202);
    assert.equal(unknown.body, known.body);
    const token = tokenIn(await smtp.waitFor(owner.email, /Reset your Hireline password/), '/reset-password');
    assert.match(token, /^hlp_[\w-]{43}$/, 'a reset token has its own prefix, not the refresh tokens\' hlr_');
    assert.ok(!smtp.inbox.some((m) => m.to === 'nobody-here@example.test'), 'no mail for an address without an account');

    // A weak password is refused without spending the link.
    const weak = problem(await confirmReset(token, 'password1234'), 400, 'validation-failed');
    assert.equal(weak.errors?.[0]?.pointer, '/newPassword');
    const newPassword = strongPassword();
    const done = json<{ endedSessions: number }>(await confirmReset(token, newPassword));
    assert.equal(done.endedSessions, 1);
    problem(await t.app.inject({ method: 'GET', url: '/v1/me', headers: owner.auth }), 401, 'unauthenticated');
    problem(await confirmReset(token, strongPassword()), 400, 'validation-failed');

    const oldLogin = await t.app.inject({ method: 'POST', url: '/v1/auth/login', payload: { email: owner.email, password: owner.password } });
    assert.equal(oldLogin.statusCode, 401);
    const login = await t.app.inject({ method: 'POST', url: '/v1/auth/login', payload: { email: owner.email, password: newPassword } });
    assert.equal(login.statusCode, 200);
    assert.equal(json<{ user: { emailVerified: boolean } }>(login).user.emailVerified, true, 'the reset proved the mailbox');
  });

  test('only the newest reset link works, and none after an hour', async () => {
    const owner = await signUp(t);
    await requestReset(owner.email);
    const first = tokenIn(await smtp.waitFor(owner.email, /Reset/), '/reset-password');
    await requestReset(owner.email);
    await waitUntil(() => smtp.inbox.filter((m) => m.to === owner.email && /Reset/.test(m.subject)).length === 2);
    const second = tokenIn(smtp.inbox.filter((m) => m.to === owner.email && /Reset/.test(m.subject)).at(-1) ?? { to: '', subject: '', text: '' }, '/reset-password');
    problem(await confirmReset(first, strongPassword()), 400, 'validation-failed');
    // Move the link's expiry an hour into the past, as if the user came back late.
    await t.container.database.unscoped.execute(sql`update email_links set expires_at = now() - interval '1 second' where purpose = 'reset-password' and used_at is null`);
    problem(await confirmReset(second, strongPassword()), 400, 'validation-failed');
  });

  test('an invitation is mailed to the invitee, and its link signs them in', async () => {
    const owner = await signUp(t);
    const email = `invitee-${Date.now()}@example.test`;
    const invited = await t.app.inject({ method: 'POST', url: '/v1/invitations', headers: owner.auth, payload: { email, role: 'recruiter' } });
    assert.equal(invited.statusCode, 201);
    const mail = await smtp.waitFor(email, /invited to join/);
    const token = tokenIn(mail, '/accept-invitation');
    const accepted = await t.app.inject({ method: 'POST', url: '/v1/invitations/accept', payload: { token, password: strongPassword(), name: 'Ivy Invitee' } });
    assert.equal(accepted.statusCode, 200);
    assert.equal(json<{ role: string }>(accepted).role, 'recruiter');
  });
});

async function waitUntil(check: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}
