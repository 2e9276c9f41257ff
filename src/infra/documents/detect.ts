import { fileTypeFromBuffer } from 'file-type';

export type DocumentKind = 'pdf' | 'docx';

/** The media type each kind is stored and served with. */
const mediaTypes: Record<DocumentKind, string> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};

/** The kind of a stored document from the media type detectDocument gave it; null for anything else. */
export function documentKindOf(mediaType: string): DocumentKind | null {
  return (Object.keys(mediaTypes) as DocumentKind[]).find((kind) => mediaTypes[kind] === mediaType) ?? null;
}

/** What an encrypted Office file (or a pre-2007 .doc) is detected as: worth a hint of its own to the uploader. */
export const oleContainerType = 'application/x-cfb';

export type Detection =
  | { ok: true; kind: DocumentKind; mediaType: string }
  | { ok: false; reason: 'empty' | 'unsupported-type'; detected: string | null };

/**
 * What a document is, decided by its bytes alone (magic numbers; for a zip, the entries that make it
 * a Word document rather than a spreadsheet or a plain archive): never by its name or a client's
 * content type. file-type bounds its own reading of a zip (entries inflated to 1 MB at most).
 */
export async function detectDocument(bytes: Uint8Array): Promise<Detection> {
  if (bytes.length === 0) return { ok: false, reason: 'empty', detected: null };
  const type = await fileTypeFromBuffer(bytes);
  if (type?.ext === 'pdf' || type?.ext === 'docx') return { ok: true, kind: type.ext, mediaType: mediaTypes[type.ext] };
  return { ok: false, reason: 'unsupported-type', detected: type?.mime ?? null };
}
