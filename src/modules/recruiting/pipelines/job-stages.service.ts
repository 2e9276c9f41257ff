import { AppError, type FieldProblem } from '../../../app-error.ts';
import type { Database, DbExecutor } from '../../../infra/db/database.ts';
import { auditActor, authorize, type Principal } from '../../access/index.ts';
import type { EventsService, RecordEvent } from '../../events/index.ts';
import type { JobsService } from '../../jobs/index.ts';
import { toApplication, type ApplicationsRepo, type HistoryEntry } from '../applications/index.ts';
import type { PipelinesRepo, StageRow, StageWrite } from './pipelines.repo.ts';
import type { JobStage, ReplaceStagesInput } from './pipelines.schemas.ts';
import { checkStages, normalizedStage } from './stage-rules.ts';

export interface JobStagesDeps {
  database: Pick<Database, 'tenant'>;
  events: Pick<EventsService, 'withEvents'>;
  repo: PipelinesRepo;
  applications: Pick<ApplicationsRepo, 'addHistory'>;
  jobs: Pick<JobsService, 'get'>;
  clock?: () => Date;
}

export const toStage = (row: StageRow): JobStage => ({ id: row.id, position: row.position, name: row.name, kind: row.kind, candidateName: row.candidateName });

const HISTORY_BATCH = 1000;
const invalid = (detail: string, fields: FieldProblem[]) => new AppError('validation-failed', detail, { fields });

/**
 * Each job's own stages. A job sees through the jobs module: a caller who cannot see the job (another
 * org's, or a job whose hiring team an assigned caller is not on) gets 404, as for the job itself.
 */
