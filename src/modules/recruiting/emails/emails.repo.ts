import { and, asc, eq } from 'drizzle-orm';
import type { DbExecutor } from '../../../infra/db/database.ts';
import { applications } from '../applications/applications.table.ts';
import { candidateEmails, candidates } from '../candidates/candidates.table.ts';
import { offers } from '../offers/offers.table.ts';

export interface ApplicationContact {
  applicationId: string;
  jobId: string;
  candidateId: string;
  name: string;
  /** The candidate's first address; null when they have none (a sourced candidate). */
  email: string | null;
}

/** Whom a candidate email goes to: the application's candidate and their first address. */
export function createEmailsRepo() {
  return {
    async contactOf(tx: DbExecutor, orgId: string, applicationId: string): Promise<ApplicationContact | null> {
      const [row] = await tx.select({ applicationId: applications.id, jobId: applications.jobId, candidateId: candidates.id, name: candidates.name, email: candidateEmails.email })
        .from(applications)
        .innerJoin(candidates, eq(candidates.id, applications.candidateId))
        .leftJoin(candidateEmails, eq(candidateEmails.candidateId, candidates.id))
        .where(and(eq(applications.orgId, orgId), eq(applications.id, applicationId)))
        .orderBy(asc(candidateEmails.position)).limit(1);
      return row ?? null;
    },

    async applicationOfOffer(tx: DbExecutor, orgId: string, offerId: string): Promise<string | null> {
      const [row] = await tx.select({ applicationId: offers.applicationId }).from(offers).where(and(eq(offers.orgId, orgId), eq(offers.id, offerId))).limit(1);
      return row?.applicationId ?? null;
    },

    /** Whether the candidate holds a status-page link that still works (emails never replace one: that would break the link they have). */
    async emailOf(tx: DbExecutor, orgId: string, candidateId: string): Promise<string | null> {
      const [row] = await tx.select({ email: candidateEmails.email }).from(candidateEmails)
        .where(and(eq(candidateEmails.orgId, orgId), eq(candidateEmails.candidateId, candidateId))).orderBy(asc(candidateEmails.position)).limit(1);
      return row?.email ?? null;
    },
  };
}
export type EmailsRepo = ReturnType<typeof createEmailsRepo>;
