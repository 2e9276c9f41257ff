// Pipelines: the org's templates, each job's stages, and the reasons a recruiter rejects with.
import type { Database } from '../../../infra/db/database.ts';
import type { EventsService } from '../../events/index.ts';
import type { JobsService } from '../../jobs/index.ts';
import { createApplicationsRepo } from '../applications/index.ts';
import { createJobStagesService } from './job-stages.service.ts';
import { createPipelinesRepo } from './pipelines.repo.ts';
import { pipelinesRoutes } from './pipelines.routes.ts';
import { createRejectionReasonsRepo } from './rejection-reasons.repo.ts';
import { createRejectionReasonsService } from './rejection-reasons.service.ts';
import { createTemplatesService } from './templates.service.ts';

export { createPipelinesRepo, defaultStages, type PipelinesRepo, type StageRow, type TemplateRow } from './pipelines.repo.ts';
export { stageKinds, type StageKind, type TemplateStage } from './pipelines.table.ts';
export { pipelineEvents } from './pipelines.events.ts';
export { JobStageSchema, RejectionReasonSchema, type JobStage, type RejectionReason } from './pipelines.schemas.ts';
export { createRejectionReasonsRepo, defaultRejectionReasons, type RejectionReasonRow, type RejectionReasonsRepo } from './rejection-reasons.repo.ts';

const reasonsRepo = createRejectionReasonsRepo();
/**
 * The reason a new rejection may give, in the caller's transaction: the org's and not archived, else
 * null. (An archived reason still shows on the rejections that used it: read those with the repo's find.)
 */
export const findActiveReason = reasonsRepo.findActive;

export function createPipelinesArea(deps: {
  database: Pick<Database, 'tenant'>;
  events: Pick<EventsService, 'withEvents'>;
  jobs: Pick<JobsService, 'get'>;
  clock?: () => Date;
}) {
  const repo = createPipelinesRepo();
  const templates = createTemplatesService({ database: deps.database, repo, clock: deps.clock });
  const stages = createJobStagesService({ ...deps, repo, applications: createApplicationsRepo() });
  const reasons = createRejectionReasonsService({ database: deps.database, repo: reasonsRepo, clock: deps.clock });
  return {
    routes: [pipelinesRoutes(templates, stages, reasons)],
    /** A job's stages in order, for a caller who may see the job (404 otherwise); other areas read stages through this. */
    stagesForJob: stages.list,
    rejectionReasons: reasons,
  };
}
export type PipelinesArea = ReturnType<typeof createPipelinesArea>;
