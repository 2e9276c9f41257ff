import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Value } from 'typebox/value';
import { AppError } from '../../src/app-error.ts';
import { catalogue } from '../../src/modules/events/index.ts';
import { createJob, problem, publishJob, startTestApp, type TestApp, type TestOrg } from '../helpers/app.ts';
import { join, signUp, type TestUser } from '../helpers/identity.ts';
import { addApplicant } from '../helpers/recruiting.ts';

interface Terms { version: number; salary: { amount: number; currency: string; period: string } | null; startDate: string | null; equity: string | null; bonus: string | null; document: string | null }
interface Offer {
  id: string; applicationId: string; jobId: string; candidateId: string; status: string; terms: Terms; approvalMode: string | null;
  approvers: { userId: string; decision: string; note: string | null }[]; nextApprover: string | null; respondedBy: string | null; responseNote: string | null; version: number;
}
interface Application { id: string; status: string; stage: { id: string; kind: string }; version: number }
interface Job { id: string; status: string; openings: number; openingsFilled: number; closeWhenFilled: boolean }
interface Listed { type: string; subjectId: string; payload: Record<string, unknown> }
type Headers = Record<string, string>;

describe('offers: versioned terms, named approvers, and the candidate\'s answer', () => {
  let t: TestApp;
  let owner: TestUser;
  let org: TestOrg;
  let recruiter: TestUser;
  let manager: TestUser;
  let finance: TestUser;
  let viewer: TestUser;
  let interviewer: TestUser;
  let offTeam: TestUser;
  let stranger: TestUser;
  let jobId: string;
  let applicants = 0;

  const call = (method: 'GET' | 'POST' | 'PATCH' | 'PUT', url: string, headers: Headers, payload?: unknown) =>
    t.app.inject({ method, url, headers, ...(payload !== undefined ? { payload: payload as Record<string, unknown> } : {}) });
  const ok = async <T>(method: 'GET' | 'POST' | 'PATCH' | 'PUT', url: string, headers: Headers, payload?: unknown): Promise<T> => {
    const res = await call(method, url, headers, payload);
    assert.ok(res.statusCode < 300, `${method} ${url}: ${res.statusCode} ${res.body}`);
    return res.json<T>();
  };
  const terms = (overrides: Record<string, unknown> = {}) => ({
    salary: { amount: 85000.5, currency: 'EUR', period: 'year' }, startDate: '2031-01-15', equity: '0.1% over 4 years', bonus: '10% on target',
    document: '# Offer\n\nWe are glad to offer you the role.', approvers: [manager.userId, finance.userId], ...overrides,
  });
  const applicant = async (job = jobId, email = `applicant-${++applicants}@example.test`) => addApplicant(t, org.id, job, { email, name: `Applicant ${applicants}` });
  const draft = async (applicationId: string, overrides: Record<string, unknown> = {}): Promise<Offer> => {
    const res = await call('POST', `/v1/applications/${applicationId}/offers`, recruiter.auth, terms(overrides));
    assert.equal(res.statusCode, 201, res.body);
    return res.json<Offer>();
  };
  const act = (id: string, action: string, who: Headers = recruiter.auth, body: Record<string, unknown> = {}) => call('POST', `/v1/offers/${id}/${action}`, who, body);
  const acted = async (id: string, action: string, who: Headers = recruiter.auth, body: Record<string, unknown> = {}): Promise<Offer> => {
    const res = await act(id, action, who, body);
    assert.equal(res.statusCode, 200, `${action}: ${res.body}`);
    return res.json<Offer>();
  };
  /** An offer that names no approver, submitted (so approved at once) and sent. */
  const sentOffer = async (applicationId: string): Promise<Offer> => {
    const offer = await draft(applicationId, { approvers: [] });
    assert.equal((await acted(offer.id, 'submit')).status, 'approved', 'an offer naming no approver is approved on submission');
    return acted(offer.id, 'send');
  };
  const eventsOf = async (type: string, subjectId: string): Promise<Listed[]> =>
    (await ok<{ data: Listed[] }>('GET', `/v1/events?type=${type}&subjectId=${subjectId}&limit=100`, owner.auth)).data;
  const followsSchema = (type: string, payload: unknown) => {
    const definition = catalogue.find((d) => d.type === type);
    assert.ok(definition && Value.Check(definition.payload, payload), `${type} follows its schema`);
  };
  const setMode = (approvalMode: string) => ok('PUT', '/v1/offer-settings', owner.auth, { approvalMode });

  before(async () => {
    t = await startTestApp();
    owner = await signUp(t);
    org = { id: owner.orgId, slug: owner.orgSlug, apiKey: '', auth: owner.auth };
    recruiter = await join(t, owner.auth, 'recruiter');
    manager = await join(t, owner.auth, 'hiring_manager');
    finance = await join(t, owner.auth, 'viewer');
    viewer = await join(t, owner.auth, 'viewer');
    interviewer = await join(t, owner.auth, 'interviewer');
    offTeam = await join(t, owner.auth, 'hiring_manager');
    stranger = await signUp(t);
    jobId = (await publishJob(t, org, { openings: 100 })).id;
    for (const member of [manager, interviewer]) await ok('PUT', `/v1/jobs/${jobId}/team/${member.userId}`, owner.auth);
  });
  after(() => t.close());

  test('offer settings: sequential until an admin chooses; recruiters read them but may not set them', async () => {
    assert.deepEqual(await ok('GET', '/v1/offer-settings', recruiter.auth), { approvalMode: 'sequential', updatedAt: null });
    problem(await call('PUT', '/v1/offer-settings', recruiter.auth, { approvalMode: 'parallel' }), 403, 'forbidden');
    problem(await call('PUT', '/v1/offer-settings', owner.auth, { approvalMode: 'whenever' }), 400, 'validation-failed');
    const set = await setMode('parallel');
    assert.equal((set as { approvalMode: string }).approvalMode, 'parallel');
    assert.equal((await ok<{ approvalMode: string; updatedAt: string | null }>('GET', '/v1/offer-settings', viewer.auth)).approvalMode, 'parallel');
    await setMode('sequential');
    assert.equal((await ok<{ approvalMode: string }>('GET', '/v1/offer-settings', recruiter.auth)).approvalMode, 'sequential');
  });

  test('drafting answers the offer with its first terms, writes history and offer.drafted; one offer at a time; bad terms are 400s at the field', async () => {
    const { applicationId, candidateId } = await applicant();
    const res = await call('POST', `/v1/applications/${applicationId}/offers`, recruiter.auth, terms({ approvers: [manager.userId, finance.userId, manager.userId] }));
    assert.equal(res.statusCode, 201, res.body);
    const offer = res.json<Offer>();
    assert.match(offer.id, /^ofr_[0-9a-f]{32}$/);
    assert.equal(res.headers.location, `/v1/offers/${offer.id}`);
    assert.equal(res.headers.etag, '"1"');
    assert.deepEqual(
      { status: offer.status, candidateId: offer.candidateId, jobId: offer.jobId, mode: offer.approvalMode, approvers: offer.approvers.map((a) => [a.userId, a.decision]) },
      { status: 'draft', candidateId, jobId, mode: null, approvers: [[manager.userId, 'pending'], [finance.userId, 'pending']] },
    );
    assert.deepEqual(
      { ...offer.terms, author: undefined, createdAt: undefined },
      { version: 1, salary: { amount: 85000.5, currency: 'EUR', period: 'year' }, startDate: '2031-01-15', equity: '0.1% over 4 years', bonus: '10% on target',
        document: '# Offer\n\nWe are glad to offer you the role.', author: undefined, createdAt: undefined },
    );
    assert.deepEqual(await ok('GET', `/v1/offers/${offer.id}`, recruiter.auth), offer);
    const [drafted] = await eventsOf('offer.drafted', offer.id);
    followsSchema('offer.drafted', drafted?.payload);
    const history = (await ok<{ data: { action: string; actor: { id: string | null } }[] }>('GET', `/v1/applications/${applicationId}/history`, recruiter.auth)).data;
    assert.ok(history.some((h) => h.action === 'offer_drafted' && h.actor.id === recruiter.userId), JSON.stringify(history));

    const second = problem(await call('POST', `/v1/applications/${applicationId}/offers`, recruiter.auth, terms()), 409, 'conflict');
    assert.match(String(second.detail), new RegExp(offer.id));

    const other = await applicant();
    const pointers = async (body: Record<string, unknown>) =>
      problem(await call('POST', `/v1/applications/${other.applicationId}/offers`, recruiter.auth, body), 400, 'validation-failed').errors?.map((e) => e.pointer);
    assert.deepEqual(await pointers(terms({ salary: { amount: 1, currency: 'EUX', period: 'year' } })), ['/salary/currency']);
    assert.deepEqual(await pointers(terms({ salary: { amount: 1000.125, currency: 'EUR', period: 'year' } })), ['/salary/amount']);
    assert.deepEqual(await pointers(terms({ approvers: [manager.userId, stranger.userId] })), ['/approvers/1']);
    assert.deepEqual(await pointers(terms({ approvers: [offTeam.userId] })), ['/approvers/0'], 'a hiring manager off the job could not see the offer');
    problem(await call('POST', `/v1/applications/${other.applicationId}/offers`, recruiter.auth, terms({ salary: { amount: 1, currency: 'EUR', period: 'fortnight' } })), 400, 'validation-failed');
    problem(await call('POST', `/v1/applications/${other.applicationId}/offers`, recruiter.auth, terms({ startDate: '2031-02-30' })), 400, 'validation-failed');
    problem(await call('POST', `/v1/applications/${other.applicationId}/offers`, recruiter.auth, { startDate: '2031-02-01' }), 400, 'validation-failed');
    problem(await call('POST', '/v1/applications/app_0000000000000000000000000000dead/offers', recruiter.auth, terms()), 404, 'not-found');
    await ok('POST', `/v1/applications/${other.applicationId}/withdraw`, recruiter.auth, {});
    problem(await call('POST', `/v1/applications/${other.applicationId}/offers`, recruiter.auth, terms()), 409, 'invalid-state-transition');
  });

  test('a change of terms is a new version (earlier ones stay readable) and resets approvals; a change of nothing changes nothing', async () => {
    const offer = await draft((await applicant()).applicationId);
    await acted(offer.id, 'submit');
    assert.equal((await acted(offer.id, 'approve', manager.auth)).approvers[0]?.decision, 'approved');

    const res = await call('PATCH', `/v1/offers/${offer.id}`, recruiter.auth, { salary: { amount: 90000, currency: 'EUR', period: 'year' }, bonus: null });
    assert.equal(res.statusCode, 200, res.body);
    const changed = res.json<Offer>();
    assert.equal(changed.status, 'draft', 'back to draft');
    assert.equal(changed.terms.version, 2);
    assert.deepEqual([changed.terms.salary?.amount, changed.terms.bonus, changed.terms.equity], [90000, null, '0.1% over 4 years']);
    assert.deepEqual(changed.approvers.map((a) => a.decision), ['pending', 'pending'], 'approvals start over');
    const versions = (await ok<{ data: Terms[] }>('GET', `/v1/offers/${offer.id}/versions`, recruiter.auth)).data;
    assert.deepEqual(versions.map((v) => [v.version, v.salary?.amount, v.bonus]), [[1, 85000.5, '10% on target'], [2, 90000, null]]);
    const [event] = await eventsOf('offer.changed', offer.id);
    assert.equal(event?.payload.newTerms, true);
    followsSchema('offer.changed', event?.payload);

    const same = await ok<Offer>('PATCH', `/v1/offers/${offer.id}`, recruiter.auth, { salary: { amount: 90000, currency: 'EUR', period: 'year' } });
    assert.deepEqual([same.version, same.terms.version], [changed.version, 2], 'nothing changed, so no new version');
    problem(await call('PATCH', `/v1/offers/${offer.id}`, { ...recruiter.auth, 'if-match': `"${offer.version}"` }, { equity: 'None' }), 409, 'version-conflict');
    const approversOnly = await ok<Offer>('PATCH', `/v1/offers/${offer.id}`, { ...recruiter.auth, 'if-match': `"${changed.version}"` }, { approvers: [finance.userId] });
    assert.deepEqual([approversOnly.terms.version, approversOnly.approvers.map((a) => a.userId)], [2, [finance.userId]], 'new approvers are no new terms');
    problem(await call('PATCH', `/v1/offers/${offer.id}`, recruiter.auth, { salary: { amount: 1, currency: 'XYZ', period: 'year' } }), 400, 'validation-failed');
  });

  test('sequential approval: only the next named approver; someone not named gets 403 not-an-approver; a rejection sends it back to draft', async () => {
    const offer = await draft((await applicant()).applicationId);
    problem(await act(offer.id, 'approve', manager.auth), 409, 'invalid-state-transition');
    problem(await act(offer.id, 'send'), 409, 'invalid-state-transition');
    const submitted = await acted(offer.id, 'submit');
    assert.deepEqual([submitted.status, submitted.approvalMode, submitted.nextApprover], ['pending_approval', 'sequential', manager.userId]);
    problem(await act(offer.id, 'submit'), 409, 'invalid-state-transition');

    problem(await act(offer.id, 'approve', finance.auth), 409, 'approval-out-of-turn');
    for (const who of [recruiter, viewer, interviewer, owner]) {
      const refused = problem(await act(offer.id, 'approve', who.auth), 403, 'not-an-approver');
      assert.match(String(refused.detail), /not one of them/);
    }
    problem(await act(offer.id, 'approve', { authorization: `Bearer ${t.org.apiKey}` }), 404, 'not-found');
    const key = await ok<{ apiKey: string }>('POST', '/v1/api-keys', owner.auth, { name: 'ats', scopes: ['candidates:read', 'candidates:write'] });
    problem(await act(offer.id, 'approve', { authorization: `Bearer ${key.apiKey}` }), 403, 'not-an-approver');
    problem(await act(offer.id, 'reject', recruiter.auth, { note: 'Too much' }), 403, 'not-an-approver');

    const first = await acted(offer.id, 'approve', manager.auth, { note: 'Fair' });
    assert.deepEqual([first.status, first.nextApprover, first.approvers[0]?.note], ['pending_approval', finance.userId, 'Fair']);
    problem(await act(offer.id, 'approve', manager.auth), 409, 'conflict');
    const rejected = await acted(offer.id, 'reject', finance.auth, { note: 'Above the band' });
    assert.equal(rejected.status, 'draft');
    assert.deepEqual(rejected.approvers.map((a) => [a.decision, a.note]), [['approved', 'Fair'], ['rejected', 'Above the band']], 'the round that was rejected stays readable');
    problem(await act(offer.id, 'approve', finance.auth), 409, 'invalid-state-transition');

    const again = await acted(offer.id, 'submit');
    assert.deepEqual(again.approvers.map((a) => a.decision), ['pending', 'pending'], 'a new submission asks everyone again');
    await acted(offer.id, 'approve', manager.auth);
    const approved = await acted(offer.id, 'approve', finance.auth);
    assert.deepEqual([approved.status, approved.nextApprover], ['approved', null]);
    const recorded = await eventsOf('offer.approval_recorded', offer.id);
    assert.deepEqual(recorded.map((e) => e.payload.decision), ['approved', 'rejected', 'approved', 'approved']);
    for (const e of recorded) followsSchema('offer.approval_recorded', e.payload);
    assert.equal((await eventsOf('offer.approved', offer.id)).length, 1);
    const history = (await ok<{ data: { action: string; note: string | null }[] }>('GET', `/v1/applications/${offer.applicationId}/history`, recruiter.auth)).data;
    assert.ok(history.some((h) => h.action === 'offer_approval' && h.note === 'Above the band'));
    assert.ok(history.some((h) => h.action === 'offer_approved'));
  });

  test('parallel approval: every named approver, in any order; the mode is the one the offer was submitted with', async () => {
    await setMode('parallel');
    try {
      const offer = await draft((await applicant()).applicationId);
      const submitted = await acted(offer.id, 'submit');
      assert.deepEqual([submitted.approvalMode, submitted.nextApprover], ['parallel', null]);
      await setMode('sequential');
      assert.equal((await acted(offer.id, 'approve', finance.auth)).status, 'pending_approval', 'the second named approves first');
      problem(await act(offer.id, 'approve', recruiter.auth), 403, 'not-an-approver');
      assert.equal((await acted(offer.id, 'approve', manager.auth)).status, 'approved');
    } finally {
      await setMode('sequential');
    }
  });

  test('accepting hires: the application reaches the hired stage, candidate.hired and offer.accepted, one opening filled, the last one closes the job; other applications stay', async () => {
    const job = await publishJob(t, org, { title: 'Two seats', openings: 2 });
    const otherJob = await publishJob(t, org, { title: 'Other role' });
    const email = 'hire-me@example.test';
    const hired = await applicant(job.id, email);
    const elsewhere = await applicant(otherJob.id, email);
    assert.equal(elsewhere.candidateId, hired.candidateId, 'one person, two applications');
    const elsewhereBefore = await ok<Application>('GET', `/v1/applications/${elsewhere.applicationId}`, recruiter.auth);

    const offer = await draft(hired.applicationId, { approvers: [] });
    problem(await act(offer.id, 'accept'), 409, 'invalid-state-transition');
    await acted(offer.id, 'submit');
    problem(await act(offer.id, 'accept'), 409, 'invalid-state-transition');
    const sent = await acted(offer.id, 'send');
    assert.equal(sent.status, 'sent');
    problem(await act(offer.id, 'accept', viewer.auth), 403, 'forbidden');
    const accepted = await acted(offer.id, 'accept');
    assert.deepEqual([accepted.status, accepted.respondedBy], ['accepted', 'user']);

    const application = await ok<Application>('GET', `/v1/applications/${hired.applicationId}`, recruiter.auth);
    assert.deepEqual([application.status, application.stage.kind], ['hired', 'hired']);
    assert.deepEqual(await ok<Application>('GET', `/v1/applications/${elsewhere.applicationId}`, recruiter.auth), elsewhereBefore, 'the other application is left alone');
    const afterFirst = await ok<Job>('GET', `/v1/jobs/${job.id}`, recruiter.auth);
    assert.deepEqual([afterFirst.openingsFilled, afterFirst.status], [1, 'published']);

    const [hiredEvent] = await eventsOf('candidate.hired', hired.candidateId);
    assert.deepEqual(hiredEvent?.payload, { candidateId: hired.candidateId, applicationId: hired.applicationId, jobId: job.id, offerId: offer.id, jobClosed: false });
    followsSchema('candidate.hired', hiredEvent?.payload);
    const [acceptedEvent] = await eventsOf('offer.accepted', offer.id);
    followsSchema('offer.accepted', acceptedEvent?.payload);
    assert.equal((await eventsOf('application.hired', hired.applicationId)).length, 1, 'hired through the applications area\'s own move');
    const history = (await ok<{ data: { action: string }[] }>('GET', `/v1/applications/${hired.applicationId}/history`, recruiter.auth)).data.map((h) => h.action);
    assert.deepEqual(history.slice(-2), ['hired', 'offer_accepted']);
    problem(await call('PATCH', `/v1/offers/${offer.id}`, recruiter.auth, { bonus: 'More' }), 409, 'invalid-state-transition');
    problem(await act(offer.id, 'withdraw'), 409, 'invalid-state-transition');

    const last = await applicant(job.id);
    const lastOffer = await sentOffer(last.applicationId);
    const late = await applicant(job.id);
    const lateOffer = await sentOffer(late.applicationId);
    await acted(lastOffer.id, 'accept');
    const closed = await ok<Job>('GET', `/v1/jobs/${job.id}`, recruiter.auth);
    assert.deepEqual([closed.openingsFilled, closed.status], [2, 'closed'], 'the last opening closes the job');
    const [closedEvent] = await eventsOf('job.closed', job.id);
    assert.equal(closedEvent?.payload.reason, 'filled');
    followsSchema('job.closed', closedEvent?.payload);
    assert.equal((await eventsOf('candidate.hired', last.candidateId))[0]?.payload.jobClosed, true);

    const full = problem(await act(lateOffer.id, 'accept'), 409, 'invalid-state-transition');
    assert.match(String(full.detail), /openings/);
    assert.equal((await ok<Offer>('GET', `/v1/offers/${lateOffer.id}`, recruiter.auth)).status, 'sent', 'a refused hire changes nothing');
    assert.equal((await ok<Application>('GET', `/v1/applications/${late.applicationId}`, recruiter.auth)).status, 'active');
    problem(await call('PATCH', `/v1/jobs/${job.id}`, recruiter.auth, { openings: 1 }), 400, 'validation-failed');
    assert.equal((await ok<Job>('PATCH', `/v1/jobs/${job.id}`, recruiter.auth, { openings: 3 })).openings, 3);
    assert.equal((await acted(lateOffer.id, 'accept')).status, 'accepted', 'with another opening the hire goes ahead');
  });

  test('jobs: one opening and closeWhenFilled unless set; a job that keeps its board place when filled', async () => {
    const plain = await createJob(t, org);
    assert.deepEqual([plain.openings, plain.openingsFilled, plain.closeWhenFilled], [1, 0, true]);
    problem(await call('POST', '/v1/jobs', recruiter.auth, { title: 'None', openings: 0 }), 400, 'validation-failed');
    problem(await call('PATCH', `/v1/jobs/${plain.id}`, recruiter.auth, { openingsFilled: 3 }), 400, 'validation-failed');

    const evergreen = await publishJob(t, org, { title: 'Evergreen', closeWhenFilled: false });
    const { applicationId } = await applicant(evergreen.id);
    await acted((await sentOffer(applicationId)).id, 'accept');
    const filled = await ok<Job>('GET', `/v1/jobs/${evergreen.id}`, recruiter.auth);
    assert.deepEqual([filled.openingsFilled, filled.status], [1, 'published'], 'filled, but it stays on the board');
  });

  test('decline and withdraw end an offer, after which another may be drafted', async () => {
    const { applicationId } = await applicant();
    const offer = await sentOffer(applicationId);
    const declined = await acted(offer.id, 'decline', recruiter.auth, { note: 'Took another offer' });
    assert.deepEqual([declined.status, declined.responseNote, declined.respondedBy], ['declined', 'Took another offer', 'user']);
    followsSchema('offer.declined', (await eventsOf('offer.declined', offer.id))[0]?.payload);
    assert.equal((await ok<Application>('GET', `/v1/applications/${applicationId}`, recruiter.auth)).status, 'active', 'declining hires nobody');
    problem(await act(offer.id, 'accept'), 409, 'invalid-state-transition');

    const next = await draft(applicationId);
    const withdrawn = await acted(next.id, 'withdraw', recruiter.auth, { note: 'Role put on hold' });
    assert.deepEqual([withdrawn.status, withdrawn.responseNote], ['withdrawn', 'Role put on hold']);
    assert.deepEqual((await ok<{ data: Offer[] }>('GET', `/v1/applications/${applicationId}/offers`, recruiter.auth)).data.map((o) => o.status), ['declined', 'withdrawn']);
    await draft(applicationId);
  });

  test('the candidate answers through the service (their status page): accepting hires as they; a link for someone else finds nothing', async () => {
    const { applicationId, candidateId } = await applicant();
    const offers = t.container.recruiting.offers;
    const offer = await draft(applicationId, { approvers: [] });
    await assert.rejects(offers.respondAsCandidate(org.id, offer.id, 'accept'), (err) => err instanceof AppError && err.code === 'invalid-state-transition', 'only a sent offer');
    await acted(offer.id, 'submit');
    await acted(offer.id, 'send');
    const other = await applicant();
    await assert.rejects(offers.respondAsCandidate(org.id, offer.id, 'accept', { candidateId: other.candidateId }), (err) => err instanceof AppError && err.code === 'not-found');
    await assert.rejects(offers.respondAsCandidate(stranger.orgId, offer.id, 'accept'), (err) => err instanceof AppError && err.code === 'not-found');

    const accepted = await offers.respondAsCandidate(org.id, offer.id, 'accept', { candidateId });
    assert.deepEqual([accepted.status, accepted.respondedBy], ['accepted', 'candidate']);
    assert.equal((await ok<Application>('GET', `/v1/applications/${applicationId}`, recruiter.auth)).status, 'hired');
    const history = (await ok<{ data: { action: string; actor: { type: string; id: string | null } }[] }>('GET', `/v1/applications/${applicationId}/history`, recruiter.auth)).data;
    assert.deepEqual(history.filter((h) => h.action === 'hired' || h.action === 'offer_accepted').map((h) => h.actor), [{ type: 'candidate', id: candidateId }, { type: 'candidate', id: candidateId }]);

    const declining = await applicant();
    const toDecline = await sentOffer(declining.applicationId);
    const declined = await offers.respondAsCandidate(org.id, toDecline.id, 'decline', { note: 'Relocation is not possible' });
    assert.deepEqual([declined.status, declined.respondedBy, declined.responseNote], ['declined', 'candidate', 'Relocation is not possible']);
  });

  test('access: another org sees 404; offers are read by those who make them and the approvers each names; a viewer may not draft', async () => {
    const { applicationId } = await applicant();
    const offer = await draft(applicationId, { approvers: [finance.userId] });
    problem(await call('GET', `/v1/offers/${offer.id}`, stranger.auth), 404, 'not-found');
    problem(await call('POST', `/v1/applications/${applicationId}/offers`, stranger.auth, terms({ approvers: [] })), 404, 'not-found');
    problem(await act(offer.id, 'submit', stranger.auth), 404, 'not-found');

    assert.equal((await call('GET', `/v1/offers/${offer.id}`, finance.auth)).statusCode, 200, 'a named approver reads it');
    assert.equal((await call('GET', `/v1/offers/${offer.id}`, manager.auth)).statusCode, 200, 'a hiring manager on the job reads it');
    problem(await call('GET', `/v1/offers/${offer.id}`, viewer.auth), 404, 'not-found');
    problem(await call('GET', `/v1/offers/${offer.id}/versions`, interviewer.auth), 404, 'not-found');
    problem(await call('GET', `/v1/offers/${offer.id}`, offTeam.auth), 404, 'not-found');
    assert.deepEqual((await ok<{ data: Offer[] }>('GET', `/v1/applications/${applicationId}/offers`, viewer.auth)).data, [], 'a viewer not named sees no offers');
    assert.equal((await ok<{ data: Offer[] }>('GET', `/v1/applications/${applicationId}/offers`, finance.auth)).data.length, 1);
    problem(await call('GET', `/v1/offers/${offer.id}`, { authorization: `Bearer ${t.org.apiKey}` }), 404, 'not-found');

    problem(await call('POST', `/v1/applications/${applicationId}/offers`, viewer.auth, terms()), 403, 'forbidden');
    problem(await call('PATCH', `/v1/offers/${offer.id}`, finance.auth, { bonus: 'More for me' }), 403, 'forbidden');
    problem(await act(offer.id, 'withdraw', interviewer.auth), 403, 'forbidden');
    const reader = await ok<{ apiKey: string }>('POST', '/v1/api-keys', owner.auth, { name: 'reader', scopes: ['candidates:read'] });
    problem(await call('GET', `/v1/offers/${offer.id}`, { authorization: `Bearer ${reader.apiKey}` }), 403, 'forbidden');
  });
});
