import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../src/infra/db/database.ts';
import { json, problem, publishJob, startTestApp, type TestApp } from '../helpers/app.ts';
import { addApplicant } from '../helpers/recruiting.ts';

interface Page {
  data: { id: string; name: string; mergedInto: string | null; updatedAt: string }[];
  nextCursor: string | null;
}

describe('candidates: search, filters, pages and incremental sync', () => {
  let t: TestApp;
  let jobA: { id: string };
  let jobB: { id: string };
  const ids: Record<string, string> = {};
  const list = async (query: string): Promise<Page> => {
    const res = await t.app.inject({ method: 'GET', url: `/v1/candidates?${query}`, headers: t.org.auth });
    assert.equal(res.statusCode, 200, res.body);
    return json<Page>(res);
  };
  const names = async (query: string) => (await list(query)).data.map((c) => c.name).sort();
  const exec = (query: ReturnType<typeof sql>) => t.container.database.unscoped.execute(query);

  before(async () => {
    t = await startTestApp();
    jobA = await publishJob(t, t.org);
    jobB = await publishJob(t, t.org);
    ids.amara = (await addApplicant(t, t.org.id, jobA.id, { email: 'amara.okafor@example.test', name: 'Amara Okafor' })).candidateId;
    ids.bruno = (await addApplicant(t, t.org.id, jobA.id, { email: 'bruno@example.test', name: 'Bruno Diaz' }, 1)).candidateId;
    ids.chen = (await addApplicant(t, t.org.id, jobB.id, { email: 'chen.wei@example.test', name: 'Chen Wei' })).candidateId;
    const manual = await t.app.inject({
      method: 'POST', url: '/v1/candidates', headers: t.org.auth,
      payload: { name: 'Dana Scully', emails: ['dana@fbi.example'], tags: ['forensics'], source: 'agency', sourceDetail: 'Bureau Talent' },
    });
    ids.dana = json<{ id: string }>(manual).id;
    await exec(sql`update candidates set search_resume = 'Seasoned kubernetes operator, wrote terraform modules' where id = ${ids.chen}`);
    await exec(sql`update candidates set search_notes = 'Strong whiteboard session, follow up about relocation' where id = ${ids.bruno}`);
    await exec(sql`insert into candidate_attachments (id, org_id, candidate_id, kind, store_key, file_name, media_type, size_bytes, sha256)
      values ('att_test1', ${t.org.id}, ${ids.amara}, 'resume', 'k/1', 'cv.pdf', 'application/pdf', 10, 'x')`);
  });
  after(() => t.close());

  test('finds people by name, email, tag, résumé text and notes text', async () => {
    assert.deepEqual(await names('q=okafor'), ['Amara Okafor']);
    assert.deepEqual(await names(`q=${encodeURIComponent('chen.wei@example.test')}`), ['Chen Wei']);
    assert.deepEqual(await names('q=forensics'), ['Dana Scully']);
    assert.deepEqual(await names('q=kubernetes'), ['Chen Wei']);
    assert.deepEqual(await names('q=relocating'), ['Bruno Diaz'], 'notes are stemmed: relocating finds relocation');
    assert.deepEqual(await names('q=zanzibar'), []);
    assert.deepEqual(await names(`q=${encodeURIComponent('@@')}`), []);
  });

  test('filters: job, stage, tag, source, applied window, has résumé', async () => {
    assert.deepEqual(await names(`jobId=${jobA.id}`), ['Amara Okafor', 'Bruno Diaz']);
    const [stage] = await t.container.database.tenant(t.org.id, (tx) => queryRows<{ stage_id: string }>(tx, sql`select stage_id from applications where candidate_id = ${ids.bruno}`));
    const stageId = stage?.stage_id ?? '';
    assert.deepEqual(await names(`stageId=${stageId}`), ['Bruno Diaz']);
    assert.deepEqual(await names('tag=forensics'), ['Dana Scully']);
    assert.deepEqual(await names('source=agency'), ['Dana Scully']);
    assert.deepEqual(await names(`appliedAfter=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`), []);
    assert.deepEqual(await names(`appliedBefore=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}&jobId=${jobB.id}`), ['Chen Wei']);
    assert.deepEqual(await names('hasResume=true'), ['Amara Okafor']);
    assert.deepEqual(await names('hasResume=false'), ['Bruno Diaz', 'Chen Wei', 'Dana Scully']);
    assert.deepEqual(await names(`q=okafor&jobId=${jobB.id}`), []);
    problem(await t.app.inject({ method: 'GET', url: '/v1/candidates?appliedAfter=yesterday', headers: t.org.auth }), 400, 'validation-failed');
    problem(await t.app.inject({ method: 'GET', url: '/v1/candidates?source=psychic', headers: t.org.auth }), 400, 'validation-failed');
    problem(await t.app.inject({ method: 'GET', url: '/v1/candidates?limit=101', headers: t.org.auth }), 400, 'validation-failed');
  });

  test('cursor pages walk every candidate once, newest first; a forged cursor is a 400', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Page = await list(`limit=1${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...page.data.map((c) => c.id));
      cursor = page.nextCursor;
    } while (cursor);
    assert.deepEqual(seen, [ids.dana, ids.chen, ids.bruno, ids.amara]);
    problem(await t.app.inject({ method: 'GET', url: '/v1/candidates?cursor=bm90LWEtY3Vyc29y', headers: t.org.auth }), 400, 'invalid-cursor');
    const newestFirst = (await list('limit=1')).nextCursor ?? '';
    problem(await t.app.inject({ method: 'GET', url: `/v1/candidates?updatedSince=2020-01-01T00:00:00Z&cursor=${newestFirst}`, headers: t.org.auth }), 400, 'invalid-cursor');
  });

  test('updatedSince lists what changed, oldest change first, merged-away candidates included; the last seconds wait', async () => {
    // Everything so far is an hour old; the sync anchor sits half an hour back.
    await exec(sql`update candidates set updated_at = updated_at - interval '1 hour' where org_id = ${t.org.id}`);
    const since = new Date(Date.now() - 30 * 60_000).toISOString();
    const patched = await t.app.inject({ method: 'PATCH', url: `/v1/candidates/${ids.amara}`, headers: t.org.auth, payload: { tags: ['synced'] } });
    assert.equal(patched.statusCode, 200);
    const merged = await t.app.inject({ method: 'POST', url: `/v1/candidates/${ids.dana}/merge`, headers: t.org.auth, payload: { candidateId: ids.bruno } });
    assert.equal(merged.statusCode, 200, merged.body);
    assert.deepEqual((await list(`updatedSince=${encodeURIComponent(since)}`)).data, [], 'changes of the last seconds are held back');
    // As if the settle window had passed: the writes are older now.
    await exec(sql`update candidates set updated_at = updated_at - interval '1 minute' where org_id = ${t.org.id} and updated_at >= ${since}::timestamptz`);
    const from = since;
    const page = await list(`updatedSince=${encodeURIComponent(from)}&limit=2`);
    const second = await list(`updatedSince=${encodeURIComponent(from)}&limit=2&cursor=${page.nextCursor ?? ''}`);
    const all = [...page.data, ...second.data];
    assert.deepEqual(all.map((c) => c.id).sort(), [ids.amara, ids.bruno, ids.dana].sort());
    assert.equal(all.find((c) => c.id === ids.bruno)?.mergedInto, ids.dana);
    const times = all.map((c) => c.updatedAt);
    assert.deepEqual(times, [...times].sort(), 'oldest change first');
    assert.ok(!(await list('limit=100')).data.some((c) => c.id === ids.bruno), 'a merged-away candidate leaves the ordinary listing');
    const gone = problem(await t.app.inject({ method: 'GET', url: `/v1/candidates/${ids.bruno}`, headers: t.org.auth }), 404, 'not-found');
    assert.match(String(gone.detail), new RegExp(`merged into ${ids.dana}`));
    assert.deepEqual(await names('q=relocation'), ['Dana Scully'], 'the kept candidate is found by the merged one\'s notes');
  });

  test('another org sees none of these candidates', async () => {
    const other = await t.createOrg('Initech');
    const res = await t.app.inject({ method: 'GET', url: '/v1/candidates?q=okafor', headers: other.auth });
    assert.deepEqual(json<Page>(res).data, []);
    const all = await t.app.inject({ method: 'GET', url: '/v1/candidates?updatedSince=2020-01-01T00:00:00Z', headers: other.auth });
    assert.deepEqual(json<Page>(all).data, []);
  });
});
