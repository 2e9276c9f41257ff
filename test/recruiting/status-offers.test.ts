import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { problem, publishJob, startTestApp, type TestApp, type TestOrg } from '../helpers/app.ts';
import { join, signUp, type TestUser } from '../helpers/identity.ts';
import { addApplicant } from '../helpers/recruiting.ts';

type Headers = Record<string, string>;
type Method = 'GET' | 'POST' | 'PUT';
interface StatusOffer {
  id: string; applicationId: string; job: { title: string | null };
  terms: { salary: { amount: number; currency: string; period: string } | null; startDate: string | null; equity: string | null; bonus: string | null; document: string | null };
  sentAt: string; acceptUrl: string; declineUrl: string;
}
interface StatusPage { offers: StatusOffer[] }
interface Offer { id: string; status: string; respondedBy: string | null; responseNote: string | null }

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
// Internal words the candidate must never see, distinctive so a search of the page cannot meet them by chance.
const APPROVAL_NOTE = 'Zq-approval-note-stretch-budget';

describe('offers on the candidate status page', () => {
  let t: TestApp;
  let owner: TestUser;
  let org: TestOrg;
  let recruiter: TestUser;
  let manager: TestUser;
  let jobId: string;
  let ada: { candidateId: string; first: string; second: string; token: string };
  let bob: { candidateId: string; applicationId: string; token: string };
  let sentToAda: string;
  let draftForAda: string;

  const call = (method: Method, url: string, headers: Headers = {}, payload?: unknown) =>
    t.app.inject({ method, url, headers, ...(payload !== undefined ? { payload: payload as Record<string, unknown> | string } : {}) });
  const ok = async <T>(method: Method, url: string, headers: Headers = {}, payload?: unknown): Promise<T> => {
    const res = await call(method, url, headers, payload);
    assert.ok(res.statusCode < 300, `${method} ${url}: ${res.statusCode} ${res.body}`);
    return res.json<T>();
  };
  const tokenFor = async (candidateId: string) => (await ok<{ url: string }>('POST', `/v1/candidates/${candidateId}/status-link`, recruiter.auth)).url.split('/status/')[1] ?? '';
  const draft = (applicationId: string, overrides: Record<string, unknown> = {}) => ok<Offer>('POST', `/v1/applications/${applicationId}/offers`, recruiter.auth, {
    salary: { amount: 85000.5, currency: 'EUR', period: 'year' }, startDate: '2031-01-15', equity: '0.1% <b>over</b> 4 years', bonus: '10% on target',
    document: '# Offer\n\nWe are glad to offer you the role.', approvers: [manager.userId], ...overrides,
  });
  /** Submitted, approved by the manager (with a note the candidate must not see) and sent. */
  const approveAndSend = async (offerId: string) => {
    await ok('POST', `/v1/offers/${offerId}/submit`, recruiter.auth, {});
    assert.equal((await ok<Offer>('POST', `/v1/offers/${offerId}/approve`, manager.auth, { note: APPROVAL_NOTE })).status, 'approved');
    assert.equal((await ok<Offer>('POST', `/v1/offers/${offerId}/send`, recruiter.auth, {})).status, 'sent');
  };

  before(async () => {
    t = await startTestApp();
    owner = await signUp(t);
    org = { id: owner.orgId, slug: owner.orgSlug, apiKey: '', auth: owner.auth };
    recruiter = await join(t, owner.auth, 'recruiter');
    manager = await join(t, owner.auth, 'hiring_manager');
    jobId = (await publishJob(t, org, { title: 'Backend Engineer', openings: 3 })).id;
    const otherJob = (await publishJob(t, org, { title: 'Data <Engineer>' })).id;
    for (const job of [jobId, otherJob]) await ok('PUT', `/v1/jobs/${job}/team/${manager.userId}`, owner.auth);
    const person = { email: 'ada.offers@example.test', name: 'Ada Offers' };
    const first = await addApplicant(t, org.id, jobId, person);
    const second = await addApplicant(t, org.id, otherJob, person);
    assert.equal(second.candidateId, first.candidateId, 'one person, two applications');
    ada = { candidateId: first.candidateId, first: first.applicationId, second: second.applicationId, token: await tokenFor(first.candidateId) };
    const bobApplied = await addApplicant(t, org.id, jobId, { email: 'bob.offers@example.test', name: 'Bob Offers' });
    bob = { ...bobApplied, token: await tokenFor(bobApplied.candidateId) };
    sentToAda = (await draft(ada.first)).id;
    await approveAndSend(sentToAda);
    draftForAda = (await draft(ada.second, { equity: undefined, bonus: undefined })).id;
  });
  after(() => t.close());

  test('the page lists a sent offer with its terms and nothing internal; a draft is not listed; another candidate reaches neither', async () => {
    const res = await call('GET', `/v1/status/${ada.token}`);
    assert.equal(res.statusCode, 200, res.body);
    const [offer, ...rest] = res.json<StatusPage>().offers;
    assert.equal(rest.length, 0, 'the draft is not listed');
    assert.deepEqual({ ...offer, sentAt: undefined }, {
      id: sentToAda, applicationId: ada.first, job: { title: 'Backend Engineer' },
      terms: { salary: { amount: 85000.5, currency: 'EUR', period: 'year' }, startDate: '2031-01-15', equity: '0.1% <b>over</b> 4 years', bonus: '10% on target',
        document: '# Offer\n\nWe are glad to offer you the role.' },
      sentAt: undefined,
      acceptUrl: `https://jobs.example.test/v1/status/${ada.token}/offers/${sentToAda}/accept`,
      declineUrl: `https://jobs.example.test/v1/status/${ada.token}/offers/${sentToAda}/decline`,
    });
    assert.ok(!Number.isNaN(Date.parse(offer?.sentAt ?? '')));
    for (const internal of [manager.userId, recruiter.userId, APPROVAL_NOTE, 'approv', '"version"', '"author"']) assert.ok(!res.body.includes(internal), `the page leaks ${internal}`);

    const html = await call('GET', `/status/${ada.token}`);
    for (const internal of [manager.userId, APPROVAL_NOTE]) assert.ok(!html.body.includes(internal), `the HTML leaks ${internal}`);
    assert.match(html.body, /<section id="offers" aria-labelledby="offers-heading"><h2 id="offers-heading">Offers awaiting your answer<\/h2>/);
    assert.ok(html.body.includes('<h3>Offer for Backend Engineer</h3>'));
    assert.ok(html.body.includes('<dt>Salary</dt><dd>€85,000.50 per year</dd>'), 'the salary, formatted');
    assert.ok(html.body.includes('<dd>January 15, 2031</dd>') && html.body.includes('<dd>0.1% &lt;b&gt;over&lt;/b&gt; 4 years</dd>'), 'the terms, escaped');
    assert.ok(html.body.includes('<p># Offer</p><p>We are glad to offer you the role.</p>'), 'the document as text');
    assert.ok(html.body.includes(`<form method="post" action="/status/${ada.token}/offers/${sentToAda}/accept">`));
    assert.ok(html.body.includes(`<label for="note-${sentToAda}">`) && html.body.includes(`<textarea id="note-${sentToAda}" name="note"`), 'the decline note is labelled');

    // Bob's link opens Bob's page only: Ada's offers are not found through it, and Bob has none.
    assert.deepEqual((await ok<StatusPage>('GET', `/v1/status/${bob.token}`)).offers, []);
    problem(await call('POST', `/v1/status/${bob.token}/offers/${sentToAda}/accept`, {}, {}), 404, 'not-found');
    const viaForm = await call('POST', `/status/${bob.token}/offers/${sentToAda}/decline`, FORM, '');
    assert.equal(viaForm.statusCode, 404);
    assert.match(String(viaForm.headers['content-type']), /^text\/html/);
    problem(await call('POST', `/v1/status/${ada.token}/offers/ofr_nope/accept`, {}, {}), 404, 'not-found');
    problem(await call('POST', `/v1/status/hlsp_${'x'.repeat(43)}/offers/${sentToAda}/accept`, {}, {}), 404, 'not-found');
    // A draft is not the candidate's to answer yet.
    const early = problem(await call('POST', `/v1/status/${ada.token}/offers/${draftForAda}/accept`, {}, {}), 409, 'invalid-state-transition');
    assert.ok(!String(early.detail).includes('draft'), 'the candidate is not told internal states');
    problem(await call('POST', `/v1/status/${ada.token}/offers/${sentToAda}/accept`, {}, { note: 'x'.repeat(2001) }), 400, 'validation-failed');
    assert.equal((await ok<Offer>('GET', `/v1/offers/${sentToAda}`, recruiter.auth)).status, 'sent', 'nothing above changed the offer');
  });

  test('accepting on the page hires the application: hired, candidate.hired, one opening filled; answering again is a 409', async () => {
    const res = await call('POST', `/v1/status/${ada.token}/offers/${sentToAda}/accept`, {}, { note: 'Delighted!' });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.headers['cache-control'], 'private, no-store');
    const answer = res.json<{ id: string; applicationId: string; status: string; respondedAt: string }>();
    assert.deepEqual({ ...answer, respondedAt: undefined }, { id: sentToAda, applicationId: ada.first, status: 'accepted', respondedAt: undefined });

    const application = await ok<{ status: string; stage: { kind: string } }>('GET', `/v1/applications/${ada.first}`, recruiter.auth);
    assert.deepEqual([application.status, application.stage.kind], ['hired', 'hired']);
    const offer = await ok<Offer>('GET', `/v1/offers/${sentToAda}`, recruiter.auth);
    assert.deepEqual([offer.status, offer.respondedBy, offer.responseNote], ['accepted', 'candidate', 'Delighted!']);
    const hired = (await ok<{ data: { payload: Record<string, unknown> }[] }>('GET', `/v1/events?type=candidate.hired&subjectId=${ada.candidateId}`, owner.auth)).data;
    assert.deepEqual(hired.map((e) => e.payload), [{ candidateId: ada.candidateId, applicationId: ada.first, jobId, offerId: sentToAda, jobClosed: false }]);
    assert.equal((await ok<{ openingsFilled: number }>('GET', `/v1/jobs/${jobId}`, recruiter.auth)).openingsFilled, 1);
    const history = (await ok<{ data: { action: string; actor: { type: string } }[] }>('GET', `/v1/applications/${ada.first}/history`, recruiter.auth)).data;
    assert.deepEqual(history.slice(-1).map((h) => [h.action, h.actor.type]), [['offer_accepted', 'candidate']]);

    problem(await call('POST', `/v1/status/${ada.token}/offers/${sentToAda}/decline`, {}, {}), 409, 'invalid-state-transition');
    const page = await ok<StatusPage & { applications: { id: string; status: string }[] }>('GET', `/v1/status/${ada.token}`);
    assert.deepEqual(page.offers, [], 'an answered offer no longer awaits');
    assert.equal(page.applications.find((a) => a.id === ada.first)?.status, 'hired');

    // Declining through the API works too, with no body at all.
    const bobsOffer = (await draft(bob.applicationId, { approvers: [] })).id;
    await ok('POST', `/v1/offers/${bobsOffer}/submit`, recruiter.auth, {});
    await ok('POST', `/v1/offers/${bobsOffer}/send`, recruiter.auth, {});
    const declined = await call('POST', `/v1/status/${bob.token}/offers/${bobsOffer}/decline`);
    assert.equal(declined.statusCode, 200, declined.body);
    assert.equal(declined.json<{ status: string }>().status, 'declined');
    assert.equal((await ok<{ status: string }>('GET', `/v1/applications/${bob.applicationId}`, recruiter.auth)).status, 'active', 'declining hires no one');
    assert.equal((await ok<{ openingsFilled: number }>('GET', `/v1/jobs/${jobId}`, recruiter.auth)).openingsFilled, 1);
  });

  test('the HTML form declines with a note, sends the browser back (303), and the page says so', async () => {
    await approveAndSend(draftForAda);
    const page = await call('GET', `/status/${ada.token}`);
    assert.ok(page.body.includes('<h3>Offer for Data &lt;Engineer&gt;</h3>'), 'the job title, escaped');
    assert.ok(!page.body.includes('<dt>Equity</dt>'), 'a term the offer does not have is not listed');

    const posted = await call('POST', `/status/${ada.token}/offers/${draftForAda}/decline`, FORM, `note=${encodeURIComponent('Staying put, thanks')}`);
    assert.equal(posted.statusCode, 303, posted.body);
    assert.equal(posted.headers.location, `/status/${ada.token}?done=offer-declined`);
    const after = await call('GET', String(posted.headers.location));
    assert.ok(after.body.includes('<p role="status">You declined the offer. The organization has been told.</p>'), after.body);
    assert.ok(!after.body.includes('id="offers"'), 'no offer awaits any more');
    const offer = await ok<Offer>('GET', `/v1/offers/${draftForAda}`, recruiter.auth);
    assert.deepEqual([offer.status, offer.respondedBy, offer.responseNote], ['declined', 'candidate', 'Staying put, thanks']);
    assert.equal((await ok<{ status: string }>('GET', `/v1/applications/${ada.second}`, recruiter.auth)).status, 'active');

    const again = await call('POST', `/status/${ada.token}/offers/${draftForAda}/accept`, FORM, '');
    assert.equal(again.statusCode, 409);
    assert.ok(again.body.includes('This offer is not awaiting your answer'), again.body);
  });
});
