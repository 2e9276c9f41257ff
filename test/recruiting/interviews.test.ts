import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import ical, { type VEvent } from 'node-ical';
import { Value } from 'typebox/value';
import { catalogue } from '../../src/modules/events/index.ts';
import { createJob, problem, startTestApp, type TestApp, type TestOrg } from '../helpers/app.ts';
import { join, signUp, type TestUser } from '../helpers/identity.ts';
import { addApplicant } from '../helpers/recruiting.ts';

interface Interview {
  id: string; applicationId: string; jobId: string; candidateId: string; kind: string; status: string; start: string; end: string; timeZone: string;
  location: string | null; videoUrl: string | null; agenda: string | null; interviewers: string[]; sequence: number; cancelReason: string | null;
}
type Headers = Record<string, string>;

/** The one VEVENT of a calendar text, with the calendar's METHOD. */
function parseInvite(text: string): { method: string | undefined; event: VEvent } {
  const parsed = ical.sync.parseICS(text);
  const events = Object.values(parsed).filter((c): c is VEvent => c?.type === 'VEVENT');
  assert.equal(events.length, 1, text);
  const [event] = events;
  assert.ok(event);
  return { method: parsed.vcalendar?.method, event };
}

describe('interviews and their calendar invites', () => {
  let t: TestApp;
  let owner: TestUser;
  let org: TestOrg;
  let recruiter: TestUser;
  let interviewer: TestUser;
  let offTeam: TestUser;
  let viewer: TestUser;
  let stranger: TestUser;
  let jobId: string;
  let applicationId: string;
  let candidateId: string;

  const call = (method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, headers: Headers, payload?: unknown) =>
    t.app.inject({ method, url, headers, ...(payload !== undefined ? { payload: payload as Record<string, unknown> } : {}) });
  const plan = (overrides: Record<string, unknown> = {}) => ({
    start: '2030-03-10T09:00:00Z', end: '2030-03-10T10:00:00Z', timeZone: 'Europe/Berlin', kind: 'video',
    videoUrl: 'https://meet.example.test/abc-defg', interviewers: [interviewer.userId], agenda: 'System design', ...overrides,
  });
  const schedule = async (overrides: Record<string, unknown> = {}, forApplication = applicationId): Promise<Interview> => {
    const res = await call('POST', `/v1/applications/${forApplication}/interviews`, recruiter.auth, plan(overrides));
    assert.equal(res.statusCode, 201, res.body);
    return res.json<Interview>();
  };
  const invite = async (id: string, who: Headers = recruiter.auth) => {
    const res = await call('GET', `/v1/interviews/${id}/invite.ics`, who);
    assert.equal(res.statusCode, 200, res.body);
    assert.match(String(res.headers['content-type']), /^text\/calendar/);
    return { text: res.body, ...parseInvite(res.body) };
  };

  before(async () => {
    t = await startTestApp();
    owner = await signUp(t);
    org = { id: owner.orgId, slug: owner.orgSlug, apiKey: '', auth: owner.auth };
    recruiter = await join(t, owner.auth, 'recruiter');
    interviewer = await join(t, owner.auth, 'interviewer');
    offTeam = await join(t, owner.auth, 'interviewer');
    viewer = await join(t, owner.auth, 'viewer');
    stranger = await signUp(t);
    jobId = (await createJob(t, org)).id;
    const seated = await call('PUT', `/v1/jobs/${jobId}/team/${interviewer.userId}`, owner.auth);
    assert.ok(seated.statusCode < 300, seated.body);
    ({ applicationId, candidateId } = await addApplicant(t, org.id, jobId, { email: 'ada@example.test', name: 'Ada Lovelace' }));
  });
  after(() => t.close());

  test('scheduling answers the interview, lists it on the application, writes history and interview.scheduled', async () => {
    const res = await call('POST', `/v1/applications/${applicationId}/interviews`, recruiter.auth, plan({ timeZone: 'europe/berlin', interviewers: [interviewer.userId, interviewer.userId] }));
    assert.equal(res.statusCode, 201, res.body);
    const interview = res.json<Interview>();
    assert.equal(res.headers.location, `/v1/interviews/${interview.id}`);
    assert.equal(res.headers.etag, '"0"');
    assert.match(interview.id, /^intv_[0-9a-f]{32}$/);
    assert.deepEqual(
      { status: interview.status, sequence: interview.sequence, timeZone: interview.timeZone, interviewers: interview.interviewers, candidateId: interview.candidateId, jobId: interview.jobId },
      { status: 'scheduled', sequence: 0, timeZone: 'Europe/Berlin', interviewers: [interviewer.userId], candidateId, jobId },
    );
    assert.equal(interview.start, '2030-03-10T09:00:00.000Z');

    const got = await call('GET', `/v1/interviews/${interview.id}`, interviewer.auth);
    assert.equal(got.statusCode, 200, got.body);
    assert.deepEqual(got.json(), interview);
    const listed = await call('GET', `/v1/applications/${applicationId}/interviews`, viewer.auth);
    assert.ok(listed.json<{ data: Interview[] }>().data.some((i) => i.id === interview.id));

    const history = (await call('GET', `/v1/applications/${applicationId}/history`, recruiter.auth)).json<{ data: { action: string; actor: { id: string | null } }[] }>().data;
    assert.ok(history.some((h) => h.action === 'interview_scheduled' && h.actor.id === recruiter.userId), JSON.stringify(history));
    const events = (await call('GET', `/v1/events?type=interview.scheduled&subjectId=${interview.id}`, owner.auth)).json<{ data: { payload: unknown }[] }>().data;
    assert.equal(events.length, 1);
    const definition = catalogue.find((d) => d.type === 'interview.scheduled');
    assert.ok(definition && Value.Check(definition.payload, events[0]?.payload), 'interview.scheduled follows its schema');
  });

  test('the invite is an iTIP REQUEST with a stable UID, the interview\'s TZID and its people', async () => {
    const interview = await schedule();
    const { text, method, event } = await invite(interview.id, interviewer.auth);
    assert.equal(method, 'REQUEST');
    assert.equal(event.uid, `${interview.id}@hireline`);
    assert.equal(Number(event.sequence), 0);
    assert.match(text, /DTSTART;TZID=Europe\/Berlin:20300310T100000/, 'wall-clock time in Berlin (UTC+1 in March)');
    assert.match(text, /DTEND;TZID=Europe\/Berlin:20300310T110000/);
    const zone = /BEGIN:VTIMEZONE\r\nTZID:Europe\/Berlin\r\n[\s\S]*?END:VTIMEZONE/.exec(text)?.[0] ?? '';
    assert.match(zone, /BEGIN:DAYLIGHT\r\nDTSTART:20290325T020000\r\nTZOFFSETFROM:\+0100\r\nTZOFFSETTO:\+0200/, 'a VTIMEZONE with the zone\'s real transitions');
    assert.equal(event.start.tz, 'Europe/Berlin');
    assert.equal(event.start.toISOString(), '2030-03-10T09:00:00.000Z');
    assert.match(String(event.summary), /Video interview: Ada Lovelace/);
    const attendees = [event.attendee ?? []].flat().map((a) => String(typeof a === 'string' ? a : a.val).toLowerCase());
    assert.deepEqual(attendees, [`mailto:${interviewer.email}`]);
    const organizer = event.organizer;
    assert.equal(String(typeof organizer === 'string' ? organizer : organizer?.val).toLowerCase(), `mailto:${recruiter.email}`);
    assert.equal(event.status, 'CONFIRMED');

    const summer = await schedule({ start: '2030-07-01T15:30:00+02:00', end: '2030-07-01T16:15:00+02:00', timeZone: 'America/New_York', kind: 'onsite', location: 'Room 4', videoUrl: undefined });
    const { text: summerText } = await invite(summer.id);
    assert.match(summerText, /DTSTART;TZID=America\/New_York:20300701T093000/, 'New York wall clock in July (UTC-4)');
    assert.match(summerText, /LOCATION:Room 4/);
    assert.equal(parseInvite(summerText).event.start.toISOString(), '2030-07-01T13:30:00.000Z', 'read back through its VTIMEZONE');

    const utc = await schedule({ timeZone: 'UTC' });
    const { text: utcText } = await invite(utc.id);
    assert.match(utcText, /DTSTART:20300310T090000Z/, 'UTC interviews are written in UTC');
    assert.ok(!utcText.includes('VTIMEZONE'));
  });

  test('rescheduling raises the sequence (If-Match checked); a no-op keeps it; cancelling sends METHOD:CANCEL; a cancelled one cannot change', async () => {
    const interview = await schedule();
    const moved = await call('PATCH', `/v1/interviews/${interview.id}`, { ...recruiter.auth, 'if-match': '"0"' }, { start: '2030-03-11T13:00:00Z', end: '2030-03-11T14:00:00Z' });
    assert.equal(moved.statusCode, 200, moved.body);
    assert.equal(moved.json<Interview>().sequence, 1);
    assert.equal(moved.headers.etag, '"1"');
    const rescheduled = await invite(interview.id);
    assert.equal(rescheduled.event.uid, `${interview.id}@hireline`, 'the same calendar entry');
    assert.equal(Number(rescheduled.event.sequence), 1);
    assert.equal(rescheduled.event.start.toISOString(), '2030-03-11T13:00:00.000Z');
    const [changedEvent] = (await call('GET', `/v1/events?type=interview.rescheduled&subjectId=${interview.id}`, owner.auth)).json<{ data: { payload: { changed: string[] } }[] }>().data;
    assert.deepEqual(changedEvent?.payload.changed, ['start', 'end']);
    const rescheduledDefinition = catalogue.find((d) => d.type === 'interview.rescheduled');
    assert.ok(rescheduledDefinition && Value.Check(rescheduledDefinition.payload, changedEvent?.payload), 'interview.rescheduled follows its schema');

    problem(await call('PATCH', `/v1/interviews/${interview.id}`, { ...recruiter.auth, 'if-match': '"0"' }, { agenda: 'Stale' }), 409, 'version-conflict');
    const same = await call('PATCH', `/v1/interviews/${interview.id}`, recruiter.auth, { start: '2030-03-11T13:00:00Z' });
    assert.equal(same.json<Interview>().sequence, 1, 'nothing changed, so nothing to re-send');

    const cancelled = await call('POST', `/v1/interviews/${interview.id}/cancel`, recruiter.auth, { reason: 'Candidate asked to postpone' });
    assert.equal(cancelled.statusCode, 200, cancelled.body);
    assert.deepEqual([cancelled.json<Interview>().status, cancelled.json<Interview>().sequence], ['cancelled', 2]);
    const cancel = await invite(interview.id);
    assert.equal(cancel.method, 'CANCEL');
    assert.equal(cancel.event.status, 'CANCELLED');
    assert.equal(Number(cancel.event.sequence), 2);
    assert.equal(cancel.event.uid, `${interview.id}@hireline`);
    const history = (await call('GET', `/v1/applications/${applicationId}/history`, recruiter.auth)).json<{ data: { action: string; note: string | null }[] }>().data;
    assert.ok(history.some((h) => h.action === 'interview_cancelled' && h.note === 'Candidate asked to postpone'));

    problem(await call('PATCH', `/v1/interviews/${interview.id}`, recruiter.auth, { agenda: 'Too late' }), 409, 'invalid-state-transition');
    problem(await call('POST', `/v1/interviews/${interview.id}/cancel`, recruiter.auth), 409, 'invalid-state-transition');
  });

  test('bad times, zones, places and interviewers are 400s at the field; an unknown or closed application is a 404 or 409', async () => {
    const post = (body: Record<string, unknown>, id = applicationId) => call('POST', `/v1/applications/${id}/interviews`, recruiter.auth, body);
    const pointers = async (body: Record<string, unknown>) => problem(await post(body), 400, 'validation-failed').errors?.map((e) => e.pointer);
    assert.deepEqual(await pointers(plan({ end: '2030-03-10T08:00:00Z' })), ['/end']);
    assert.deepEqual(await pointers(plan({ end: '2030-03-10T09:00:00Z' })), ['/end'], 'a zero-length interview');
    assert.deepEqual(await pointers(plan({ timeZone: 'Mars/Olympus_Mons' })), ['/timeZone']);
    assert.deepEqual(await pointers(plan({ timeZone: '+02:00' })), ['/timeZone']);
    assert.deepEqual(await pointers(plan({ videoUrl: undefined })), ['/videoUrl']);
    assert.deepEqual(await pointers(plan({ videoUrl: 'javascript:alert(1)' })), ['/videoUrl']);
    assert.deepEqual(await pointers(plan({ kind: 'onsite', videoUrl: undefined })), ['/location']);
    assert.deepEqual(await pointers(plan({ interviewers: [interviewer.userId, stranger.userId] })), ['/interviewers/1']);
    assert.deepEqual(await pointers(plan({ interviewers: [offTeam.userId] })), ['/interviewers/0'], 'an interviewer off the job could not open it');
    problem(await post(plan({ start: '2030-02-30T09:00:00Z' })), 400, 'validation-failed');

    problem(await post(plan(), 'app_0000000000000000000000000000dead'), 404, 'not-found');
    const withdrawn = await addApplicant(t, org.id, jobId, { email: 'withdrawn@example.test' });
    assert.equal((await call('POST', `/v1/applications/${withdrawn.applicationId}/withdraw`, recruiter.auth, {})).statusCode, 200);
    problem(await post(plan(), withdrawn.applicationId), 409, 'invalid-state-transition');

    const interview = await schedule();
    const patched = problem(await call('PATCH', `/v1/interviews/${interview.id}`, recruiter.auth, { end: '2030-03-10T08:00:00Z' }), 400, 'validation-failed');
    assert.equal(patched.errors?.[0]?.pointer, '/end');
  });

  test('access: another org sees 404, a viewer may read but not schedule, an interviewer reads only jobs they are on', async () => {
    const interview = await schedule();
    problem(await call('GET', `/v1/interviews/${interview.id}`, stranger.auth), 404, 'not-found');
    problem(await call('GET', `/v1/interviews/${interview.id}/invite.ics`, stranger.auth), 404, 'not-found');
    problem(await call('POST', `/v1/applications/${applicationId}/interviews`, stranger.auth, plan({ interviewers: [stranger.userId] })), 404, 'not-found');
    problem(await call('POST', `/v1/interviews/${interview.id}/cancel`, stranger.auth), 404, 'not-found');

    problem(await call('POST', `/v1/applications/${applicationId}/interviews`, viewer.auth, plan()), 403, 'forbidden');
    problem(await call('PATCH', `/v1/interviews/${interview.id}`, viewer.auth, { agenda: 'x' }), 403, 'forbidden');
    assert.equal((await call('GET', `/v1/interviews/${interview.id}`, viewer.auth)).statusCode, 200);

    problem(await call('PATCH', `/v1/interviews/${interview.id}`, interviewer.auth, { agenda: 'x' }), 403, 'forbidden');
    problem(await call('GET', `/v1/interviews/${interview.id}`, offTeam.auth), 404, 'not-found');
    problem(await call('GET', `/v1/interviews/${interview.id}/invite.ics`, offTeam.auth), 404, 'not-found');
    problem(await call('GET', `/v1/applications/${applicationId}/interviews`, offTeam.auth), 404, 'not-found');
  });

  test('my interviews: those not ended, soonest first, or those ended, latest first; cursor paged, without cancelled ones', async () => {
    const other = await addApplicant(t, org.id, jobId, { email: 'mine@example.test', name: 'Grace Hopper' });
    const later = await schedule({ start: '2031-05-02T09:00:00Z', end: '2031-05-02T10:00:00Z' }, other.applicationId);
    const sooner = await schedule({ start: '2031-05-01T09:00:00Z', end: '2031-05-01T10:00:00Z' }, other.applicationId);
    const past = await schedule({ start: '2020-05-01T09:00:00Z', end: '2020-05-01T10:00:00Z' }, other.applicationId);
    const dropped = await schedule({ start: '2031-05-01T11:00:00Z', end: '2031-05-01T12:00:00Z' }, other.applicationId);
    assert.equal((await call('POST', `/v1/interviews/${dropped.id}/cancel`, recruiter.auth)).statusCode, 200);

    const seen: string[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < 50; page++) {
      const res = await call('GET', `/v1/me/interviews?limit=2${cursor ? `&cursor=${cursor}` : ''}`, interviewer.auth);
      assert.equal(res.statusCode, 200, res.body);
      const body = res.json<{ data: Interview[]; nextCursor: string | null }>();
      seen.push(...body.data.map((i) => i.id));
      cursor = body.nextCursor;
      if (!cursor) break;
    }
    assert.ok(!seen.includes(past.id) && !seen.includes(dropped.id));
    assert.ok(seen.indexOf(sooner.id) >= 0 && seen.indexOf(sooner.id) < seen.indexOf(later.id), 'soonest first');
    assert.equal(new Set(seen).size, seen.length, 'no interview on two pages');
    const mine = (await call('GET', '/v1/me/interviews', recruiter.auth)).json<{ data: Interview[] }>().data;
    assert.deepEqual(mine, [], 'the recruiter interviews nobody');
    problem(await call('GET', '/v1/me/interviews?cursor=bm9wZQ', interviewer.auth), 400, 'invalid-cursor');
    problem(await call('GET', '/v1/me/interviews', { authorization: `Bearer ${t.org.apiKey}` }), 403, 'forbidden');

    // Ended ones, whose scorecards are often written after: the latest first, cancelled ones still left out.
    const earlier = await schedule({ start: '2020-04-01T09:00:00Z', end: '2020-04-01T10:00:00Z' }, other.applicationId);
    const droppedPast = await schedule({ start: '2020-04-02T09:00:00Z', end: '2020-04-02T10:00:00Z' }, other.applicationId);
    assert.equal((await call('POST', `/v1/interviews/${droppedPast.id}/cancel`, recruiter.auth)).statusCode, 200);
    const ended: string[] = [];
    let endedCursor: string | null = null;
    for (let page = 0; page < 50; page++) {
      const res = await call('GET', `/v1/me/interviews?ended=true&limit=1${endedCursor ? `&cursor=${endedCursor}` : ''}`, interviewer.auth);
      assert.equal(res.statusCode, 200, res.body);
      const body = res.json<{ data: Interview[]; nextCursor: string | null }>();
      ended.push(...body.data.map((i) => i.id));
      endedCursor = body.nextCursor;
      if (!endedCursor) break;
    }
    assert.ok(!ended.includes(droppedPast.id) && !ended.includes(sooner.id), JSON.stringify(ended));
    assert.ok(ended.indexOf(past.id) >= 0 && ended.indexOf(past.id) < ended.indexOf(earlier.id), 'latest first');
    problem(await call('GET', '/v1/me/interviews?ended=maybe', interviewer.auth), 400, 'validation-failed');
  });

  test('the private calendar feed works without auth, and stops working on rotation and revocation', async () => {
    const interview = await schedule({ start: '2031-06-01T09:00:00Z', end: '2031-06-01T10:00:00Z' });
    const called = await schedule({ start: '2031-06-02T09:00:00Z', end: '2031-06-02T10:00:00Z' });
    assert.equal((await call('POST', `/v1/interviews/${called.id}/cancel`, recruiter.auth)).statusCode, 200);
    const created = await call('POST', '/v1/me/calendar-feed', interviewer.auth);
    assert.equal(created.statusCode, 201, created.body);
    const { url } = created.json<{ url: string }>();
    assert.match(url, /^https:\/\/jobs\.example\.test\/v1\/calendar-feeds\/hlc_[A-Za-z0-9_-]+\.ics$/);
    const path = (feedUrl: string) => new URL(feedUrl).pathname;

    const feed = await t.app.inject({ method: 'GET', url: path(url) });
    assert.equal(feed.statusCode, 200, feed.body);
    assert.match(String(feed.headers['content-type']), /^text\/calendar/);
    const parsed = ical.sync.parseICS(feed.body);
    const uids = Object.values(parsed).filter((c): c is VEvent => c?.type === 'VEVENT').map((e) => e.uid);
    assert.ok(uids.includes(`${interview.id}@hireline`), 'the interview is on the feed');
    const dropped = Object.values(parsed).find((c): c is VEvent => c?.type === 'VEVENT' && c.uid === `${called.id}@hireline`);
    assert.equal(dropped?.status, 'CANCELLED', 'a cancelled interview stays on the feed as cancelled, so calendars remove it');
    assert.equal(parsed.vcalendar?.method, undefined, 'a subscription asks nobody to reply');

    const rotated = (await call('POST', '/v1/me/calendar-feed', interviewer.auth)).json<{ url: string }>().url;
    assert.notEqual(rotated, url);
    problem(await t.app.inject({ method: 'GET', url: path(url) }), 404, 'not-found');
    assert.equal((await t.app.inject({ method: 'GET', url: path(rotated) })).statusCode, 200);

    const offFeed = (await call('POST', '/v1/me/calendar-feed', offTeam.auth)).json<{ url: string }>().url;
    const offBody = (await t.app.inject({ method: 'GET', url: path(offFeed) })).body;
    assert.ok(!offBody.includes(interview.id), 'another person\'s feed holds only their interviews');
    assert.equal((await call('DELETE', `/v1/members/${offTeam.userId}`, owner.auth)).statusCode, 204);
    problem(await t.app.inject({ method: 'GET', url: path(offFeed) }), 404, 'not-found');

    assert.equal((await call('DELETE', '/v1/me/calendar-feed', interviewer.auth)).statusCode, 204);
    problem(await t.app.inject({ method: 'GET', url: path(rotated) }), 404, 'not-found');
    problem(await t.app.inject({ method: 'GET', url: '/v1/calendar-feeds/hlc_unknown.ics' }), 404, 'not-found');
    problem(await t.app.inject({ method: 'GET', url: '/v1/calendar-feeds/not-a-token.ics' }), 404, 'not-found');
    problem(await call('POST', '/v1/me/calendar-feed', { authorization: `Bearer ${t.org.apiKey}` }), 403, 'forbidden');
  });
});
