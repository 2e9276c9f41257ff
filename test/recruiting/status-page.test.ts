import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import ical, { type VEvent } from 'node-ical';
import { newSecretToken } from '../../src/infra/crypto/secret-tokens.ts';
import { createJob, problem, startTestApp, type TestApp, type TestOrg } from '../helpers/app.ts';
import { join, signUp, type TestUser } from '../helpers/identity.ts';
import { addApplicant } from '../helpers/recruiting.ts';

type Headers = Record<string, string>;
type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';
interface StatusLink { url: string; apiUrl: string; expiresAt: string }
interface StatusApplication { id: string; job: { title: string | null }; stage: string; status: string; canWithdraw: boolean; withdrawUrl: string | null }
interface StatusInterview { id: string; applicationId: string; job: { title: string | null }; kind: string; start: string; timeZone: string; inviteUrl: string }
interface StatusPage {
  candidate: { name: string };
  applications: StatusApplication[];
  interviews: StatusInterview[];
  offers: unknown[];
  erasureRequest: { status: string; requestedAt: string; decidedAt: string | null; note: string | null } | null;
  erasureRequestUrl: string;
  linkExpiresAt: string;
}
interface ErasureRequest { id: string; candidateId: string; status: string; reason: string | null; decidedBy: { type: string; id: string | null } | null; declineNote: string | null }

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
// Internal words the candidate must never see, distinctive so a search of the page cannot meet them by chance.
const INTERNAL_STAGE = 'Zq-internal-phone-screen';
const NOTE = 'Zq-team-note-about-ada';
const REJECTION_NOTE = 'Zq-rejection-note';
const AGENDA = 'Zq-agenda-probe-weak-spots';

/** A URL the API answered, as the path to inject. */
const pathOf = (url: string): string => { const u = new URL(url); return u.pathname + u.search; };

