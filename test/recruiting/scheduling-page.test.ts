import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createJob, startTestApp, type TestApp } from '../helpers/app.ts';
import { join, signUp, type TestUser } from '../helpers/identity.ts';
import { addApplicant } from '../helpers/recruiting.ts';

const form = (fields: Record<string, string>) => ({
  payload: new URLSearchParams(fields).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' },
});
const radios = (page: string) => [...page.matchAll(/name="start" value="([^"]+)"/g)].map((m) => m[1]);

describe('the self-scheduling page a candidate opens from the link', () => {
  let t: TestApp;
  let owner: TestUser;
  let pagePath: string;
  let applicationId: string;

  before(async () => {
    t = await startTestApp();
    owner = await signUp(t);
    const interviewer = await join(t, owner.auth, 'interviewer');
    const jobId = (await createJob(t, { id: owner.orgId, slug: owner.orgSlug, apiKey: '', auth: owner.auth })).id;
    assert.ok((await t.app.inject({ method: 'PUT', url: `/v1/jobs/${jobId}/team/${interviewer.userId}`, headers: owner.auth })).statusCode < 300);
    const free = await t.app.inject({
      method: 'PUT', url: '/v1/me/availability', headers: interviewer.auth, payload: { windows: [{ start: '2030-03-10T10:00:00Z', end: '2030-03-10T12:00:00Z' }] },
    });
    assert.equal(free.statusCode, 200, free.body);
    applicationId = (await addApplicant(t, owner.orgId, jobId, { email: 'grace@example.test', name: 'Grace Hopper' })).applicationId;
    const created = await t.app.inject({
      method: 'POST', url: `/v1/applications/${applicationId}/scheduling-links`, headers: owner.auth,
      payload: { interviewers: [interviewer.userId], durationMinutes: 60, kind: 'phone', from: '2030-03-10T00:00:00Z', to: '2030-03-11T00:00:00Z' },
    });
    assert.equal(created.statusCode, 201, created.body);
    const { url } = created.json<{ url: string }>();
    assert.ok(url.startsWith(`${t.config.publicBaseUrl}/schedule/`), `the link is the page a person opens: ${url}`);
    pagePath = new URL(url).pathname;
  });
  after(() => t.close());

  test('lists the free slots by day in the zone the candidate picks, privately', async () => {
    const res = await t.app.inject({ method: 'GET', url: `${pagePath}?timeZone=Europe%2FParis` });
    assert.equal(res.statusCode, 200, res.body);
    assert.match(String(res.headers['content-type']), /^text\/html/);
    assert.equal(res.headers['cache-control'], 'private, no-store');
    assert.equal(res.headers['referrer-policy'], 'no-referrer');
    assert.match(res.body, /<h1>Book your interview<\/h1>/);
    assert.match(res.body, /a 60-minute phone interview/);
    assert.match(res.body, /<legend>Sunday, March 10, 2030<\/legend>/);
    // 10:00–12:00 UTC is 11:00–13:00 in Paris: slots start at 11:00 and 11:30 and 12:00 local.
    assert.deepEqual(radios(res.body), ['2030-03-10T10:00:00.000Z', '2030-03-10T10:30:00.000Z', '2030-03-10T11:00:00.000Z']);
    assert.match(res.body, /<label for="slot-1">11:00 AM – 12:00 PM<\/label>/);
    assert.match(res.body, /<option selected>Europe\/Paris<\/option>/);
    assert.doesNotMatch(res.body, /<script/i, 'works without JavaScript');
  });

  test('a bad zone, a missing choice and a taken time each come back as a page that says what to do', async () => {
    const badZone = await t.app.inject({ method: 'GET', url: `${pagePath}?timeZone=Mars%2FOlympus` });
    assert.equal(badZone.statusCode, 400);
    assert.match(badZone.body, /The time zone is not valid/);

    const none = await t.app.inject({ method: 'POST', url: pagePath, ...form({ timeZone: 'UTC' }) });
    assert.equal(none.statusCode, 400);
    assert.match(none.body, /Please pick a time first/);
    assert.equal(radios(none.body).length, 3, 'the slots are still there to pick from');

    const taken = await t.app.inject({ method: 'POST', url: pagePath, ...form({ start: '2030-03-10T14:00:00.000Z', timeZone: 'UTC' }) });
    assert.equal(taken.statusCode, 409);
    assert.match(taken.body, /Someone just took that time/);
    assert.equal(radios(taken.body).length, 3);
  });

  test('booking a slot sends the browser back to the page, which shows the booking; the link books no more', async () => {
    const booked = await t.app.inject({ method: 'POST', url: pagePath, ...form({ start: '2030-03-10T10:30:00.000Z', timeZone: 'Europe/Paris' }) });
    assert.equal(booked.statusCode, 303, booked.body);
    assert.equal(booked.headers.location, `${pagePath}?timeZone=Europe%2FParis`);

    const shown = await t.app.inject({ method: 'GET', url: String(booked.headers.location) });
    assert.equal(shown.statusCode, 200);
    assert.match(shown.body, /<h1>Your interview is booked<\/h1>/);
    assert.match(shown.body, /Sunday, March 10, 2030, 11:30 AM – 12:30 PM<\/time> \(Europe\/Paris time\)/);
    assert.deepEqual(radios(shown.body), []);

    const interviews = (await t.app.inject({ method: 'GET', url: `/v1/applications/${applicationId}/interviews`, headers: owner.auth })).json<{ data: { start: string; timeZone: string }[] }>();
    assert.deepEqual(interviews.data.map((i) => [i.start, i.timeZone]), [['2030-03-10T10:30:00.000Z', 'Europe/Paris']]);

    const again = await t.app.inject({ method: 'POST', url: pagePath, ...form({ start: '2030-03-10T11:00:00.000Z' }) });
    assert.equal(again.statusCode, 409);
    assert.match(again.body, /already booked an interview/);
  });

  test('an unknown link is a page saying it does not work', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/schedule/hlsl_${'A'.repeat(43)}` });
    assert.equal(res.statusCode, 404);
    assert.match(res.body, /This link does not work/);
  });
});
