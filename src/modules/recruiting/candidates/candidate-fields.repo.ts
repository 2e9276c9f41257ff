import { and, asc, eq, sql } from 'drizzle-orm';
import type { DbExecutor } from '../../../infra/db/database.ts';
import { newId } from '../../../infra/db/ids.ts';
import { candidateFieldDefinitions, candidates } from './candidates.table.ts';

export type FieldDefinitionRow = typeof candidateFieldDefinitions.$inferSelect;

export function createCandidateFieldsRepo() {
  return {
    async list(tx: DbExecutor, orgId: string): Promise<FieldDefinitionRow[]> {
      return tx.select().from(candidateFieldDefinitions).where(eq(candidateFieldDefinitions.orgId, orgId))
        .orderBy(asc(candidateFieldDefinitions.createdAt), asc(candidateFieldDefinitions.id));
    },

    /** Null when the org already has a field with this key (the unique index decides, races included). */
    async insert(tx: DbExecutor, row: Omit<typeof candidateFieldDefinitions.$inferInsert, 'id'>): Promise<FieldDefinitionRow | null> {
      const [inserted] = await tx.insert(candidateFieldDefinitions).values({ id: newId('cfd'), ...row }).onConflictDoNothing().returning();
      return inserted ?? null;
    },

    /**
     * Deletes the definition and its values from every candidate of the org; those candidates count as
     * changed, so incremental sync reports them. Null when there was no such field.
     */
    async delete(tx: DbExecutor, orgId: string, id: string, now: Date): Promise<FieldDefinitionRow | null> {
      const [removed] = await tx.delete(candidateFieldDefinitions)
        .where(and(eq(candidateFieldDefinitions.orgId, orgId), eq(candidateFieldDefinitions.id, id))).returning();
      if (!removed) return null;
      await tx.update(candidates).set({
        customFields: sql`${candidates.customFields} - ${removed.key}::text`, updatedAt: now, version: sql`${candidates.version} + 1`,
      }).where(and(eq(candidates.orgId, orgId), sql`jsonb_exists(${candidates.customFields}, ${removed.key})`));
      return removed;
    },
  };
}
export type CandidateFieldsRepo = ReturnType<typeof createCandidateFieldsRepo>;
