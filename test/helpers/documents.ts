import { constants, crc32, deflateRawSync } from 'node:zlib';
import { strToU8, zipSync } from 'fflate';
import { PDFDocument, PDFHexString, PDFNumber, rgb, StandardFonts } from 'pdf-lib';

/** A one-page PDF whose text layer holds text (Helvetica: Latin-1 text only). */
export async function makePdf(text: string): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const page = doc.addPage([595, 842]);
  const font = await doc.embedFont(StandardFonts.Helvetica);
  text.split('\n').forEach((line, i) => page.drawText(line, { x: 50, y: 780 - i * 16, size: 12, font }));
  return doc.save();
}

/** A PDF as a scanner makes it: marks on the page, no text objects. */
export async function makeScannedPdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const page = doc.addPage([595, 842]);
  for (let i = 0; i < 20; i++) page.drawRectangle({ x: 50, y: 780 - i * 30, width: 300 + (i % 5) * 20, height: 12, color: rgb(0.2, 0.2, 0.2) });
  return doc.save();
}

/**
 * A PDF that needs a password. pdf-lib cannot encrypt, so the trailer names a Standard security
 * handler whose user-password hash (/U) matches no password: a reader must ask for one.
 */
export async function makeEncryptedPdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.addPage([595, 842]).drawText('This text is behind a password.', { x: 50, y: 780, size: 12, font: await doc.embedFont(StandardFonts.Helvetica) });
  const { context } = doc;
  const hash = PDFHexString.of('5a'.repeat(32));
  const encrypt = context.obj({ Filter: 'Standard', V: 1, R: 2, Length: 40, P: PDFNumber.of(-44), O: hash, U: hash });
  context.trailerInfo.Encrypt = context.register(encrypt);
  context.trailerInfo.ID = context.obj([PDFHexString.of('0123456789abcdef0123456789abcdef'), PDFHexString.of('0123456789abcdef0123456789abcdef')]);
  return doc.save({ useObjectStreams: false });
}

const xmlEscape = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

const contentTypes = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
  + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
  + '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
  + '<Default Extension="xml" ContentType="application/xml"/>'
  + '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
  + '</Types>';
const rootRels = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
  + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
  + '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
  + '</Relationships>';
const documentHead = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
  + '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>';
const documentTail = '</w:body></w:document>';
const paragraph = (line: string): string => `<w:p><w:r><w:t xml:space="preserve">${xmlEscape(line)}</w:t></w:r></w:p>`;

/** A minimal valid Word document, one paragraph per line of text. */
export function makeDocx(text: string): Uint8Array {
  return zipSync({
    '[Content_Types].xml': strToU8(contentTypes),
    '_rels/.rels': strToU8(rootRels),
    'word/document.xml': strToU8(documentHead + text.split('\n').map(paragraph).join('') + documentTail),
  });
}

interface ZipEntry {
  name: string;
  method: 0 | 8;
  data: Uint8Array;
  crc: number;
  size: number;
}

/** A zip written field by field, so an entry can carry a deflate stream made in pieces and any declared size. */
function writeZip(entries: readonly ZipEntry[]): Uint8Array {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(e.method, 8);
    local.writeUInt16LE(0x21, 12); // 1980-01-01
    local.writeUInt32LE(e.crc >>> 0, 14);
    local.writeUInt32LE(e.data.length, 18);
    local.writeUInt32LE(e.size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(e.method, 10);
    central.writeUInt16LE(0x21, 14);
    central.writeUInt32LE(e.crc >>> 0, 16);
    central.writeUInt32LE(e.data.length, 20);
    central.writeUInt32LE(e.size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, Buffer.from(e.data));
    centrals.push(central, name);
    offset += local.length + name.length + e.data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, directory, end]));
}

const deflated = (text: string): ZipEntry => {
  const data = Buffer.from(text, 'utf8');
  return { name: '', method: 8, data: deflateRawSync(data), crc: crc32(data), size: data.length };
};

/**
 * A DOCX whose word/document.xml inflates to about 200 MB from about 200 KB. Made cheaply: one
 * 1 MiB run of text is deflated once with a full flush (so the piece stands alone) and the piece is
 * repeated. With `lie`, the entry declares a harmless size, as a bomb that counts on trust would.
 */
export function makeZipBombDocx({ lie = false }: { lie?: boolean } = {}): Uint8Array {
  const repeats = 200;
  const run = Buffer.alloc(1024 * 1024, 'a');
  const head = Buffer.from(`${documentHead}<w:p><w:r><w:t>`, 'utf8');
  const tail = Buffer.from(`</w:t></w:r></w:p>${documentTail}`, 'utf8');
  const flushed = { finishFlush: constants.Z_FULL_FLUSH };
  const piece = deflateRawSync(run, flushed);
  const data = Buffer.concat([deflateRawSync(head, flushed), ...Array.from({ length: repeats }, () => piece), deflateRawSync(tail)]);
  let crc = crc32(head);
  for (let i = 0; i < repeats; i++) crc = crc32(run, crc);
  crc = crc32(tail, crc);
  const size = head.length + repeats * run.length + tail.length;
  return writeZip([
    { ...deflated(contentTypes), name: '[Content_Types].xml' },
    { ...deflated(rootRels), name: '_rels/.rels' },
    { name: 'word/document.xml', method: 8, data, crc, size: lie ? 4096 : size },
  ]);
}

/** The start of a Windows executable (DOS stub and PE signature). */
export function exeBytes(): Uint8Array {
  const bytes = Buffer.alloc(512);
  bytes.write('MZ', 0, 'latin1');
  bytes.writeUInt32LE(0x80, 0x3c);
  bytes.write('PE\0\0', 0x80, 'latin1');
  bytes.write('This program cannot be run in DOS mode.', 0x40, 'latin1');
  return new Uint8Array(bytes);
}
