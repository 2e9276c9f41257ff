import { createHash } from 'node:crypto';
import { AppError, notFound } from '../../../app-error.ts';
import type { Database, DbExecutor } from '../../../infra/db/database.ts';
import { newId } from '../../../infra/db/ids.ts';
import { detectDocument, documentKindOf, oleContainerType, type Detection, type ExtractText } from '../../../infra/documents/index.ts';
import type { FileStore } from '../../../infra/files/file-store.ts';
import { authorize, type JobAccess, type Principal } from '../../access/index.ts';
import type { AttachmentRow, AttachmentsRepo, FileOwners, ReadOutcome, TextOutcome } from './attachments.repo.ts';
import type { Attachment, PreparedAttachment, Upload } from './attachments.schemas.ts';
import type { AttachmentKind } from './attachments.table.ts';

export interface AttachmentsLimits {
  /** Largest file accepted (the upload route should refuse bigger bodies before they are read). */
  maxBytes: number;
  /** Time one file's extraction may take before its worker is killed. */
  extractTimeoutMs: number;
  /** Stored text per file is cut here. */
  maxTextChars: number;
  /** Files claimed and read per task run, their outcomes stored together. */
  batchSize: number;
}

export const defaultAttachmentsLimits: AttachmentsLimits = { maxBytes: 10 * 1024 * 1024, extractTimeoutMs: 15_000, maxTextChars: 200_000, batchSize: 20 };

export interface AttachmentsServiceDeps {
  database: Pick<Database, 'tenant' | 'unscopedTransaction'>;
  store: FileStore;
  repo: AttachmentsRepo;
  extract: ExtractText;
  log: { warn(details: object, message: string): void };
  limits: AttachmentsLimits;
  /** True while requests keep the process busy: extraction then reads one file per run and waits for the next. */
  busy?: () => boolean;
}

const toAttachment = (row: AttachmentRow): Attachment => ({
  id: row.id,
  kind: row.kind,
  fileName: row.fileName,
  mediaType: row.mediaType,
  sizeBytes: row.sizeBytes,
  sha256: row.sha256,
  textStatus: row.textStatus,
  textFailure: row.textFailure,
  applicationId: row.applicationId,
  questionId: row.questionId,
  createdAt: row.createdAt.toISOString(),
});

// Path parts, control and bidirectional-format characters (which can disguise "cv.exe" as "cv.pdf").
const UNSAFE_NAME_CHARS = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu;
const MAX_NAME_LENGTH = 200;

/** The candidate's file name, made safe to show and to send back; a default when nothing is left of it. */
function cleanFileName(name: string, kind: AttachmentKind, extension: string): string {
  const base = name.normalize('NFC').split(/[\\/]/).pop() ?? '';
  const clean = [...base.replace(UNSAFE_NAME_CHARS, '').trim()].slice(0, MAX_NAME_LENGTH).join('').trim();
  return clean === '' || /^\.+$/.test(clean) ? `${kind.replace('_', '-')}.${extension}` : clean;
}

function refusal(detection: Exclude<Detection, { ok: true }>): string {
  if (detection.reason === 'empty') return 'The file is empty';
  const hint = detection.detected === oleContainerType ? ' (a password-protected or pre-2007 Word file cannot be read; save it as PDF or .docx)' : '';
  return `Only PDF and Word (.docx) files are accepted; this file's content is ${detection.detected ? `of type ${detection.detected}` : 'not a recognized document'}${hint}`;
}

