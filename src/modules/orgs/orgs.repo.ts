import { eq } from 'drizzle-orm';
import type { DbExecutor } from '../../infra/db/database.ts';
import { orgs } from './orgs.table.ts';

export type OrgRow = typeof orgs.$inferSelect;

/** Every query runs on the executor it is given: a tenant or unscoped transaction chosen by the service. */
export function createOrgsRepo() {
  return {
    async insertOrg(row: typeof orgs.$inferInsert, tx: DbExecutor): Promise<OrgRow | null> {
      const [inserted] = await tx.insert(orgs).values(row).onConflictDoNothing({ target: orgs.slug }).returning();
      return inserted ?? null;
    },

    async findBySlug(slug: string, tx: DbExecutor): Promise<OrgRow | null> {
      const [row] = await tx.select().from(orgs).where(eq(orgs.slug, slug)).limit(1);
      return row ?? null;
    },

    async update(id: string, patch: Partial<Pick<OrgRow, 'privacyNoticeUrl' | 'privacyNoticeVersion'>>, tx: DbExecutor): Promise<OrgRow | null> {
      const [row] = await tx.update(orgs).set(patch).where(eq(orgs.id, id)).returning();
      return row ?? null;
    },

    async findById(id: string, tx: DbExecutor): Promise<OrgRow | null> {
      const [row] = await tx.select().from(orgs).where(eq(orgs.id, id)).limit(1);
      return row ?? null;
    },
  };
}
export type OrgsRepo = ReturnType<typeof createOrgsRepo>;
