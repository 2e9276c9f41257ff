import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { pino } from 'pino';
import { AppError } from '../../src/app-error.ts';
import { queryRows } from '../../src/infra/db/database.ts';
import { extractText, type ExtractText } from '../../src/infra/documents/index.ts';
import { createDiskFileStore } from '../../src/infra/files/file-store.ts';
import { wholeOrg } from '../../src/modules/access/index.ts';
import { createEventsModule } from '../../src/modules/events/index.ts';
import { createAttachmentsArea } from '../../src/modules/recruiting/attachments/index.ts';
import { createRightsArea } from '../../src/modules/recruiting/rights/index.ts';
import { publishJob, startTestApp, type TestApp, type TestOrg } from '../helpers/app.ts';
import { makePdf } from '../helpers/documents.ts';
import { signUp } from '../helpers/identity.ts';
import { applyMultipart } from './applying.helpers.ts';

const silent = pino({ level: 'silent' });

describe('candidate erasure against background work and a failing file store', () => {
  let t: TestApp;
  let org: TestOrg;
  let jobId: string;

  before(async () => {
    t = await startTestApp({ APPLY_RATE_LIMIT_PER_IP: '1000' });
    const owner = await signUp(t);
    org = { id: owner.orgId, slug: owner.orgSlug, apiKey: '', auth: owner.auth };
    jobId = (await publishJob(t, org)).id;
  });
  after(() => t.close());

  /** Applies with a résumé whose text names the person; returns the candidate and the résumé's id. */
  async function applicant(name: string, email: string): Promise<{ candidateId: string; attachmentId: string }> {
    const res = await applyMultipart(t, org, jobId, [['name', name], ['email', email], ['resume', { bytes: await makePdf(`${name}\n${email}`), name: 'cv.pdf' }]]);
    assert.equal(res.statusCode, 201, res.body);
    const application = await t.app.inject({ url: `/v1/applications/${res.json<{ applicationId: string }>().applicationId}`, headers: org.auth });
    const { candidateId } = application.json<{ candidateId: string }>();
    const files = await t.app.inject({ url: `/v1/candidates/${candidateId}/attachments`, headers: org.auth });
    return { candidateId, attachmentId: files.json<{ data: { id: string }[] }>().data[0]?.id ?? '' };
  }

  const erase = (candidateId: string) =>
    t.app.inject({ method: 'POST', url: `/v1/candidates/${candidateId}/erase`, headers: org.auth, payload: { reason: 'Candidate asked' } });

  const stored = async (attachmentId: string) => {
    const [row] = await t.container.database.tenant(org.id, (tx) => queryRows<{ text: string | null; text_status: string; search_resume: string }>(tx, sql`
      select a.text, a.text_status, c.search_resume from candidate_attachments a join candidates c on c.id = a.candidate_id where a.id = ${attachmentId}`));
    return row;
  };

  test('a résumé read while its candidate is erased does not get its text back', async () => {
    const { candidateId, attachmentId } = await applicant('Ottoline Vexworth', 'ottoline@race.example');
    let erased = false;
    // The erasure lands after the file was claimed and its bytes read, before its text is stored.
    const erasingExtract: ExtractText = async (bytes, kind, options) => {
      const text = await extractText(bytes, kind, options);
      if (!erased) {
        erased = true;
        assert.equal((await erase(candidateId)).statusCode, 200);
      }
      return text;
    };
    const area = createAttachmentsArea({ database: t.container.database, store: createDiskFileStore(t.config.filesDir), log: silent, extract: erasingExtract });
    assert.ok(await area.service.extractPending() >= 1);
    assert.ok(erased, 'the erasure ran while the file was being read');
    const row = await stored(attachmentId);
    assert.deepEqual(row, { text: null, text_status: 'none', search_resume: '' });
  });

  test('a file the store cannot delete makes the erasure a 503 that erasing again completes', async () => {
    const { candidateId, attachmentId } = await applicant('Barnaby Quillfeather', 'barnaby@race.example');
    const failing = createRightsArea({
      database: t.container.database, events: t.container.events, redactEvents: createEventsModule({ database: t.container.database, log: silent }).redactSubjects,
      audit: t.container.audit, files: { delete: async () => { throw new Error('disk unavailable'); } }, jobTitle: async () => null,
      publicBaseUrl: t.config.publicBaseUrl, log: silent,
    });
    await assert.rejects(
      failing.erasure.erase({ principal: wholeOrg(org.id), origin: { ip: null, userAgent: null } }, candidateId, { reason: 'Candidate asked' }),
      (err: unknown) => err instanceof AppError && err.code === 'service-unavailable' && /erase again/.test(err.detail),
    );
    const content = `/v1/candidates/${candidateId}/attachments/${attachmentId}/content`;
    assert.equal((await t.app.inject({ url: content, headers: org.auth })).statusCode, 200, 'the bytes are still stored');
    const again = await erase(candidateId);
    assert.equal(again.statusCode, 200, again.body);
    assert.equal(again.json<{ alreadyErased: boolean }>().alreadyErased, true);
    assert.equal((await t.app.inject({ url: content, headers: org.auth })).statusCode, 404, 'erasing again deleted them');
  });
});
