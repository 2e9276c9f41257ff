import { notFound } from '../../../app-error.ts';
import type { Database } from '../../../infra/db/database.ts';
import { auditActor, authorize, type Principal } from '../../access/index.ts';
import type { EventsService } from '../../events/index.ts';
import type { JobsService } from '../../jobs/index.ts';
import type { PipelinesRepo } from '../pipelines/index.ts';
import { createApplication } from './applications.create.ts';
import type { PipelineViewRepo, StagePageQuery, StagePosition } from './applications.pipeline.repo.ts';
import { toApplication, type ApplicationFilter, type ApplicationsRepo, type HistoryRow } from './applications.repo.ts';
import type { AddToJobInput, Application, HistoryItem, PipelineView, StageApplication } from './applications.schemas.ts';

export interface ApplicationsServiceDeps {
  database: Pick<Database, 'tenant'>;
  events: Pick<EventsService, 'withEvents'>;
  jobs: Pick<JobsService, 'get'>;
  repo: ApplicationsRepo;
  view: PipelineViewRepo;
  stagesOf: PipelinesRepo['stagesOf'];
  clock?: () => Date;
}

const toHistoryItem = (row: HistoryRow): HistoryItem => ({
  id: row.id,
  action: row.action,
  actor: { type: row.actorType, id: row.actorId },
  at: row.at.toISOString(),
  fromStageId: row.fromStageId,
  toStageId: row.toStageId,
  reasonId: row.reasonId,
  note: row.note,
});

export function createApplicationsService({ database, events, jobs, repo, view, stagesOf, clock = () => new Date() }: ApplicationsServiceDeps) {
  /** The job as the caller sees it: a job they may not see is a 404, as another org's is. */
  const visibleJob = (principal: Principal, jobId: string) => jobs.get(principal, jobId);

  return {
    /** A recruiter adds an existing candidate to a job (Greenhouse's "add to job"). */
    async addToJob(principal: Principal, input: AddToJobInput): Promise<Application> {
      const access = authorize(principal, 'candidates:write');
      await visibleJob(principal, input.jobId);
      return events.withEvents(access.orgId, async (tx, record) => {
        if (!(await repo.lockCandidate(tx, access, input.candidateId))) throw notFound('Candidate');
        const [first] = await stagesOf(tx, access.orgId, input.jobId);
        if (!first) throw new Error(`job ${input.jobId} has no stages`);
        return createApplication(tx, record, {
          orgId: access.orgId, jobId: input.jobId, candidateId: input.candidateId, stageId: input.stageId ?? first.id,
          source: input.source ?? 'manual', sourceDetail: input.sourceDetail ?? null, answers: {}, coverLetter: null, consent: null,
          actor: auditActor(principal.actor), at: clock(),
        });
      });
    },

    async get(principal: Principal, id: string): Promise<Application> {
      const access = authorize(principal, 'candidates:read');
      const found = await database.tenant(access.orgId, (tx) => repo.findWithStage(tx, access, id));
      if (!found) throw notFound('Application');
      return toApplication(found.row, found.stage);
    },

    /** Everything that happened to the application, oldest first. */
    async history(principal: Principal, id: string): Promise<HistoryItem[]> {
      const access = authorize(principal, 'candidates:read');
      return database.tenant(access.orgId, async (tx) => {
        if (!(await repo.findWithStage(tx, access, id))) throw notFound('Application');
        return (await repo.history(tx, id)).map(toHistoryItem);
      });
    },

    /** Oldest first; `next` is the id the following page starts after, null on the last page. */
    async list(principal: Principal, filter: ApplicationFilter): Promise<{ data: Application[]; next: string | null }> {
      const access = authorize(principal, 'candidates:read');
      const rows = await database.tenant(access.orgId, (tx) => repo.list(tx, access, { ...filter, limit: filter.limit + 1 }));
      const page = rows.slice(0, filter.limit);
      return { data: page.map((a) => toApplication(a.row, a.stage)), next: rows.length > filter.limit ? page.at(-1)?.row.id ?? null : null };
    },

    /** The job's stages in order, each with its count of active applications. */
    async pipeline(principal: Principal, jobId: string): Promise<PipelineView> {
      const access = authorize(principal, 'candidates:read');
      await visibleJob(principal, jobId);
      return database.tenant(access.orgId, async (tx) => {
        const stages = await stagesOf(tx, access.orgId, jobId);
        const counts = await view.activeCounts(tx, access.orgId, jobId);
        return { stages: stages.map((s) => ({ id: s.id, name: s.name, kind: s.kind, candidateName: s.candidateName, count: counts.get(s.id) ?? 0 })) };
      });
    },

    /** A page of the applications in one stage of the job, with who applied. */
    async stageApplications(principal: Principal, query: StagePageQuery): Promise<{ data: StageApplication[]; next: StagePosition | null }> {
      const access = authorize(principal, 'candidates:read');
      await visibleJob(principal, query.jobId);
      const rows = await database.tenant(access.orgId, async (tx) => {
        const stage = await repo.stageById(tx, access.orgId, query.stageId);
        if (!stage || stage.jobId !== query.jobId) throw notFound('Stage');
        return view.stagePage(tx, access, { ...query, limit: query.limit + 1 });
      });
      const page = rows.slice(0, query.limit);
      const last = page.at(-1);
      const at = (r: (typeof rows)[number]) => (query.sort.endsWith('applied') ? r.row.appliedAt : r.row.lastActivityAt).toISOString();
      return {
        data: page.map((r) => ({ ...toApplication(r.row, r.stage), candidate: r.candidate })),
        next: rows.length > query.limit && last ? { at: at(last), id: last.row.id } : null,
      };
    },
  };
}
export type ApplicationsService = ReturnType<typeof createApplicationsService>;
