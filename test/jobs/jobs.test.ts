import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { jobs } from '../../src/modules/jobs/jobs.table.ts';
import { createJob, jobBody, json, problem, publishJob, startTestApp, type TestApp, type TestOrg } from '../helpers/app.ts';

type Job = { id: string; status: string; version: number; title: string; publishedAt: string | null; closedAt: string | null; skills: unknown[] };
type Page<T> = { data: T[]; nextCursor: string | null };

describe('jobs API', () => {
  let t: TestApp;
  let other: TestOrg;
  before(async () => {
    t = await startTestApp();
    other = await t.createOrg('Globex');
  });
  after(() => t.close());

  const get = (org: TestOrg, url: string) => t.app.inject({ method: 'GET', url, headers: org.auth });
  const post = (org: TestOrg, url: string, payload?: object) => t.app.inject({ method: 'POST', url, headers: org.auth, ...(payload ? { payload } : {}) });

  test('create → 201 draft with Location and ETag; read it back', async () => {
    const res = await post(t.org, '/v1/jobs', jobBody({ skills: [{ name: 'Python', required: false }, { name: 'python', required: true }] }));
    assert.equal(res.statusCode, 201);
    const job = json<Job>(res);
    assert.match(job.id, /^job_[0-9a-f]{32}$/);
    assert.equal(job.status, 'draft');
    assert.equal(res.headers.location, `/v1/jobs/${job.id}`);
    assert.equal(res.headers.etag, '"1"');
    assert.deepEqual(job.skills, [{ name: 'Python', required: true }], 'duplicate skills fold into one, required wins');
    const read = await get(t.org, `/v1/jobs/${job.id}`);
    assert.equal(read.statusCode, 200);
    assert.deepEqual(json(read), job);
  });

  test('another org cannot see, change, publish or delete the job: 404, never 403', async () => {
    const job = await createJob(t, t.org);
    problem(await get(other, `/v1/jobs/${job.id}`), 404, 'not-found');
    problem(await t.app.inject({ method: 'PATCH', url: `/v1/jobs/${job.id}`, headers: other.auth, payload: { title: 'Mine now' } }), 404, 'not-found');
    problem(await post(other, `/v1/jobs/${job.id}/publish`), 404, 'not-found');
    problem(await t.app.inject({ method: 'DELETE', url: `/v1/jobs/${job.id}`, headers: other.auth }), 404, 'not-found');
    const list = json<Page<Job>>(await get(other, '/v1/jobs'));
    assert.ok(!list.data.some((j) => j.id === job.id));
    assert.equal(json<Job>(await get(t.org, `/v1/jobs/${job.id}`)).title, 'Backend Engineer');
  });

  test('update with If-Match: current version wins, stale version → 412', async () => {
    const job = await createJob(t, t.org);
    const ok = await t.app.inject({ method: 'PATCH', url: `/v1/jobs/${job.id}`, headers: { ...t.org.auth, 'if-match': '"1"' }, payload: { title: 'Senior Backend Engineer' } });
    assert.equal(ok.statusCode, 200);
    assert.equal(ok.headers.etag, '"2"');
    assert.equal(json<Job>(ok).title, 'Senior Backend Engineer');
    const stale = await t.app.inject({ method: 'PATCH', url: `/v1/jobs/${job.id}`, headers: { ...t.org.auth, 'if-match': '"1"' }, payload: { title: 'Lost update' } });
    problem(stale, 412, 'precondition-failed');
    assert.equal(json<Job>(await get(t.org, `/v1/jobs/${job.id}`)).title, 'Senior Backend Engineer');
    problem(await t.app.inject({ method: 'PATCH', url: `/v1/jobs/${job.id}`, headers: t.org.auth, payload: {} }), 400, 'validation-failed');
  });

  test('salary min above max is refused with a pointer', async () => {
    const res = await post(t.org, '/v1/jobs', jobBody({ salary: { min: 9, max: 1, currency: 'EUR', unit: 'YEAR' } }));
    assert.equal(problem(res, 400, 'validation-failed').errors?.[0]?.pointer, '/salary/min');
  });

  test('publishing an incomplete job → 422 naming what is missing', async () => {
    const job = await createJob(t, t.org, { description: '  ', locations: [], workplace: 'onsite' });
    const body = problem(await post(t.org, `/v1/jobs/${job.id}/publish`), 422, 'unprocessable-job');
    assert.deepEqual(body.missing, ['description', 'locations (or workplace "remote")']);
    const remote = await createJob(t, t.org, { locations: [], workplace: 'remote' });
    assert.equal((await post(t.org, `/v1/jobs/${remote.id}/publish`)).statusCode, 200, 'remote needs no location');
  });

  test('lifecycle: publish → close → reopen → archive; illegal moves → 409', async () => {
    const job = await createJob(t, t.org);
    problem(await post(t.org, `/v1/jobs/${job.id}/close`), 409, 'invalid-state-transition');
    const published = json<Job>(await post(t.org, `/v1/jobs/${job.id}/publish`));
    assert.equal(published.status, 'published');
    assert.ok(published.publishedAt);
    problem(await post(t.org, `/v1/jobs/${job.id}/publish`), 409, 'invalid-state-transition');
    const closed = json<Job>(await post(t.org, `/v1/jobs/${job.id}/close`));
    assert.equal(closed.status, 'closed');
    assert.ok(closed.closedAt);
    const reopened = json<Job>(await post(t.org, `/v1/jobs/${job.id}/reopen`));
    assert.equal(reopened.status, 'published');
    assert.equal(reopened.closedAt, null);
    assert.equal(json<Job>(await post(t.org, `/v1/jobs/${job.id}/archive`)).status, 'archived');
    problem(await post(t.org, `/v1/jobs/${job.id}/reopen`), 409, 'invalid-state-transition');
    problem(await t.app.inject({ method: 'PATCH', url: `/v1/jobs/${job.id}`, headers: t.org.auth, payload: { title: 'x' } }), 409, 'invalid-state-transition');
  });

  test('a published job cannot be edited into an unpublishable one', async () => {
    const job = await publishJob(t, t.org);
    const res = await t.app.inject({ method: 'PATCH', url: `/v1/jobs/${job.id}`, headers: t.org.auth, payload: { locations: [], workplace: 'onsite' } });
    problem(res, 422, 'unprocessable-job');
  });

  test('every change writes a domain event in the same transaction', async () => {
    const job = await createJob(t, t.org);
    await t.app.inject({ method: 'PATCH', url: `/v1/jobs/${job.id}`, headers: t.org.auth, payload: { department: 'Platform' } });
    await post(t.org, `/v1/jobs/${job.id}/publish`);
    await post(t.org, `/v1/jobs/${job.id}/close`);
    await t.app.inject({ method: 'DELETE', url: `/v1/jobs/${job.id}`, headers: t.org.auth });
    const events = json<Page<{ id: string; type: string; payload: { changed?: string[] } }>>(await get(t.org, `/v1/events?subjectId=${job.id}`));
    assert.deepEqual(events.data.map((e) => e.type), ['job.created', 'job.updated', 'job.published', 'job.closed', 'job.deleted']);
    assert.deepEqual(events.data[1]?.payload.changed, ['department']);
    assert.equal(new Set(events.data.map((e) => e.id)).size, 5);
    assert.equal(json<Page<unknown>>(await get(other, `/v1/events?subjectId=${job.id}`)).data.length, 0, 'events are per org');
    problem(await get(t.org, `/v1/jobs/${job.id}`), 404, 'not-found');
  });

  test('a failed change writes no event', async () => {
    const job = await createJob(t, t.org, { description: '' });
    await post(t.org, `/v1/jobs/${job.id}/publish`);
    const events = json<Page<{ type: string }>>(await get(t.org, `/v1/events?subjectId=${job.id}`));
    assert.deepEqual(events.data.map((e) => e.type), ['job.created']);
  });

  test('list: filters, sort and cursor pagination over every job exactly once', async () => {
    const org = await t.createOrg('Lister');
    const titles = ['Alpha', 'Bravo', 'Charlie', 'Delta', 'Echo', 'Foxtrot', 'Golf'];
    for (const [i, title] of titles.entries()) await createJob(t, org, { title, department: i % 2 ? 'Sales' : 'Engineering', workplace: i % 3 ? 'hybrid' : 'remote' });
    const seen: string[] = [];
    let url = '/v1/jobs?sort=title&limit=3';
    for (let page = 0; page < 5; page++) {
      const body = json<Page<Job>>(await get(org, url));
      seen.push(...body.data.map((j) => j.title));
      if (!body.nextCursor) break;
      url = `/v1/jobs?sort=title&limit=3&cursor=${body.nextCursor}`;
    }
    assert.deepEqual(seen, titles);
    const newest = json<Page<Job>>(await get(org, '/v1/jobs?limit=2'));
    assert.deepEqual(newest.data.map((j) => j.title), ['Golf', 'Foxtrot']);
    const sales = json<Page<Job>>(await get(org, '/v1/jobs?department=sales&workplace=hybrid'));
    assert.deepEqual(sales.data.map((j) => j.title).sort(), ['Bravo', 'Foxtrot']);
    const search = json<Page<Job>>(await get(org, '/v1/jobs?q=ELT'));
    assert.deepEqual(search.data.map((j) => j.title), ['Delta']);
    problem(await get(org, `/v1/jobs?sort=-createdAt&cursor=${newest.nextCursor}x`), 400, 'invalid-cursor');
    problem(await get(org, `/v1/jobs?sort=title&cursor=${newest.nextCursor}`), 400, 'invalid-cursor');
  });

  test('list: enum filters and sort accept any letter case; an unknown value is a 400 naming the allowed ones', async () => {
    const org = await t.createOrg('Cases');
    await createJob(t, org, { title: 'Remote Draft', workplace: 'remote', employmentType: 'CONTRACTOR' });
    await publishJob(t, org, { title: 'Hybrid Live', workplace: 'hybrid', employmentType: 'FULL_TIME' });
    const titles = async (query: string) => {
      const res = await get(org, `/v1/jobs?${query}`);
      assert.equal(res.statusCode, 200, `${query}: ${res.body}`);
      return json<Page<Job>>(res).data.map((j) => j.title);
    };
    for (const value of ['remote', 'Remote', 'REMOTE']) assert.deepEqual(await titles(`workplace=${value}`), ['Remote Draft'], value);
    for (const value of ['Published', 'PUBLISHED']) assert.deepEqual(await titles(`status=${value}`), ['Hybrid Live'], value);
    assert.deepEqual(await titles('employmentType=contractor'), ['Remote Draft']);
    assert.deepEqual(await titles('sort=TITLE'), ['Hybrid Live', 'Remote Draft']);
    assert.deepEqual(await titles('sort=-Title'), ['Remote Draft', 'Hybrid Live']);
    const body = problem(await get(org, '/v1/jobs?status=live'), 400, 'validation-failed');
    assert.deepEqual(body.errors, [{ in: 'querystring', pointer: '/status', detail: 'must be one of: "draft", "published", "closed", "archived"' }]);
    const sort = problem(await get(org, '/v1/jobs?sort=salary'), 400, 'validation-failed');
    assert.match(sort.errors?.[0]?.detail ?? '', /must be one of: "-createdAt", "createdAt"/);
  });

  test('jobs past validThrough are closed by the expiry task, with an event', async () => {
    const org = await t.createOrg('Expiring');
    const job = await publishJob(t, org, { validThrough: new Date(Date.now() + 86_400_000).toISOString() });
    problem(await post(org, '/v1/jobs', jobBody({ validThrough: 'tomorrow' })), 400, 'validation-failed');
    // Its day passes (moved in the row rather than waited for: a short real deadline raced a loaded machine).
    await t.container.database.tenant(org.id, (tx) => tx.update(jobs).set({ validThrough: new Date(Date.now() - 1000) }).where(eq(jobs.id, job.id)));
    assert.ok(await t.container.jobs.closeExpired() >= 1);
    const after = json<Job>(await get(org, `/v1/jobs/${job.id}`));
    assert.equal(after.status, 'closed');
    const events = json<Page<{ type: string; payload: { reason?: string } }>>(await get(org, `/v1/events?subjectId=${job.id}&type=job.closed`));
    assert.equal(events.data[0]?.payload.reason, 'expired');
    const past = await createJob(t, org, { validThrough: new Date(Date.now() - 1000).toISOString() });
    assert.deepEqual(problem(await post(org, `/v1/jobs/${past.id}/publish`), 422, 'unprocessable-job').missing, ['validThrough (in the future)']);
  });
});
