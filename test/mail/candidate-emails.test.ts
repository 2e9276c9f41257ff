import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { json, publishJob, startTestApp, type TestApp, type TestOrg } from '../helpers/app.ts';
import { join, signUp, type TestUser } from '../helpers/identity.ts';
import { addApplicant } from '../helpers/recruiting.ts';
import { startSmtpServer, type ReceivedMail } from '../helpers/smtp.ts';
import { applyJson } from '../recruiting/applying.helpers.ts';

type Headers = Record<string, string>;
type Smtp = Awaited<ReturnType<typeof startSmtpServer>>;
const WAIT_MS = 20_000;

/** The link in a mail's text that starts with `prefix` (a status page, a scheduling link). */
const linkIn = (mail: ReceivedMail, prefix: string): string => {
  const found = new RegExp(`${prefix.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}[^\\s]+`).exec(mail.text);
  assert.ok(found, `no ${prefix} link in: ${mail.text}`);
  return found[0];
};

describe('candidate emails through a real SMTP server', () => {
  let smtp: Smtp;
  let t: TestApp;
  let owner: TestUser;
  let interviewer: TestUser;
  let org: TestOrg;
  let jobId: string;
  let n = 0;
  const email = () => `candidate-${++n}-${Date.now()}@example.test`;
  const call = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, headers: Headers, payload?: unknown) =>
    t.app.inject({ method, url, headers, ...(payload !== undefined ? { payload: payload as Record<string, unknown> } : {}) });
  const ok = async <T>(method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown): Promise<T> => {
    const res = await call(method, url, owner.auth, payload);
    assert.ok(res.statusCode < 300, `${method} ${url}: ${res.statusCode} ${res.body}`);
    return res.json<T>();
  };
  const applicant = async (name = 'Grace Hopper') => {
    const address = email();
    return { address, ...(await addApplicant(t, org.id, jobId, { email: address, name })) };
  };

  before(async () => {
    smtp = await startSmtpServer();
    // Applicant tracking's time runs 59 s behind: a rejection email due a minute after the decision (its time) is due a second from now (ours).
    t = await startTestApp({ SMTP_URL: smtp.url, MAIL_RETRY_DELAY_SECONDS: '1' }, { clock: () => new Date(Date.now() - 59_000), queue: true });
    owner = await signUp(t, { orgName: 'Acme Robotics' });
    org = { id: owner.orgId, slug: owner.orgSlug, apiKey: '', auth: owner.auth };
    interviewer = await join(t, owner.auth, 'recruiter');
    jobId = (await publishJob(t, org, { title: 'Robot Whisperer' })).id;
  });
  after(async () => {
    await t.close();
    await smtp.close();
  });

  test('application received: to the applicant, with a status-page link that opens their page', async () => {
    const address = email();
    const res = await applyJson(t, org, jobId, { name: 'Ada Lovelace', email: address });
    assert.equal(res.statusCode, 201, res.body);
    const mail = await smtp.waitFor(address, /We received your application for Robot Whisperer/, WAIT_MS);
    assert.match(mail.text, /Hello Ada Lovelace/);
    assert.match(mail.html, /<strong>Robot Whisperer<\/strong> at Acme Robotics/);
    const url = new URL(linkIn(mail, `${t.config.publicBaseUrl}/status/`));
    const page = await t.app.inject({ method: 'GET', url: `/v1${url.pathname}`, headers: { accept: 'application/json' } });
    assert.equal(page.statusCode, 200, page.body);
    assert.equal(json<{ candidate: { name: string } }>(page).candidate.name, 'Ada Lovelace');
  });

  test('a status-page link a recruiter issues is emailed to the candidate', async () => {
    const { address, candidateId } = await applicant('Katherine Johnson');
    const issued = await ok<{ url: string }>('POST', `/v1/candidates/${candidateId}/status-link`);
    const mail = await smtp.waitFor(address, /Your applications at Acme Robotics/, WAIT_MS);
    assert.equal(linkIn(mail, `${t.config.publicBaseUrl}/status/`), issued.url);
  });

  test('scheduling link: emailed with the very link the API answered', async () => {
    const { address, applicationId } = await applicant('Dorothy Vaughan');
    const created = await ok<{ url: string }>('POST', `/v1/applications/${applicationId}/scheduling-links`, {
      interviewers: [interviewer.userId], durationMinutes: 45, kind: 'video', videoUrl: 'https://meet.example.test/xyz',
      from: '2030-03-10T00:00:00.000Z', to: '2030-03-12T00:00:00.000Z',
    });
    const mail = await smtp.waitFor(address, /Pick a time for your interview for Robot Whisperer/, WAIT_MS);
    assert.equal(linkIn(mail, `${t.config.publicBaseUrl}/schedule/`), created.url);

    // The candidate books a slot through it: the invitation follows, as for one a recruiter schedules.
    const windows = await call('PUT', '/v1/me/availability', interviewer.auth, { windows: [{ start: '2030-03-10T09:00:00.000Z', end: '2030-03-10T12:00:00.000Z' }] });
    assert.equal(windows.statusCode, 200, windows.body);
    const path = new URL(created.url).pathname.replace(/^\/schedule\//, '/v1/scheduling/');
    const slot = (await call('GET', `${path}?timeZone=UTC`, {})).json<{ slots: { start: string }[] }>().slots[0];
    assert.ok(slot, 'a free slot');
    const booked = await call('POST', `${path}/booking`, {}, { start: slot.start });
    assert.equal(booked.statusCode, 201, booked.body);
    const invitation = await smtp.waitFor(address, /^Interview for Robot Whisperer: 2030-03-10 /, WAIT_MS);
    assert.equal(invitation.attachments[0]?.filename, 'invite.ics');
  });

  test('interview invitation: local time in the subject and the .ics attached', async () => {
    const { address, applicationId } = await applicant('Mary Jackson');
    const interview = await ok<{ id: string }>('POST', `/v1/applications/${applicationId}/interviews`, {
      start: '2030-03-10T09:00:00Z', end: '2030-03-10T10:00:00Z', timeZone: 'Europe/Berlin', kind: 'video',
      videoUrl: 'https://meet.example.test/abc', interviewers: [interviewer.userId],
    });
    const mail = await smtp.waitFor(address, /^Interview for Robot Whisperer: 2030-03-10 10:00 \(Europe\/Berlin\)$/, WAIT_MS);
    assert.match(mail.text, /Where: https:\/\/meet\.example\.test\/abc/);
    const [ics] = mail.attachments;
    assert.ok(ics, 'an attachment');
    assert.equal(ics.filename, 'invite.ics');
    assert.match(ics.contentType, /^text\/calendar/);
    assert.match(ics.content, /METHOD:PUBLISH/);
    assert.match(ics.content, new RegExp(`UID:[^\\r\\n]*${interview.id}`));
  });

  test('offer: emailed when sent, with the status page to answer it', async () => {
    const { address, applicationId } = await applicant('Annie Easley');
    const offer = await ok<{ id: string }>('POST', `/v1/applications/${applicationId}/offers`, {
      salary: { amount: 90000, currency: 'EUR', period: 'year' }, startDate: '2031-01-15', approvers: [],
    });
    await ok('POST', `/v1/offers/${offer.id}/submit`, {});
    assert.equal(smtp.inbox.some((m) => m.to === address), false, 'nothing before the offer is sent');
    await ok('POST', `/v1/offers/${offer.id}/send`, {});
    const mail = await smtp.waitFor(address, /Your offer for Robot Whisperer at Acme Robotics/, WAIT_MS);
    const page = await t.app.inject({ method: 'GET', url: `/v1${new URL(linkIn(mail, `${t.config.publicBaseUrl}/status/`)).pathname}`, headers: { accept: 'application/json' } });
    assert.equal(json<{ offers: unknown[] }>(page).offers.length, 1, 'the link opens the page with the offer to answer');
  });

  test('an email never revokes the status-page link the candidate holds: it points to it instead', async () => {
    const { address, candidateId, applicationId } = await applicant('Evelyn Boyd');
    const issued = await ok<{ apiUrl: string }>('POST', `/v1/candidates/${candidateId}/status-link`);
    const offer = await ok<{ id: string }>('POST', `/v1/applications/${applicationId}/offers`, {
      salary: { amount: 70000, currency: 'EUR', period: 'year' }, startDate: '2031-02-01', approvers: [],
    });
    await ok('POST', `/v1/offers/${offer.id}/submit`, {});
    await ok('POST', `/v1/offers/${offer.id}/send`, {});
    const mail = await smtp.waitFor(address, /Your offer for Robot Whisperer/, WAIT_MS);
    assert.match(mail.text, /the link in our earlier email/);
    assert.ok(!mail.text.includes('/status/'), mail.text);
    const page = await t.app.inject({ method: 'GET', url: new URL(issued.apiUrl).pathname, headers: { accept: 'application/json' } });
    assert.equal(page.statusCode, 200, 'the issued link still opens the page');
  });

  test('rejection: off by default; once on, it waits for the delay, and reopening cancels it', async () => {
    const reasonId = (await ok<{ data: { id: string }[] }>('GET', '/v1/rejection-reasons')).data[0]?.id;
    assert.ok(reasonId);
    const off = await applicant('Off By Default');
    await ok('POST', `/v1/applications/${off.applicationId}/reject`, { reasonId });
    assert.deepEqual(await ok('GET', '/v1/email-settings'), { rejection: { enabled: false, delayMinutes: 2880 } });

    await ok('PUT', '/v1/email-settings', { rejection: { enabled: true, delayMinutes: 1 } });
    const reopened = await applicant('Changed Their Mind');
    await ok('POST', `/v1/applications/${reopened.applicationId}/reject`, { reasonId });
    await ok('POST', `/v1/applications/${reopened.applicationId}/unreject`, {});
    const rejected = await applicant('Really Rejected');
    await ok('POST', `/v1/applications/${rejected.applicationId}/reject`, { reasonId });
    const [waiting] = await t.container.mail.mailbox.list({ to: rejected.address, limit: 1 });
    assert.ok(waiting);
    assert.equal(waiting.status, 'queued');
    const delay = waiting.sendAfter.getTime() - waiting.createdAt.getTime();
    assert.ok(delay > 59_000 && delay <= 60_000, `due a minute after the decision, not ${delay} ms`);
    assert.equal(smtp.inbox.some((m) => m.to === rejected.address), false, 'not at once');
    const mail = await smtp.waitFor(rejected.address, /Your application for Robot Whisperer/, WAIT_MS);
    assert.match(mail.text, /not to move forward/);
    const bulk = await applicant('Rejected In Bulk');
    const results = await ok<{ results: { ok: boolean }[] }>('POST', '/v1/applications/bulk/reject', { applicationIds: [bulk.applicationId], reasonId });
    assert.equal(results.results[0]?.ok, true);
    await smtp.waitFor(bulk.address, /Your application for Robot Whisperer/, WAIT_MS);
    const [cancelled] = await t.container.mail.mailbox.list({ to: reopened.address, limit: 1 });
    assert.equal(cancelled?.status, 'cancelled');
    assert.equal(smtp.inbox.some((m) => m.to === reopened.address || m.to === off.address), false, 'neither the reopened nor the one rejected while off');
  });
});
