import { eq } from 'drizzle-orm';
import type { DbExecutor } from '../../infra/db/database.ts';
import { orgBranding } from './orgs.table.ts';

export type BrandingRow = typeof orgBranding.$inferSelect;

/** Every query runs on the executor it is given: the org's tenant transaction, chosen by the service. */
export function createBrandingRepo() {
  return {
    async find(orgId: string, tx: DbExecutor): Promise<BrandingRow | null> {
      const [row] = await tx.select().from(orgBranding).where(eq(orgBranding.orgId, orgId)).limit(1);
      return row ?? null;
    },

    async upsert(row: typeof orgBranding.$inferInsert & { updatedAt: Date }, tx: DbExecutor): Promise<BrandingRow> {
      const { orgId: _orgId, ...set } = row;
      const [saved] = await tx.insert(orgBranding).values(row).onConflictDoUpdate({ target: orgBranding.orgId, set }).returning();
      if (!saved) throw new Error('branding upsert returned no row');
      return saved;
    },
  };
}
export type BrandingRepo = ReturnType<typeof createBrandingRepo>;
