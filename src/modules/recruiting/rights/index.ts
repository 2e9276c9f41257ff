// Candidate rights: data export (portability), erasure, and candidates' requests for erasure.
import type { FastifyPluginAsync } from 'fastify';
import type { Database } from '../../../infra/db/database.ts';
import type { FileStore } from '../../../infra/files/file-store.ts';
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

export { rightsEvents } from './rights.events.ts';
export type { ErasureRequest } from './rights.requests.schemas.ts';
export type { ErasureRequestsService } from './rights.requests.service.ts';

export interface RightsAreaDeps {
  database: Pick<Database, 'tenant'>;
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
  routes: FastifyPluginAsync[]; exports: ExportService; erasure: EraseService; erasureRequests: ErasureRequestsService;
} {
  const exports = createExportService({
    database: deps.database, repo: createRightsExportRepo(), contacts: createCandidatesRepo().contacts, jobTitle: deps.jobTitle,
    publicBaseUrl: deps.publicBaseUrl, clock,
  });
  const erasure = createEraseService({ events: deps.events, redactEvents: deps.redactEvents, audit: deps.audit, repo: createRightsEraseRepo(), files: deps.files, log: deps.log, clock });
  const erasureRequests = createErasureRequestsService({ database: deps.database, events: deps.events, repo: createErasureRequestsRepo(), erasure, clock });
  return { routes: [rightsRoutes({ exports, erasure }), erasureRequestsRoutes(erasureRequests)], exports, erasure, erasureRequests };
}
