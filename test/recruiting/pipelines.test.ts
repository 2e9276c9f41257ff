import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { Value } from 'typebox/value';
import { queryRows } from '../../src/infra/db/database.ts';
import { catalogue } from '../../src/modules/events/index.ts';
import { createJob, problem, publishJob, startTestApp, type TestApp, type TestOrg } from '../helpers/app.ts';
import { join, signUp, type TestUser } from '../helpers/identity.ts';
import { addApplicant } from '../helpers/recruiting.ts';

interface Stage { id: string; position: number; name: string; kind: string; candidateName: string }
interface Template { id: string; name: string; isDefault: boolean; stages: { name: string; kind: string; candidateName: string }[]; version: number }

const simpleStages = [
  { name: 'New', kind: 'applied' },
  { name: 'Call', kind: 'screen', candidateName: 'Talking to us' },
  { name: 'Offer made', kind: 'offer' },
  { name: 'Joined', kind: 'hired' },
];

describe('pipeline templates and job stages', () => {
  let t: TestApp;
  let other: TestOrg;
  let owner: TestUser;
  let ownerOrg: TestOrg;
  let manager: TestUser;

  before(async () => {
    t = await startTestApp();
    other = await t.createOrg('Other');
    owner = await signUp(t);
    ownerOrg = { id: owner.orgId, slug: owner.orgSlug, apiKey: '', auth: owner.auth };
    manager = await join(t, owner.auth, 'hiring_manager');
  });
  after(() => t.close());

  const call = (method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, headers: Record<string, string>, payload?: unknown) =>
    t.app.inject({ method, url, headers, ...(payload !== undefined ? { payload: payload as Record<string, unknown> } : {}) });
  const stagesOf = async (org: TestOrg, jobId: string) => {
    const res = await call('GET', `/v1/jobs/${jobId}/stages`, org.auth);
    assert.equal(res.statusCode, 200, res.body);
    return res.json<{ data: Stage[] }>().data;
  };

  test('an org lists its default template before anything used it, with the default stages', async () => {
    const org = await t.createOrg('Fresh');
    const res = await call('GET', '/v1/pipeline-templates', org.auth);
    assert.equal(res.statusCode, 200, res.body);
    const { data, nextCursor } = res.json<{ data: Template[]; nextCursor: null }>();
    assert.equal(nextCursor, null);
    assert.equal(data.length, 1);
    assert.equal(data[0]?.isDefault, true);
    assert.deepEqual(data[0]?.stages.map((s) => s.kind), ['applied', 'screen', 'interview', 'offer', 'hired']);
    const again = await call('GET', '/v1/pipeline-templates', org.auth);
    assert.equal(again.json<{ data: Template[] }>().data[0]?.id, data[0]?.id, 'listing twice creates the default once');
  });

  test('templates are created, read, changed with If-Match and deleted; the default moves and cannot be deleted', async () => {
    const org = await t.createOrg('Templates');
    const created = await call('POST', '/v1/pipeline-templates', org.auth, { name: 'Engineering', stages: simpleStages });
    assert.equal(created.statusCode, 201, created.body);
    const template = created.json<Template>();
    assert.equal(template.isDefault, false);
    assert.equal(created.headers.etag, '"1"');
    assert.equal(template.stages[0]?.candidateName, 'New', 'the candidate-facing name defaults to the stage name');
    assert.equal(template.stages[1]?.candidateName, 'Talking to us');

    const got = await call('GET', `/v1/pipeline-templates/${template.id}`, org.auth);
    assert.equal(got.statusCode, 200);
    assert.equal(got.json<Template>().name, 'Engineering');

    const stale = await call('PATCH', `/v1/pipeline-templates/${template.id}`, { ...org.auth, 'if-match': '"7"' }, { name: 'Eng' });
    problem(stale, 412, 'precondition-failed');
    const renamed = await call('PATCH', `/v1/pipeline-templates/${template.id}`, { ...org.auth, 'if-match': '"1"' }, { name: 'Eng', isDefault: true });
    assert.equal(renamed.statusCode, 200, renamed.body);
    assert.equal(renamed.json<Template>().isDefault, true);
    assert.equal(renamed.headers.etag, '"2"');

    const list = (await call('GET', '/v1/pipeline-templates', org.auth)).json<{ data: Template[] }>().data;
    assert.deepEqual(list.filter((x) => x.isDefault).map((x) => x.id), [template.id], 'exactly one default');
    const previous = list.find((x) => x.id !== template.id);
    assert.ok(previous, 'the lazily made default is still there');

    problem(await call('DELETE', `/v1/pipeline-templates/${template.id}`, org.auth), 409, 'conflict');
    // A new job now gets the new default's stages.
    const job = await createJob(t, org);
    assert.deepEqual((await stagesOf(org, job.id)).map((s) => s.name), ['New', 'Call', 'Offer made', 'Joined']);

    const third = (await call('POST', '/v1/pipeline-templates', org.auth, { name: 'Sales', stages: simpleStages, isDefault: true })).json<Template>();
    assert.equal(third.isDefault, true);
    const afterThird = (await call('GET', '/v1/pipeline-templates', org.auth)).json<{ data: Template[] }>().data;
    assert.deepEqual(afterThird.filter((x) => x.isDefault).map((x) => x.id), [third.id]);

    const deleted = await call('DELETE', `/v1/pipeline-templates/${template.id}`, org.auth);
    assert.equal(deleted.statusCode, 204, deleted.body);
    problem(await call('GET', `/v1/pipeline-templates/${template.id}`, org.auth), 404, 'not-found');
  });

  test('making several templates the default at once leaves exactly one default', async () => {
    const org = await t.createOrg('Racing');
    const made = await Promise.all([1, 2, 3].map(async (n) => (await call('POST', '/v1/pipeline-templates', org.auth, { name: `Team ${n}`, stages: simpleStages })).json<Template>()));
    const answers = await Promise.all(made.map((m) => call('PATCH', `/v1/pipeline-templates/${m.id}`, org.auth, { isDefault: true })));
    assert.deepEqual(answers.map((r) => r.statusCode), [200, 200, 200]);
    const list = (await call('GET', '/v1/pipeline-templates', org.auth)).json<{ data: Template[] }>().data;
    assert.equal(list.length, 4);
    assert.equal(list.filter((x) => x.isDefault).length, 1);
  });

  test('a template breaking a pipeline rule is a 400 naming the stage', async () => {
    const cases: [unknown[], string][] = [
      [[{ name: 'Call', kind: 'screen' }, { name: 'Done', kind: 'hired' }], '/stages/0/kind'],
      [[{ name: 'New', kind: 'applied' }, { name: 'Call', kind: 'screen' }, { name: 'call', kind: 'interview' }, { name: 'Done', kind: 'hired' }], '/stages/2/name'],
      [[{ name: 'New', kind: 'applied' }, { name: 'Call', kind: 'screen' }], '/stages'],
      [[{ name: 'New', kind: 'applied' }, { name: 'Done', kind: 'hired' }, { name: 'Also done', kind: 'hired' }], '/stages/2/kind'],
      [[{ name: 'New', kind: 'applied' }, { name: 'Done', kind: 'hired' }, { name: 'Late call', kind: 'screen' }], '/stages/2/kind'],
      [[{ name: 'New', kind: 'applied' }, { name: 'Again', kind: 'applied' }, { name: 'Done', kind: 'hired' }], '/stages/1/kind'],
    ];
    for (const [stages, pointer] of cases) {
      const body = problem(await call('POST', '/v1/pipeline-templates', t.org.auth, { name: 'Broken', stages }), 400, 'validation-failed');
      assert.ok(body.errors?.some((e) => e.pointer === pointer), `${pointer} in ${JSON.stringify(body.errors)}`);
    }
    const many = Array.from({ length: 31 }, (_, i) => ({ name: `S${i}`, kind: i === 0 ? 'applied' : i === 30 ? 'hired' : 'screen' }));
    problem(await call('POST', '/v1/pipeline-templates', t.org.auth, { name: 'Long', stages: many }), 400, 'validation-failed');
    problem(await call('POST', '/v1/pipeline-templates', t.org.auth, { name: 'Empty', stages: [] }), 400, 'validation-failed');
    const ok = await call('POST', '/v1/pipeline-templates', t.org.auth, { name: 'With rejected end', stages: [...simpleStages, { name: 'Declined', kind: 'rejected' }] });
    assert.equal(ok.statusCode, 201, 'a rejected stage may follow the hired one');
  });

  test('changing templates needs jobs:write over the whole org; another org\'s template is 404', async () => {
    problem(await call('POST', '/v1/pipeline-templates', manager.auth, { name: 'Mine', stages: simpleStages }), 403, 'forbidden');
    const listed = await call('GET', '/v1/pipeline-templates', manager.auth);
    assert.equal(listed.statusCode, 200, 'reading templates needs only jobs:read');
    const theirs = (await call('POST', '/v1/pipeline-templates', other.auth, { name: 'Theirs', stages: simpleStages })).json<Template>();
    problem(await call('GET', `/v1/pipeline-templates/${theirs.id}`, t.org.auth), 404, 'not-found');
    problem(await call('PATCH', `/v1/pipeline-templates/${theirs.id}`, t.org.auth, { name: 'Taken' }), 404, 'not-found');
    problem(await call('DELETE', `/v1/pipeline-templates/${theirs.id}`, t.org.auth), 404, 'not-found');
    const mine = (await call('GET', '/v1/pipeline-templates', t.org.auth)).json<{ data: Template[] }>().data;
    assert.ok(!mine.some((x) => x.id === theirs.id));
  });

  test('a job\'s stages are renamed, reordered and added to, keeping their ids', async () => {
    const job = await publishJob(t, t.org);
    const before = await stagesOf(t.org, job.id);
    assert.deepEqual(before.map((s) => s.name), ['Applied', 'Screen', 'Interview', 'Offer', 'Hired']);
    const [applied, screen, interview, offer, hired] = before as [Stage, Stage, Stage, Stage, Stage];
    const res = await call('PUT', `/v1/jobs/${job.id}/stages`, t.org.auth, {
      stages: [
        { id: applied.id, name: 'Applied', kind: 'applied' },
        { id: interview.id, name: 'Technical interview', kind: 'interview', candidateName: 'Interviewing' },
        { id: screen.id, name: 'Screen', kind: 'screen' },
        { name: 'Take-home', kind: 'interview' },
        { id: offer.id, name: 'Offer', kind: 'offer' },
        { id: hired.id, name: 'Hired', kind: 'hired' },
      ],
    });
    assert.equal(res.statusCode, 200, res.body);
    const after = await stagesOf(t.org, job.id);
    assert.deepEqual(res.json<{ data: Stage[] }>().data, after);
    assert.deepEqual(after.map((s) => s.name), ['Applied', 'Technical interview', 'Screen', 'Take-home', 'Offer', 'Hired']);
    assert.deepEqual(after.map((s) => s.position), [0, 1, 2, 3, 4, 5]);
    assert.equal(after[1]?.id, interview.id);
    assert.ok(after[3]?.id.startsWith('stg_') && !before.some((s) => s.id === after[3]?.id));

    const foreign = await publishJob(t, t.org);
    const foreignStage = (await stagesOf(t.org, foreign.id))[1];
    const wrong = problem(await call('PUT', `/v1/jobs/${job.id}/stages`, t.org.auth, {
      stages: [{ id: applied.id, name: 'Applied', kind: 'applied' }, { id: foreignStage?.id, name: 'X', kind: 'screen' }, { id: hired.id, name: 'Hired', kind: 'hired' }],
    }), 400, 'validation-failed');
    assert.ok(wrong.errors?.some((e) => e.pointer === '/stages/1/id'), JSON.stringify(wrong.errors));
    problem(await call('PUT', `/v1/jobs/${job.id}/stages`, t.org.auth, { stages: [{ name: 'Only', kind: 'screen' }] }), 400, 'validation-failed');
  });

  test('removing a stage that holds applications needs a move: 409 names it, and with the move its applications go there with history', async () => {
    const job = await publishJob(t, t.org);
    const [applied, screen, interview, offer, hired] = await stagesOf(t.org, job.id) as [Stage, Stage, Stage, Stage, Stage];
    const a = await addApplicant(t, t.org.id, job.id, { email: 'mover-one@example.test' }, 1);
    await addApplicant(t, t.org.id, job.id, { email: 'mover-two@example.test' }, 1);
    const keep = (extra: object[] = []) => [
      { id: applied.id, name: 'Applied', kind: 'applied' }, ...extra,
      { id: offer.id, name: 'Offer', kind: 'offer' }, { id: hired.id, name: 'Hired', kind: 'hired' },
    ];
    // Interview is empty: removing it needs no move. Screen holds two applications.
    const refused = problem(await call('PUT', `/v1/jobs/${job.id}/stages`, t.org.auth, { stages: keep() }), 409, 'conflict');
    assert.match(String(refused.detail), new RegExp(`${screen.id}.*2 applications`));
    assert.ok(!String(refused.detail).includes(interview.id), 'an empty stage needs no move');
    assert.equal((await stagesOf(t.org, job.id)).length, 5, 'nothing changed');

    const badMove = problem(await call('PUT', `/v1/jobs/${job.id}/stages`, t.org.auth, { stages: keep(), moves: [{ fromStageId: screen.id, toStageId: screen.id }] }), 400, 'validation-failed');
    assert.ok(badMove.errors?.some((e) => e.pointer === '/moves/0/toStageId'));
    const toHired = problem(await call('PUT', `/v1/jobs/${job.id}/stages`, t.org.auth, { stages: keep(), moves: [{ fromStageId: screen.id, toStageId: hired.id }] }), 400, 'validation-failed');
    assert.ok(toHired.errors?.some((e) => e.pointer === '/moves/0/toStageId'), 'active applications are not hired by removing a stage');

    const res = await call('PUT', `/v1/jobs/${job.id}/stages`, t.org.auth, { stages: keep([{ name: 'Phone call', kind: 'screen' }]), moves: [{ fromStageId: screen.id, toStageId: offer.id }] });
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(res.json<{ data: Stage[] }>().data.map((s) => s.name), ['Applied', 'Phone call', 'Offer', 'Hired']);

    const history = await t.container.database.tenant(t.org.id, (tx) => queryRows<Record<string, unknown>>(tx, sql`
      select action, actor_type, from_stage_id, to_stage_id, note from application_history where application_id = ${a.applicationId} order by at, id`));
    assert.deepEqual(history.at(-1), { action: 'moved', actor_type: 'api-key', from_stage_id: screen.id, to_stage_id: offer.id, note: 'stage removed' });

    const events = (await call('GET', `/v1/events?type=application.stage_changed&subjectId=${a.applicationId}`, t.org.auth)).json<{ data: { payload: { application: { stage: { id: string }; version: number }; fromStageId: string } }[] }>().data;
    assert.equal(events.length, 1);
    assert.equal(events[0]?.payload.application.stage.id, offer.id);
    assert.equal(events[0]?.payload.application.version, 2, 'the move bumps the application\'s version');
    const changed = (await call('GET', `/v1/events?type=job.stages_changed&subjectId=${job.id}`, t.org.auth)).json<{ data: { payload: { moved: unknown[]; removedStageIds: string[] } }[] }>().data;
    for (const [type, event] of [['application.stage_changed', events[0]], ['job.stages_changed', changed[0]]] as const) {
      const definition = catalogue.find((d) => d.type === type);
      assert.ok(definition && Value.Check(definition.payload, event?.payload), `${type} follows its schema`);
    }
    assert.deepEqual(changed[0]?.payload.moved, [{ fromStageId: screen.id, toStageId: offer.id, applications: 2 }]);
    assert.deepEqual([...(changed[0]?.payload.removedStageIds ?? [])].sort(), [screen.id, interview.id].sort());

    const rekind = problem(await call('PUT', `/v1/jobs/${job.id}/stages`, t.org.auth, {
      stages: [{ id: applied.id, name: 'Applied', kind: 'applied' }, { id: offer.id, name: 'Offer', kind: 'hired' }, { id: hired.id, name: 'Hired', kind: 'rejected' }],
    }), 409, 'conflict');
    assert.ok(String(rekind.detail).includes(offer.id));
  });

  test('a template is applied to a job without applications only', async () => {
    const template = (await call('POST', '/v1/pipeline-templates', t.org.auth, { name: 'Short', stages: simpleStages })).json<Template>();
    const job = await createJob(t, t.org);
    const applied = await call('POST', `/v1/jobs/${job.id}/stages/apply-template`, t.org.auth, { templateId: template.id });
    assert.equal(applied.statusCode, 200, applied.body);
    assert.deepEqual((await stagesOf(t.org, job.id)).map((s) => s.name), ['New', 'Call', 'Offer made', 'Joined']);

    const busy = await publishJob(t, t.org);
    await addApplicant(t, t.org.id, busy.id, { email: 'busy@example.test' });
    problem(await call('POST', `/v1/jobs/${busy.id}/stages/apply-template`, t.org.auth, { templateId: template.id }), 409, 'conflict');
    const theirs = (await call('GET', '/v1/pipeline-templates', other.auth)).json<{ data: Template[] }>().data[0];
    const unknown = problem(await call('POST', `/v1/jobs/${job.id}/stages/apply-template`, t.org.auth, { templateId: theirs?.id }), 400, 'validation-failed');
    assert.equal(unknown.errors?.[0]?.pointer, '/templateId');
  });

  test('another org\'s job and a job off an assigned caller\'s team are 404; on the team, the stages are readable and editable', async () => {
    const theirJob = await createJob(t, other);
    problem(await call('GET', `/v1/jobs/${theirJob.id}/stages`, t.org.auth), 404, 'not-found');
    problem(await call('PUT', `/v1/jobs/${theirJob.id}/stages`, t.org.auth, { stages: simpleStages }), 404, 'not-found');

    const job = await createJob(t, ownerOrg);
    problem(await call('GET', `/v1/jobs/${job.id}/stages`, manager.auth), 404, 'not-found');
    problem(await call('PUT', `/v1/jobs/${job.id}/stages`, manager.auth, { stages: simpleStages }), 404, 'not-found');
    const added = await call('PUT', `/v1/jobs/${job.id}/team/${manager.userId}`, owner.auth);
    assert.equal(added.statusCode, 200, added.body);
    assert.equal((await call('GET', `/v1/jobs/${job.id}/stages`, manager.auth)).statusCode, 200);
    const edited = await call('PUT', `/v1/jobs/${job.id}/stages`, manager.auth, { stages: simpleStages });
    assert.equal(edited.statusCode, 200, edited.body);
  });
});
