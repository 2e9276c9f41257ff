import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Value } from 'typebox/value';
import { catalogue } from '../../src/modules/events/index.ts';
import { createJob, problem, startTestApp, type TestApp, type TestOrg } from '../helpers/app.ts';
import { join, signUp, type TestUser } from '../helpers/identity.ts';
import { addApplicant } from '../helpers/recruiting.ts';

type Headers = Record<string, string>;
interface Criterion { id: string; name: string; description: string | null }
interface Rating { criterionId: string; criterion: string; rating: number }
interface Version { version: number; ratings: Rating[]; notes: string | null; recommendation: string; submittedAt: string }
interface Scorecard {
  id: string; applicationId: string; interviewId: string; jobId: string; interviewerId: string; revision: number;
  submitted: Version | null; draft: { ratings: Rating[]; notes: string | null; recommendation: string | null; savedAt: string } | null;
}
interface Listed { data: Scorecard[]; othersHidden: boolean }
interface Summary {
  applicationId: string; othersHidden: boolean; submitted: Scorecard[]; recommendations: Record<string, number>;
  criteria: { criterionId: string; name: string; ratings: number; average: number | null }[];
  pending: { interviewId: string; interviewerId: string; start: string }[];
}

describe('scorecards: criteria, drafts, submitted versions and the submit-first rule', () => {
  let t: TestApp;
  let owner: TestUser;
  let org: TestOrg;
  let admin: TestUser;
  let recruiter: TestUser;
  let manager: TestUser;
  let first: TestUser;
  let second: TestUser;
  let third: TestUser;
  let offTeam: TestUser;
  let viewer: TestUser;
  let stranger: TestUser;
  let jobId: string;
  let applicationId: string;
  let panel: string;
  let solo: string;
  let design: Criterion;
  let node: Criterion;
  let communication: Criterion;
  let firstCard: Scorecard;

  const call = (method: 'GET' | 'POST' | 'PUT', url: string, headers: Headers, payload?: unknown) =>
    t.app.inject({ method, url, headers, ...(payload !== undefined ? { payload: payload as Record<string, unknown> } : {}) });
  const ok = async <T>(method: 'GET' | 'POST' | 'PUT', url: string, headers: Headers, payload?: unknown): Promise<T> => {
    const res = await call(method, url, headers, payload);
    assert.ok(res.statusCode < 300, `${method} ${url}: ${res.statusCode} ${res.body}`);
    return res.json<T>();
  };
  const schedule = (interviewers: string[], start: string) => ok<{ id: string }>('POST', `/v1/applications/${applicationId}/interviews`, recruiter.auth, {
    start, end: start.replace('T09', 'T10'), timeZone: 'Europe/Berlin', kind: 'phone', interviewers,
  });
  const saveDraft = (interviewId: string, who: TestUser, body: unknown, headers: Headers = {}) =>
    call('PUT', `/v1/interviews/${interviewId}/scorecard`, { ...who.auth, ...headers }, body);
  const submit = (interviewId: string, who: TestUser, body?: unknown, headers: Headers = {}) =>
    call('POST', `/v1/interviews/${interviewId}/scorecard/submit`, { ...who.auth, ...headers }, body);
  const listed = (who: TestUser) => ok<Listed>('GET', `/v1/applications/${applicationId}/scorecards`, who.auth);
  const summary = (who: TestUser) => ok<Summary>('GET', `/v1/applications/${applicationId}/scorecards/summary`, who.auth);

  before(async () => {
    t = await startTestApp();
    owner = await signUp(t);
    org = { id: owner.orgId, slug: owner.orgSlug, apiKey: '', auth: owner.auth };
    admin = await join(t, owner.auth, 'admin');
    recruiter = await join(t, owner.auth, 'recruiter');
    manager = await join(t, owner.auth, 'hiring_manager');
    first = await join(t, owner.auth, 'interviewer');
    second = await join(t, owner.auth, 'interviewer');
    third = await join(t, owner.auth, 'interviewer');
    offTeam = await join(t, owner.auth, 'interviewer');
    viewer = await join(t, owner.auth, 'viewer');
    stranger = await signUp(t);
    jobId = (await createJob(t, org)).id;
    for (const member of [manager, first, second, third]) await ok('PUT', `/v1/jobs/${jobId}/team/${member.userId}`, owner.auth);
    ({ applicationId } = await addApplicant(t, org.id, jobId, { email: 'ada@example.test', name: 'Ada Lovelace' }));
    panel = (await schedule([first.userId, second.userId], '2030-03-10T09:00:00Z')).id;
    solo = (await schedule([third.userId], '2030-03-11T09:00:00Z')).id;
  });
  after(() => t.close());

  test('criteria: recruiters replace the job\'s list (ids kept, names distinct); interviewers read it; errors point at the field', async () => {
    assert.deepEqual(await ok('GET', `/v1/jobs/${jobId}/scorecard-criteria`, recruiter.auth), { criteria: [] });
    const put = (criteria: unknown[], who: Headers = recruiter.auth) => call('PUT', `/v1/jobs/${jobId}/scorecard-criteria`, who, { criteria });
    const saved = (await put([{ name: ' System design ', description: 'Trade-offs, not buzzwords' }, { name: 'Node.js' }])).json<{ criteria: Criterion[] }>().criteria;
    assert.deepEqual(saved.map((c) => [c.name, c.description]), [['System design', 'Trade-offs, not buzzwords'], ['Node.js', null]]);
    assert.ok(saved.every((c) => /^scc_[0-9a-f]{32}$/.test(c.id)));
    const [savedDesign, savedNode] = saved;
    assert.ok(savedDesign && savedNode);

    const again = (await put([{ id: savedNode.id, name: 'Node.js' }, { name: 'Communication' }, { id: savedDesign.id, name: 'System design' }])).json<{ criteria: Criterion[] }>().criteria;
    assert.deepEqual(again.map((c) => c.name), ['Node.js', 'Communication', 'System design']);
    assert.equal(again[0]?.id, savedNode.id, 'a kept criterion keeps its id');
    assert.equal(again[2]?.id, savedDesign.id);
    [node, communication, design] = again as [Criterion, Criterion, Criterion];
    assert.deepEqual(await ok('GET', `/v1/jobs/${jobId}/scorecard-criteria`, first.auth), { criteria: again }, 'an interviewer on the team reads them');

    const bad = problem(await put([{ name: 'Node.js' }, { name: 'node.JS' }, { id: 'scc_nope', name: 'Other' }, { name: '   ' }]), 400, 'validation-failed');
    assert.deepEqual(bad.errors?.map((e) => e.pointer), ['/criteria/1/name', '/criteria/2/id', '/criteria/3/name']);
    problem(await put([{ name: 'x', weight: 2 }]), 400, 'validation-failed');
    problem(await put([], first.auth), 403, 'forbidden');
    problem(await put([], stranger.auth), 404, 'not-found');
    problem(await call('GET', `/v1/jobs/${jobId}/scorecard-criteria`, offTeam.auth), 404, 'not-found');
    assert.deepEqual((await ok<{ criteria: Criterion[] }>('GET', `/v1/jobs/${jobId}/scorecard-criteria`, owner.auth)).criteria, again, 'refused writes changed nothing');

    const events = await ok<{ data: { payload: unknown }[] }>('GET', `/v1/events?type=scorecard_criteria.updated&subjectId=${jobId}`, owner.auth);
    assert.deepEqual(events.data.map((e) => e.payload), [{ jobId, criterionIds: [savedDesign.id, savedNode.id] }, { jobId, criterionIds: again.map((c) => c.id) }]);
  });

  test('a draft is saved and replaced; submit needs a recommendation, is final, and an edit after it becomes the next version', async () => {
    const drafted = await saveDraft(panel, first, { ratings: [{ criterionId: design.id, rating: 3 }, { criterionId: node.id, rating: 4 }], notes: 'Clear on caching' });
    assert.equal(drafted.statusCode, 200, drafted.body);
    const draft = drafted.json<Scorecard>();
    assert.match(draft.id, /^scd_[0-9a-f]{32}$/);
    assert.equal(drafted.headers.etag, `"${draft.revision}"`);
    assert.deepEqual({ ...draft, draft: { ...draft.draft, savedAt: 'x' } }, {
      ...draft, applicationId, interviewId: panel, jobId, interviewerId: first.userId, submitted: null,
      draft: { ratings: [{ criterionId: node.id, criterion: 'Node.js', rating: 4 }, { criterionId: design.id, criterion: 'System design', rating: 3 }], notes: 'Clear on caching', recommendation: null, savedAt: 'x' },
    }, 'ratings come back in the job\'s order, with the criteria\'s names');
    assert.deepEqual(await ok('GET', `/v1/interviews/${panel}/scorecard`, first.auth), draft);

    const missing = problem(await submit(panel, first), 400, 'validation-failed');
    assert.deepEqual(missing.errors, [{ in: 'body', pointer: '/recommendation', detail: 'is required to submit (strong_no, no, yes or strong_yes)' }]);

    const stale = await saveDraft(panel, first, { notes: 'x' }, { 'if-match': `"${draft.revision - 1}"` });
    problem(stale, 409, 'version-conflict');
    const ready = (await saveDraft(panel, first, { ratings: draft.draft?.ratings.map(({ criterionId, rating }) => ({ criterionId, rating })), notes: 'Clear on caching', recommendation: 'yes' },
      { 'if-match': `"${draft.revision}"` })).json<Scorecard>();
    assert.equal(ready.revision, draft.revision + 1);

    const submitted = await submit(panel, first, undefined, { 'if-match': `"${ready.revision}"` });
    assert.equal(submitted.statusCode, 200, submitted.body);
    firstCard = submitted.json<Scorecard>();
    assert.equal(firstCard.id, draft.id);
    assert.equal(firstCard.draft, null);
    assert.deepEqual({ ...firstCard.submitted, submittedAt: 'x' }, {
      version: 1, ratings: ready.draft?.ratings, notes: 'Clear on caching', recommendation: 'yes', submittedAt: 'x',
    });
    problem(await submit(panel, first), 409, 'invalid-state-transition');

    const history = await ok<{ data: { action: string; actor: { id: string | null } }[] }>('GET', `/v1/applications/${applicationId}/history`, recruiter.auth);
    assert.deepEqual(history.data.filter((h) => h.action === 'scorecard_submitted').map((h) => h.actor.id), [first.userId]);
    const events = await ok<{ data: { payload: Record<string, unknown> }[] }>('GET', `/v1/events?type=scorecard.submitted&subjectId=${firstCard.id}`, owner.auth);
    assert.equal(events.data.length, 1);
    const definition = catalogue.find((d) => d.type === 'scorecard.submitted');
    assert.ok(definition && Value.Check(definition.payload, events.data[0]?.payload), 'scorecard.submitted follows its schema');
    assert.deepEqual(events.data[0]?.payload, {
      scorecardId: firstCard.id, applicationId, interviewId: panel, jobId, interviewerId: first.userId, version: 1, recommendation: 'yes', ratings: ready.draft?.ratings,
    }, 'no notes travel in the event');

    // An edit after submitting is a draft of version 2; version 1 stays what others see until it is submitted.
    const editing = (await saveDraft(panel, first, { ratings: [{ criterionId: design.id, rating: 2 }], notes: 'Second thoughts on caching', recommendation: 'no' })).json<Scorecard>();
    assert.deepEqual([editing.submitted?.version, editing.draft?.recommendation], [1, 'no']);
    const revised = (await submit(panel, first, {})).json<Scorecard>();
    assert.deepEqual([revised.submitted?.version, revised.submitted?.recommendation, revised.draft], [2, 'no', null]);
    const full = await ok<Scorecard & { versions: Version[] }>('GET', `/v1/scorecards/${firstCard.id}`, first.auth);
    assert.deepEqual(full.versions.map((v) => [v.version, v.recommendation, v.notes, v.ratings.map((r) => r.rating)]), [
      [1, 'yes', 'Clear on caching', [4, 3]], [2, 'no', 'Second thoughts on caching', [2]],
    ]);
    assert.equal(full.versions[0]?.submittedAt, firstCard.submitted?.submittedAt, 'the first version is kept as it was');
    firstCard = revised;
  });

  test('bad ratings and recommendations are 400s at the field; only a person named on a standing interview writes (403, 404, 409)', async () => {
    const body = (ratings: unknown, more: Record<string, unknown> = {}) => ({ ratings, ...more });
    const pointers = async (payload: unknown) => problem(await saveDraft(panel, second, payload), 400, 'validation-failed').errors?.map((e) => e.pointer);
    assert.deepEqual(await pointers(body([{ criterionId: 'scc_unknown', rating: 2 }])), ['/ratings/0/criterionId']);
    assert.deepEqual(await pointers(body([{ criterionId: design.id, rating: 2 }, { criterionId: design.id, rating: 3 }])), ['/ratings/1/criterionId']);
    assert.deepEqual(await pointers(body([{ criterionId: design.id, rating: 5 }])), ['/ratings/0/rating']);
    assert.deepEqual(await pointers(body([{ criterionId: design.id, rating: 0 }])), ['/ratings/0/rating']);
    assert.deepEqual(await pointers(body([{ criterionId: design.id, rating: 2.5 }])), ['/ratings/0/rating']);
    assert.deepEqual(await pointers(body([], { recommendation: 'maybe' })), ['/recommendation']);
    assert.deepEqual(await pointers(body([], { score: 10 })), ['/score']);
    const onSubmit = problem(await submit(panel, second, { ratings: [{ criterionId: node.id, rating: 3 }] }), 400, 'validation-failed');
    assert.deepEqual(onSubmit.errors?.map((e) => e.pointer), ['/recommendation']);
    problem(await call('GET', `/v1/interviews/${panel}/scorecard`, second.auth), 404, 'not-found');

    const valid = { ratings: [{ criterionId: node.id, rating: 3 }], recommendation: 'yes' };
    problem(await saveDraft(panel, recruiter, valid), 403, 'forbidden');
    problem(await saveDraft(panel, third, valid), 403, 'forbidden');
    problem(await submit(panel, owner, valid), 403, 'forbidden');
    const key = await ok<{ apiKey: string }>('POST', '/v1/api-keys', owner.auth, { name: 'ats', scopes: ['candidates:read', 'candidates:write'] });
    problem(await call('PUT', `/v1/interviews/${panel}/scorecard`, { authorization: `Bearer ${key.apiKey}` }, valid), 403, 'forbidden');
    problem(await saveDraft(panel, stranger, valid), 404, 'not-found');
    problem(await saveDraft('intv_00000000000000000000000000000000', first, valid), 404, 'not-found');

    const dropped = (await schedule([second.userId], '2030-03-12T09:00:00Z')).id;
    await ok('POST', `/v1/interviews/${dropped}/cancel`, recruiter.auth);
    problem(await saveDraft(dropped, second, valid), 409, 'invalid-state-transition');
    problem(await submit(dropped, second, valid), 409, 'invalid-state-transition');
    assert.deepEqual((await listed(recruiter)).data.map((s) => s.interviewerId), [first.userId], 'none of the refused writes left a scorecard');
  });

  test('anti-anchoring: an interviewer sees others\' scorecards only after submitting their own; managers see all; drafts stay private', async () => {
    // The first interviewer's open draft must stay theirs alone.
    await saveDraft(panel, first, { notes: 'Private second look', recommendation: 'strong_yes' });
    const secondDraft = (await saveDraft(panel, second, { ratings: [{ criterionId: design.id, rating: 3 }], notes: 'Solid', recommendation: 'strong_yes' })).json<Scorecard>();

    const before = await listed(second);
    assert.equal(before.othersHidden, true);
    assert.deepEqual(before.data.map((s) => [s.id, s.draft?.notes]), [[secondDraft.id, 'Solid']], 'before submitting: only their own draft');
    problem(await call('GET', `/v1/scorecards/${firstCard.id}`, second.auth), 403, 'forbidden');
    const hiddenSummary = await summary(second);
    assert.deepEqual([hiddenSummary.othersHidden, hiddenSummary.submitted, hiddenSummary.recommendations],
      [true, [], { strong_no: 0, no: 0, yes: 0, strong_yes: 0 }]);
    assert.ok(!JSON.stringify(hiddenSummary).includes('caching'));
    // The recruiter sees submitted scorecards, never someone's draft.
    problem(await call('GET', `/v1/scorecards/${secondDraft.id}`, recruiter.auth), 404, 'not-found');

    assert.equal((await submit(panel, second)).statusCode, 200);
    const afterwards = await listed(second);
    assert.equal(afterwards.othersHidden, false);
    const theirs = afterwards.data.find((s) => s.id === firstCard.id);
    assert.deepEqual([theirs?.submitted?.version, theirs?.submitted?.notes, theirs?.draft], [2, 'Second thoughts on caching', null], 'after submitting: others\' latest version, no draft');
    const full = await ok<Scorecard & { versions: Version[] }>('GET', `/v1/scorecards/${firstCard.id}`, second.auth);
    assert.deepEqual([full.versions.length, full.draft], [2, null]);
    assert.equal((await ok<Scorecard>('GET', `/v1/scorecards/${firstCard.id}`, first.auth)).draft?.notes, 'Private second look', 'its author still sees the draft');

    for (const [who, role] of [[recruiter, 'recruiter'], [manager, 'hiring manager'], [admin, 'admin'], [owner, 'owner']] as const) {
      const seen = await listed(who);
      assert.equal(seen.othersHidden, false, role);
      assert.deepEqual(seen.data.map((s) => s.interviewerId).sort(), [first.userId, second.userId].sort(), role);
      assert.ok(seen.data.every((s) => s.draft === null), `${role} sees no draft`);
      assert.equal((await ok<{ versions: Version[] }>('GET', `/v1/scorecards/${firstCard.id}`, who.auth)).versions.length, 2, role);
      assert.equal((await summary(who)).submitted.length, 2, role);
    }
    for (const [who, role] of [[third, 'an interviewer who has not submitted'], [viewer, 'a viewer']] as const) {
      const seen = await listed(who);
      assert.deepEqual([seen.othersHidden, seen.data], [true, []], role);
      problem(await call('GET', `/v1/scorecards/${firstCard.id}`, who.auth), 403, 'forbidden');
      assert.deepEqual((await summary(who)).submitted, [], role);
    }
    for (const who of [stranger, offTeam]) {
      problem(await call('GET', `/v1/applications/${applicationId}/scorecards`, who.auth), 404, 'not-found');
      problem(await call('GET', `/v1/applications/${applicationId}/scorecards/summary`, who.auth), 404, 'not-found');
      problem(await call('GET', `/v1/scorecards/${firstCard.id}`, who.auth), 404, 'not-found');
      problem(await call('GET', `/v1/interviews/${panel}/scorecard`, who.auth), 404, 'not-found');
    }
  });

  test('the summary: recommendations counted, mean rating per criterion, and who on a standing interview has not submitted', async () => {
    const seen = await summary(manager);
    assert.equal(seen.applicationId, applicationId);
    assert.deepEqual(seen.recommendations, { strong_no: 0, no: 1, yes: 0, strong_yes: 1 });
    assert.deepEqual(seen.criteria.map((c) => [c.name, c.ratings, c.average]), [['Node.js', 0, null], ['Communication', 0, null], ['System design', 2, 2.5]]);
    assert.deepEqual(seen.pending, [{ interviewId: solo, interviewerId: third.userId, start: '2030-03-11T09:00:00.000Z' }]);
    assert.deepEqual((await summary(third)).pending, seen.pending, 'who owes a scorecard is shown whatever the rule hides');

    await ok('PUT', `/v1/interviews/${solo}/scorecard`, third.auth, { ratings: [{ criterionId: communication.id, rating: 1 }, { criterionId: design.id, rating: 4 }], recommendation: 'strong_no' });
    assert.equal((await summary(manager)).pending.length, 1, 'a draft is not a submitted scorecard');
    await ok('POST', `/v1/interviews/${solo}/scorecard/submit`, third.auth);
    const all = await summary(third);
    assert.equal(all.othersHidden, false, 'having submitted, the third interviewer sees the others');
    assert.deepEqual(all.recommendations, { strong_no: 1, no: 1, yes: 0, strong_yes: 1 });
    assert.deepEqual(all.criteria.map((c) => [c.name, c.ratings, c.average]), [['Node.js', 0, null], ['Communication', 1, 1], ['System design', 3, 3]]);
    assert.deepEqual(all.pending, []);

    const late = (await schedule([first.userId, third.userId], '2030-03-13T09:00:00Z')).id;
    assert.deepEqual((await summary(recruiter)).pending.map((p) => [p.interviewId, p.interviewerId]), [[late, first.userId], [late, third.userId]]);
    await ok('POST', `/v1/interviews/${late}/cancel`, recruiter.auth);
    assert.deepEqual((await summary(recruiter)).pending, [], 'a cancelled interview owes nothing');
  });
});
