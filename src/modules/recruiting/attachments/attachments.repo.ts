import { and, asc, desc, eq, exists, getTableColumns, isNull, lt, or, sql } from 'drizzle-orm';
import { QueryBuilder } from 'drizzle-orm/pg-core';
import type { DbExecutor } from '../../../infra/db/database.ts';
import { searchText } from '../../../infra/search/plain-text.ts';
import type { JobAccess } from '../../access/index.ts';
import { jobsVisibleTo } from '../../jobs/index.ts';
import { applications } from '../applications/applications.table.ts';
import { candidates } from '../candidates/candidates.table.ts';
import type { PreparedAttachment } from './attachments.schemas.ts';
import { attachments, type TextStatus } from './attachments.table.ts';

const query = new QueryBuilder();
/** The search text is capped anyway; older résumés past these would not fit in it. */
const MAX_RESUMES_SEARCHED = 20;

// Every column but the extracted text, which only search and matching read.
const { text: _text, ...rowColumns } = getTableColumns(attachments);
export type AttachmentRow = Omit<typeof attachments.$inferSelect, 'text'>;

/** What the extraction task stores for one file. */
export type TextOutcome = { status: Extract<TextStatus, 'extracted'>; text: string } | { status: Extract<TextStatus, 'failed' | 'none'>; failure: string | null };

/** Prepared files and whose they are. */
export interface FileOwners {
  candidateId: string;
  applicationId: string | null;
  prepared: readonly PreparedAttachment[];
}

export function createAttachmentsRepo() {
  return {
    /** The insert of prepared files, not run: a caller's statement carries it (applying writes them with the application). */
    insertStatement(owners: readonly FileOwners[], tx: DbExecutor) {
      return tx.insert(attachments).values(owners.flatMap(({ candidateId, applicationId, prepared }) => prepared.map((p) => ({ ...p, candidateId, applicationId, textStatus: 'pending' as const }))));
    },

    async insert(candidateId: string, applicationId: string | null, prepared: readonly PreparedAttachment[], tx: DbExecutor): Promise<AttachmentRow[]> {
      if (prepared.length === 0) return [];
      return tx.insert(attachments)
        .values(prepared.map((p) => ({ ...p, candidateId, applicationId, textStatus: 'pending' as const })))
        .returning(rowColumns);
    },

    /**
     * Whether access reaches the candidate: in the org and, for a caller limited to assigned jobs,
     * with an application to one of them (the jobs module's rule, applied to the application's job).
     */
    async candidateVisible(access: JobAccess, candidateId: string, tx: DbExecutor): Promise<boolean> {
      const assigned = jobsVisibleTo(access, applications.jobId);
      const [row] = await tx.select({ one: sql<number>`1` }).from(candidates)
        .where(and(
          eq(candidates.orgId, access.orgId),
          eq(candidates.id, candidateId),
          assigned && exists(query.select({ one: sql`1` }).from(applications)
            .where(and(eq(applications.orgId, access.orgId), eq(applications.candidateId, candidates.id), assigned))),
        ))
        .limit(1);
      return row !== undefined;
    },

    async listForCandidate(orgId: string, candidateId: string, tx: DbExecutor): Promise<AttachmentRow[]> {
      return tx.select(rowColumns).from(attachments)
        .where(and(eq(attachments.orgId, orgId), eq(attachments.candidateId, candidateId)))
        .orderBy(asc(attachments.createdAt), asc(attachments.id));
    },

    async findForCandidate(orgId: string, candidateId: string, id: string, tx: DbExecutor): Promise<AttachmentRow | null> {
      const [row] = await tx.select(rowColumns).from(attachments)
        .where(and(eq(attachments.orgId, orgId), eq(attachments.candidateId, candidateId), eq(attachments.id, id)))
        .limit(1);
      return row ?? null;
    },

    /**
     * Takes the oldest file still to read, across orgs: marked as claimed in a short transaction of its
     * own (skip locked, so workers never wait on each other), then read outside any transaction. A claim
     * older than `staleBefore` is a worker that died mid-file; the file is taken again.
     */
    async claimPending(now: Date, staleBefore: Date, tx: DbExecutor): Promise<AttachmentRow | null> {
      const [row] = await tx.select(rowColumns).from(attachments)
        .where(and(eq(attachments.textStatus, 'pending'), or(isNull(attachments.textClaimedAt), lt(attachments.textClaimedAt, staleBefore))))
        .orderBy(asc(attachments.createdAt))
        .limit(1)
        .for('update', { skipLocked: true });
      if (!row) return null;
      await tx.update(attachments).set({ textClaimedAt: now }).where(eq(attachments.id, row.id));
      return row;
    },

    async storeText(row: Pick<AttachmentRow, 'id' | 'orgId'>, outcome: TextOutcome, tx: DbExecutor): Promise<void> {
      await tx.update(attachments)
        .set(outcome.status === 'extracted'
          ? { textStatus: 'extracted', text: outcome.text, textFailure: null }
          : { textStatus: outcome.status, text: null, textFailure: outcome.failure })
        // Only while still pending: a file erased while it was being read must not get its text back.
        .where(and(eq(attachments.orgId, row.orgId), eq(attachments.id, row.id), eq(attachments.textStatus, 'pending')));
    },

    /**
     * Rebuilds the candidate's résumé search text from every résumé read so far, newest first (so the
     * cap keeps the latest), as plain words only: the search vector is never built from raw text.
     */
    async refreshResumeSearch(orgId: string, candidateId: string, tx: DbExecutor): Promise<void> {
      const texts = await tx.select({ text: attachments.text }).from(attachments)
        .where(and(eq(attachments.orgId, orgId), eq(attachments.candidateId, candidateId), eq(attachments.kind, 'resume'), eq(attachments.textStatus, 'extracted')))
        .orderBy(desc(attachments.createdAt), desc(attachments.id))
        .limit(MAX_RESUMES_SEARCHED);
      const searchResume = searchText(texts.map((t) => t.text ?? '').join('\n'));
      // Derived data, not an edit: the candidate's version and updatedAt stay as they were.
      await tx.update(candidates).set({ searchResume }).where(and(eq(candidates.orgId, orgId), eq(candidates.id, candidateId)));
    },
  };
}
export type AttachmentsRepo = ReturnType<typeof createAttachmentsRepo>;
