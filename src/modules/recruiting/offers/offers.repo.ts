import { and, arrayContains, asc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { DbExecutor } from '../../../infra/db/database.ts';
import { newId } from '../../../infra/db/ids.ts';
import type { JobAccess } from '../../access/index.ts';
import { jobsVisibleTo } from '../../jobs/index.ts';
import { applications, type ApplicationStatus } from '../applications/applications.table.ts';
import { offerApprovals, offers, offerSettings, offerVersions, type ApprovalMode } from './offers.table.ts';

export type OfferRow = typeof offers.$inferSelect;
export type OfferVersionRow = typeof offerVersions.$inferSelect;
export type ApprovalRow = typeof offerApprovals.$inferSelect;
export type NewOffer = Omit<typeof offers.$inferInsert, 'id' | 'version' | 'status' | 'termsVersion' | 'approvalRound'>;
export type NewTerms = Omit<typeof offerVersions.$inferInsert, 'offerId' | 'orgId' | 'version' | 'createdAt'>;
export type OfferPatch = Partial<Pick<OfferRow, 'status' | 'termsVersion' | 'approverIds' | 'approvalMode' | 'approvalRound' | 'sentAt' | 'respondedAt' | 'respondedBy' | 'responseNote'>>;

/**
 * How far a caller reads offers: the jobs their access reaches, and (`approver` set) of those only the
 * offers that name them. Salaries are for the people who make offers and those asked to approve them.
 */
export interface OfferReach {
  access: JobAccess;
  approver: string | null;
}

/** An offer with its candidate (read through the application, which a merge moves) and its current terms. */
export interface OfferWithTerms {
  row: OfferRow;
  candidateId: string;
  terms: OfferVersionRow;
}

const reachable = (reach: OfferReach, ...conditions: (SQL | undefined)[]) => and(
  eq(offers.orgId, reach.access.orgId), jobsVisibleTo(reach.access, offers.jobId),
  reach.approver === null ? undefined : arrayContains(offers.approverIds, [reach.approver]), ...conditions,
);

export function createOffersRepo() {
  const joined = (tx: DbExecutor) => tx.select({ row: offers, candidateId: applications.candidateId, terms: offerVersions }).from(offers)
    .innerJoin(applications, eq(applications.id, offers.applicationId))
    .innerJoin(offerVersions, and(eq(offerVersions.offerId, offers.id), eq(offerVersions.version, offers.termsVersion)));

  return {
    /** The application if `access` reaches its job; `lock` takes it FOR UPDATE, so two drafts for it go one after the other. */
    async application(tx: DbExecutor, access: JobAccess, id: string, lock = false): Promise<{ id: string; jobId: string; candidateId: string; status: ApplicationStatus } | null> {
      const query = tx.select({ id: applications.id, jobId: applications.jobId, candidateId: applications.candidateId, status: applications.status })
        .from(applications).where(and(eq(applications.orgId, access.orgId), eq(applications.id, id), jobsVisibleTo(access, applications.jobId))).limit(1);
      const [row] = lock ? await query.for('update') : await query;
      return row ?? null;
    },

    /** The application's offer still under way (draft to sent), if any: an application has one at a time. */
    async openFor(tx: DbExecutor, applicationId: string): Promise<{ id: string; status: OfferRow['status'] } | null> {
      const [row] = await tx.select({ id: offers.id, status: offers.status }).from(offers)
        .where(and(eq(offers.applicationId, applicationId), inArray(offers.status, ['draft', 'pending_approval', 'approved', 'sent']))).limit(1);
      return row ?? null;
    },

    /** The offer and its first terms, in one statement (the terms' foreign key is checked at its end). */
    async insert(tx: DbExecutor, row: NewOffer, terms: NewTerms): Promise<OfferRow> {
      const id = newId('ofr');
      const first = tx.$with('first_terms').as(tx.insert(offerVersions).values({ ...terms, offerId: id, orgId: row.orgId, version: 1, createdAt: row.createdAt }));
      const [inserted] = await tx.with(first).insert(offers).values({ id, ...row }).returning();
      if (!inserted) throw new Error('insert returned no row');
      return inserted;
    },

    async addTerms(tx: DbExecutor, offer: OfferRow, version: number, terms: NewTerms, at: Date): Promise<void> {
      await tx.insert(offerVersions).values({ ...terms, offerId: offer.id, orgId: offer.orgId, version, createdAt: at });
    },

    /** The offer if the caller reaches it; `lock` takes it FOR UPDATE so two changes cannot both pass the state checks. */
    async find(tx: DbExecutor, reach: OfferReach, id: string, lock = false): Promise<OfferWithTerms | null> {
      const query = joined(tx).where(reachable(reach, eq(offers.id, id))).limit(1);
      const [found] = lock ? await query.for('update', { of: offers }) : await query;
      return found ?? null;
    },

    /** The application's offers the caller reaches, oldest first (an application has a handful). */
    forApplication(tx: DbExecutor, reach: OfferReach, applicationId: string): Promise<OfferWithTerms[]> {
      return joined(tx).where(reachable(reach, eq(offers.applicationId, applicationId))).orderBy(asc(offers.createdAt), asc(offers.id)).limit(100);
    },

    /** The candidate's offers awaiting their answer (sent), oldest sent first; the candidate is the application's, which a merge moves. */
    sentTo(tx: DbExecutor, orgId: string, candidateId: string): Promise<OfferWithTerms[]> {
      return joined(tx).where(and(eq(offers.orgId, orgId), eq(applications.candidateId, candidateId), eq(offers.status, 'sent')))
        .orderBy(asc(offers.sentAt), asc(offers.id)).limit(100);
    },

    /** Every version of the terms, oldest first. */
    versions(tx: DbExecutor, offerId: string): Promise<OfferVersionRow[]> {
      return tx.select().from(offerVersions).where(eq(offerVersions.offerId, offerId)).orderBy(asc(offerVersions.version));
    },

    /** The decisions of the offers' current rounds. */
    async currentApprovals(tx: DbExecutor, rows: readonly OfferRow[]): Promise<ApprovalRow[]> {
      if (rows.length === 0) return [];
      const pairs = rows.map((r) => sql`(${r.id}, ${r.approvalRound})`);
      return tx.select().from(offerApprovals)
        .where(sql`(${offerApprovals.offerId}, ${offerApprovals.round}) in (${sql.join(pairs, sql`, `)})`);
    },

    async addApproval(tx: DbExecutor, approval: typeof offerApprovals.$inferInsert): Promise<void> {
      await tx.insert(offerApprovals).values(approval);
    },

    /** Writes a change and bumps the version (the ETag). */
    async update(tx: DbExecutor, id: string, patch: OfferPatch, at: Date): Promise<OfferRow> {
      const [row] = await tx.update(offers).set({ ...patch, updatedAt: at, version: sql`${offers.version} + 1` }).where(eq(offers.id, id)).returning();
      if (!row) throw new Error(`offer ${id} vanished under its lock`);
      return row;
    },

    async settings(tx: DbExecutor, orgId: string): Promise<{ approvalMode: ApprovalMode; updatedAt: Date } | null> {
      const [row] = await tx.select({ approvalMode: offerSettings.approvalMode, updatedAt: offerSettings.updatedAt }).from(offerSettings)
        .where(eq(offerSettings.orgId, orgId)).limit(1);
      return row ?? null;
    },

    async saveSettings(tx: DbExecutor, orgId: string, approvalMode: ApprovalMode, at: Date): Promise<{ approvalMode: ApprovalMode; updatedAt: Date }> {
      const [row] = await tx.insert(offerSettings).values({ orgId, approvalMode, updatedAt: at })
        .onConflictDoUpdate({ target: offerSettings.orgId, set: { approvalMode, updatedAt: at } })
        .returning({ approvalMode: offerSettings.approvalMode, updatedAt: offerSettings.updatedAt });
      if (!row) throw new Error('upsert returned no row');
      return row;
    },
  };
}
export type OffersRepo = ReturnType<typeof createOffersRepo>;
