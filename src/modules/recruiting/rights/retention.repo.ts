import { eq, sql } from 'drizzle-orm';
import { queryRows, type DbExecutor } from '../../../infra/db/database.ts';
import { applicationHistory, applications } from '../applications/applications.table.ts';
import { candidateEmails, candidates } from '../candidates/candidates.table.ts';
import { ERASED_NAME } from './rights.schemas.ts';
import { retentionPolicies } from './retention.table.ts';
import type { DueCandidate, RetentionPolicyInput } from './retention.schemas.ts';

export type RetentionPolicyRow = typeof retentionPolicies.$inferSelect;

/** At most this many candidates per org and run: a first run over years of history goes on the next day. */
export const MAX_DUE_PER_RUN = 5_000;

/** The only SQL of the retention policy: the policy row and the query of who is due. */
export function createRetentionRepo() {
  return {
    async policy(tx: DbExecutor, orgId: string): Promise<RetentionPolicyRow | null> {
      const [row] = await tx.select().from(retentionPolicies).where(eq(retentionPolicies.orgId, orgId));
      return row ?? null;
    },

    /** Serializes changes of one org's policy, whether or not it has a row yet. */
    async lock(tx: DbExecutor, orgId: string): Promise<void> {
      await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`retention-policy:${orgId}`}, 0))`);
    },

    async save(tx: DbExecutor, orgId: string, input: RetentionPolicyInput, now: Date): Promise<RetentionPolicyRow> {
      const [row] = await tx.insert(retentionPolicies).values({ orgId, ...input, version: 1, updatedAt: now }).onConflictDoUpdate({
        target: retentionPolicies.orgId,
        set: { ...input, version: sql`${retentionPolicies.version} + 1`, updatedAt: now },
      }).returning();
      if (!row) throw new Error('retention policy upsert returned no row');
      return row;
    },

    /** Every org whose policy is on; across orgs, so on the unscoped connection. */
    async enabledOrgIds(db: DbExecutor): Promise<string[]> {
      const rows = await db.select({ orgId: retentionPolicies.orgId }).from(retentionPolicies).where(eq(retentionPolicies.enabled, true));
      return rows.map((r) => r.orgId);
    },

    /**
     * Candidates due for anonymizing at `now`: every application rejected or withdrawn, the last closed
     * (its latest rejection or withdrawal) more than `anonymizeAfterMonths` ago, and no agreement to be
     * kept for future roles within `keepConsentedMonths`. Never a merged-away record (erasing the one it
     * was merged into takes it along), one without applications, or one already erased. With
     * `candidateId`, only that one: the re-check made once it is locked.
     */
    async due(tx: DbExecutor, orgId: string, now: Date, policy: Pick<RetentionPolicyInput, 'anonymizeAfterMonths' | 'keepConsentedMonths'>, candidateId?: string): Promise<DueCandidate[]> {
      const at = sql`${now.toISOString()}::timestamptz`;
      const rows = await queryRows<{ candidate_id: string; last_closed_at: Date | string }>(tx, sql`
        with closed as (
          select a.candidate_id,
                 bool_and(a.status in ('rejected', 'withdrawn')) as all_closed,
                 max(coalesce(h.closed_at, a.last_activity_at)) as last_closed_at,
                 max(a.future_roles_consented_at) as consented_at
          from ${applications} a
          left join lateral (
            select max(h.at) as closed_at from ${applicationHistory} h
            where h.application_id = a.id and h.action in ('rejected', 'withdrawn')
          ) h on true
          where a.org_id = ${orgId} ${candidateId === undefined ? sql`` : sql`and a.candidate_id = ${candidateId}`}
          group by a.candidate_id
        )
        select closed.candidate_id, closed.last_closed_at from closed
        join ${candidates} c on c.id = closed.candidate_id and c.org_id = ${orgId}
        where closed.all_closed
          and closed.last_closed_at < ${at} - make_interval(months => ${policy.anonymizeAfterMonths})
          and (closed.consented_at is null or closed.consented_at < ${at} - make_interval(months => ${policy.keepConsentedMonths}))
          and c.merged_into is null
          and not (c.name = ${ERASED_NAME} and c.name_key = '' and not exists (select 1 from ${candidateEmails} e where e.candidate_id = c.id))
        order by closed.last_closed_at, closed.candidate_id
        limit ${MAX_DUE_PER_RUN}`);
      return rows.map((r) => ({ candidateId: r.candidate_id, lastClosedAt: new Date(r.last_closed_at).toISOString() }));
    },
  };
}
export type RetentionRepo = ReturnType<typeof createRetentionRepo>;
