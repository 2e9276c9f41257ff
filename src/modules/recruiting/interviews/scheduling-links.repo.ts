import { and, desc, eq } from 'drizzle-orm';
import type { DbExecutor } from '../../../infra/db/database.ts';
import { newId } from '../../../infra/db/ids.ts';
import type { JobAccess } from '../../access/index.ts';
import { jobsVisibleTo } from '../../jobs/index.ts';
import { applications, type ApplicationStatus } from '../applications/applications.table.ts';
import { schedulingLinks } from './self-scheduling.table.ts';

export type SchedulingLinkRow = typeof schedulingLinks.$inferSelect;
export type NewSchedulingLink = Omit<typeof schedulingLinks.$inferInsert, 'id' | 'status' | 'interviewId'>;

const visible = (access: JobAccess, id: string) =>
  and(eq(schedulingLinks.orgId, access.orgId), eq(schedulingLinks.id, id), jobsVisibleTo(access, schedulingLinks.jobId));

export function createSchedulingLinksRepo() {
  return {
    async insert(tx: DbExecutor, row: NewSchedulingLink): Promise<SchedulingLinkRow> {
      const [inserted] = await tx.insert(schedulingLinks).values({ id: newId('schl'), ...row }).returning();
      if (!inserted) throw new Error('insert returned no row');
      return inserted;
    },

    /** An application's links, newest first (an application has a handful). */
    forApplication(tx: DbExecutor, orgId: string, applicationId: string): Promise<SchedulingLinkRow[]> {
      return tx.select().from(schedulingLinks).where(and(eq(schedulingLinks.orgId, orgId), eq(schedulingLinks.applicationId, applicationId)))
        .orderBy(desc(schedulingLinks.createdAt), desc(schedulingLinks.id)).limit(200);
    },

    /** The link, if the caller may see it, locked so a revoke and a booking cannot both pass the status check. */
    async lockVisible(tx: DbExecutor, access: JobAccess, id: string): Promise<SchedulingLinkRow | null> {
      const [row] = await tx.select().from(schedulingLinks).where(visible(access, id)).limit(1).for('update');
      return row ?? null;
    },

    /**
     * The link a token hash opens, with its application's status (a link stops working once the candidate
     * is out of the pipeline); on the unscoped connection, since the token is what names the org.
     */
    async findByHash(unscoped: DbExecutor, tokenHash: string): Promise<{ link: SchedulingLinkRow; applicationStatus: ApplicationStatus } | null> {
      const [row] = await unscoped.select({ link: schedulingLinks, applicationStatus: applications.status }).from(schedulingLinks)
        .innerJoin(applications, eq(applications.id, schedulingLinks.applicationId)).where(eq(schedulingLinks.tokenHash, tokenHash)).limit(1);
      return row ?? null;
    },

    async lock(tx: DbExecutor, orgId: string, id: string): Promise<SchedulingLinkRow | null> {
      const [row] = await tx.select().from(schedulingLinks).where(and(eq(schedulingLinks.orgId, orgId), eq(schedulingLinks.id, id))).limit(1).for('update');
      return row ?? null;
    },

    async update(tx: DbExecutor, id: string, patch: Partial<Pick<SchedulingLinkRow, 'status' | 'interviewId'>>, at: Date): Promise<SchedulingLinkRow> {
      const [row] = await tx.update(schedulingLinks).set({ ...patch, updatedAt: at }).where(eq(schedulingLinks.id, id)).returning();
      if (!row) throw new Error(`scheduling link ${id} vanished under its lock`);
      return row;
    },
  };
}
export type SchedulingLinksRepo = ReturnType<typeof createSchedulingLinksRepo>;
