import type { Database } from '../../infra/db/database.ts';
import { createAuditRepo } from './audit.repo.ts';
import { auditRoutes } from './audit.routes.ts';
import { createAuditService } from './audit.service.ts';

export type { AuditService } from './audit.service.ts';
export type { AuditAction, RequestOrigin } from './audit.schemas.ts';

export function createAuditModule(deps: { database: Pick<Database, 'unscoped' | 'tenant'> }) {
  const service = createAuditService({ database: deps.database, repo: createAuditRepo() });
  return { service, routes: auditRoutes(service) };
}
