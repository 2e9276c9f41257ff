import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { and, eq, inArray } from 'drizzle-orm';
import { applications } from '../../src/modules/recruiting/applications/applications.table.ts';
import { idempotencyKeys } from '../../src/infra/idempotency/index.ts';
import { publishJob, startTestApp, type TestApp } from '../helpers/app.ts';
import { makePdf } from '../helpers/documents.ts';
import { applyMultipart, putQuestions } from './applying.helpers.ts';

describe('applying at once, with retries', () => {
  let t: TestApp;
  let filesDir: string;
  before(async () => {
    filesDir = await mkdtemp(path.join(tmpdir(), 'hireline-applying-race-'));
    t = await startTestApp({ FILES_DIR: filesDir, APPLY_RATE_LIMIT_PER_IP: '100000' });
  });
  after(async () => {
    await t.close();
    await rm(filesDir, { recursive: true, force: true });
  });

  test('100 applicants each sending their application twice with one key, all at once, make exactly 100 applications (the second send replays or is told the first still runs)', async () => {
    const job = await publishJob(t, t.org);
    const [question] = await putQuestions(t, t.org, job.id, [{ label: 'Favourite language', kind: 'short_text', required: true }]);
    const pdf = await makePdf('Résumé of a concurrent applicant');
    const sends = Array.from({ length: 100 }, (_, i) => {
      const parts: [string, string | { bytes: Uint8Array; name: string }][] = [
        ['name', `Applicant ${i}`], ['email', `racer-${i}@example.test`], [`answers[${question?.id}]`, `Language ${i}`], ['resume', { bytes: pdf, name: 'cv.pdf' }],
      ];
      const headers = { 'idempotency-key': `race-${i}` };
      return [applyMultipart(t, t.org, job.id, parts, headers), applyMultipart(t, t.org, job.id, parts, headers)];
    });
    const answered = await Promise.all(sends.map((pair) => Promise.all(pair)));

    const ids = new Set<string>();
    answered.forEach(([a, b], i) => {
      assert.ok(a && b);
      // The second send either finds the first still running (409, retry later) or replays its answer.
      const created = [a, b].filter((r) => r.statusCode === 201 && r.headers['idempotent-replayed'] === undefined);
      assert.equal(created.length, 1, `applicant ${i}: exactly one send created: ${a.statusCode} ${b.statusCode}`);
      const other = created[0] === a ? b : a;
      if (other.statusCode === 409) assert.equal(other.json<{ code: string }>().code, 'idempotency-key-in-flight');
      else {
        assert.equal(other.statusCode, 201, `applicant ${i}: ${other.body}`);
        assert.equal(other.headers['idempotent-replayed'], 'true');
        assert.deepEqual(other.json(), created[0]?.json(), `applicant ${i}'s two answers are the same application`);
      }
      ids.add(created[0]?.json<{ applicationId: string }>().applicationId ?? '');
    });
    assert.equal(ids.size, 100);

    const rows = await t.container.database.tenant(t.org.id, (tx) => tx.select({ id: applications.id, answers: applications.answers })
      .from(applications).where(and(eq(applications.orgId, t.org.id), eq(applications.jobId, job.id))));
    assert.equal(rows.length, 100, 'exactly one application per applicant');
    assert.deepEqual(new Set(rows.map((r) => r.id)), ids, 'every 201 names a committed application');
    for (const row of rows) assert.match(String(row.answers[question?.id ?? '']), /^Language \d+$/);
    const keys = await t.container.database.tenant(t.org.id, (tx) => tx.select({ key: idempotencyKeys.key }).from(idempotencyKeys)
      .where(inArray(idempotencyKeys.key, Array.from({ length: 100 }, (_, i) => `race-${i}`))));
    assert.equal(keys.length, 100);
  });
});
