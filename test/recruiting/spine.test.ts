import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { publishJob, startTestApp, type TestApp } from '../helpers/app.ts';
import { addApplicant } from '../helpers/recruiting.ts';

describe('candidate identity and a job\'s first stages', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp();
  });
  after(() => t.close());

  test('one person applying twice at once, with differently written emails, is one candidate; the job gets its stages once', async () => {
    const jobA = await publishJob(t, t.org);
    const jobB = await publishJob(t, t.org);
    const [a, b] = await Promise.all([
      addApplicant(t, t.org.id, jobA.id, { email: 'Ada.Lovelace+jobs@gmail.com', name: 'Ada Lovelace' }),
      addApplicant(t, t.org.id, jobB.id, { email: 'adalovelace@googlemail.com', name: 'Ada Lovelace' }),
    ]);
    assert.equal(a.candidateId, b.candidateId);
    const again = await Promise.all([1, 2, 3].map((n) => addApplicant(t, t.org.id, jobA.id, { email: `other${n}@example.test` })));
    assert.ok(again.every((r) => r.stageId === a.stageId), 'every application of job A starts in the same first stage');
  });

  test('dots and plus-tags count at providers that do not document ignoring them', async () => {
    const job = await publishJob(t, t.org);
    const a = await addApplicant(t, t.org.id, job.id, { email: 'sam.lee@example.test' });
    const b = await addApplicant(t, t.org.id, job.id, { email: 'SAM.LEE@Example.test' });
    const c = await addApplicant(t, t.org.id, job.id, { email: 'samlee@example.test' });
    assert.equal(a.candidateId, b.candidateId);
    assert.notEqual(a.candidateId, c.candidateId);
  });
});
