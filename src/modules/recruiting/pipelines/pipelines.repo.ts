import { and, asc, count, desc, eq, inArray, sql } from 'drizzle-orm';
import type { DbExecutor } from '../../../infra/db/database.ts';
import { newId } from '../../../infra/db/ids.ts';
import { applications } from '../applications/applications.table.ts';
import { jobStages, pipelineTemplates, type TemplateStage } from './pipelines.table.ts';

export type StageRow = typeof jobStages.$inferSelect;
export type TemplateRow = typeof pipelineTemplates.$inferSelect;
type ApplicationRow = typeof applications.$inferSelect;
export type StageWrite = Pick<StageRow, 'position' | 'name' | 'kind' | 'candidateName'>;

/** Transaction-scoped lock on a key: serializes writers of the same thing without a row to lock. */
const lockKey = (tx: DbExecutor, key: string) => tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${key}, 0))`);

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

  const templateById = (orgId: string, id: string) => and(eq(pipelineTemplates.orgId, orgId), eq(pipelineTemplates.id, id));

  /**
   * A job's stages in order. The first use copies them from the org's default template; a
   * transaction-scoped lock on the job makes two first uses at once copy them only once.
   */
  async function stagesOf(tx: DbExecutor, orgId: string, jobId: string): Promise<StageRow[]> {
    const read = () => tx.select().from(jobStages).where(and(eq(jobStages.orgId, orgId), eq(jobStages.jobId, jobId))).orderBy(asc(jobStages.position));
    const stages = await read();
    if (stages.length > 0) return stages;
    await lockKey(tx, `job-stages:${jobId}`);
    const again = await read();
    if (again.length > 0) return again;
    const template = await defaultTemplate(tx, orgId);
    return tx.insert(jobStages).values(template.stages.map((stage, position) => ({ id: newId('stg'), orgId, jobId, position, ...stage }))).returning();
  }

  return {
    defaultTemplate,

    /** Serializes an org's template writes, so "exactly one default" holds under concurrent changes. */
    lockTemplates: (tx: DbExecutor, orgId: string) => lockKey(tx, `pipeline-templates:${orgId}`),

    listTemplates: (tx: DbExecutor, orgId: string): Promise<TemplateRow[]> =>
      tx.select().from(pipelineTemplates).where(eq(pipelineTemplates.orgId, orgId)).orderBy(desc(pipelineTemplates.isDefault), asc(pipelineTemplates.name), asc(pipelineTemplates.id)),

    async countTemplates(tx: DbExecutor, orgId: string): Promise<number> {
      const [row] = await tx.select({ n: count() }).from(pipelineTemplates).where(eq(pipelineTemplates.orgId, orgId));
      return row?.n ?? 0;
    },

    async findTemplate(tx: DbExecutor, orgId: string, id: string): Promise<TemplateRow | null> {
      return (await tx.select().from(pipelineTemplates).where(templateById(orgId, id)))[0] ?? null;
    },

    async insertTemplate(tx: DbExecutor, row: Pick<TemplateRow, 'orgId' | 'name' | 'isDefault' | 'stages'> & { now: Date }): Promise<TemplateRow> {
      const { now, ...values } = row;
      const [inserted] = await tx.insert(pipelineTemplates).values({ id: newId('ptpl'), ...values, createdAt: now, updatedAt: now }).returning();
      if (!inserted) throw new Error('insert returned no row');
      return inserted;
    },

    async updateTemplate(tx: DbExecutor, orgId: string, id: string, patch: Partial<Pick<TemplateRow, 'name' | 'isDefault' | 'stages'>>, now: Date): Promise<TemplateRow> {
      const [row] = await tx.update(pipelineTemplates).set({ ...patch, updatedAt: now, version: sql`${pipelineTemplates.version} + 1` })
        .where(templateById(orgId, id)).returning();
      if (!row) throw new Error('template vanished under its lock');
      return row;
    },

    /** The default stops being one (before another becomes it: the partial unique index allows one). */
    async unsetDefault(tx: DbExecutor, orgId: string, now: Date): Promise<void> {
      await tx.update(pipelineTemplates).set({ isDefault: false, updatedAt: now, version: sql`${pipelineTemplates.version} + 1` })
        .where(and(eq(pipelineTemplates.orgId, orgId), eq(pipelineTemplates.isDefault, true)));
    },

    async deleteTemplate(tx: DbExecutor, orgId: string, id: string): Promise<void> {
      await tx.delete(pipelineTemplates).where(templateById(orgId, id));
    },

    /**
     * The same lock stagesOf takes before a job's first stages (one writer of a job's stages at a
     * time), and the stages' rows for update, so an application entering one of them waits for the edit.
     */
    async lockJobStages(tx: DbExecutor, jobId: string): Promise<void> {
      await lockKey(tx, `job-stages:${jobId}`);
      await tx.select({ id: jobStages.id }).from(jobStages).where(eq(jobStages.jobId, jobId)).for('update');
    },

    /** How many applications (any status) each stage of the job holds; stages holding none are absent. */
    async applicationCounts(tx: DbExecutor, orgId: string, jobId: string): Promise<Map<string, number>> {
      const rows = await tx.select({ stageId: applications.stageId, n: count() }).from(applications)
        .where(and(eq(applications.orgId, orgId), eq(applications.jobId, jobId))).groupBy(applications.stageId);
      return new Map(rows.map((r) => [r.stageId, r.n]));
    },

    async insertStages(tx: DbExecutor, orgId: string, jobId: string, stages: readonly StageWrite[]): Promise<StageRow[]> {
      if (stages.length === 0) return [];
      return tx.insert(jobStages).values(stages.map((stage) => ({ id: newId('stg'), orgId, jobId, ...stage }))).returning();
    },

    async updateStage(tx: DbExecutor, orgId: string, id: string, stage: StageWrite): Promise<void> {
      await tx.update(jobStages).set(stage).where(and(eq(jobStages.orgId, orgId), eq(jobStages.id, id)));
    },

    async deleteStages(tx: DbExecutor, orgId: string, ids: readonly string[]): Promise<void> {
      if (ids.length > 0) await tx.delete(jobStages).where(and(eq(jobStages.orgId, orgId), inArray(jobStages.id, [...ids])));
    },

    /** Every application in one stage to another, each with a new version and activity time; returns them as they are now. */
    moveApplications: (tx: DbExecutor, orgId: string, fromStageId: string, toStageId: string, now: Date): Promise<ApplicationRow[]> =>
      tx.update(applications).set({ stageId: toStageId, lastActivityAt: now, updatedAt: now, version: sql`${applications.version} + 1` })
        .where(and(eq(applications.orgId, orgId), eq(applications.stageId, fromStageId))).returning(),

    stagesOf,

    /**
     * The stage every application to the job starts in, locked (key share) so that no stage edit can
     * remove or move it before the transaction ends: one statement once the job has its stages.
     */
    async firstStage(tx: DbExecutor, orgId: string, jobId: string): Promise<StageRow> {
      const read = () => tx.select().from(jobStages).where(and(eq(jobStages.orgId, orgId), eq(jobStages.jobId, jobId)))
        .orderBy(asc(jobStages.position)).limit(1).for('key share');
      const [stage] = await read();
      if (stage) return stage;
      await stagesOf(tx, orgId, jobId);
      const [created] = await read();
      if (!created) throw new Error(`job ${jobId} has no stages`);
      return created;
    },
  };
}
export type PipelinesRepo = ReturnType<typeof createPipelinesRepo>;
