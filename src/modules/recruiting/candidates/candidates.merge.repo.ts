import { and, eq, isNull, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { DbExecutor } from '../../../infra/db/database.ts';
import { newId } from '../../../infra/db/ids.ts';
import { applicationHistory, applications } from '../applications/applications.table.ts';
import { attachments } from '../attachments/attachments.table.ts';
import { notes } from '../notes/notes.table.ts';
import { candidateEmails, candidateMerges, candidatePhones, candidates } from './candidates.table.ts';

const phoneA = alias(candidatePhones, 'phone_a');
const phoneB = alias(candidatePhones, 'phone_b');
const first = alias(candidates, 'first_candidate');
const second = alias(candidates, 'second_candidate');

export interface MergeActor {
  type: 'user' | 'api-key' | 'system';
  id: string | null;
}

export function createCandidatesMergeRepo() {
  return {
    /**
     * Pairs (first id < second id) of not-merged candidates with the same folded name and a phone of
     * the same E.164 key: the uncertain duplicates, as the (org, phone key) index finds them. Two
     * candidates never share an email key (it is unique per org), so every pair differs by email.
     */
    async duplicatePairs(tx: DbExecutor, orgId: string, after: { firstId: string; secondId: string } | undefined, limit: number) {
      return tx.selectDistinct({ firstId: first.id, secondId: second.id, nameKey: first.nameKey, phone: phoneA.phoneKey }).from(phoneA)
        .innerJoin(phoneB, and(eq(phoneB.orgId, phoneA.orgId), eq(phoneB.phoneKey, phoneA.phoneKey), sql`${phoneA.candidateId} < ${phoneB.candidateId}`))
        .innerJoin(first, eq(first.id, phoneA.candidateId))
        .innerJoin(second, and(eq(second.id, phoneB.candidateId), eq(second.nameKey, first.nameKey)))
        .where(and(
          eq(phoneA.orgId, orgId), isNull(first.mergedInto), isNull(second.mergedInto),
          after ? sql`(${first.id}, ${second.id}) > (${after.firstId}, ${after.secondId})` : undefined,
        ))
        .orderBy(first.id, second.id)
        .limit(limit);
    },

    /**
     * Moves everything of `mergedId` onto `keptId` (emails, phones, applications with a history row
     * each, attachments, notes) and marks it merged. The caller holds both rows locked.
     */
    async moveAll(tx: DbExecutor, orgId: string, keptId: string, mergedId: string, actor: MergeActor, now: Date): Promise<{ applicationIds: string[] }> {
      const [emailBase] = await tx.select({ n: sql<number>`coalesce(max(${candidateEmails.position}) + 1, 0)::int` }).from(candidateEmails).where(eq(candidateEmails.candidateId, keptId));
      await tx.update(candidateEmails).set({ candidateId: keptId, position: sql`${candidateEmails.position} + ${emailBase?.n ?? 0}` })
        .where(eq(candidateEmails.candidateId, mergedId));
      const [phoneBase] = await tx.select({ n: sql<number>`coalesce(max(${candidatePhones.position}) + 1, 0)::int` }).from(candidatePhones).where(eq(candidatePhones.candidateId, keptId));
      await tx.update(candidatePhones).set({ candidateId: keptId, position: sql`${candidatePhones.position} + ${phoneBase?.n ?? 0}` })
        .where(eq(candidatePhones.candidateId, mergedId));
      const moved = await tx.update(applications).set({ candidateId: keptId, updatedAt: now, version: sql`${applications.version} + 1` })
        .where(and(eq(applications.orgId, orgId), eq(applications.candidateId, mergedId))).returning({ id: applications.id });
      if (moved.length > 0) {
        await tx.insert(applicationHistory).values(moved.map(({ id }) => ({
          id: newId('ahe'), orgId, applicationId: id, action: 'merged' as const, actorType: actor.type, actorId: actor.id,
          details: { fromCandidateId: mergedId, toCandidateId: keptId }, at: now,
        })));
      }
      await tx.update(attachments).set({ candidateId: keptId }).where(and(eq(attachments.orgId, orgId), eq(attachments.candidateId, mergedId)));
      await tx.update(notes).set({ candidateId: keptId }).where(and(eq(notes.orgId, orgId), eq(notes.candidateId, mergedId)));
      return { applicationIds: moved.map((m) => m.id) };
    },

    /**
     * The kept candidate's résumé and notes search text gains the merged one's, so a search finds the
     * person at once; the attachments and notes areas rewrite these columns from their rows on their next write.
     */
    async combineSearchText(tx: DbExecutor, keptId: string, mergedId: string): Promise<void> {
      const other = alias(candidates, 'merged_candidate');
      await tx.update(candidates).set({
        searchNotes: sql`left(trim(${candidates.searchNotes} || ' ' || ${other.searchNotes}), 100000)`,
        searchResume: sql`left(trim(${candidates.searchResume} || ' ' || ${other.searchResume}), 100000)`,
      }).from(other).where(and(eq(candidates.id, keptId), eq(other.id, mergedId)));
    },

    /** The merged-away row stays, pointing at the kept one, so sync and old links can follow it. */
    async markMerged(tx: DbExecutor, mergedId: string, keptId: string, now: Date): Promise<void> {
      await tx.update(candidates).set({ mergedInto: keptId, updatedAt: now, version: sql`${candidates.version} + 1` }).where(eq(candidates.id, mergedId));
    },

    async recordMerge(tx: DbExecutor, row: { orgId: string; keptId: string; mergedId: string; actor: MergeActor; mergedProfile: Record<string, unknown>; at: Date }): Promise<void> {
      await tx.insert(candidateMerges).values({
        id: newId('cmg'), orgId: row.orgId, keptId: row.keptId, mergedId: row.mergedId, actorType: row.actor.type, actorId: row.actor.id,
        mergedProfile: row.mergedProfile, at: row.at,
      });
    },
  };
}
export type CandidatesMergeRepo = ReturnType<typeof createCandidatesMergeRepo>;
