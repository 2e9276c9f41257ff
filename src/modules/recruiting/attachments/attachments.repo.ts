import { and, asc, eq, exists, getTableColumns, inArray, isNull, lt, lte, or, sql } from 'drizzle-orm';
import { QueryBuilder, type PgColumn } from 'drizzle-orm/pg-core';
import { queryRows, type DbExecutor } from '../../../infra/db/database.ts';
import { insertRows, rowsSource } from '../../../infra/db/insert-parts.ts';
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
const column = (c: PgColumn) => sql.identifier(c.name);

// Every column but the extracted text, which only search and matching read.
const { text: _text, ...rowColumns } = getTableColumns(attachments);
export type AttachmentRow = Omit<typeof attachments.$inferSelect, 'text'>;

/** What the extraction task stores for one file. */
export type TextOutcome = { status: Extract<TextStatus, 'extracted'>; text: string } | { status: Extract<TextStatus, 'failed' | 'none'>; failure: string | null };

/** A file read by the extraction task, and what came of it. */
export interface ReadOutcome {
  row: Pick<AttachmentRow, 'id'>;
  outcome: TextOutcome;
}

type StoredFile = Pick<AttachmentRow, 'orgId' | 'candidateId' | 'kind' | 'textStatus'>;

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
      return insertRows(tx, attachments, owners.flatMap(({ candidateId, applicationId, prepared }) => prepared.map((p) => ({ ...p, candidateId, applicationId, textStatus: 'pending' as const }))));
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
     * Takes up to `limit` of the oldest files still to read, across orgs, in one statement: marked as
     * claimed (skip locked, so workers never wait on each other), then read outside any transaction. A
     * claim older than `staleBefore` is a worker that died mid-batch; its files are taken again.
     */
    async claimPending(now: Date, staleBefore: Date, limit: number, tx: DbExecutor): Promise<AttachmentRow[]> {
      const oldest = query.select({ id: attachments.id }).from(attachments)
        .where(and(eq(attachments.textStatus, 'pending'), or(isNull(attachments.textClaimedAt), lt(attachments.textClaimedAt, staleBefore))))
        .orderBy(asc(attachments.createdAt))
        .limit(limit)
        .for('update', { skipLocked: true });
      const rows = await tx.update(attachments).set({ textClaimedAt: now }).where(inArray(attachments.id, oldest)).returning(rowColumns);
      // RETURNING keeps no order; files are read oldest first.
      return rows.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    },

    /**
     * Stores the outcomes of files read and hands back the unread ones claimed at `claimedAt`, in one
     * statement, only while still pending: a file erased while it was being read must not get its text
     * back. Returns the files it changed, as they are now.
     */
    async storeOutcomes(read: readonly ReadOutcome[], unread: readonly Pick<AttachmentRow, 'id'>[], claimedAt: Date, tx: DbExecutor): Promise<StoredFile[]> {
      if (read.length + unread.length === 0) return [];
      const values = rowsSource([attachments.id, attachments.textStatus, attachments.text, attachments.textFailure], [
        ...read.map(({ row, outcome }) => outcome.status === 'extracted' ? [row.id, outcome.status, outcome.text, null] : [row.id, outcome.status, null, outcome.failure]),
        ...unread.map((row) => [row.id, 'pending', null, null]),
      ]);
      // An unread file is released only while the claim is still this run's, so it is taken again at once.
      return queryRows<StoredFile>(tx, sql`
        update ${attachments} a set
          ${column(attachments.textStatus)} = v.${column(attachments.textStatus)},
          ${column(attachments.text)} = v.${column(attachments.text)},
          ${column(attachments.textFailure)} = v.${column(attachments.textFailure)},
          ${column(attachments.textClaimedAt)} = case when v.${column(attachments.textStatus)} = 'pending' then null else a.${column(attachments.textClaimedAt)} end
        from ${values.source} as v
        where a.${column(attachments.id)} = v.${column(attachments.id)} and a.${column(attachments.textStatus)} = 'pending'
          and (v.${column(attachments.textStatus)} <> 'pending' or a.${column(attachments.textClaimedAt)} = ${sql.param(claimedAt, attachments.textClaimedAt)})
        returning a.${column(attachments.orgId)} as "orgId", a.${column(attachments.candidateId)} as "candidateId", a.${column(attachments.kind)} as "kind", a.${column(attachments.textStatus)} as "textStatus"`);
    },

    /**
     * Rebuilds these candidates' résumé search text from every résumé read so far, newest first (so
     * the cap keeps the latest), as plain words only: the search vector is never built from raw text.
     * One select and one update, however many candidates.
     */
    async refreshResumeSearch(owners: readonly Pick<AttachmentRow, 'orgId' | 'candidateId'>[], tx: DbExecutor): Promise<void> {
      const byCandidate = new Map(owners.map((o) => [o.candidateId, { orgId: o.orgId, texts: [] as string[] }]));
      if (byCandidate.size === 0) return;
      const ranked = tx.select({
        candidateId: attachments.candidateId,
        text: attachments.text,
        rank: sql<number>`row_number() over (partition by ${attachments.candidateId} order by ${attachments.createdAt} desc, ${attachments.id} desc)`.as('rank'),
      }).from(attachments)
        .where(and(
          inArray(attachments.orgId, [...new Set(owners.map((o) => o.orgId))]),
          inArray(attachments.candidateId, [...byCandidate.keys()]),
          eq(attachments.kind, 'resume'),
          eq(attachments.textStatus, 'extracted'),
        ))
        .as('ranked');
      const texts = await tx.select({ candidateId: ranked.candidateId, text: ranked.text }).from(ranked)
        .where(lte(ranked.rank, MAX_RESUMES_SEARCHED))
        .orderBy(asc(ranked.candidateId), asc(ranked.rank));
      for (const t of texts) byCandidate.get(t.candidateId)?.texts.push(t.text ?? '');
      const values = rowsSource([candidates.orgId, candidates.id, candidates.searchResume], [...byCandidate].sort(([a], [b]) => (a < b ? -1 : 1)).map(([id, c]) => [c.orgId, id, searchText(c.texts.join('\n'))]));
      // Derived data, not an edit: the candidates' version and updatedAt stay as they were. In id order, so
      // two workers' batches that share candidates are likelier to lock them in the same order.
      await tx.execute(sql`
        update ${candidates} c set ${column(candidates.searchResume)} = v.${column(candidates.searchResume)}
        from ${values.source} as v
        where c.${column(candidates.orgId)} = v.${column(candidates.orgId)} and c.${column(candidates.id)} = v.${column(candidates.id)}`);
    },
  };
}
export type AttachmentsRepo = ReturnType<typeof createAttachmentsRepo>;
