import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import ical, { type VEvent } from 'node-ical';
import { Value } from 'typebox/value';
import { AppError } from '../../src/app-error.ts';
import { catalogue } from '../../src/modules/events/index.ts';
import { createInterviewsArea } from '../../src/modules/recruiting/interviews/index.ts';
import { createJob, problem, startTestApp, type TestApp, type TestOrg } from '../helpers/app.ts';
import { join, signUp, type TestUser } from '../helpers/identity.ts';
import { addApplicant } from '../helpers/recruiting.ts';

type Headers = Record<string, string>;
interface Slot { start: string; end: string; localStart: string; localEnd: string }
interface Page { status: string; kind: string; durationMinutes: number; timeZone: string; expiresAt: string; booked: Slot | null; slots: Slot[] }
interface Link { id: string; applicationId: string; status: string; interviewers: string[]; durationMinutes: number; interviewId: string | null; expiresAt: string }
interface Interview { id: string; applicationId: string; status: string; start: string; end: string; timeZone: string; kind: string; videoUrl: string | null; interviewers: string[]; organizer: { id: string | null } }

// 2030-03-10 is the Sunday New York moves to summer time (02:00 local), three weeks before Paris does.
const DAY = '2030-03-10';
const at = (time: string, day = DAY) => `${day}T${time}:00.000Z`;

