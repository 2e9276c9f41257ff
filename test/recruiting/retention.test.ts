import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join as joinPath } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { pino } from 'pino';
import { retentionRun } from '../../src/cli/retention.ts';
import { queryRows } from '../../src/infra/db/database.ts';
import { json, problem, publishJob, startTestApp, type TestApp, type TestOrg } from '../helpers/app.ts';
import { serverDatabaseUrl } from '../helpers/database.ts';
import { join, signUp, type TestUser } from '../helpers/identity.ts';
import { runCli } from '../helpers/processes.ts';
import { applyJson, applyMultipart } from './applying.helpers.ts';

type Headers = Record<string, string>;
const MONTH_MS = 31 * 24 * 60 * 60 * 1000;
const policy = { enabled: true, anonymizeAfterMonths: 6, keepConsentedMonths: 24 };

describe('retention policy', () => {
  const start = new Date('2030-01-15T12:00:00Z');
  let now = start;
  const advanceTo = (months: number) => {
    now = new Date(start.getTime() + months * MONTH_MS);
  };
  let t: TestApp;
  let owner: TestUser;
  let org: TestOrg;
  let recruiter: TestUser;
  let jobA: string;
  let jobB: string;
  let reasonId: string;

  const call = (method: 'GET' | 'POST' | 'PUT', url: string, headers: Headers, payload?: Record<string, unknown>) =>
    t.app.inject({ method, url, headers, ...(payload ? { payload } : {}) });
  const ok = async <T = Record<string, unknown>>(method: 'GET' | 'POST' | 'PUT', url: string, headers: Headers, payload?: Record<string, unknown>): Promise<T> => {
    const res = await call(method, url, headers, payload);
    assert.ok(res.statusCode < 300, `${method} ${url}: ${res.statusCode} ${res.body}`);
    return res.json<T>();
  };
  /** Applies to a job and answers { candidateId, applicationId }. */
  const apply = async (jobId: string, email: string, extra: Record<string, unknown> = {}) => {
    const res = await applyJson(t, org, jobId, { name: `Person ${email}`, email, ...extra });
    assert.equal(res.statusCode, 201, res.body);
    const applicationId = res.json<{ applicationId: string }>().applicationId;
    const application = await ok<{ candidateId: string; futureRolesConsentedAt: string | null }>('GET', `/v1/applications/${applicationId}`, owner.auth);
    return { applicationId, candidateId: application.candidateId, futureRolesConsentedAt: application.futureRolesConsentedAt };
  };
  const reject = (applicationId: string) => ok('POST', `/v1/applications/${applicationId}/reject`, owner.auth, { reasonId });
  const nameOf = async (candidateId: string) => (await ok<{ name: string }>('GET', `/v1/candidates/${candidateId}`, owner.auth)).name;
  /** Everything a run could change, row by row: a repeat must leave it exactly as it was. */
  const snapshot = () => t.container.database.tenant(org.id, async (tx) => ({
    candidates: await queryRows(tx, sql`select id, name, name_key, version, updated_at from candidates where org_id = ${org.id} order by id`),
    applications: await queryRows(tx, sql`select id, answers, consent, future_roles_consented_at, version, updated_at from applications where org_id = ${org.id} order by id`),
    emails: await queryRows(tx, sql`select candidate_id, email from candidate_emails where org_id = ${org.id} order by candidate_id, email`),
    events: await queryRows(tx, sql`select count(*)::int as n from domain_events where org_id = ${org.id}`),
  }));

  before(async () => {
    t = await startTestApp({ APPLY_RATE_LIMIT_PER_IP: '1000' }, { clock: () => now });
    owner = await signUp(t);
    org = { id: owner.orgId, slug: owner.orgSlug, apiKey: '', auth: owner.auth };
    recruiter = await join(t, owner.auth, 'recruiter');
    jobA = (await publishJob(t, org, { title: 'Archivist' })).id;
    jobB = (await publishJob(t, org, { title: 'Curator' })).id;
    reasonId = (await ok<{ data: { id: string }[] }>('GET', '/v1/rejection-reasons', owner.auth)).data[0]?.id ?? '';
  });
  after(async () => t.close());

  test('GET and PUT /v1/retention-policy: defaults at version 0, If-Match, validation, owners and admins only', async () => {
    const first = await call('GET', '/v1/retention-policy', owner.auth);
    assert.equal(first.statusCode, 200);
    assert.equal(first.headers.etag, '"0"');
    assert.deepEqual(first.json(), { enabled: false, anonymizeAfterMonths: 6, keepConsentedMonths: 24, version: 0, updatedAt: null });

    problem(await call('GET', '/v1/retention-policy', recruiter.auth), 403, 'forbidden');
    problem(await call('PUT', '/v1/retention-policy', recruiter.auth, policy), 403, 'forbidden');
    problem(await call('PUT', '/v1/retention-policy', owner.auth, { ...policy, anonymizeAfterMonths: 0 }), 400, 'validation-failed');
    problem(await call('PUT', '/v1/retention-policy', owner.auth, { enabled: true }), 400, 'validation-failed');

    const saved = await t.app.inject({ method: 'PUT', url: '/v1/retention-policy', headers: { ...owner.auth, 'if-match': '"0"' }, payload: { ...policy, enabled: false } });
    assert.equal(saved.statusCode, 200, saved.body);
    assert.equal(saved.headers.etag, '"1"');
    assert.equal(saved.json<{ version: number }>().version, 1);
    const stale = await t.app.inject({ method: 'PUT', url: '/v1/retention-policy', headers: { ...owner.auth, 'if-match': '"0"' }, payload: policy });
    problem(stale, 409, 'version-conflict');
    assert.equal(json<{ enabled: boolean }>(await call('GET', '/v1/retention-policy', owner.auth)).enabled, false, 'the conflicting write changed nothing');

    const admin = await join(t, owner.auth, 'admin');
    const byAdmin = await ok<{ enabled: boolean; version: number }>('PUT', '/v1/retention-policy', admin.auth, policy);
    assert.deepEqual([byAdmin.enabled, byAdmin.version], [true, 2]);
    const changes = await ok<{ data: { actor: { id: string | null }; data: Record<string, unknown> }[] }>('GET', '/v1/audit-events?action=retention_policy.updated', owner.auth);
    assert.deepEqual(changes.data.map((a) => [a.actor.id, a.data.enabled, a.data.version]), [[admin.userId, true, 2], [owner.userId, false, 1]], 'newest first');
    // Another org's policy is its own.
    const other = await signUp(t);
    assert.equal(json<{ version: number }>(await call('GET', '/v1/retention-policy', other.auth)).version, 0);
  });

  test('a run anonymizes whoever is due, once: dry run first, then for real, then again with nothing to do', async () => {
    now = start;
    const rejected = await apply(jobA, 'old.reject@retention.example');
    await reject(rejected.applicationId);
    const withdrew = await apply(jobA, 'withdrew@retention.example');
    await ok('POST', `/v1/applications/${withdrew.applicationId}/withdraw`, owner.auth, {});
    // Kept for future roles: the multipart form's field, recorded with the application.
    const keptForm = await applyMultipart(t, org, jobA, [['name', 'Kept Person'], ['email', 'kept@retention.example'], ['keepForFutureRoles', 'true']]);
    assert.equal(keptForm.statusCode, 201, keptForm.body);
    const kept = await ok<{ candidateId: string; futureRolesConsentedAt: string | null }>('GET', `/v1/applications/${keptForm.json<{ applicationId: string }>().applicationId}`, owner.auth);
    assert.equal(kept.futureRolesConsentedAt, start.toISOString());
    await reject(keptForm.json<{ applicationId: string }>().applicationId);
    assert.equal(rejected.futureRolesConsentedAt, null);
    // Still in the running elsewhere: one application active keeps the person.
    const active = await apply(jobA, 'active@retention.example');
    await reject(active.applicationId);
    await apply(jobB, 'active@retention.example');
    problem(await applyJson(t, org, jobB, { name: 'X', email: 'x@retention.example', keepForFutureRoles: 'yes' }), 400, 'validation-failed');

    advanceTo(5);
    const recent = await apply(jobA, 'recent@retention.example');
    await reject(recent.applicationId);

    advanceTo(7);
    const before = await snapshot();
    const dry = await retentionRun(t.container, { dryRun: true, org: org.slug });
    const due = dry.run.orgs.flatMap((o) => o.due.map((d) => d.candidateId));
    assert.deepEqual(new Set(due), new Set([rejected.candidateId, withdrew.candidateId]));
    assert.match(dry.output, /dry run/);
    assert.match(dry.output, new RegExp(`would anonymize ${rejected.candidateId}`));
    assert.match(dry.output, /Would anonymize 2 candidates in all/);
    assert.doesNotMatch(dry.output, /Person old\.reject/, 'ids, never names');
    assert.deepEqual(await snapshot(), before, 'a dry run changes nothing');

    const real = await retentionRun(t.container, {});
    assert.deepEqual(real.run.orgs.map((o) => [o.orgId, o.anonymized]), [[org.id, 2]], 'every org whose policy is on');
    assert.match(real.output, /Anonymized 2 candidates in all/);
    assert.equal(await nameOf(rejected.candidateId), 'Erased candidate');
    assert.equal(await nameOf(withdrew.candidateId), 'Erased candidate');
    assert.equal(await nameOf(kept.candidateId), 'Kept Person');
    assert.equal(await nameOf(active.candidateId), 'Person active@retention.example');
    assert.equal(await nameOf(recent.candidateId), 'Person recent@retention.example');
    const audit = await ok<{ data: { actor: { type: string; id: string | null }; target: { id: string } | null; data: Record<string, unknown> }[] }>(
      'GET', '/v1/audit-events?action=candidate.erased', owner.auth);
    assert.deepEqual(new Set(audit.data.map((a) => `${a.actor.type}:${a.actor.id}:${a.target?.id}:${String(a.data.reason)}`)),
      new Set([`system:null:${rejected.candidateId}:retention policy`, `system:null:${withdrew.candidateId}:retention policy`]));
    const events = await ok<{ data: { payload: { candidateId: string } }[] }>('GET', '/v1/events?type=candidate.erased', owner.auth);
    assert.equal(events.data.length, 2);

    const afterFirst = await snapshot();
    const again = await retentionRun(t.container, { org: org.slug });
    assert.deepEqual(again.run.orgs.map((o) => [o.due.length, o.anonymized]), [[0, 0]]);
    assert.match(again.output, /Anonymized 0 candidates in all/);
    assert.deepEqual(await snapshot(), afterFirst, 'a second run changes nothing');
  });

  test('the daily task: consent to be kept runs out, a late rejection comes due; a disabled policy only reports', async () => {
    advanceTo(26);
    await ok('PUT', '/v1/retention-policy', owner.auth, { ...policy, enabled: false });
    const disabled = await retentionRun(t.container, { org: org.slug });
    assert.equal(disabled.run.orgs[0]?.due.length, 2, 'the consent of two years ago has run out; the rejection of month 5 is old enough');
    assert.equal(disabled.run.orgs[0]?.anonymized, 0);
    assert.match(disabled.output, /policy off: nothing anonymized \(2 candidates due\)/);
    const none = await retentionRun(t.container, {});
    assert.deepEqual(none.run.orgs, [], 'no org has a policy on');

    await ok('PUT', '/v1/retention-policy', owner.auth, policy);
    const task = t.container.tasks.find((candidate) => candidate.name === 'recruiting.retention');
    assert.ok(task && task.everyMs === 24 * 60 * 60 * 1000, 'registered to run daily');
    await task.run({ signal: new AbortController().signal, log: pino({ level: 'silent' }) });
    const people = await ok<{ data: { name: string }[] }>('GET', '/v1/candidates?limit=100', owner.auth);
    assert.deepEqual(people.data.map((c) => c.name).sort(), ['Erased candidate', 'Erased candidate', 'Erased candidate', 'Erased candidate', 'Person active@retention.example']);

    await assert.rejects(retentionRun(t.container, { org: 'no-such-org' }), /No organization with slug "no-such-org"/);
  });

  // One process only: its start (migrating a fresh database) is most of its cost; the function above covers the rest.
  test('CLI: hireline retention run as its own process', async () => {
    const dir = mkdtempSync(joinPath(tmpdir(), 'hireline-retention-'));
    const server = await serverDatabaseUrl();
    try {
      const env: Record<string, string> = server.url ? { DATABASE_URL: server.url } : { DATA_DIR: joinPath(dir, 'data') };
      const run = await runCli(['retention', 'run', '--dry-run'], env);
      assert.equal(run.code, 0, run.stderr);
      assert.match(run.stdout, /^Retention run \(dry run: nothing changes\) at .+\nNo organization has a retention policy turned on\.\nWould anonymize 0 candidates in all\.\n$/);
    } finally {
      await server.drop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