export function createAttachmentsService({ database, store, repo, extract, log, limits, busy = () => false }: AttachmentsServiceDeps) {
  /** A 404 alike for a candidate that does not exist and one that access does not reach. */
  async function assertVisible(access: JobAccess, candidateId: string, tx: DbExecutor): Promise<void> {
    if (!(await repo.candidateVisible(access, candidateId, tx))) throw notFound('Candidate');
  }

  async function outcomeOf(row: AttachmentRow): Promise<TextOutcome> {
    const kind = documentKindOf(row.mediaType);
    if (!kind) return { status: 'none', failure: null };
    const bytes = await store.get(row.storeKey);
    if (!bytes) return { status: 'failed', failure: 'missing-file' };
    const result = await extract(bytes, kind, { timeoutMs: limits.extractTimeoutMs, maxChars: limits.maxTextChars });
    return result.ok ? { status: 'extracted', text: result.text } : { status: 'failed', failure: result.reason };
  }

  return {
    /**
     * Checks an upload by its bytes and stores them, before the caller's transaction opens: a file
     * refused here costs no transaction, and bytes are durable before any row names them.
     */
    async prepare(orgId: string, upload: Upload): Promise<PreparedAttachment> {
      const fail = (detail: string): never => {
        throw new AppError('validation-failed', detail, { fields: [{ field: upload.field, detail }] });
      };
      if (upload.bytes.length > limits.maxBytes) fail(`The file is larger than ${Math.floor(limits.maxBytes / (1024 * 1024))} MB`);
      const detection = await detectDocument(upload.bytes);
      if (!detection.ok) return fail(refusal(detection));
      const id = newId('att');
      const storeKey = `${orgId}/${id}`;
      await store.put(storeKey, upload.bytes);
      return {
        id, orgId, kind: upload.kind, questionId: upload.questionId ?? null, storeKey,
        fileName: cleanFileName(upload.fileName, upload.kind, detection.kind),
        mediaType: detection.mediaType,
        sizeBytes: upload.bytes.length,
        sha256: createHash('sha256').update(upload.bytes).digest('hex'),
      };
    },

    /** The insert of prepared files (of one or several owners) for a caller's statement to carry (null when there are none); their text is read later. */
    recordStatement(tx: DbExecutor, owners: readonly FileOwners[]) {
      return owners.some((owner) => owner.prepared.length > 0) ? repo.insertStatement(owners, tx) : null;
    },

    /** Inserts prepared files in the caller's transaction; their text is read later, by the extraction task. */
    async record(tx: DbExecutor, candidateId: string, applicationId: string | null, prepared: readonly PreparedAttachment[]): Promise<Attachment[]> {
      return (await repo.insert(candidateId, applicationId, prepared, tx)).map(toAttachment);
    },

    /** Removes the bytes of files whose transaction failed; a leftover file is harmless, so errors are only logged. */
    async discard(prepared: readonly PreparedAttachment[]): Promise<void> {
      await Promise.all(prepared.map(async (p) => {
        try {
          await store.delete(p.storeKey);
        } catch (err) {
          log.warn({ err, storeKey: p.storeKey }, 'could not delete the file of a failed upload');
        }
      }));
    },

    async list(principal: Principal, candidateId: string): Promise<Attachment[]> {
      const access = authorize(principal, 'candidates:read');
      return database.tenant(access.orgId, async (tx) => {
        await assertVisible(access, candidateId, tx);
        return (await repo.listForCandidate(access.orgId, candidateId, tx)).map(toAttachment);
      });
    },

    async content(principal: Principal, candidateId: string, attachmentId: string): Promise<{ attachment: Attachment; bytes: Uint8Array }> {
      const access = authorize(principal, 'candidates:read');
      const row = await database.tenant(access.orgId, async (tx) => {
        await assertVisible(access, candidateId, tx);
        return repo.findForCandidate(access.orgId, candidateId, attachmentId, tx);
      });
      if (!row) throw notFound('Attachment');
      const bytes = await store.get(row.storeKey);
      if (!bytes) throw new AppError('not-found', 'The attachment\'s file is no longer stored');
      return { attachment: toAttachment(row), bytes };
    },

    /**
     * Reads the text of pending files, oldest first, across organizations: a batch is claimed in one
     * short transaction and its outcomes stored in another; no transaction stays open while files are
     * read (on PGlite's single session an open one would stall every request for up to the time limit).
     * Returns how many files were read.
     */
    async extractPending(signal?: AbortSignal): Promise<number> {
      if (signal?.aborted) return 0;
      // A claim outlives the worker's own time limit by a wide margin before another worker retakes it.
      const leaseMs = limits.extractTimeoutMs * 2 + 30_000;
      const claimedAt = new Date();
      // While busy, one file per run, so a long busy spell still makes progress; the rest wait for a quiet moment.
      const claimed = await database.unscopedTransaction((tx) =>
        repo.claimPending(claimedAt, new Date(claimedAt.getTime() - leaseMs), busy() ? 1 : limits.batchSize, tx));
      if (claimed.length === 0) return 0;
      const read: ReadOutcome[] = [];
      let failed = false;
      try {
        for (const row of claimed) {
          // Stops when asked to, when requests arrive, or once a read might end past the batch's lease
          // (one started within a time limit of the claim ends well inside it).
          if (signal?.aborted || (read.length > 0 && (busy() || Date.now() - claimedAt.getTime() >= limits.extractTimeoutMs))) break;
          read.push({ row, outcome: await outcomeOf(row) });
        }
      } catch (err) {
        failed = true;
        throw err;
      } finally {
        // The unread files are handed back to be taken at once, except one whose reading threw: it waits out its lease.
        const unread = claimed.slice(read.length + (failed ? 1 : 0));
        await database.unscopedTransaction(async (tx) => {
          const stored = await repo.storeOutcomes(read, unread, claimedAt, tx);
          // Only extracted résumés make up the search text.
          await repo.refreshResumeSearch(stored.filter((file) => file.kind === 'resume' && file.textStatus === 'extracted'), tx);
        });
      }
      return read.length;
    },
  };
}
export type AttachmentsService = ReturnType<typeof createAttachmentsService>;
