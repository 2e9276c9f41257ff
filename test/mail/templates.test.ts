import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { json, problem, publishJob, startTestApp, type TestApp, type TestOrg } from '../helpers/app.ts';
import { join, signUp, type TestUser } from '../helpers/identity.ts';
import { startSmtpServer } from '../helpers/smtp.ts';
import { applyJson } from '../recruiting/applying.helpers.ts';

type Headers = Record<string, string>;
type Smtp = Awaited<ReturnType<typeof startSmtpServer>>;
interface Template { key: string; overridden: boolean; overridable: boolean; subject: string; text: string; html: string; variables: Record<string, unknown>; updatedAt: string | null }
interface Rendered { subject: string; text: string; html: string }

const override = {
  subject: 'Thanks, {{ candidate.name }}!',
  text: 'Dear {{ candidate.name }}, we got your application for {{ job.title }}. Track it: {{ statusUrl }}',
  html: '<h1>Dear {{ candidate.name }}</h1><p><a href="{{ statusUrl }}">Track {{ job.title | upcase }}</a></p>',
};

describe('email templates: per-org overrides, checked when saved, escaped in HTML, previewed', () => {
  let smtp: Smtp;
  let t: TestApp;
  let owner: TestUser;
  let recruiter: TestUser;
  let org: TestOrg;
  let jobId: string;
  const call = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, headers: Headers, payload?: unknown) =>
    t.app.inject({ method, url, headers, ...(payload !== undefined ? { payload: payload as Record<string, unknown> } : {}) });

  before(async () => {
    smtp = await startSmtpServer();
    t = await startTestApp({ SMTP_URL: smtp.url }, { queue: true });
    owner = await signUp(t, { orgName: 'Initech' });
    org = { id: owner.orgId, slug: owner.orgSlug, apiKey: '', auth: owner.auth };
    recruiter = await join(t, owner.auth, 'recruiter');
    jobId = (await publishJob(t, org, { title: 'Printer Tamer' })).id;
  });
  after(async () => {
    await t.close();
    await smtp.close();
  });

  test('the default shows until an override is saved; the override is what arrives, with variables HTML-escaped', async () => {
    const shown = json<Template>(await call('GET', '/v1/email-templates/application-received', owner.auth));
    assert.equal(shown.overridden, false);
    assert.equal(shown.updatedAt, null);
    assert.match(shown.subject, /\{\{ job\.title \}\}/);
    assert.ok('statusUrl' in shown.variables && 'candidate' in shown.variables);

    const saved = await call('PUT', '/v1/email-templates/application-received', owner.auth, override);
    assert.equal(saved.statusCode, 200, saved.body);
    assert.equal(json<Template>(saved).overridden, true);
    assert.deepEqual((({ subject, text, html }) => ({ subject, text, html }))(json<Template>(await call('GET', '/v1/email-templates/application-received', owner.auth))), override);

    const address = `script-${Date.now()}@example.test`;
    const applied = await applyJson(t, org, jobId, { name: '<script>alert(1)</script> & Co', email: address });
    assert.equal(applied.statusCode, 201, applied.body);
    const mail = await smtp.waitFor(address, /^Thanks, /, 20_000);
    assert.equal(mail.subject, 'Thanks, <script>alert(1)</script> & Co!', 'the subject is plain text');
    assert.match(mail.text, /^Dear <script>alert\(1\)<\/script> & Co, we got your application for Printer Tamer\. Track it: https:\/\/jobs\.example\.test\/status\/hlsp_/);
    assert.match(mail.html, /<h1>Dear &lt;script&gt;alert\(1\)&lt;\/script&gt; &amp; Co<\/h1>/);
    assert.ok(!mail.html.includes('<script>'), mail.html);
    assert.match(mail.html, /<a href="https:\/\/jobs\.example\.test\/status\/hlsp_[^"]+">Track PRINTER TAMER<\/a>/);
  });

  test('another org keeps the default', async () => {
    const other = await signUp(t, { orgName: 'Globex' });
    assert.equal(json<Template>(await call('GET', '/v1/email-templates/application-received', other.auth)).overridden, false);
  });

  test('a template that does not parse, or names an unknown variable or filter, is a 400 pointing at the part; nothing is saved', async () => {
    const before = json<Template>(await call('GET', '/v1/email-templates/offer', owner.auth));
    const cases: [Record<string, string>, string, RegExp][] = [
      [{ html: '<p>{% if candidate.name %}unclosed</p>' }, '/html', /not closed/],
      [{ text: 'Hello {{ candiate.name }}' }, '/text', /undefined variable: candiate/],
      [{ subject: 'Offer {{ job.title | shout }}' }, '/subject', /undefined filter: shout/],
      [{ text: '{% include "/etc/passwd" %}' }, '/text', /passwd/],
    ];
    for (const [part, pointer, detail] of cases) {
      const body = problem(await call('PUT', '/v1/email-templates/offer', owner.auth, { subject: before.subject, text: before.text, html: before.html, ...part }), 400, 'validation-failed');
      assert.equal(body.errors?.[0]?.pointer, pointer, JSON.stringify(body));
      assert.match(body.errors?.[0]?.detail ?? '', detail);
    }
    assert.equal(json<Template>(await call('GET', '/v1/email-templates/offer', owner.auth)).overridden, false);
    problem(await call('PUT', '/v1/email-templates/offer', owner.auth, { subject: 'x', text: 'y' }), 400, 'validation-failed');
    problem(await call('GET', '/v1/email-templates/no-such-email', owner.auth), 400, 'validation-failed');
  });

  test('preview renders the template in use or unsaved parts, with sample or given data; a bad one is a 400', async () => {
    const sample = json<Rendered>(await call('POST', '/v1/email-templates/rejection/preview', owner.auth, {}));
    assert.equal(sample.subject, 'Your application for Backend Engineer');
    assert.match(sample.html, /Ada Lovelace/);
    const given = json<Rendered>(await call('POST', '/v1/email-templates/rejection/preview', owner.auth, {
      html: '<b>{{ candidate.name }}</b>', data: { candidate: { name: '<i>Eve</i>' }, org: { name: 'Initech' }, job: { title: 'Tamer' } },
    }));
    assert.equal(given.html, '<b>&lt;i&gt;Eve&lt;/i&gt;</b>');
    assert.equal(given.subject, 'Your application for Tamer', 'the saved subject with the given data');
    const inUse = json<Rendered>(await call('POST', '/v1/email-templates/application-received/preview', owner.auth, {}));
    assert.equal(inUse.subject, 'Thanks, Ada Lovelace!', 'the org\'s override, with the sample data');
    const missing = problem(await call('POST', '/v1/email-templates/rejection/preview', owner.auth, { data: { candidate: { name: 'Eve' } } }), 400, 'validation-failed');
    assert.match(String(missing.detail), /undefined variable: org|undefined variable: job/);
  });

  test('delete goes back to the default; account emails cannot be overridden; recruiters may not touch templates', async () => {
    assert.equal((await call('DELETE', '/v1/email-templates/application-received', owner.auth)).statusCode, 204);
    assert.equal(json<Template>(await call('GET', '/v1/email-templates/application-received', owner.auth)).overridden, false);
    problem(await call('DELETE', '/v1/email-templates/application-received', owner.auth), 404, 'not-found');
    const verify = json<Template>(await call('GET', '/v1/email-templates/verify-email', owner.auth));
    assert.equal(verify.overridable, false);
    problem(await call('PUT', '/v1/email-templates/verify-email', owner.auth, override), 403, 'forbidden');
    problem(await call('GET', '/v1/email-templates/offer', recruiter.auth), 403, 'forbidden');
    problem(await call('PUT', '/v1/email-settings', recruiter.auth, { rejection: { enabled: true, delayMinutes: 5 } }), 403, 'forbidden');
  });
});
