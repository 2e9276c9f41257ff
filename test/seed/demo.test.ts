import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../src/infra/db/database.ts';
import { seedDemo } from '../../src/seed/demo.ts';
import { json, startTestApp, type TestApp } from '../helpers/app.ts';

type DemoJob = { title: string; status: string; description: string };

describe('demo seed', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp();
  });
  after(() => t.close());

  test('imports and publishes the repository\'s own sample postings, once', async () => {
    const first = await seedDemo(t.container);
    assert.equal(first.created, true);
    assert.equal(first.imported, 3);
    // Read as the demo org, not from the board: the intern posting's deadline will pass one day.
    const auth = { authorization: `Bearer ${first.apiKey ?? ''}` };
    const jobs = json<{ data: DemoJob[] }>(await t.app.inject({ method: 'GET', url: '/v1/jobs?limit=100', headers: auth })).data;
    // Synthetic jobs may share a title, so each sample is recognised by text only it contains.
    const find = (title: string, marker: RegExp) => jobs.find((j) => j.title === title && marker.test(j.description));
    assert.equal(find('Senior Backend Engineer (Python, Cloud)', /Kettlewick Freight Labs writes/)?.status, 'published');
    assert.ok(find('Backend Developer Intern (Node.js) – Remote', /REST endpoints in Node\.js and TypeScript/));
    assert.ok(find('SITE RELIABILITY ENGINEER — FULLY REMOTE (AMERICAS TIME ZONES)', /on OpenTelemetry, Prometheus and Grafana/));
    assert.deepEqual(await seedDemo(t.container), { created: false, apiKey: null, consoleInvitation: null, published: 0, imported: 0, applications: 0 });

    // The invitation the banner prints lets the person who started the server into the console as an admin.
    const accepted = await t.app.inject({ method: 'POST', url: '/v1/invitations/accept', payload: { token: first.consoleInvitation, name: 'Demo Admin', password: 'a long demo passphrase 42' } });
    assert.equal(accepted.statusCode, 200, accepted.body);
    const me = await t.app.inject({ method: 'GET', url: '/v1/me', headers: { authorization: `Bearer ${json<{ accessToken: string }>(accepted).accessToken}` } });
    const profile = json<{ org: { slug: string }; role: string }>(me);
    assert.deepEqual([profile.org.slug, profile.role], ['demo', 'admin'], me.body);
  });

  test('seeds candidates who applied with a résumé, spread over several stages, one hired and some rejected', async () => {
    const org = await t.container.orgs.findBySlug('demo');
    assert.ok(org);
    const rows = await t.container.database.tenant(org.id, (tx) => queryRows<{ status: string; stage: string; resumes: number }>(tx, sql`
      select a.status, s.kind as stage, (select count(*)::int from candidate_attachments c where c.application_id = a.id and c.kind = 'resume') as resumes
      from applications a join job_stages s on s.id = a.stage_id`));
    assert.equal(rows.length, 18);
    assert.ok(rows.every((r) => r.resumes === 1), 'every demo application came with the sample résumé');
    const stages = new Set(rows.filter((r) => r.status === 'active').map((r) => r.stage));
    assert.ok(stages.size >= 4, `active applications in ${[...stages].join(', ')}`);
    assert.equal(rows.filter((r) => r.status === 'hired').length, 1);
    assert.equal(rows.filter((r) => r.status === 'rejected').length, 2);
  });
});
