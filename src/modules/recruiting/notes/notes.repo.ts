import { and, desc, eq, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { DbExecutor } from '../../../infra/db/database.ts';
import { newId } from '../../../infra/db/ids.ts';
import { MAX_SEARCH_TEXT_LENGTH, searchText } from '../../../infra/search/plain-text.ts';
import type { JobAccess } from '../../access/index.ts';
import { jobsVisibleTo } from '../../jobs/index.ts';
import { applications } from '../applications/applications.table.ts';
import { candidates } from '../candidates/candidates.table.ts';
import { notes } from './notes.table.ts';

export type NoteRow = typeof notes.$inferSelect;
export type NewNote = Omit<typeof notes.$inferInsert, 'id'>;

/** Who is reading: whether they see every private note (owners, admins, the system), and which author they are. */
export interface NoteViewer {
  seesAllPrivate: boolean;
  authorType: NoteRow['authorType'];
  authorId: string | null;
}

/** The notes searched per candidate: the newest, enough to fill the capped search text many times over. */
const SEARCHED_NOTES = 500;

/** An application (by its job-id column) the caller may see: assigned callers only through their jobs. */
const applicationVisible = (access: JobAccess, applicationId: typeof notes.applicationId): SQL => {
  const onJob = jobsVisibleTo(access, applications.jobId);
  return sql`exists (select 1 from ${applications} where ${and(eq(applications.id, applicationId), eq(applications.orgId, access.orgId), onJob)})`;
};

export function createNotesRepo() {
  /** The notes `viewer` may read of those `access` reaches: private ones only their author's, or everyone's for admins. */
  const readable = (access: JobAccess, viewer: NoteViewer): SQL | undefined => and(
    viewer.seesAllPrivate ? undefined : or(
      eq(notes.visibility, 'team'),
      and(eq(notes.authorType, viewer.authorType), viewer.authorId === null ? isNull(notes.authorId) : eq(notes.authorId, viewer.authorId)),
    ),
    // An assigned caller sees the candidate through some job; a note about an application to another job stays out of sight.
    access.assignedTo === null ? undefined : or(isNull(notes.applicationId), applicationVisible(access, notes.applicationId)),
  );

  return {
    /**
     * The candidate, if `access` reaches it (for an assigned caller: through an application to one of
     * their jobs). `lock` takes it FOR UPDATE, so note writes on one candidate run one at a time and
     * each rebuilds the search text from every note committed before it.
     */
    async visibleCandidate(tx: DbExecutor, access: JobAccess, candidateId: string, lock: boolean): Promise<{ id: string; mergedInto: string | null } | null> {
      const reach = access.assignedTo === null ? undefined : sql`exists (select 1 from ${applications} where ${and(
        eq(applications.candidateId, candidates.id), eq(applications.orgId, access.orgId), jobsVisibleTo(access, applications.jobId),
      )})`;
      const query = tx.select({ id: candidates.id, mergedInto: candidates.mergedInto }).from(candidates)
        .where(and(eq(candidates.orgId, access.orgId), eq(candidates.id, candidateId), reach));
      const [row] = lock ? await query.for('update') : await query;
      return row ?? null;
    },

    /** Whether the application is this candidate's and the caller may see it. */
    async applicationOfCandidate(tx: DbExecutor, access: JobAccess, applicationId: string, candidateId: string): Promise<boolean> {
      const [row] = await tx.select({ id: applications.id }).from(applications).where(and(
        eq(applications.orgId, access.orgId), eq(applications.id, applicationId), eq(applications.candidateId, candidateId), jobsVisibleTo(access, applications.jobId),
      ));
      return row !== undefined;
    },

    async insert(tx: DbExecutor, note: NewNote): Promise<NoteRow> {
      const [row] = await tx.insert(notes).values({ id: newId('note'), ...note }).returning();
      if (!row) throw new Error('insert returned no row');
      return row;
    },

    /** A note `viewer` may read; null for one that does not exist, is another org's, or is hidden from them. */
    async findReadable(tx: DbExecutor, access: JobAccess, viewer: NoteViewer, id: string): Promise<NoteRow | null> {
      const [row] = await tx.select().from(notes).where(and(eq(notes.orgId, access.orgId), eq(notes.id, id), readable(access, viewer)));
      return row ?? null;
    },

    /** A page of a candidate's notes, newest first, starting after `after`. */
    list(tx: DbExecutor, access: JobAccess, viewer: NoteViewer, query: { candidateId: string; applicationId?: string; after?: { createdAt: string; id: string }; limit: number }): Promise<NoteRow[]> {
      const { after } = query;
      return tx.select().from(notes).where(and(
        eq(notes.orgId, access.orgId), eq(notes.candidateId, query.candidateId), readable(access, viewer),
        query.applicationId ? eq(notes.applicationId, query.applicationId) : undefined,
        after ? sql`(${notes.createdAt}, ${notes.id}) < (${after.createdAt}::timestamptz, ${after.id})` : undefined,
      )).orderBy(desc(notes.createdAt), desc(notes.id)).limit(query.limit);
    },

    async update(tx: DbExecutor, orgId: string, id: string, patch: Partial<Pick<NoteRow, 'body' | 'mentions' | 'visibility' | 'updatedAt'>>): Promise<NoteRow> {
      const [row] = await tx.update(notes).set(patch).where(and(eq(notes.orgId, orgId), eq(notes.id, id))).returning();
      if (!row) throw new Error('note vanished under its candidate\'s lock');
      return row;
    },

    async delete(tx: DbExecutor, orgId: string, id: string): Promise<void> {
      await tx.delete(notes).where(and(eq(notes.orgId, orgId), eq(notes.id, id)));
    },

    /**
     * Rebuilds the candidate's search text from their team notes (never private ones), newest first,
     * as plain words capped at the search text's limit. Call it in the transaction that changed a note.
     */
    async refreshSearchNotes(tx: DbExecutor, orgId: string, candidateId: string): Promise<void> {
      const rows = await tx.select({ body: notes.body }).from(notes)
        .where(and(eq(notes.orgId, orgId), eq(notes.candidateId, candidateId), eq(notes.visibility, 'team')))
        .orderBy(desc(notes.createdAt), desc(notes.id)).limit(SEARCHED_NOTES);
      const text = searchText(rows.map((r) => r.body).join('\n'), MAX_SEARCH_TEXT_LENGTH);
      await tx.update(candidates).set({ searchNotes: text }).where(and(eq(candidates.orgId, orgId), eq(candidates.id, candidateId)));
    },
  };
}
export type NotesRepo = ReturnType<typeof createNotesRepo>;