describe('interview self-scheduling', () => {
  let t: TestApp;
  let owner: TestUser;
  let org: TestOrg;
  let recruiter: TestUser;
  let ana: TestUser;
  let ben: TestUser;
  let offTeam: TestUser;
  let viewer: TestUser;
  let stranger: TestUser;
  let jobId: string;

  const call = (method: 'GET' | 'POST' | 'PUT', url: string, headers: Headers = {}, payload?: unknown) =>
    t.app.inject({ method, url, headers, ...(payload !== undefined ? { payload: payload as Record<string, unknown> } : {}) });
  const applicant = async (email: string) => (await addApplicant(t, org.id, jobId, { email, name: 'Marie Curie' })).applicationId;
  const linkBody = (overrides: Record<string, unknown> = {}) => ({
    interviewers: [ana.userId, ben.userId], durationMinutes: 60, kind: 'video', videoUrl: 'https://meet.example.test/xyz',
    from: at('00:00'), to: at('00:00', '2030-03-11'), agenda: 'Pairing', ...overrides,
  });
  const createLink = async (applicationId: string, overrides: Record<string, unknown> = {}): Promise<{ link: Link; url: string; path: string }> => {
    const res = await call('POST', `/v1/applications/${applicationId}/scheduling-links`, recruiter.auth, linkBody(overrides));
    assert.equal(res.statusCode, 201, res.body);
    const body = res.json<{ link: Link; url: string }>();
    // The link is the candidate's page; the same token reads and books through the JSON API.
    return { ...body, path: new URL(body.url).pathname.replace(/^\/schedule\//, '/v1/scheduling/') };
  };
  const slots = async (path: string, timeZone = 'UTC'): Promise<Page> => {
    const res = await call('GET', `${path}?timeZone=${encodeURIComponent(timeZone)}`);
    assert.equal(res.statusCode, 200, res.body);
    return res.json<Page>();
  };
  const starts = async (path: string) => (await slots(path)).slots.map((s) => s.start);
  const book = (path: string, start: string, timeZone?: string) => call('POST', `${path}/booking`, {}, { start, ...(timeZone ? { timeZone } : {}) });
  const setAvailability = async (who: TestUser, windows: { start: string; end: string }[]) => {
    const res = await call('PUT', '/v1/me/availability', who.auth, { windows });
    assert.equal(res.statusCode, 200, res.body);
    return res.json<{ windows: { start: string; end: string }[] }>();
  };
  const eventsOf = async (type: string, subjectId: string) =>
    (await call('GET', `/v1/events?type=${type}&subjectId=${subjectId}`, owner.auth)).json<{ data: { payload: unknown }[] }>().data;

  before(async () => {
    t = await startTestApp();
    owner = await signUp(t);
    org = { id: owner.orgId, slug: owner.orgSlug, apiKey: '', auth: owner.auth };
    recruiter = await join(t, owner.auth, 'recruiter');
    ana = await join(t, owner.auth, 'interviewer');
    ben = await join(t, owner.auth, 'interviewer');
    offTeam = await join(t, owner.auth, 'interviewer');
    viewer = await join(t, owner.auth, 'viewer');
    stranger = await signUp(t);
    jobId = (await createJob(t, org)).id;
    for (const person of [ana, ben]) {
      const seated = await call('PUT', `/v1/jobs/${jobId}/team/${person.userId}`, owner.auth);
      assert.ok(seated.statusCode < 300, seated.body);
    }
    // Ana is free 09:00–12:00 on the day, Ben 10:00–13:00: together, 10:00–12:00.
    await setAvailability(ana, [{ start: at('09:00'), end: at('11:00') }, { start: at('10:30'), end: at('12:00') }, { start: at('09:00', '2030-03-12'), end: at('17:00', '2030-03-12') }]);
    await setAvailability(ben, [{ start: at('10:00'), end: at('13:00') }]);
  });
  after(() => t.close());

  test('availability: a person replaces their windows (joined where they overlap), bad windows are 400s, API keys have none', async () => {
    const mine = (await call('GET', '/v1/me/availability', ana.auth)).json<{ windows: { start: string; end: string }[] }>();
    assert.deepEqual(mine.windows, [{ start: at('09:00'), end: at('12:00') }, { start: at('09:00', '2030-03-12'), end: at('17:00', '2030-03-12') }]);
    const bad = problem(await call('PUT', '/v1/me/availability', offTeam.auth, { windows: [{ start: at('10:00'), end: at('09:00') }, { start: at('10:00'), end: at('11:00') }] }), 400, 'validation-failed');
    assert.deepEqual(bad.errors?.map((e) => e.pointer), ['/windows/0/end']);
    problem(await call('PUT', '/v1/me/availability', offTeam.auth, { windows: [{ start: '2030-02-30T10:00:00Z', end: at('11:00') }] }), 400, 'validation-failed');
    const past = await setAvailability(offTeam, [{ start: '2020-01-01T09:00:00Z', end: '2020-01-01T10:00:00Z' }, { start: at('08:00'), end: at('09:00') }]);
    assert.deepEqual(past.windows, [{ start: at('08:00'), end: at('09:00') }], 'windows that have ended are not shown');
    assert.deepEqual((await setAvailability(offTeam, [])).windows, []);
    problem(await call('GET', '/v1/me/availability', { authorization: `Bearer ${t.org.apiKey}` }), 403, 'forbidden');
    problem(await call('GET', '/v1/me/availability'), 401, 'unauthenticated');
  });

  test('weekly hours in an IANA zone follow its clock across DST, and join the windows they touch', async () => {
    const dora = await join(t, owner.auth, 'interviewer');
    assert.ok((await call('PUT', `/v1/jobs/${jobId}/team/${dora.userId}`, owner.auth)).statusCode < 300);
    const weekly = { timeZone: 'america/new_york', hours: [{ day: 'monday', start: '09:00', end: '10:00' }] };
    const set = await call('PUT', '/v1/me/availability', dora.auth, { windows: [{ start: '2030-03-04T15:00:00Z', end: '2030-03-04T15:30:00Z' }], weekly });
    assert.equal(set.statusCode, 200, set.body);
    assert.deepEqual(set.json<{ weekly: unknown }>().weekly, { ...weekly, timeZone: 'America/New_York' });
    assert.deepEqual((await call('GET', '/v1/me/availability', dora.auth)).json<{ weekly: unknown }>().weekly, { ...weekly, timeZone: 'America/New_York' });

    const { path } = await createLink(await applicant('weekly@example.test'), { interviewers: [dora.userId], from: '2030-03-04T00:00:00Z', to: '2030-03-12T00:00:00Z' });
    // Monday 4 March, 09:00 EST is 14:00Z (and runs on into the 15:00–15:30 window); Monday 11 March, 09:00 EDT is 13:00Z.
    assert.deepEqual(await starts(path), ['2030-03-04T14:00:00.000Z', '2030-03-04T14:30:00.000Z', '2030-03-11T13:00:00.000Z']);

    const pointers = async (body: Record<string, unknown>) => problem(await call('PUT', '/v1/me/availability', dora.auth, body), 400, 'validation-failed').errors?.map((e) => e.pointer);
    assert.deepEqual(await pointers({ windows: [], weekly: { timeZone: 'Mars/Base', hours: [{ day: 'monday', start: '10:00', end: '09:00' }] } }), ['/weekly/timeZone', '/weekly/hours/0/end']);
    assert.deepEqual(await pointers({ windows: [], weekly: { timeZone: 'UTC', hours: [{ day: 'monday', start: '9:00', end: '24:30' }] } }), ['/weekly/hours/0/start', '/weekly/hours/0/end']);
    problem(await call('PUT', '/v1/me/availability', dora.auth, { windows: [], weekly: { timeZone: 'UTC', hours: [{ day: 'mondays', start: '09:00', end: '10:00' }] } }), 400, 'validation-failed');
    assert.equal((await call('PUT', '/v1/me/availability', dora.auth, { windows: [] })).json<{ weekly: unknown }>().weekly, null);
    assert.deepEqual(await starts(path), [], 'no hours, no slots');
  });

  test('a recruiter makes a link: a secret URL, listed without it, with an event; bad input is a 400 at the field, access as for interviews', async () => {
    const applicationId = await applicant('links@example.test');
    const created = await createLink(applicationId);
    assert.match(created.url, /^https:\/\/jobs\.example\.test\/schedule\/hlsl_[A-Za-z0-9_-]{43}$/);
    assert.deepEqual(
      { status: created.link.status, interviewers: created.link.interviewers, durationMinutes: created.link.durationMinutes, expiresAt: created.link.expiresAt },
      { status: 'open', interviewers: [ana.userId, ben.userId], durationMinutes: 60, expiresAt: at('00:00', '2030-03-11') },
    );
    const listed = await call('GET', `/v1/applications/${applicationId}/scheduling-links`, viewer.auth);
    assert.equal(listed.statusCode, 200, listed.body);
    assert.deepEqual(listed.json<{ data: Link[] }>().data.map((l) => l.id), [created.link.id]);
    assert.ok(!listed.body.includes('hlsl_'), 'the token is shown only once');
    const [event] = await eventsOf('scheduling_link.created', created.link.id);
    const definition = catalogue.find((d) => d.type === 'scheduling_link.created');
    assert.ok(definition && Value.Check(definition.payload, event?.payload), 'scheduling_link.created follows its schema');
    assert.ok(!JSON.stringify(event).includes('hlsl_'));

    const post = (body: Record<string, unknown>, id = applicationId, who = recruiter.auth) => call('POST', `/v1/applications/${id}/scheduling-links`, who, body);
    const pointers = async (body: Record<string, unknown>) => problem(await post(body), 400, 'validation-failed').errors?.map((e) => e.pointer);
    assert.deepEqual(await pointers(linkBody({ to: at('00:30') })), ['/to'], 'no room for one interview');
    assert.deepEqual(await pointers(linkBody({ to: '2030-06-01T00:00:00Z' })), ['/to'], 'more than 60 days');
    assert.deepEqual(await pointers(linkBody({ from: '2020-01-01T00:00:00Z', to: '2020-01-02T00:00:00Z' })), ['/to', '/expiresAt']);
    assert.deepEqual(await pointers(linkBody({ expiresAt: '2020-01-01T00:00:00Z' })), ['/expiresAt']);
    assert.deepEqual(await pointers(linkBody({ videoUrl: undefined })), ['/videoUrl']);
    assert.deepEqual(await pointers(linkBody({ interviewers: [ana.userId, offTeam.userId] })), ['/interviewers/1']);
    assert.deepEqual(await pointers(linkBody({ durationMinutes: 7 })), ['/durationMinutes']);

    problem(await post(linkBody(), applicationId, viewer.auth), 403, 'forbidden');
    problem(await post(linkBody(), applicationId, ana.auth), 403, 'forbidden');
    problem(await post(linkBody({ interviewers: [stranger.userId] }), applicationId, stranger.auth), 404, 'not-found');
    problem(await call('GET', `/v1/applications/${applicationId}/scheduling-links`, offTeam.auth), 404, 'not-found');
    problem(await call('POST', `/v1/scheduling-links/${created.link.id}/revoke`, stranger.auth), 404, 'not-found');
    const withdrawn = await applicant('gone@example.test');
    assert.equal((await call('POST', `/v1/applications/${withdrawn}/withdraw`, recruiter.auth, {})).statusCode, 200);
    problem(await post(linkBody(), withdrawn), 409, 'invalid-state-transition');
  });

  test('the candidate sees the slots all interviewers are free, minus standing interviews, in their own time zone', async () => {
    const { path } = await createLink(await applicant('slots@example.test'));
    assert.deepEqual(await starts(path), [at('10:00'), at('10:30'), at('11:00')], 'every 30 minutes within 10:00–12:00');

    const page = await slots(path, 'europe/paris');
    assert.deepEqual({ status: page.status, kind: page.kind, durationMinutes: page.durationMinutes, timeZone: page.timeZone, booked: page.booked }, {
      status: 'open', kind: 'video', durationMinutes: 60, timeZone: 'Europe/Paris', booked: null,
    });
    assert.deepEqual(page.slots[0], { start: at('10:00'), end: at('11:00'), localStart: '2030-03-10T11:00:00+01:00', localEnd: '2030-03-10T12:00:00+01:00' });
    assert.equal((await slots(path, 'America/New_York')).slots[0]?.localStart, '2030-03-10T06:00:00-04:00', 'New York is on summer time since 02:00 that day');
    assert.equal((await slots(path, 'Asia/Kathmandu')).slots[0]?.localStart, '2030-03-10T15:45:00+05:45');
    assert.equal((await call('GET', path)).json<Page>().slots[0]?.localStart, '2030-03-10T10:00:00+00:00', 'UTC when no zone is asked');

    // Ana's interview for another candidate takes 10:00–10:30 out; once cancelled, the time is free again.
    const other = await applicant('busy@example.test');
    const scheduled = await call('POST', `/v1/applications/${other}/interviews`, recruiter.auth, {
      start: at('10:00'), end: at('10:30'), timeZone: 'UTC', kind: 'phone', interviewers: [ana.userId],
    });
    assert.equal(scheduled.statusCode, 201, scheduled.body);
    assert.deepEqual(await starts(path), [at('10:30'), at('11:00')]);
    assert.equal((await call('POST', `/v1/interviews/${scheduled.json<Interview>().id}/cancel`, recruiter.auth)).statusCode, 200);
    assert.deepEqual(await starts(path), [at('10:00'), at('10:30'), at('11:00')]);

    const badZone = problem(await call('GET', `${path}?timeZone=Mars%2FOlympus`), 400, 'validation-failed');
    assert.deepEqual(badZone.errors?.map((e) => `${e.in} ${e.pointer}`), ['querystring /timeZone']);
    problem(await call('GET', `${path}?timeZone=%2B02%3A00`), 400, 'validation-failed');
    const unknown = problem(await call('GET', `/v1/scheduling/hlsl_${'A'.repeat(43)}`), 404, 'scheduling-link-invalid');
    const garbage = problem(await call('GET', '/v1/scheduling/not-a-token'), 404, 'scheduling-link-invalid');
    assert.equal(unknown.detail, garbage.detail);
  });

  test('booking creates the interview as scheduling does (invite, history, events); the link then books no more', async () => {
    const applicationId = await applicant('book@example.test');
    const { link, path } = await createLink(applicationId);
    const { path: sharing } = await createLink(await applicant('sharing@example.test'), { interviewers: [ana.userId] });
    assert.ok((await starts(sharing)).includes(at('10:00')));

    problem(await book(path, at('14:00')), 409, 'slot-unavailable');
    problem(await book(path, at('10:15')), 409, 'slot-unavailable');
    problem(await book(path, at('11:30')), 409, 'slot-unavailable');
    problem(await book(path, at('10:00'), 'Nowhere/Land'), 400, 'validation-failed');

    const res = await book(path, '2030-03-10T11:00:00+01:00', 'Europe/Paris');
    assert.equal(res.statusCode, 201, res.body);
    const booked = res.json<Page>();
    assert.deepEqual({ status: booked.status, booked: booked.booked, slots: booked.slots }, {
      status: 'booked', slots: [], booked: { start: at('10:00'), end: at('11:00'), localStart: '2030-03-10T11:00:00+01:00', localEnd: '2030-03-10T12:00:00+01:00' },
    });

    const [interview] = (await call('GET', `/v1/applications/${applicationId}/interviews`, recruiter.auth)).json<{ data: Interview[] }>().data;
    assert.ok(interview);
    assert.deepEqual(
      { start: interview.start, end: interview.end, timeZone: interview.timeZone, kind: interview.kind, videoUrl: interview.videoUrl, interviewers: interview.interviewers, organizer: interview.organizer.id },
      { start: at('10:00'), end: at('11:00'), timeZone: 'Europe/Paris', kind: 'video', videoUrl: 'https://meet.example.test/xyz', interviewers: [ana.userId, ben.userId], organizer: recruiter.userId },
    );
    const invite = await call('GET', `/v1/interviews/${interview.id}/invite.ics`, ana.auth);
    const event = Object.values(ical.sync.parseICS(invite.body)).find((c): c is VEvent => c?.type === 'VEVENT');
    assert.deepEqual([event?.uid, Number(event?.sequence), event?.start.toISOString()], [`${interview.id}@hireline`, 0, at('10:00')]);
    assert.match(invite.body, /DTSTART;TZID=Europe\/Paris:20300310T110000/);

    const history = (await call('GET', `/v1/applications/${applicationId}/history`, recruiter.auth)).json<{ data: { action: string; actor: { type: string } }[] }>().data;
    assert.ok(history.some((h) => h.action === 'interview_scheduled' && h.actor.type === 'candidate'), JSON.stringify(history));
    assert.equal((await eventsOf('interview.scheduled', interview.id)).length, 1);
    const [bookedEvent] = await eventsOf('scheduling_link.booked', link.id);
    const definition = catalogue.find((d) => d.type === 'scheduling_link.booked');
    assert.ok(definition && Value.Check(definition.payload, bookedEvent?.payload));
    assert.equal((bookedEvent?.payload as { interviewId: string }).interviewId, interview.id);
    const listed = (await call('GET', `/v1/applications/${applicationId}/scheduling-links`, recruiter.auth)).json<{ data: Link[] }>().data;
    assert.deepEqual(listed.map((l) => [l.status, l.interviewId]), [['booked', interview.id]]);

    problem(await book(path, at('11:00')), 409, 'scheduling-link-used');
    const again = await slots(path, 'Europe/Paris');
    assert.deepEqual([again.status, again.slots, again.booked?.start], ['booked', [], at('10:00')], 'the page shows the booking');
    assert.deepEqual(await starts(sharing), [at('09:00'), at('11:00')], 'Ana\'s booked hour is gone from her other links');
    problem(await call('POST', `/v1/scheduling-links/${link.id}/revoke`, recruiter.auth), 409, 'invalid-state-transition');
  });

  test('two candidates racing for one slot: exactly one books it, the other is told to pick again', async () => {
    for (const [round, time] of ['09:00', '10:00', '11:00'].entries()) {
      const start = at(time, '2030-03-12');
      const first = await createLink(await applicant(`race-a${round}@example.test`), { interviewers: [ana.userId], from: at('00:00', '2030-03-12'), to: at('00:00', '2030-03-13') });
      const second = await createLink(await applicant(`race-b${round}@example.test`), { interviewers: [ana.userId], from: at('00:00', '2030-03-12'), to: at('00:00', '2030-03-13') });
      const results = await Promise.all([book(first.path, start), book(second.path, start)]);
      const codes = results.map((r) => r.statusCode).sort();
      assert.deepEqual(codes, [201, 409], results.map((r) => r.body).join('\n'));
      const loser = results.find((r) => r.statusCode === 409);
      assert.ok(loser);
      problem(loser, 409, 'slot-unavailable');
      const loserPath = results[0] === loser ? first.path : second.path;
      assert.ok(!(await starts(loserPath)).includes(start), 'the slot is gone from the loser\'s list');
      assert.equal((await book(loserPath, at(`1${3 + round}:00`, '2030-03-12'))).statusCode, 201, 'and another slot can be picked');
    }
    const mine = (await call('GET', '/v1/me/interviews?limit=100', ana.auth)).json<{ data: Interview[] }>().data.filter((i) => i.start.startsWith('2030-03-12'));
    assert.deepEqual(mine.map((i) => i.start).sort(), ['09:00', '10:00', '11:00', '13:00', '14:00', '15:00'].map((h) => at(h, '2030-03-12')));

    // One link booked twice at once (two tabs): one interview.
    const tabs = await createLink(await applicant('tabs@example.test'), { interviewers: [ana.userId], from: at('00:00', '2030-03-12'), to: at('00:00', '2030-03-13') });
    const both = await Promise.all([book(tabs.path, at('16:00', '2030-03-12')), book(tabs.path, at('12:00', '2030-03-12'))]);
    assert.deepEqual(both.map((r) => r.statusCode).sort(), [201, 409]);
    const refused = both.find((r) => r.statusCode === 409);
    assert.ok(refused);
    problem(refused, 409, 'scheduling-link-used');
  });

  test('a revoked or expired link, or one whose candidate left the pipeline, opens nothing; revoking is for writers of the job', async () => {
    const applicationId = await applicant('revoke@example.test');
    const { link, path } = await createLink(applicationId);
    problem(await call('POST', `/v1/scheduling-links/${link.id}/revoke`, viewer.auth), 403, 'forbidden');
    const revoked = await call('POST', `/v1/scheduling-links/${link.id}/revoke`, recruiter.auth);
    assert.equal(revoked.statusCode, 200, revoked.body);
    assert.equal(revoked.json<Link>().status, 'revoked');
    assert.equal((await call('POST', `/v1/scheduling-links/${link.id}/revoke`, recruiter.auth)).json<Link>().status, 'revoked', 'revoking again changes nothing');
    assert.equal((await eventsOf('scheduling_link.revoked', link.id)).length, 1);
    problem(await call('GET', path), 404, 'scheduling-link-invalid');
    problem(await book(path, at('10:00')), 404, 'scheduling-link-invalid');
    const leaving = await applicant('leaving@example.test');
    const { path: leavingPath } = await createLink(leaving);
    assert.equal((await call('GET', leavingPath)).statusCode, 200);
    assert.equal((await call('POST', `/v1/applications/${leaving}/withdraw`, recruiter.auth, {})).statusCode, 200);
    problem(await call('GET', leavingPath), 404, 'scheduling-link-invalid');

    // A link of Ben's (free 11:00–13:00 now that 10:00–11:00 is booked) seen from later on, through the area's own clock.
    const open = await createLink(applicationId, { interviewers: [ben.userId], durationMinutes: 30, expiresAt: at('11:20') });
    const token = open.path.split('/').pop() ?? '';
    const later = (now: string) => createInterviewsArea({
      database: t.container.database, events: t.container.events, contacts: t.container.members.contacts,
      mailFrom: t.config.mailFrom, publicBaseUrl: t.config.publicBaseUrl, clock: () => new Date(now),
    }).booking;
    assert.deepEqual((await starts(open.path)).slice(0, 2), [at('11:00'), at('11:30')]);
    assert.deepEqual((await later(at('11:10')).view(token, 'UTC')).slots.map((s) => s.start), [at('11:30'), at('12:00'), at('12:30')], 'only slots still to come');
    const expired = (err: unknown) => err instanceof AppError && err.code === 'scheduling-link-invalid';
    await assert.rejects(later(at('11:20')).view(token, 'UTC'), expired);
    await assert.rejects(later(at('11:20')).book(token, { start: at('11:30') }), expired);
    const taken = (err: unknown) => err instanceof AppError && err.code === 'slot-unavailable';
    await assert.rejects(later(at('11:10')).book(token, { start: at('11:00') }), taken, 'a slot that has started is not free');
    assert.equal((await later(at('11:19')).book(token, { start: at('11:30') })).status, 'booked');
  });

  test('erasing the candidate deletes their links', async () => {
    const { candidateId, applicationId } = await addApplicant(t, org.id, jobId, { email: 'erase-me@example.test', name: 'Erase Me' });
    const { path } = await createLink(applicationId, { agenda: 'Ask Erase Me about erase-me@example.test' });
    const erased = await call('POST', `/v1/candidates/${candidateId}/erase`, recruiter.auth, { reason: 'Asked by email' });
    assert.equal(erased.statusCode, 200, erased.body);
    assert.deepEqual((await call('GET', `/v1/applications/${applicationId}/scheduling-links`, recruiter.auth)).json<{ data: Link[] }>().data, []);
    problem(await call('GET', path), 404, 'scheduling-link-invalid');
    const events = await call('GET', '/v1/events?type=scheduling_link.created&limit=100', owner.auth);
    assert.ok(!events.body.includes('erase-me@example.test'), 'the link\'s events are redacted with the rest');
  });
});
