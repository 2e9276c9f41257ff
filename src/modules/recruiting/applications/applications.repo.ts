import { and, eq, ne } from 'drizzle-orm';
import type { DbExecutor } from '../../../infra/db/database.ts';
import { newId } from '../../../infra/db/ids.ts';
import type { StageRow } from '../pipelines/index.ts';
import { applicationHistory, applications } from './applications.table.ts';

export type ApplicationRow = typeof applications.$inferSelect;
export type NewApplication = Omit<typeof applications.$inferInsert, 'id' | 'version' | 'status'>;
export type HistoryEntry = Omit<typeof applicationHistory.$inferInsert, 'id'>;

export function createApplicationsRepo() {
  return {
    async insert(tx: DbExecutor, row: NewApplication): Promise<ApplicationRow> {
      const [inserted] = await tx.insert(applications).values({ id: newId('app'), ...row }).returning();
      if (!inserted) throw new Error('insert returned no row');
      return inserted;
    },

    async addHistory(tx: DbExecutor, entries: readonly HistoryEntry[]): Promise<void> {
      if (entries.length > 0) await tx.insert(applicationHistory).values(entries.map((e) => ({ id: newId('ahe'), ...e })));
    },

    /** The candidate's earlier application to this job that still counts (anything but withdrawn). */
    async findExisting(tx: DbExecutor, orgId: string, jobId: string, candidateId: string): Promise<ApplicationRow | null> {
      const [row] = await tx.select().from(applications).where(and(
        eq(applications.orgId, orgId), eq(applications.jobId, jobId), eq(applications.candidateId, candidateId), ne(applications.status, 'withdrawn'),
      )).limit(1);
      return row ?? null;
    },
  };
}
export type ApplicationsRepo = ReturnType<typeof createApplicationsRepo>;

/** An application row with its stage, as the API shows it. */
export const toApplication = (row: ApplicationRow, stage: Pick<StageRow, 'id' | 'name' | 'kind'>) => ({
  id: row.id,
  jobId: row.jobId,
  candidateId: row.candidateId,
  stage: { id: stage.id, name: stage.name, kind: stage.kind },
  status: row.status,
  rejection: row.status === 'rejected' ? { reasonId: row.rejectionReasonId, note: row.rejectionNote } : null,
  source: row.source,
  sourceDetail: row.sourceDetail,
  answers: row.answers,
  coverLetter: row.coverLetter,
  consent: row.consent ?? null,
  appliedAt: row.appliedAt.toISOString(),
  lastActivityAt: row.lastActivityAt.toISOString(),
  updatedAt: row.updatedAt.toISOString(),
  version: row.version,
});
