import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, eq, inArray } from 'drizzle-orm';
import { domainEvents } from '../../src/modules/events/events.table.ts';
import { outgoingMail } from '../../src/modules/mail/mail.table.ts';
import { applications } from '../../src/modules/recruiting/applications/applications.table.ts';
import { attachments } from '../../src/modules/recruiting/attachments/attachments.table.ts';
import { candidates } from '../../src/modules/recruiting/candidates/candidates.table.ts';
import { publishJob, startTestApp, type TestApp } from '../helpers/app.ts';
import { makePdf } from '../helpers/documents.ts';
import { applyJson, applyMultipart } from './applying.helpers.ts';

/**
 * Applications that arrive together share a transaction (src/infra/db/group-commit.ts). What an
 * applicant and a recruiter see must not change: each gets their own answer, refusals stay their own.
 */
describe('applications arriving together', () => {
  let t: TestApp;
  const statements: string[] = [];
  before(async () => {
    t = await startTestApp({ APPLY_RATE_LIMIT_PER_IP: '100000' }, { onQuery: (query) => statements.push(query) });
  });
  after(async () => {
    await t.close();
  });

  const db = () => t.container.database.unscoped;

  test('40 at once: 40 applications, each with its résumé, email and events, written in far fewer transactions than 40', async () => {
    const job = await publishJob(t, t.org);
    const pdf = await makePdf('Résumé of an applicant in a crowd');
    statements.length = 0;
    const answers = await Promise.all(Array.from({ length: 40 }, (_, i) => applyMultipart(t, t.org, job.id, [
      ['name', `Crowd ${i}`], ['email', `crowd-${i}@example.test`], ['resume', { bytes: pdf, name: `cv-${i}.pdf` }],
    ])));
    for (const res of answers) assert.equal(res.statusCode, 201, res.body);
    const ids = answers.map((res) => res.json<{ applicationId: string }>().applicationId);
    assert.equal(new Set(ids).size, 40);

    const rows = await db().select({ id: applications.id, candidateId: applications.candidateId }).from(applications).where(eq(applications.jobId, job.id));
    assert.deepEqual(new Set(rows.map((r) => r.id)), new Set(ids), 'every 201 names a committed application, and nothing else was written');
    assert.equal(new Set(rows.map((r) => r.candidateId)).size, 40, 'one candidate each');
    const resumes = await db().select({ applicationId: attachments.applicationId }).from(attachments).where(inArray(attachments.applicationId, ids));
    assert.deepEqual(new Set(resumes.map((r) => r.applicationId)), new Set(ids), 'each application has its own résumé');
    const mails = await db().select({ to: outgoingMail.to }).from(outgoingMail).where(eq(outgoingMail.orgId, t.org.id));
    assert.deepEqual(new Set(mails.map((m) => m.to)), new Set(Array.from({ length: 40 }, (_, i) => `crowd-${i}@example.test`)), 'one email to each applicant');
    const created = await db().select({ subjectId: domainEvents.subjectId }).from(domainEvents)
      .where(and(eq(domainEvents.orgId, t.org.id), eq(domainEvents.type, 'application.created')));
    assert.deepEqual(new Set(created.map((e) => e.subjectId)), new Set(ids));

    const inserts = statements.filter((s) => /^(with .*)?insert into "applications"/s.test(s)).length;
    assert.ok(inserts <= 20, `the applications were written together: ${inserts} insert statements for 40 applications`);
  });

  test('in one burst, refusals stay with their applicant: a repeat is a 409 naming the first, a person known by two emails applies once, others are unaffected', async () => {
    const job = await publishJob(t, t.org);
    const other = await publishJob(t, t.org);
    const earlier = await applyJson(t, t.org, job.id, { name: 'Early Bird', email: 'early@example.test' });
    assert.equal(earlier.statusCode, 201, earlier.body);
    // A candidate a recruiter entered with two addresses: applying with both at once must make one application.
    const twoEmails = await t.app.inject({ method: 'POST', url: '/v1/candidates', headers: t.org.auth, payload: { name: 'Dual Mail', emails: ['dual-a@example.test', 'dual-b@example.test'] } });
    assert.equal(twoEmails.statusCode, 201, twoEmails.body);

    // The openers go first (the first alone, at once); the rest arrive while it is written and are written together.
    const burst = await Promise.all([
      ...Array.from({ length: 2 }, (_, i) => applyJson(t, t.org, job.id, { name: `Opener ${i}`, email: `opener-${i}@example.test` })),
      applyJson(t, t.org, job.id, { name: 'Early Bird', email: 'EARLY@example.test' }),
      applyJson(t, t.org, job.id, { name: 'Dual Mail', email: 'dual-a@example.test' }),
      applyJson(t, t.org, job.id, { name: 'Dual Mail', email: 'dual-b@example.test' }),
      applyJson(t, t.org, job.id, { name: 'Two Jobs', email: 'two-jobs@example.test' }),
      applyJson(t, t.org, other.id, { name: 'Two Jobs', email: 'two-jobs@example.test' }),
      ...Array.from({ length: 10 }, (_, i) => applyJson(t, t.org, job.id, { name: `Bystander ${i}`, email: `bystander-${i}@example.test` })),
    ]);
    const [opener0, opener1, repeat, dualA, dualB, twoJobsA, twoJobsB, ...bystanders] = burst;
    assert.equal(repeat?.statusCode, 409, repeat?.body);
    assert.equal(repeat?.json<{ code: string }>().code, 'already-applied');
    assert.match(repeat?.json<{ detail: string }>().detail ?? '', new RegExp(earlier.json<{ applicationId: string }>().applicationId));
    assert.deepEqual([dualA?.statusCode, dualB?.statusCode].sort(), [201, 409], `one of the two addresses applies: ${dualA?.body} ${dualB?.body}`);
    assert.equal(twoJobsA?.statusCode, 201, twoJobsA?.body);
    assert.equal(twoJobsB?.statusCode, 201, twoJobsB?.body);
    for (const res of [opener0, opener1, ...bystanders]) assert.equal(res?.statusCode, 201, res?.body);

    const [dual] = await db().select({ id: candidates.id }).from(candidates).where(and(eq(candidates.orgId, t.org.id), eq(candidates.name, 'Dual Mail')));
    const dualApplications = await db().select({ id: applications.id }).from(applications).where(and(eq(applications.jobId, job.id), eq(applications.candidateId, dual?.id ?? '')));
    assert.equal(dualApplications.length, 1);
    const twoJobs = await db().select({ id: candidates.id }).from(candidates).where(and(eq(candidates.orgId, t.org.id), eq(candidates.name, 'Two Jobs')));
    assert.equal(twoJobs.length, 1, 'one person applying to two jobs at once is one candidate');
    const rows = await db().select({ id: applications.id }).from(applications).where(eq(applications.jobId, job.id));
    assert.equal(rows.length, 2 + 1 + 1 + 1 + 10, 'two openers, the first, one of the dual ones, two-jobs, ten bystanders');
  });
});
