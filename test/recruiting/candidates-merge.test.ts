import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join as joinPath } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { json, problem, publishJob, startTestApp, type TestApp } from '../helpers/app.ts';
import { queryRows } from '../../src/infra/db/database.ts';
import { serverDatabaseUrl } from '../helpers/database.ts';
import { join } from '../helpers/identity.ts';
import { runCli } from '../helpers/processes.ts';
import { addApplicant } from '../helpers/recruiting.ts';

interface Candidate {
  id: string;
  emails: string[];
  tags: string[];
  location: string | null;
  applications: { id: string; jobId: string }[];
}

describe('candidates: duplicates, merge and CSV import', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp();
  });
  after(() => t.close());

  const merge = (keptId: string, candidateId: string, headers = t.org.auth) =>
    t.app.inject({ method: 'POST', url: `/v1/candidates/${keptId}/merge`, headers, payload: { candidateId } });

  test('same name and phone with different emails is listed as a possible duplicate; merging keeps both histories', async () => {
    const jobA = await publishJob(t, t.org);
    const jobB = await publishJob(t, t.org);
    const kept = await addApplicant(t, t.org.id, jobA.id, { email: 'rosa.parks@example.test', name: 'Rosa Parks', phone: '+1 334 555 0101' });
    const other = await addApplicant(t, t.org.id, jobB.id, { email: 'rparks@mail.example', name: 'ROSA  PARKS', phone: '(334) 555-0101', location: 'Montgomery' }, 1);
    // Only the national form: parsed with no country it has no E.164 key, so add the international one by hand.
    await t.app.inject({ method: 'PATCH', url: `/v1/candidates/${other.candidateId}`, headers: t.org.auth, payload: { phones: ['+1 334-555-0101'], tags: ['civic'] } });
    const stranger = await addApplicant(t, t.org.id, jobB.id, { email: 'someone@example.test', name: 'Someone Else', phone: '+1 334 555 0101' });
    const dupes = json<{ data: { candidates: { id: string }[]; reason: { phone: string } }[] }>(
      await t.app.inject({ method: 'GET', url: '/v1/candidates/duplicates', headers: t.org.auth }));
    assert.deepEqual(dupes.data.map((p) => p.candidates.map((c) => c.id).sort()), [[kept.candidateId, other.candidateId].sort()]);
    assert.equal(dupes.data[0]?.reason.phone, '+13345550101');
    assert.ok(!dupes.data.some((p) => p.candidates.some((c) => c.id === stranger.candidateId)), 'a different name is not a duplicate');

    const res = await merge(kept.candidateId, other.candidateId);
    assert.equal(res.statusCode, 200, res.body);
    const body = json<Candidate>(res);
    assert.deepEqual(body.emails.sort(), ['rosa.parks@example.test', 'rparks@mail.example']);
    assert.deepEqual(body.applications.map((a) => a.id).sort(), [kept.applicationId, other.applicationId].sort());
    assert.deepEqual(body.tags, ['civic']);
    assert.equal(body.location, 'Montgomery', 'an empty field is filled from the merged candidate');
    const rows = await t.container.database.tenant(t.org.id, (tx) => queryRows<{ application_id: string; action: string }>(tx, sql`
      select application_id, action from application_history where application_id in (${kept.applicationId}, ${other.applicationId}) order by at, id`));
    assert.deepEqual(rows.filter((r) => r.application_id === other.applicationId).map((r) => r.action), ['created', 'merged']);
    assert.deepEqual(rows.filter((r) => r.application_id === kept.applicationId).map((r) => r.action), ['created']);
    const [merged] = await t.container.database.tenant(t.org.id, (tx) => queryRows<{ actor_type: string; merged_profile: { emails: string[] } | string }>(tx,
      sql`select actor_type, merged_profile from candidate_merges where kept_id = ${kept.candidateId}`));
    assert.equal(merged?.actor_type, 'api-key');
    const profile = typeof merged?.merged_profile === 'string' ? JSON.parse(merged.merged_profile) as { emails: string[] } : merged?.merged_profile;
    assert.deepEqual(profile?.emails, ['rparks@mail.example']);
    const events = json<{ data: { type: string; subjectId: string }[] }>(await t.app.inject({ method: 'GET', url: '/v1/events?limit=100', headers: t.org.auth }));
    assert.ok(events.data.some((e) => e.type === 'candidate.merged' && e.subjectId === kept.candidateId));
    const again = json<{ data: unknown[] }>(await t.app.inject({ method: 'GET', url: '/v1/candidates/duplicates', headers: t.org.auth }));
    assert.deepEqual(again.data, [], 'a merged candidate is no longer a duplicate');
    // The merged email now finds the kept candidate, so a new application lands there.
    const reapplied = await addApplicant(t, t.org.id, jobA.id, { email: 'RParks@mail.example' });
    assert.equal(reapplied.candidateId, kept.candidateId);
    problem(await merge(kept.candidateId, other.candidateId), 409, 'conflict');
    problem(await merge(other.candidateId, stranger.candidateId), 409, 'conflict');
  });

  test('merge errors: itself, another org\'s candidate, roles', async () => {
    const job = await publishJob(t, t.org);
    const a = await addApplicant(t, t.org.id, job.id, { email: 'merge-a@example.test' });
    const b = await addApplicant(t, t.org.id, job.id, { email: 'merge-b@example.test' });
    problem(await merge(a.candidateId, a.candidateId), 409, 'conflict');
    const other = await t.createOrg('Umbrella');
    const theirs = json<{ id: string }>(await t.app.inject({ method: 'POST', url: '/v1/candidates', headers: other.auth, payload: { name: 'Theirs', emails: ['theirs@example.test'] } }));
    problem(await merge(a.candidateId, theirs.id), 404, 'not-found');
    problem(await merge(theirs.id, a.candidateId), 404, 'not-found');
    problem(await merge(a.candidateId, b.candidateId, other.auth), 404, 'not-found');
    const admin = await join(t, t.org.auth, 'admin');
    const manager = await join(t, admin.auth, 'hiring_manager');
    const viewer = await join(t, admin.auth, 'viewer');
    problem(await merge(a.candidateId, b.candidateId, manager.auth), 403, 'forbidden');
    problem(await merge(a.candidateId, b.candidateId, viewer.auth), 403, 'forbidden');
    problem(await t.app.inject({ method: 'GET', url: '/v1/candidates/duplicates', headers: manager.auth }), 403, 'forbidden');
    problem(await t.app.inject({ method: 'GET', url: '/v1/candidates/duplicates?cursor=e30', headers: t.org.auth }), 400, 'invalid-cursor');
  });

  test('CSV import creates good rows, matches known emails, and reports bad rows by line', async () => {
    await t.app.inject({ method: 'POST', url: '/v1/candidate-fields', headers: t.org.auth, payload: { key: 'level', label: 'Level', type: 'choice', options: ['mid', 'senior'] } });
    await t.app.inject({ method: 'POST', url: '/v1/candidates', headers: t.org.auth, payload: { name: 'Known Person', emails: ['known@example.test'], location: 'Oslo' } });
    const csv = [
      'Name,Email,Phone,Location,Tags,Source,LinkedIn,level',
      'Katherine Johnson,katherine@nasa.example,+1 757 555 0100,Hampton,math;orbits,referral,https://linkedin.example/kj,senior',
      'Known Again,KNOWN@example.test,,Bergen,,,,',
      ',nameless@example.test,,,,,,',
      'Bad Email,not-an-email,,,,,,',
      'Bad Level,level@example.test,,,,,,principal',
      '"Dorothy Vaughan","dorothy@nasa.example",,,"fortran",,,mid',
    ].join('\n');
    const res = await t.app.inject({ method: 'POST', url: '/v1/candidates/import', headers: { ...t.org.auth, 'content-type': 'text/csv' }, payload: csv });
    assert.equal(res.statusCode, 200, res.body);
    const result = json<{ created: number; matched: number; failed: number; errors: { row: number; field: string | null }[] }>(res);
    assert.deepEqual({ created: result.created, matched: result.matched, failed: result.failed }, { created: 2, matched: 1, failed: 3 });
    assert.deepEqual(result.errors.map((e) => [e.row, e.field]), [[4, 'name'], [5, 'email'], [6, 'level']]);
    const found = json<{ data: { name: string; tags: string[]; source: string; location: string | null; customFields: Record<string, unknown> }[] }>(
      await t.app.inject({ method: 'GET', url: '/v1/candidates?q=katherine', headers: t.org.auth }));
    assert.deepEqual(found.data.map((c) => [c.name, c.tags, c.source, c.customFields.level]), [['Katherine Johnson', ['math', 'orbits'], 'referral', 'senior']]);
    const known = json<{ data: { location: string | null }[] }>(await t.app.inject({ method: 'GET', url: '/v1/candidates?q=known', headers: t.org.auth }));
    assert.deepEqual(known.data.map((c) => c.location), ['Oslo'], 'a matched row does not overwrite');
    const header = await t.app.inject({ method: 'POST', url: '/v1/candidates/import', headers: { ...t.org.auth, 'content-type': 'text/csv' }, payload: 'name,email,favourite_colour\nA,a@example.test,blue\n' });
    assert.match(String(problem(header, 400, 'validation-failed').detail), /favourite_colour/);
    problem(await t.app.inject({ method: 'POST', url: '/v1/candidates/import', headers: { ...t.org.auth, 'content-type': 'text/csv' }, payload: 'name,email\n"unclosed,a@example.test\n' }), 400, 'validation-failed');
    problem(await t.app.inject({ method: 'POST', url: '/v1/candidates/import', headers: t.org.auth, payload: { rows: [] } }), 415, 'unsupported-media-type');
    const viewer = await join(t, t.org.auth, 'viewer');
    problem(await t.app.inject({ method: 'POST', url: '/v1/candidates/import', headers: { ...viewer.auth, 'content-type': 'text/csv' }, payload: csv }), 403, 'forbidden');
  });

  test('CLI: candidates import shows progress and prints the per-row report', async () => {
    const dir = mkdtempSync(joinPath(tmpdir(), 'hireline-cand-import-'));
    const server = await serverDatabaseUrl();
    try {
      const env: Record<string, string> = server.url ? { DATABASE_URL: server.url } : { DATA_DIR: joinPath(dir, 'data') };
      const created = await runCli(['org', 'create', 'Cyberdyne'], env);
      assert.equal(created.code, 0, created.stderr);
      const file = joinPath(dir, 'people.csv');
      writeFileSync(file, 'name,email,tags\nSarah Connor,sarah@example.test,resilient\nNo Email,,\nJohn Connor,john@example.test,\n');
      const run = await runCli(['candidates', 'import', '--org', 'cyberdyne', file], env);
      assert.equal(run.code, 1, 'a failed row makes the exit code 1');
      assert.match(run.stdout, /line 3 \(email\): email is required/);
      assert.match(run.stdout, /Created 2, matched 0 existing, failed 1 row/);
      const rerun = await runCli(['candidates', 'import', '--org', 'cyberdyne', file], env);
      assert.match(rerun.stdout, /Created 0, matched 2 existing, failed 1 row/);
      const missing = await runCli(['candidates', 'import', '--org', 'nobody', file], env);
      assert.equal(missing.code, 1);
      assert.match(missing.stderr, /No organization with slug "nobody"/);
    } finally {
      await server.drop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
