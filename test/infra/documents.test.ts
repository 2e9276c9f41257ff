import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { getPriority as osPriority } from 'node:os';
import { after, describe, test } from 'node:test';
import { strToU8, zipSync } from 'fflate';
import { createTextExtractor, detectDocument } from '../../src/infra/documents/index.ts';
import { checkZip, defaultZipLimits } from '../../src/infra/documents/zip-guard.ts';
import { exeBytes, makeDocx, makeEncryptedPdf, makePdf, makeScannedPdf, makeZipBombDocx } from '../helpers/documents.ts';

// Read before any worker starts: what the main thread's priority must still be afterwards.
const startPriority = osPriority();
const docxType = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

describe('detecting a document by its bytes', () => {
  test('a PDF is a PDF', async () => {
    assert.deepEqual(await detectDocument(await makePdf('Ada Lovelace')), { ok: true, kind: 'pdf', mediaType: 'application/pdf' });
  });

  test('a Word document is a DOCX', async () => {
    assert.deepEqual(await detectDocument(makeDocx('Ada Lovelace')), { ok: true, kind: 'docx', mediaType: docxType });
  });

  test('an empty file is refused as empty', async () => {
    assert.deepEqual(await detectDocument(new Uint8Array()), { ok: false, reason: 'empty', detected: null });
  });

  test('a Windows program is refused, and said to be one', async () => {
    assert.deepEqual(await detectDocument(exeBytes()), { ok: false, reason: 'unsupported-type', detected: 'application/x-msdownload' });
  });

  test('a zip that is not a Word document is refused', async () => {
    const archive = zipSync({ 'notes.txt': strToU8('just some notes in an archive') });
    assert.deepEqual(await detectDocument(archive), { ok: false, reason: 'unsupported-type', detected: 'application/zip' });
  });

  test('a spreadsheet is not taken for a Word document, though both are zips of XML', async () => {
    const sheet = zipSync({
      '[Content_Types].xml': strToU8('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        + '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>'),
      'xl/workbook.xml': strToU8('<workbook/>'),
    });
    const detection = await detectDocument(sheet);
    assert.equal(detection.ok, false);
  });

  test('plain text with a PDF-like name inside is not a PDF', async () => {
    assert.deepEqual(await detectDocument(strToU8('my resume.pdf, honestly')), { ok: false, reason: 'unsupported-type', detected: null });
  });
});

describe('extracting text in a worker', () => {
  const extractor = createTextExtractor();
  const options = { timeoutMs: 60_000, maxChars: 10_000 };
  after(() => extractor.close());

  test('reads the text of a PDF', async () => {
    const result = await extractor.extract(await makePdf('Grace Hopper\nCompiler engineer, COBOL'), 'pdf', options);
    assert.ok(result.ok, JSON.stringify(result));
    assert.match(result.text, /Grace Hopper/);
    assert.match(result.text, /Compiler engineer, COBOL/);
  });

  test('parses at the lowest CPU priority on its own thread, leaving the process (requests) at its own', { skip: process.platform !== 'linux' }, async () => {
    await extractor.extract(await makePdf('Priority check'), 'pdf', options);
    // /proc/<tid>/stat: field 19 is the nice value (counted after the command name's closing parenthesis).
    const niceOf = (tid: string) => Number(readFileSync(`/proc/self/task/${tid}/stat`, 'utf8').split(') ')[1]?.split(' ')[16]);
    const threads = readdirSync('/proc/self/task');
    assert.equal(niceOf(String(process.pid)), startPriority, 'the main thread keeps the priority the process started with');
    assert.equal(threads.filter((tid) => niceOf(tid) === 19).length, 1, 'exactly one thread, the parser, runs at nice 19 (none inherited it)');
  });

  test('reads the text of a DOCX', async () => {
    const result = await extractor.extract(makeDocx('Katherine Johnson\nOrbital mechanics & trajectory analysis'), 'docx', options);
    assert.ok(result.ok, JSON.stringify(result));
    assert.match(result.text, /Katherine Johnson/);
    assert.match(result.text, /Orbital mechanics & trajectory analysis/);
  });

  test('cuts the text at maxChars', async () => {
    const result = await extractor.extract(makeDocx('word '.repeat(500)), 'docx', { ...options, maxChars: 100 });
    assert.ok(result.ok);
    assert.equal(result.text.length, 100);
  });

  test('says a PDF behind a password is encrypted', async () => {
    assert.deepEqual(await extractor.extract(await makeEncryptedPdf(), 'pdf', options), { ok: false, reason: 'encrypted' });
  });

  test('says a scanned PDF has no text', async () => {
    assert.deepEqual(await extractor.extract(await makeScannedPdf(), 'pdf', options), { ok: false, reason: 'no-text' });
  });

  test('says a truncated PDF or DOCX is corrupt', async () => {
    const pdf = await makePdf('Cut short');
    assert.deepEqual(await extractor.extract(pdf.slice(0, 40), 'pdf', options), { ok: false, reason: 'corrupt' });
    const docx = makeDocx('Cut short');
    assert.deepEqual(await extractor.extract(docx.slice(0, docx.length - 30), 'docx', options), { ok: false, reason: 'corrupt' });
  });

  test('refuses to expand a zip bomb, whether it declares its size or lies about it', async () => {
    assert.deepEqual(await extractor.extract(makeZipBombDocx(), 'docx', options), { ok: false, reason: 'too-large' });
    const lying = await extractor.extract(makeZipBombDocx({ lie: true }), 'docx', options);
    assert.equal(lying.ok, false);
  });

  test('leaves the caller its bytes', async () => {
    const bytes = makeDocx('Still mine');
    await extractor.extract(bytes, 'docx', options);
    assert.equal(bytes.byteLength > 0, true);
    assert.equal((await detectDocument(bytes)).ok, true);
  });
});

describe('the zip guard', () => {
  test('the bomb fixture is a real one: with room for it, all of it inflates', async () => {
    assert.equal(await checkZip(makeZipBombDocx(), { ...defaultZipLimits, maxTotalBytes: 300 * 1024 * 1024, maxRatio: 10_000 }), 'ok');
  });

  test('counts the bytes that come out, not the size an entry declares', async () => {
    // Past the declared size yauzl stops the entry; the total cap holds whatever the headers say.
    assert.notEqual(await checkZip(makeZipBombDocx({ lie: true }), { ...defaultZipLimits, maxRatio: 10_000 }), 'ok');
  });

  test('refuses an entry that compresses far better than any document does', async () => {
    assert.equal(await checkZip(makeZipBombDocx(), { ...defaultZipLimits, maxTotalBytes: 300 * 1024 * 1024 }), 'too-large');
  });

  test('lets an ordinary document through', async () => {
    assert.equal(await checkZip(makeDocx('An ordinary résumé')), 'ok');
  });
});

describe('a worker that misbehaves', () => {
  const extractor = createTextExtractor({ entry: new URL('./fixtures/misbehaving-extractor.mjs', import.meta.url), memoryMb: 16 });
  after(() => extractor.close());

  test('is killed past the time limit, and the next file gets a fresh worker', async () => {
    assert.deepEqual(await extractor.extract(new Uint8Array([0]), 'pdf', { timeoutMs: 200, maxChars: 100 }), { ok: false, reason: 'timeout' });
    assert.deepEqual(await extractor.extract(new Uint8Array([0]), 'docx', { timeoutMs: 60_000, maxChars: 100 }), { ok: true, text: 'answered by a fresh worker' });
  });

  test('is stopped at its memory cap, and the file reported too large', async () => {
    assert.deepEqual(await extractor.extract(new Uint8Array([1]), 'docx', { timeoutMs: 60_000, maxChars: 100 }), { ok: false, reason: 'too-large' });
    assert.deepEqual(await extractor.extract(new Uint8Array([0]), 'docx', { timeoutMs: 60_000, maxChars: 100 }), { ok: true, text: 'answered by a fresh worker' });
  });
});