describe('the candidate status page', () => {
  let t: TestApp;
  let owner: TestUser;
  let org: TestOrg;
  let recruiter: TestUser;
  let manager: TestUser;
  let interviewer: TestUser;
  let other: TestUser;
  let ada: { candidateId: string; screening: string; rejected: string; third: string };
  let bobApplication: string;
  let bobInterview: string;
  let adaInterview: string;
  let cancelledInterview: string;

  const call = (method: Method, url: string, headers: Headers = {}, payload?: unknown) =>
    t.app.inject({ method, url, headers, ...(payload !== undefined ? { payload: payload as Record<string, unknown> | string } : {}) });
  const ok = async <T>(method: Method, url: string, headers: Headers = {}, payload?: unknown): Promise<T> => {
    const res = await call(method, url, headers, payload);
    assert.ok(res.statusCode < 300, `${method} ${url}: ${res.statusCode} ${res.body}`);
    return res.json<T>();
  };
  const linkFor = (candidateId: string, who: Headers = recruiter.auth) => ok<StatusLink>('POST', `/v1/candidates/${candidateId}/status-link`, who);
  const tokenOf = (link: StatusLink): string => link.url.split('/status/')[1] ?? '';
  const schedule = (applicationId: string, start: string, agenda?: string) => ok<{ id: string }>('POST', `/v1/applications/${applicationId}/interviews`, recruiter.auth, {
    start, end: start.replace('T09', 'T10'), timeZone: 'Europe/Berlin', kind: 'video', videoUrl: 'https://meet.example.test/abc', interviewers: [interviewer.userId], ...(agenda ? { agenda } : {}),
  });

  before(async () => {
    t = await startTestApp();
    owner = await signUp(t);
    org = { id: owner.orgId, slug: owner.orgSlug, apiKey: '', auth: owner.auth };
    recruiter = await join(t, owner.auth, 'recruiter');
    manager = await join(t, owner.auth, 'hiring_manager');
    interviewer = await join(t, owner.auth, 'interviewer');
    other = await signUp(t);
    const jobs = [await createJob(t, org, { title: 'Backend Engineer' }), await createJob(t, org, { title: 'Data Engineer' }), await createJob(t, org, { title: 'SRE' })];
    for (const job of jobs) {
      await ok('PUT', `/v1/jobs/${job.id}/stages`, owner.auth, { stages: [
        { name: 'Applied', kind: 'applied', candidateName: 'Application received' },
        { name: INTERNAL_STAGE, kind: 'screen', candidateName: 'Under review' },
        { name: 'Hired', kind: 'hired' },
      ] });
      for (const member of [manager, interviewer]) await ok('PUT', `/v1/jobs/${job.id}/team/${member.userId}`, owner.auth);
    }
    const [backend, data, sre] = jobs.map((j) => j.id) as [string, string, string];
    const person = { email: 'ada.status@example.test', name: 'Ada <i>Lovelace</i> & "Co"' };
    const screening = await addApplicant(t, org.id, backend, person, 1);
    const rejected = await addApplicant(t, org.id, data, person);
    const third = await addApplicant(t, org.id, sre, person);
    ada = { candidateId: screening.candidateId, screening: screening.applicationId, rejected: rejected.applicationId, third: third.applicationId };
    assert.equal(rejected.candidateId, ada.candidateId, 'one person, three applications');
    const bob = await addApplicant(t, org.id, backend, { email: 'bob.status@example.test', name: 'Bob Other' });
    bobApplication = bob.applicationId;
    // The same person in another org: its page is another page.
    const otherJob = await createJob(t, { id: other.orgId, slug: other.orgSlug, apiKey: '', auth: other.auth });
    await addApplicant(t, other.orgId, otherJob.id, person);

    await ok('POST', `/v1/candidates/${ada.candidateId}/notes`, recruiter.auth, { body: NOTE });
    const reasons = await ok<{ data: { id: string; name: string }[] }>('GET', '/v1/rejection-reasons', recruiter.auth);
    await ok('POST', `/v1/applications/${ada.rejected}/reject`, recruiter.auth, { reasonId: reasons.data[0]?.id, note: REJECTION_NOTE });
    adaInterview = (await schedule(ada.screening, '2030-03-10T09:00:00Z', AGENDA)).id;
    cancelledInterview = (await schedule(ada.screening, '2030-03-11T09:00:00Z')).id;
    await ok('POST', `/v1/interviews/${cancelledInterview}/cancel`, recruiter.auth, {});
    bobInterview = (await schedule(bobApplication, '2030-03-12T09:00:00Z')).id;
  });
  after(() => t.close());

  test('a recruiter gets a 14-day link; the page shows candidate-facing names and nothing internal', async () => {
    const before = Date.now();
    const link = await linkFor(ada.candidateId);
    assert.match(link.url, /^https:\/\/jobs\.example\.test\/status\/hlsp_[\w-]{43}$/);
    assert.equal(link.apiUrl, link.url.replace('/status/', '/v1/status/'));
    const days = (Date.parse(link.expiresAt) - before) / 86_400_000;
    assert.ok(days > 13.99 && days < 14.01, `expires in ${days} days`);

    const res = await call('GET', pathOf(link.apiUrl));
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.headers['cache-control'], 'private, no-store');
    assert.equal(res.headers['referrer-policy'], 'no-referrer');
    const page = res.json<StatusPage>();
    assert.equal(page.candidate.name, 'Ada <i>Lovelace</i> & "Co"');
    assert.deepEqual(page.applications.map((a) => [a.id, a.job.title, a.stage, a.status, a.canWithdraw]), [
      [ada.screening, 'Backend Engineer', 'Under review', 'open', true],
      [ada.rejected, 'Data Engineer', 'Application received', 'closed', false],
      [ada.third, 'SRE', 'Application received', 'open', true],
    ], 'only this org\'s applications, with candidate-facing stage names');
    assert.equal(page.applications[1]?.withdrawUrl, null);
    assert.equal(page.applications[0]?.withdrawUrl, `${link.apiUrl}/applications/${ada.screening}/withdraw`);
    assert.deepEqual(page.interviews.map((i) => [i.id, i.kind, i.start, i.timeZone, i.job.title]), [[adaInterview, 'video', '2030-03-10T09:00:00.000Z', 'Europe/Berlin', 'Backend Engineer']],
      'the upcoming interview, not the cancelled one, nor anyone else\'s');
    assert.deepEqual(page.offers, [], 'the place where offers awaiting an answer will be listed');
    assert.equal(page.erasureRequest, null);
    assert.equal(page.linkExpiresAt, link.expiresAt);
    for (const secret of [INTERNAL_STAGE, NOTE, REJECTION_NOTE, AGENDA, interviewer.email, recruiter.email, bobApplication, bobInterview, cancelledInterview]) {
      assert.ok(!res.body.includes(secret), `the page does not show ${secret}`);
    }

    const invite = await call('GET', pathOf(page.interviews[0]?.inviteUrl ?? ''));
    assert.equal(invite.statusCode, 200, invite.body);
    assert.match(String(invite.headers['content-type']), /^text\/calendar/);
    const parsed = ical.sync.parseICS(invite.body);
    const events = Object.values(parsed).filter((c): c is VEvent => c?.type === 'VEVENT');
    assert.equal(events.length, 1);
    assert.equal(events[0]?.uid, `${adaInterview}@hireline`, 'the team\'s UID, so a later download updates the same entry');
    assert.equal(parsed.vcalendar?.method, 'PUBLISH');
    assert.match(String(events[0]?.summary), /Video interview: Backend Engineer/);
    assert.match(invite.body, /DTSTART;TZID=Europe\/Berlin:20300310T100000/);
    for (const secret of [AGENDA, interviewer.email, 'Lovelace']) assert.ok(!invite.body.includes(secret), `the candidate's .ics leaves out ${secret}`);
    const token = tokenOf(link);
    problem(await call('GET', `/v1/status/${token}/interviews/${bobInterview}/invite.ics`), 404, 'not-found');
  });

  test('the HTML page escapes everything, loads nothing from elsewhere, and its forms work without JavaScript', async () => {
    const link = await linkFor(ada.candidateId);
    const token = tokenOf(link);
    const res = await call('GET', pathOf(link.url));
    assert.equal(res.statusCode, 200, res.body);
    assert.match(String(res.headers['content-type']), /^text\/html/);
    const html = res.body;
    assert.match(html, /<html lang="en">/);
    assert.ok(html.includes('Hello, Ada &lt;i&gt;Lovelace&lt;/i&gt; &amp; &quot;Co&quot;'), 'the name is escaped');
    assert.ok(!html.includes('<i>'), 'no markup from data');
    assert.ok(!/<script|<link|<img|<iframe|\ssrc=|style=/i.test(html), 'no scripts, styles or resources fetched');
    assert.ok(html.includes('Under review') && !html.includes(INTERNAL_STAGE) && !html.includes(NOTE) && !html.includes(REJECTION_NOTE) && !html.includes(AGENDA));
    assert.ok(html.includes(`<form method="post" action="/status/${token}/applications/${ada.screening}/withdraw">`));
    assert.ok(!html.includes(`/applications/${ada.rejected}/withdraw`), 'a closed application has no withdraw button');
    assert.ok(html.includes(`href="/v1/status/${token}/interviews/${adaInterview}/invite.ics"`));
    assert.ok(html.includes('<time datetime="2030-03-10T09:00:00.000Z">Sunday, March 10, 2030 at 10:00 AM GMT+1</time>'), 'the time where it was planned, zone named');
    assert.ok(html.includes('<label for="reason">') && html.includes('id="reason"'), 'the erasure form is labelled');
    const negotiated = await call('GET', `/v1/status/${token}`, { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' });
    assert.match(String(negotiated.headers['content-type']), /^text\/html/, 'a browser asking the API URL gets the page');
    assert.equal(negotiated.headers.vary, 'Accept');

    const posted = await call('POST', `/status/${token}/applications/${ada.screening}/withdraw`, FORM, '');
    assert.equal(posted.statusCode, 303, posted.body);
    assert.equal(posted.headers.location, `/status/${token}?done=withdrawn`);
    const after = await call('GET', `/status/${token}?done=withdrawn`);
    assert.ok(after.body.includes('<p role="status">Your application was withdrawn.</p>'));
    assert.ok(!after.body.includes(`/applications/${ada.screening}/withdraw`));
    const history = await ok<{ data: { action: string; actor: { type: string; id: string | null } }[] }>('GET', `/v1/applications/${ada.screening}/history`, recruiter.auth);
    assert.deepEqual(history.data.at(-1), { ...history.data.at(-1), action: 'withdrawn', actor: { type: 'candidate', id: ada.candidateId } }, 'the candidate is the actor');
    const events = await ok<{ data: unknown[] }>('GET', `/v1/events?type=application.withdrawn&subjectId=${ada.screening}`, owner.auth);
    assert.equal(events.data.length, 1, 'the applications area\'s own event');
    const again = await call('POST', `/status/${token}/applications/${ada.screening}/withdraw`, FORM, '');
    assert.equal(again.statusCode, 409);
    assert.match(String(again.headers['content-type']), /^text\/html/);
    assert.ok(again.body.includes('This application can no longer be withdrawn'));
  });

  test('withdrawing through the API: only the candidate\'s own open applications', async () => {
    const token = tokenOf(await linkFor(ada.candidateId));
    const withdraw = (applicationId: string) => call('POST', `/v1/status/${token}/applications/${applicationId}/withdraw`);
    problem(await withdraw(bobApplication), 404, 'not-found');
    const bob = await ok<{ status: string }>('GET', `/v1/applications/${bobApplication}`, recruiter.auth);
    assert.equal(bob.status, 'active', 'another candidate\'s application is untouched');
    const closed = problem(await withdraw(ada.rejected), 409, 'invalid-state-transition');
    assert.equal(closed.detail, 'This application can no longer be withdrawn', 'the candidate is not told it was rejected');
    const res = await withdraw(ada.third);
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(res.json<StatusApplication>(), { ...res.json<StatusApplication>(), id: ada.third, status: 'withdrawn', canWithdraw: false, withdrawUrl: null });
    problem(await withdraw('app_nope'), 404, 'not-found');
  });

  test('a token that is altered, expired, revoked, of another kind or for another org opens nothing and says so alike', async () => {
    const carol = await addApplicant(t, org.id, (await createJob(t, org)).id, { email: 'carol.status@example.test', name: 'Carol' });
    const link = await linkFor(carol.candidateId);
    const token = tokenOf(link);
    assert.equal((await call('GET', `/v1/status/${token}`)).statusCode, 200);
    const feed = await ok<{ url: string }>('POST', '/v1/me/calendar-feed', recruiter.auth);
    const feedToken = feed.url.split('/calendar-feeds/')[1]?.replace(/\.ics$/, '') ?? '';
    const invitation = await ok<{ token: string }>('POST', '/v1/invitations', owner.auth, { email: 'status-invitee@example.test', role: 'viewer' });
    const last = token.at(-1) === 'A' ? 'B' : 'A';
    const refused = [
      `${token.slice(0, -1)}${last}`, // altered
      `hlsp_${token.slice(5).split('').reverse().join('')}`,
      feedToken, // another kind: a calendar feed
      `hlsp_${feedToken.slice(4)}`, // a calendar feed's secret behind this kind's prefix
      invitation.token, // an identity email link
      newSecretToken('emailVerification').token,
      newSecretToken('candidateStatus').token, // well formed, never issued
      recruiter.refreshToken,
      'x'.repeat(100),
    ];
    const details = new Set<string>();
    for (const bad of refused) {
      details.add(String(problem(await call('GET', `/v1/status/${encodeURIComponent(bad)}`), 404, 'not-found').detail));
      problem(await call('POST', `/v1/status/${encodeURIComponent(bad)}/erasure-request`, {}, {}), 404, 'not-found');
    }
    problem(await call('GET', `/v1/calendar-feeds/${token}.ics`), 404, 'not-found');
    assert.equal((await call('GET', `/v1/calendar-feeds/${feedToken}.ics`)).statusCode, 200, 'the feed itself still works');

    await t.container.database.unscoped.execute(sql`update candidate_status_links set expires_at = now() - interval '1 second' where candidate_id = ${carol.candidateId}`);
    details.add(String(problem(await call('GET', `/v1/status/${token}`), 404, 'not-found').detail));
    const expiredHtml = await call('GET', `/status/${token}`);
    assert.equal(expiredHtml.statusCode, 404);
    assert.ok(expiredHtml.body.includes('This link does not work') && !expiredHtml.body.includes('Carol'));
    problem(await call('POST', `/v1/status/${token}/applications/${carol.applicationId}/withdraw`), 404, 'not-found');

    const renewed = tokenOf(await linkFor(carol.candidateId));
    assert.equal((await call('GET', `/v1/status/${renewed}`)).statusCode, 200, 'a new link works');
    const replaced = tokenOf(await linkFor(carol.candidateId));
    details.add(String(problem(await call('GET', `/v1/status/${renewed}`), 404, 'not-found').detail));
    assert.equal((await call('DELETE', `/v1/candidates/${carol.candidateId}/status-link`, recruiter.auth)).statusCode, 204);
    details.add(String(problem(await call('GET', `/v1/status/${replaced}`), 404, 'not-found').detail));
    assert.deepEqual([...details], ['Status page was not found'], 'every refusal reads the same');
  });

  test('a link follows the person when their record is merged into another', async () => {
    const jobId = (await createJob(t, org)).id;
    const kept = await addApplicant(t, org.id, jobId, { email: 'erin.kept@example.test', name: 'Erin Kept' });
    const merged = await addApplicant(t, org.id, (await createJob(t, org)).id, { email: 'erin.merged@example.test', name: 'Erin Merged' });
    const token = tokenOf(await linkFor(merged.candidateId));
    await ok('POST', `/v1/candidates/${kept.candidateId}/merge`, recruiter.auth, { candidateId: merged.candidateId });
    const page = await ok<StatusPage>('GET', `/v1/status/${token}`);
    assert.equal(page.candidate.name, 'Erin Kept');
    assert.deepEqual(page.applications.map((a) => a.id).sort(), [kept.applicationId, merged.applicationId].sort(), 'the kept record\'s applications, the merged one\'s among them');
    const withdrawn = await call('POST', `/v1/status/${token}/applications/${kept.applicationId}/withdraw`);
    assert.equal(withdrawn.statusCode, 200, withdrawn.body);
    assert.match(String(problem(await call('POST', `/v1/candidates/${merged.candidateId}/status-link`, recruiter.auth), 404, 'not-found').detail), new RegExp(kept.candidateId));
  });

  test('only recruiters over the whole org send links and decide erasure requests', async () => {
    problem(await call('POST', `/v1/candidates/${ada.candidateId}/status-link`, manager.auth), 403, 'forbidden');
    problem(await call('POST', `/v1/candidates/${ada.candidateId}/status-link`, interviewer.auth), 403, 'forbidden');
    problem(await call('GET', '/v1/erasure-requests', manager.auth), 403, 'forbidden');
    problem(await call('POST', `/v1/candidates/${ada.candidateId}/status-link`, other.auth), 404, 'not-found');
    problem(await call('POST', '/v1/candidates/cand_nope/status-link', recruiter.auth), 404, 'not-found');
    problem(await call('POST', '/v1/erasure-requests/nope/confirm', recruiter.auth), 400, 'validation-failed');
    problem(await call('POST', `/v1/erasure-requests/erq_${'0'.repeat(32)}/decline`, recruiter.auth, {}), 404, 'not-found');
  });

  test('an erasure request: recorded once, declined, asked again, confirmed; then the link opens nothing', async () => {
    const dora = await addApplicant(t, org.id, (await createJob(t, org)).id, { email: 'dora.status@example.test', name: 'Dora Status' });
    const token = tokenOf(await linkFor(dora.candidateId));
    const ask = (payload: unknown) => call('POST', `/v1/status/${token}/erasure-request`, {}, payload);
    const first = await ask({ reason: 'No longer looking' });
    assert.equal(first.statusCode, 202, first.body);
    assert.equal(first.json<{ created: boolean }>().created, true);
    const twice = await ask({});
    assert.equal(twice.statusCode, 200, 'asking again while pending answers the pending one');
    assert.deepEqual(twice.json<{ erasureRequest: unknown }>().erasureRequest, first.json<{ erasureRequest: unknown }>().erasureRequest);
    problem(await ask({ reason: 'x'.repeat(1001) }), 400, 'validation-failed');
    const page = await ok<StatusPage>('GET', `/v1/status/${token}`);
    assert.equal(page.erasureRequest?.status, 'pending');
    assert.ok((await call('GET', `/status/${token}`)).body.includes('The organization will review your request.'));

    const pending = await ok<{ data: ErasureRequest[] }>('GET', '/v1/erasure-requests', recruiter.auth);
    const request = pending.data.find((r) => r.candidateId === dora.candidateId);
    assert.ok(request);
    assert.deepEqual([request.status, request.reason, request.decidedBy], ['pending', 'No longer looking', null]);
    const requested = await ok<{ data: { payload: Record<string, unknown> }[] }>('GET', `/v1/events?type=candidate.erasure_requested&subjectId=${dora.candidateId}`, owner.auth);
    assert.deepEqual(requested.data.map((e) => e.payload), [{ requestId: request.id, candidateId: dora.candidateId }]);

    const exported = await ok<{ erasureRequests: ErasureRequest[] }>('GET', `/v1/candidates/${dora.candidateId}/export`, recruiter.auth);
    assert.deepEqual(exported.erasureRequests.map((r) => [r.id, r.status, r.reason]), [[request.id, 'pending', 'No longer looking']], 'the request is in the candidate\'s export');

    const declined = await ok<ErasureRequest>('POST', `/v1/erasure-requests/${request.id}/decline`, recruiter.auth, { note: 'We must keep records until March' });
    assert.deepEqual([declined.status, declined.decidedBy, declined.declineNote], ['declined', { type: 'user', id: recruiter.userId }, 'We must keep records until March']);
    problem(await call('POST', `/v1/erasure-requests/${request.id}/confirm`, recruiter.auth), 409, 'invalid-state-transition');
    const seen = await ok<StatusPage>('GET', `/v1/status/${token}`);
    assert.deepEqual([seen.erasureRequest?.status, seen.erasureRequest?.note], ['declined', 'We must keep records until March']);

    const form = await call('POST', `/status/${token}/erasure-request`, FORM, 'reason=Please+erase+me');
    assert.equal(form.statusCode, 303, form.body);
    assert.equal(form.headers.location, `/status/${token}?done=erasure-requested`);
    const again = (await ok<{ data: ErasureRequest[] }>('GET', '/v1/erasure-requests', recruiter.auth)).data.find((r) => r.candidateId === dora.candidateId);
    assert.ok(again && again.id !== request.id);
    assert.equal(again.reason, 'Please erase me');

    const confirmed = await ok<{ request: ErasureRequest; erasure: { candidateId: string; alreadyErased: boolean } }>('POST', `/v1/erasure-requests/${again.id}/confirm`, recruiter.auth);
    assert.deepEqual([confirmed.request.status, confirmed.request.decidedBy, confirmed.erasure.candidateId, confirmed.erasure.alreadyErased],
      ['erased', { type: 'user', id: recruiter.userId }, dora.candidateId, false]);
    const candidate = await ok<{ name: string }>('GET', `/v1/candidates/${dora.candidateId}`, recruiter.auth);
    assert.equal(candidate.name, 'Erased candidate');
    const audit = await ok<{ data: { actor: { id: string | null }; target: { id: string } | null; data: { reason?: string } }[] }>('GET', '/v1/audit-events?action=candidate.erased', owner.auth);
    const entry = audit.data.find((a) => a.target?.id === dora.candidateId);
    assert.equal(entry?.actor.id, recruiter.userId, 'erased by the confirming recruiter');
    assert.match(String(entry?.data.reason), new RegExp(`^Requested by the candidate on their status page on \\d{4}-\\d{2}-\\d{2} \\(${again.id}\\)$`),
      'the audit log names the request, not the candidate\'s words');

    problem(await call('GET', `/v1/status/${token}`), 404, 'not-found');
    assert.equal((await call('GET', `/status/${token}`)).statusCode, 404);
    problem(await ask({}), 404, 'not-found');
    problem(await call('POST', `/v1/erasure-requests/${again.id}/confirm`, recruiter.auth), 409, 'invalid-state-transition');
    const erased = await ok<{ data: ErasureRequest[] }>('GET', '/v1/erasure-requests?status=erased', recruiter.auth);
    assert.deepEqual(erased.data.filter((r) => r.candidateId === dora.candidateId).map((r) => [r.id, r.reason]), [[again.id, null]], 'the candidate\'s words go with them');
    const stillDeclined = await ok<{ data: ErasureRequest[] }>('GET', '/v1/erasure-requests?status=declined', recruiter.auth);
    assert.deepEqual(stillDeclined.data.filter((r) => r.candidateId === dora.candidateId).map((r) => [r.id, r.reason, r.declineNote]), [[request.id, null, null]]);
  });
});