export function createJobStagesService({ database, events, repo, applications, jobs, clock = () => new Date() }: JobStagesDeps) {
  /** The job, for a caller who may change it: visible, and not archived (an archived job never changes). */
  async function writableJob(principal: Principal, jobId: string) {
    const access = authorize(principal, 'jobs:write');
    const job = await jobs.get(principal, jobId);
    if (job.status === 'archived') throw new AppError('invalid-state-transition', 'An archived job\'s stages cannot change');
    return access;
  }

  async function moveAll(
    tx: DbExecutor, record: RecordEvent, principal: Principal, orgId: string, from: StageRow, to: StageRow,
  ): Promise<number> {
    const now = clock();
    const moved = await repo.moveApplications(tx, orgId, from.id, to.id, now);
    const actor = auditActor(principal.actor);
    const entries: HistoryEntry[] = moved.map((row) => ({
      orgId, applicationId: row.id, action: 'moved', actorType: actor.type, actorId: actor.id, fromStageId: from.id, toStageId: to.id, note: 'stage removed', at: now,
    }));
    for (let i = 0; i < entries.length; i += HISTORY_BATCH) await applications.addHistory(tx, entries.slice(i, i + HISTORY_BATCH));
    for (const row of moved) {
      record({ orgId, type: 'application.stage_changed', subjectId: row.id, payload: { application: toApplication(row, to), fromStageId: from.id, toStageId: to.id } });
    }
    return moved.length;
  }

  return {
    /** The job's stages in order, copied from the org's default template the first time they are asked for. */
    async list(principal: Principal, jobId: string): Promise<JobStage[]> {
      const { orgId } = authorize(principal, 'jobs:read');
      await jobs.get(principal, jobId);
      return (await database.tenant(orgId, (tx) => repo.stagesOf(tx, orgId, jobId))).map(toStage);
    },

    /**
     * Replaces the job's stage list in one transaction: entries with an id keep that stage, entries
     * without one are new, stages left out are removed, and the applications of a removed stage go
     * where `moves` says (each with a history row and an application.stage_changed event).
     */
    async replace(principal: Principal, jobId: string, input: ReplaceStagesInput): Promise<JobStage[]> {
      const { orgId } = await writableJob(principal, jobId);
      checkStages(input.stages);
      const wanted = input.stages.map(normalizedStage);
      return events.withEvents(orgId, async (tx, record) => {
        await repo.lockJobStages(tx, jobId);
        const current = await repo.stagesOf(tx, orgId, jobId);
        const byId = new Map(current.map((s) => [s.id, s]));
        const problems: FieldProblem[] = [];
        const kept = new Map<string, { position: number; kind: StageRow['kind'] }>();
        wanted.forEach((stage, position) => {
          if (stage.id === undefined) return;
          if (!byId.has(stage.id)) problems.push({ field: `stages.${position}.id`, detail: 'is not a stage of this job' });
          else if (kept.has(stage.id)) problems.push({ field: `stages.${position}.id`, detail: 'names a stage already listed' });
          else kept.set(stage.id, { position, kind: stage.kind });
        });
        if (problems.length > 0) throw invalid('Some stage ids are not this job\'s', problems);

        const counts = await repo.applicationCounts(tx, orgId, jobId);
        const removed = current.filter((s) => !kept.has(s.id));
        const removedIds = new Set(removed.map((s) => s.id));
        const moves = new Map<string, string>();
        (input.moves ?? []).forEach((move, i) => {
          const from = byId.get(move.fromStageId);
          const to = kept.get(move.toStageId);
          if (!from || !removedIds.has(from.id)) problems.push({ field: `moves.${i}.fromStageId`, detail: 'is not a stage this change removes' });
          else if (moves.has(from.id)) problems.push({ field: `moves.${i}.fromStageId`, detail: 'is named by an earlier move' });
          if (!to) problems.push({ field: `moves.${i}.toStageId`, detail: 'is not a stage this change keeps' });
          else if (from && (from.kind === 'hired') !== (to.kind === 'hired')) {
            problems.push({ field: `moves.${i}.toStageId`, detail: 'hired applications go to the hired stage, others to a stage that is not of kind hired' });
          }
          if (from && to) moves.set(from.id, move.toStageId);
        });
        if (problems.length > 0) throw invalid('Some moves cannot be made', problems);

        const stranded = removed.filter((s) => (counts.get(s.id) ?? 0) > 0 && !moves.has(s.id));
        if (stranded.length > 0) {
          const which = stranded.map((s) => `"${s.name}" (${s.id}) holds ${counts.get(s.id)} application${counts.get(s.id) === 1 ? '' : 's'}`).join('; ');
          throw new AppError('conflict', `Removing stages that hold applications needs a move for each, naming where they go: ${which}`);
        }
        // A hired application stays in a hired stage: a stage holding applications keeps whether it is the hired one.
        const rekinded = current.filter((s) => {
          const next = kept.get(s.id);
          return next && (counts.get(s.id) ?? 0) > 0 && (s.kind === 'hired') !== (next.kind === 'hired');
        });
        if (rekinded.length > 0) {
          throw new AppError('conflict', `A stage that holds applications cannot become or stop being the hired stage: ${rekinded.map((s) => `"${s.name}" (${s.id})`).join(', ')}`);
        }

        const plan = wanted.map(({ id, name, kind, candidateName }, position) => ({ id, write: { position, name, kind, candidateName } satisfies StageWrite }));
        const added = await repo.insertStages(tx, orgId, jobId, plan.flatMap((p) => (p.id === undefined ? [p.write] : [])));
        const after = new Map(added.map((s) => [s.id, s]));
        for (const { id, write } of plan) {
          const old = id === undefined ? undefined : byId.get(id);
          if (!old) continue;
          await repo.updateStage(tx, orgId, old.id, write);
          after.set(old.id, { ...old, ...write });
        }
        const movedCounts: { fromStageId: string; toStageId: string; applications: number }[] = [];
        for (const [fromId, toId] of moves) {
          const from = byId.get(fromId);
          const to = after.get(toId);
          if (!from || !to) throw new Error('move lost its stages');
          movedCounts.push({ fromStageId: fromId, toStageId: toId, applications: await moveAll(tx, record, principal, orgId, from, to) });
        }
        await repo.deleteStages(tx, orgId, removed.map((s) => s.id));
        const stages = [...after.values()].sort((a, b) => a.position - b.position).map(toStage);
        record({ orgId, type: 'job.stages_changed', subjectId: jobId, payload: { jobId, stages, removedStageIds: [...removedIds], moved: movedCounts, templateId: null } });
        return stages;
      });
    },

    /** Gives a job that nobody has applied to yet the stages of one of the org's templates. */
    async applyTemplate(principal: Principal, jobId: string, templateId: string): Promise<JobStage[]> {
      const { orgId } = await writableJob(principal, jobId);
      return events.withEvents(orgId, async (tx, record) => {
        await repo.lockJobStages(tx, jobId);
        const template = await repo.findTemplate(tx, orgId, templateId);
        if (!template) throw invalid('No such pipeline template in this organization', [{ field: 'templateId', detail: 'is not a template of this organization' }]);
        const counts = await repo.applicationCounts(tx, orgId, jobId);
        if (counts.size > 0) throw new AppError('conflict', 'The job already has applications; edit its stages instead (PUT /v1/jobs/{id}/stages)');
        const current = await repo.stagesOf(tx, orgId, jobId);
        await repo.deleteStages(tx, orgId, current.map((s) => s.id));
        const stages = (await repo.insertStages(tx, orgId, jobId, template.stages.map((s, position) => ({ position, ...s })))).map(toStage);
        record({ orgId, type: 'job.stages_changed', subjectId: jobId, payload: { jobId, stages, removedStageIds: current.map((s) => s.id), moved: [], templateId } });
        return stages;
      });
    },
  };
}
export type JobStagesService = ReturnType<typeof createJobStagesService>;
