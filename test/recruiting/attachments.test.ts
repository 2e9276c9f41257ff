import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { AppError } from '../../src/app-error.ts';
import { buildApp } from '../../src/app.ts';
import { version } from '../../src/container.ts';
import { newId } from '../../src/infra/db/ids.ts';
import { extractText, type ExtractText } from '../../src/infra/documents/index.ts';
import { createDiskFileStore, type FileStore } from '../../src/infra/files/file-store.ts';
import { applications } from '../../src/modules/recruiting/applications/applications.table.ts';
import { createAttachmentsArea, type PreparedAttachment } from '../../src/modules/recruiting/attachments/index.ts';
import { attachments } from '../../src/modules/recruiting/attachments/attachments.table.ts';
import { candidates } from '../../src/modules/recruiting/candidates/candidates.table.ts';
import { jobStages } from '../../src/modules/recruiting/pipelines/pipelines.table.ts';
import { createJob, problem, startTestApp, type TestApp } from '../helpers/app.ts';
import { exeBytes, makeDocx, makeEncryptedPdf, makePdf, makeScannedPdf, makeZipBombDocx } from '../helpers/documents.ts';
import { join, signUp, type TestUser } from '../helpers/identity.ts';

const silent = pino({ level: 'silent' });

describe('candidate attachments', () => {
  let t: TestApp;
  let app: FastifyInstance;
  let store: FileStore;
  let area: ReturnType<typeof createAttachmentsArea>;
  let extractions = 0;
  /** Every statement sent to the database, so a test can count those a run costs. */
  const statements: string[] = [];
  let owner: TestUser;
  let orgId: string;

  /** Extraction as in production, counted, so a test can tell how often a file was read. */
  const countingExtract: ExtractText = (bytes, kind, options) => {
    extractions++;
    return extractText(bytes, kind, options);
  };

  before(async () => {
    t = await startTestApp({}, { onQuery: (statement) => statements.push(statement) });
    store = createDiskFileStore(t.config.filesDir);
    area = createAttachmentsArea({ database: t.container.database, store, log: silent, extract: countingExtract });
    // Until the recruiting module wires this area into the container, its routes are added here.
    const wired = t.container.tasks.some((task) => task.name === 'recruiting.extract-text');
    app = wired ? t.app : await buildApp({
      config: t.config, version, routes: [...t.container.routes, ...area.routes], schemas: t.container.schemas, authenticate: t.container.authenticate, logger: silent,
    });
    owner = await signUp(t);
    orgId = owner.orgId;
  });
  after(async () => {
    if (app !== t.app) await app.close();
    await t.close();
  });

  const db = () => t.container.database.unscoped;

  /** A job with one stage and a candidate who applied to it, written straight to the tables. */
  async function candidateWithApplication(inOrg: string, auth: { authorization: string }): Promise<{ candidateId: string; applicationId: string; jobId: string }> {
    const job = await createJob(t, { id: inOrg, slug: '', apiKey: '', auth });
    const stageId = newId('stg');
    await db().insert(jobStages).values({ id: stageId, orgId: inOrg, jobId: job.id, position: 0, name: 'Applied', kind: 'applied', candidateName: 'Received' });
    const candidateId = newId('cand');
    await db().insert(candidates).values({ id: candidateId, orgId: inOrg, name: 'Margaret Hamilton', nameKey: 'margaret hamilton' });
    const applicationId = newId('app');
    await db().insert(applications).values({ id: applicationId, orgId: inOrg, jobId: job.id, candidateId, stageId });
    return { candidateId, applicationId, jobId: job.id };
  }

  async function attach(inOrg: string, candidateId: string, applicationId: string | null, uploads: { bytes: Uint8Array; fileName: string; kind?: 'resume' | 'cover_letter' }[]) {
    const prepared: PreparedAttachment[] = [];
    // One after another, so that ids (and so the listing's order) follow the uploads' order.
    for (const u of uploads) prepared.push(await area.files.prepare(inOrg, { kind: 'resume', field: 'resume', ...u }));
    return t.container.database.tenant(inOrg, (tx) => area.files.record(tx, candidateId, applicationId, prepared));
  }

  const runTask = async () => {
    const task = area.tasks.find((d) => d.name === 'recruiting.extract-text');
    assert.ok(task);
    await task.run({ signal: new AbortController().signal, log: silent });
  };

  const list = async (candidateId: string, auth: { authorization: string } = owner.auth) =>
    app.inject({ method: 'GET', url: `/v1/candidates/${candidateId}/attachments`, headers: auth });

  describe('preparing an upload', () => {
    test('takes a PDF named .docx as the PDF its bytes say it is', async () => {
      const bytes = await makePdf('Bytes decide');
      const prepared = await area.files.prepare(orgId, { bytes, fileName: 'cv.docx', kind: 'resume', field: 'resume' });
      assert.equal(prepared.mediaType, 'application/pdf');
      assert.equal(prepared.fileName, 'cv.docx');
      assert.equal(prepared.sizeBytes, bytes.length);
      assert.equal(prepared.sha256, createHash('sha256').update(bytes).digest('hex'));
      assert.match(prepared.id, /^att_/);
      assert.deepEqual(await store.get(prepared.storeKey), bytes);
    });

    test('refuses a program named .pdf, naming the form field', async () => {
      await assert.rejects(area.files.prepare(orgId, { bytes: exeBytes(), fileName: 'resume.pdf', kind: 'resume', field: 'resume' }), (err: unknown) => {
        assert.ok(err instanceof AppError);
        assert.equal(err.code, 'validation-failed');
        assert.equal(err.extras.fields?.[0]?.field, 'resume');
        assert.match(err.detail, /PDF and Word/);
        return true;
      });
    });

    test('refuses an empty file', async () => {
      await assert.rejects(area.files.prepare(orgId, { bytes: new Uint8Array(), fileName: 'cover.pdf', kind: 'cover_letter', field: 'coverLetter' }), (err: unknown) => {
        assert.ok(err instanceof AppError);
        assert.equal(err.code, 'validation-failed');
        assert.deepEqual(err.extras.fields, [{ field: 'coverLetter', detail: 'The file is empty' }]);
        return true;
      });
    });

    test('strips path and control characters from the file name, keeping the rest', async () => {
      const prepared = await area.files.prepare(orgId, { bytes: makeDocx('x'), fileName: 'C:\\Users\\me\\Lebenslauf\u202Ecod.docx', kind: 'resume', field: 'resume' });
      assert.equal(prepared.fileName, 'Lebenslaufcod.docx');
      const unnamed = await area.files.prepare(orgId, { bytes: makeDocx('x'), fileName: '../..', kind: 'cover_letter', field: 'coverLetter' });
      assert.equal(unnamed.fileName, 'cover-letter.docx');
    });

    test('discarding removes the stored bytes of an upload whose transaction failed', async () => {
      const { candidateId } = await candidateWithApplication(orgId, owner.auth);
      const prepared = await area.files.prepare(orgId, { bytes: await makePdf('Never recorded'), fileName: 'cv.pdf', kind: 'resume', field: 'resume' });
      await assert.rejects(t.container.database.tenant(orgId, async (tx) => {
        await area.files.record(tx, candidateId, null, [prepared]);
        throw new Error('the application failed after the files were recorded');
      }));
      await area.files.discard([prepared]);
      assert.equal(await store.get(prepared.storeKey), null);
      assert.deepEqual((await list(candidateId)).json(), { data: [] });
    });
  });

  describe('reading text in the background', () => {
    test('stores each file\'s text or why there is none, and makes résumés searchable', async () => {
      const { candidateId, applicationId } = await candidateWithApplication(orgId, owner.auth);
      const [before] = await db().select({ version: candidates.version }).from(candidates).where(eq(candidates.id, candidateId));
      const recorded = await attach(orgId, candidateId, applicationId, [
        { bytes: await makePdf('Apollo guidance software lead'), fileName: 'resume.pdf' },
        { bytes: makeDocx('Rope memory <!-- weaving and verification'), fileName: 'old-resume.docx' },
        { bytes: makeDocx('Cover letters stay out of resume search: zeppelin'), fileName: 'letter.docx', kind: 'cover_letter' },
        { bytes: await makeEncryptedPdf(), fileName: 'locked.pdf' },
        { bytes: await makeScannedPdf(), fileName: 'scan.pdf' },
        { bytes: makeZipBombDocx(), fileName: 'bomb.docx' },
      ]);
      assert.deepEqual(recorded.map((a) => a.textStatus), Array(6).fill('pending'));
      assert.ok(recorded.every((a) => a.applicationId === applicationId));

      await runTask();

      const { data } = (await list(candidateId)).json<{ data: { fileName: string; textStatus: string; textFailure: string | null }[] }>();
      assert.deepEqual(data.map((a) => [a.fileName, a.textStatus, a.textFailure]), [
        ['resume.pdf', 'extracted', null],
        ['old-resume.docx', 'extracted', null],
        ['letter.docx', 'extracted', null],
        ['locked.pdf', 'failed', 'encrypted'],
        ['scan.pdf', 'failed', 'no-text'],
        ['bomb.docx', 'failed', 'too-large'],
      ]);
      const [after] = await db().select({ searchResume: candidates.searchResume, version: candidates.version }).from(candidates).where(eq(candidates.id, candidateId));
      assert.ok(after);
      assert.match(after.searchResume, /Apollo guidance software lead/);
      assert.match(after.searchResume, /Rope memory weaving and verification/);
      assert.doesNotMatch(after.searchResume, /<!--|zeppelin/);
      assert.equal(after.version, before?.version);
    });

    test('reads every file once when several workers run at the same time', async () => {
      const { candidateId } = await candidateWithApplication(orgId, owner.auth);
      await attach(orgId, candidateId, null, await Promise.all([1, 2, 3, 4, 5, 6].map(async (n) => ({ bytes: await makePdf(`Version ${n}`), fileName: `v${n}.pdf` }))));
      extractions = 0;
      await Promise.all([area.service.extractPending(), area.service.extractPending(), area.service.extractPending()]);
      assert.equal(extractions, 6);
      const { data } = (await list(candidateId)).json<{ data: { textStatus: string }[] }>();
      assert.ok(data.every((a) => a.textStatus === 'extracted'));
    });

    test('while requests keep the process busy, a run reads one file and leaves the rest for a quiet moment', async () => {
      const { candidateId } = await candidateWithApplication(orgId, owner.auth);
      await attach(orgId, candidateId, null, await Promise.all([1, 2, 3].map(async (n) => ({ bytes: await makePdf(`Busy ${n}`), fileName: `b${n}.pdf` }))));
      const busyArea = createAttachmentsArea({ database: t.container.database, store, log: silent, extract: countingExtract, busy: () => true });
      assert.equal(await busyArea.service.extractPending(), 1);
      assert.equal(await busyArea.service.extractPending(), 1, 'a long busy spell still makes progress');
      assert.equal(await area.service.extractPending(), 1, 'the quiet run reads what is left');
      const { data } = (await list(candidateId)).json<{ data: { textStatus: string }[] }>();
      assert.ok(data.every((a) => a.textStatus === 'extracted'));
    });

    test('a run reads a batch with a few statements, whatever its size, and makes every résumé of it searchable', async () => {
      const first = await candidateWithApplication(orgId, owner.auth);
      const second = await candidateWithApplication(orgId, owner.auth);
      await attach(orgId, first.candidateId, null, [
        { bytes: await makePdf('Lunar module descent'), fileName: 'a.pdf' },
        { bytes: makeDocx('Priority scheduling executive'), fileName: 'b.docx' },
        { bytes: await makePdf('Asynchronous restart recovery'), fileName: 'c.pdf' },
        { bytes: makeDocx('Batch letter: quetzal'), fileName: 'letter.docx', kind: 'cover_letter' },
      ]);
      await attach(orgId, second.candidateId, null, [{ bytes: await makePdf('Orbital rendezvous radar'), fileName: 'd.pdf' }]);
      statements.length = 0;
      assert.equal(await area.service.extractPending(), 5);
      // Claim, store, the résumés' texts, the candidates' search text: the old per-file loop sent about four per file.
      const sent = statements.filter((s) => !/^\s*(begin|commit|rollback)\b/i.test(s));
      assert.ok(sent.length <= 4, `${sent.length} statements:\n${sent.join('\n')}`);
      const searchOf = async (candidateId: string) =>
        (await db().select({ searchResume: candidates.searchResume }).from(candidates).where(eq(candidates.id, candidateId)))[0]?.searchResume ?? '';
      const text = await searchOf(first.candidateId);
      for (const words of ['Lunar module descent', 'Priority scheduling executive', 'Asynchronous restart recovery']) assert.match(text, new RegExp(words));
      assert.doesNotMatch(text, /quetzal/);
      assert.match(await searchOf(second.candidateId), /Orbital rendezvous radar/);
    });

    test('a file erased while its batch is read keeps no text; the rest of the batch is stored', async () => {
      const { candidateId } = await candidateWithApplication(orgId, owner.auth);
      const recorded = await attach(orgId, candidateId, null, await Promise.all([1, 2, 3].map(async (n) => ({ bytes: await makePdf(`Erasable ${n}`), fileName: `e${n}.pdf` }))));
      const erasedId = recorded[0]?.id ?? '';
      let reads = 0;
      // The first file, already read, is erased (as the rights area does) while the second is read.
      const erasingExtract: ExtractText = async (bytes, kind, options) => {
        if (++reads === 2) await db().update(attachments).set({ textStatus: 'none', text: null }).where(eq(attachments.id, erasedId));
        return extractText(bytes, kind, options);
      };
      const erasing = createAttachmentsArea({ database: t.container.database, store, log: silent, extract: erasingExtract });
      assert.equal(await erasing.service.extractPending(), 3);
      const rows = await db().select({ id: attachments.id, textStatus: attachments.textStatus, text: attachments.text }).from(attachments)
        .where(eq(attachments.candidateId, candidateId)).orderBy(attachments.createdAt, attachments.id);
      assert.deepEqual(rows.map((r) => [r.textStatus, r.text === null]), [['none', true], ['extracted', false], ['extracted', false]]);
      const [after] = await db().select({ searchResume: candidates.searchResume }).from(candidates).where(eq(candidates.id, candidateId));
      assert.doesNotMatch(after?.searchResume ?? '', /Erasable 1/);
      assert.match(after?.searchResume ?? '', /Erasable 2/);
    });

    test('a run that turns busy or is stopped mid-batch stores what it read and hands the rest back at once', async () => {
      const { candidateId } = await candidateWithApplication(orgId, owner.auth);
      await attach(orgId, candidateId, null, await Promise.all([1, 2, 3, 4].map(async (n) => ({ bytes: await makePdf(`Handed back ${n}`), fileName: `h${n}.pdf` }))));
      let busy = false;
      let reads = 0;
      const stop = new AbortController();
      // The first file read makes the process busy; the next run's first file asks it to stop.
      const interrupting: ExtractText = async (bytes, kind, options) => {
        if (++reads === 1) busy = true;
        else stop.abort();
        return extractText(bytes, kind, options);
      };
      const interrupted = createAttachmentsArea({ database: t.container.database, store, log: silent, extract: interrupting, busy: () => busy });
      assert.equal(await interrupted.service.extractPending(), 1);
      busy = false;
      assert.equal(await interrupted.service.extractPending(stop.signal), 1);
      const claims = await db().select({ textStatus: attachments.textStatus, textClaimedAt: attachments.textClaimedAt }).from(attachments)
        .where(eq(attachments.candidateId, candidateId));
      assert.deepEqual(claims.filter((c) => c.textStatus === 'pending').map((c) => c.textClaimedAt), [null, null], 'the unread files are no longer claimed');
      assert.equal(await area.service.extractPending(), 2, 'the next run reads them without waiting for a lease to end');
    });

    test('a file whose bytes are gone is marked failed rather than retried forever', async () => {
      const { candidateId } = await candidateWithApplication(orgId, owner.auth);
      const [recorded] = await attach(orgId, candidateId, null, [{ bytes: await makePdf('Soon gone'), fileName: 'gone.pdf' }]);
      assert.ok(recorded);
      await store.delete(`${orgId}/${recorded.id}`);
      await runTask();
      const { data } = (await list(candidateId)).json<{ data: { textStatus: string; textFailure: string | null }[] }>();
      assert.deepEqual(data.map((a) => [a.textStatus, a.textFailure]), [['failed', 'missing-file']]);
    });
  });

  describe('routes', () => {
    let candidateId: string;
    let jobId: string;
    let attachmentId: string;
    let pdf: Uint8Array;
    const fileName = 'Résumé "final"; v2\r\nx.pdf';

    before(async () => {
      ({ candidateId, jobId } = await candidateWithApplication(orgId, owner.auth));
      pdf = await makePdf('Download me');
      const [recorded] = await attach(orgId, candidateId, null, [{ bytes: pdf, fileName }]);
      assert.ok(recorded);
      attachmentId = recorded.id;
    });

    const content = (auth: { authorization: string }, candidate = candidateId, attachment = attachmentId) =>
      app.inject({ method: 'GET', url: `/v1/candidates/${candidate}/attachments/${attachment}/content`, headers: auth });

    test('lists a candidate\'s files with what their bytes are', async () => {
      const res = await list(candidateId);
      assert.equal(res.statusCode, 200);
      const [item] = res.json<{ data: Record<string, unknown>[] }>().data;
      assert.deepEqual(Object.keys(item ?? {}).sort(), [
        'applicationId', 'createdAt', 'fileName', 'id', 'kind', 'mediaType', 'questionId', 'sha256', 'sizeBytes', 'textFailure', 'textStatus',
      ]);
      assert.equal(item?.mediaType, 'application/pdf');
      assert.equal(item?.sizeBytes, pdf.length);
      assert.equal(item?.fileName, 'Résumé "final"; v2x.pdf');
    });

    test('downloads the bytes as an attachment that a browser will not sniff or run', async () => {
      const res = await content(owner.auth);
      assert.equal(res.statusCode, 200);
      assert.deepEqual(new Uint8Array(res.rawPayload), pdf);
      assert.equal(res.headers['content-type'], 'application/pdf');
      assert.equal(res.headers['x-content-type-options'], 'nosniff');
      const disposition = String(res.headers['content-disposition']);
      assert.equal(disposition, `attachment; filename="Resume _final__ v2x.pdf"; filename*=UTF-8''${encodeURIComponent('Résumé "final"; v2x.pdf')}`);
      const starred = /filename\*=UTF-8''(.+)$/.exec(disposition)?.[1];
      assert.equal(decodeURIComponent(starred ?? ''), 'Résumé "final"; v2x.pdf');
    });

    test('sends a PDF inline when asked, for this server\'s pages to frame, still sandboxed and unsniffed; a Word file stays an attachment', async () => {
      const res = await app.inject({ method: 'GET', url: `/v1/candidates/${candidateId}/attachments/${attachmentId}/content?disposition=inline`, headers: owner.auth });
      assert.equal(res.statusCode, 200);
      assert.deepEqual(new Uint8Array(res.rawPayload), pdf);
      assert.match(String(res.headers['content-disposition']), /^inline; filename="Resume _final__ v2x.pdf"; filename\*=UTF-8''/);
      assert.equal(res.headers['content-security-policy'], 'sandbox; default-src \'none\'; frame-ancestors \'self\'');
      assert.equal(res.headers['x-content-type-options'], 'nosniff');
      assert.equal(res.headers['x-frame-options'], 'SAMEORIGIN');

      const [docx] = await attach(orgId, candidateId, null, [{ bytes: makeDocx('Word résumé'), fileName: 'cv.docx' }]);
      assert.ok(docx);
      const word = await app.inject({ method: 'GET', url: `/v1/candidates/${candidateId}/attachments/${docx.id}/content?disposition=inline`, headers: owner.auth });
      assert.equal(word.statusCode, 200);
      assert.match(String(word.headers['content-disposition']), /^attachment; /);
      problem(await app.inject({ method: 'GET', url: `/v1/candidates/${candidateId}/attachments/${attachmentId}/content?disposition=window`, headers: owner.auth }), 400, 'validation-failed');
    });

    test('answers 404 for an unknown candidate or file, or a file of another candidate', async () => {
      problem(await list('cand_unknown'), 404, 'not-found');
      problem(await content(owner.auth, candidateId, 'att_unknown'), 404, 'not-found');
      const other = await candidateWithApplication(orgId, owner.auth);
      problem(await content(owner.auth, other.candidateId, attachmentId), 404, 'not-found');
    });

    test('answers 404 to another organization, with this one\'s ids', async () => {
      const stranger = await t.createOrg('Stranger');
      problem(await list(candidateId, stranger.auth), 404, 'not-found');
      problem(await content(stranger.auth), 404, 'not-found');
    });

    test('shows a hiring manager only the candidates of jobs they are on', async () => {
      const manager = await join(t, owner.auth, 'hiring_manager');
      problem(await list(candidateId, manager.auth), 404, 'not-found');
      problem(await content(manager.auth), 404, 'not-found');
      const added = await t.app.inject({ method: 'PUT', url: `/v1/jobs/${jobId}/team/${manager.userId}`, headers: owner.auth });
      assert.equal(added.statusCode, 200, added.body);
      assert.equal((await list(candidateId, manager.auth)).statusCode, 200);
      assert.equal((await content(manager.auth)).statusCode, 200);
    });
  });
});
