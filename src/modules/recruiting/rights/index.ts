// Candidate rights: data export (portability), erasure, candidates' requests for erasure, and the retention policy that erases on a schedule.
import type { FastifyPluginAsync } from 'fastify';
import type { Database } from '../../../infra/db/database.ts';
import type { FileStore } from '../../../infra/files/file-store.ts';
import type { TaskDefinition } from '../../../infra/queue/task-runner.ts';
import type { AuditService } from '../../audit/index.ts';
import type { EventsService, RedactSubjects } from '../../events/index.ts';
import { createCandidatesRepo } from '../candidates/index.ts';
import { createRightsEraseRepo } from './rights.erase.repo.ts';
import { createEraseService, type EraseService } from './rights.erase.service.ts';
import { createRightsExportRepo } from './rights.export.repo.ts';
import { createExportService, type ExportService } from './rights.export.service.ts';
import { createErasureRequestsRepo } from './rights.requests.repo.ts';
import { erasureRequestsRoutes } from './rights.requests.routes.ts';
import { createErasureRequestsService, type ErasureRequestsService } from './rights.requests.service.ts';
import { rightsRoutes } from './rights.routes.ts';
import { createRetentionRepo } from './retention.repo.ts';
import { retentionRoutes } from './retention.routes.ts';
import { createRetentionService, type RetentionService } from './retention.service.ts';
import { retentionTasks } from './retention.tasks.ts';

export { rightsEvents } from './rights.events.ts';
export type { ErasureRequest } from './rights.requests.schemas.ts';
export type { ErasureRequestsService } from './rights.requests.service.ts';
export type { RetentionRun } from './retention.schemas.ts';
export type { RetentionService } from './retention.service.ts';

export interface RightsAreaDeps {
  database: Pick<Database, 'tenant' | 'unscoped'>;
  events: Pick<EventsService, 'withEvents'>;
  /** The events module's redaction of events about erased subjects. */
  redactEvents: RedactSubjects;
  audit: Pick<AuditService, 'record'>;
  files: Pick<FileStore, 'delete'>;
  jobTitle: (orgId: string, jobId: string) => Promise<string | null>;
  publicBaseUrl: string;
  log: { warn(details: object, message: string): void };
  clock?: () => Date;
}

export function createRightsArea({ clock = () => new Date(), ...deps }: RightsAreaDeps): {
  routes: FastifyPluginAsync[]; tasks: TaskDefinition[]; exports: ExportService; erasure: EraseService; erasureRequests: ErasureRequestsService; retention: RetentionService;
} {
  const exports = createExportService({
    database: deps.database, repo: createRightsExportRepo(), contacts: createCandidatesRepo().contacts, jobTitle: deps.jobTitle,
    publicBaseUrl: deps.publicBaseUrl, clock,
  });
  const erasure = createEraseService({ events: deps.events, redactEvents: deps.redactEvents, audit: deps.audit, repo: createRightsEraseRepo(), files: deps.files, log: deps.log, clock });
  const erasureRequests = createErasureRequestsService({ database: deps.database, events: deps.events, repo: createErasureRequestsRepo(), erasure, clock });
  const retention = createRetentionService({ database: deps.database, repo: createRetentionRepo(), erasure, audit: deps.audit, log: deps.log, clock });
  return {
    routes: [rightsRoutes({ exports, erasure }), erasureRequestsRoutes(erasureRequests), retentionRoutes(retention)], tasks: retentionTasks({ service: retention }),
    exports, erasure, erasureRequests, retention,
  };
}
