import { and, asc, eq, sql } from 'drizzle-orm';
import type { DbExecutor } from '../../../infra/db/database.ts';
import { newId } from '../../../infra/db/ids.ts';
import { jobStages, pipelineTemplates, type TemplateStage } from './pipelines.table.ts';

export type StageRow = typeof jobStages.$inferSelect;
export type TemplateRow = typeof pipelineTemplates.$inferSelect;

/** The pipeline an org starts with until it defines its own (Greenhouse's and Lever's defaults, trimmed). */
export const defaultStages: readonly TemplateStage[] = [
  { name: 'Applied', kind: 'applied', candidateName: 'Application received' },
  { name: 'Screen', kind: 'screen', candidateName: 'Under review' },
  { name: 'Interview', kind: 'interview', candidateName: 'Interviewing' },
  { name: 'Offer', kind: 'offer', candidateName: 'Offer' },
  { name: 'Hired', kind: 'hired', candidateName: 'Hired' },
];

export function createPipelinesRepo() {
  /** The org's default template, created with the default stages the first time anything needs it. */
  async function defaultTemplate(tx: DbExecutor, orgId: string): Promise<TemplateRow> {
    const find = async () => (await tx.select().from(pipelineTemplates).where(and(eq(pipelineTemplates.orgId, orgId), eq(pipelineTemplates.isDefault, true))))[0];
    const found = await find();
    if (found) return found;
    // One default per org (partial unique index): a concurrent creator wins, and we read its row.
    await tx.insert(pipelineTemplates).values({ id: newId('ptpl'), orgId, name: 'Default', isDefault: true, stages: [...defaultStages] }).onConflictDoNothing();
    const created = await find();
    if (!created) throw new Error('default pipeline template missing after insert');
    return created;
  }

  return {
    defaultTemplate,

    /**
     * A job's stages in order. The first use copies them from the org's default template; a
     * transaction-scoped lock on the job makes two first uses at once copy them only once.
     */
    async stagesOf(tx: DbExecutor, orgId: string, jobId: string): Promise<StageRow[]> {
      const read = () => tx.select().from(jobStages).where(and(eq(jobStages.orgId, orgId), eq(jobStages.jobId, jobId))).orderBy(asc(jobStages.position));
      const stages = await read();
      if (stages.length > 0) return stages;
      await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`job-stages:${jobId}`}, 0))`);
      const again = await read();
      if (again.length > 0) return again;
      const template = await defaultTemplate(tx, orgId);
      return tx.insert(jobStages).values(template.stages.map((stage, position) => ({ id: newId('stg'), orgId, jobId, position, ...stage }))).returning();
    },
  };
}
export type PipelinesRepo = ReturnType<typeof createPipelinesRepo>;
