import type { Database } from '../../infra/db/database.ts';
import type { AuditService } from '../audit/audit.service.ts';
import { apiKeysRoutes } from './api-keys.routes.ts';
import { createApiKeysService } from './api-keys.service.ts';
import { createOrgsRepo } from './orgs.repo.ts';
import { orgsRoutes } from './orgs.routes.ts';
import { createOrgsService } from './orgs.service.ts';

export function createOrgsModule(deps: { database: Database; audit: Pick<AuditService, 'record'> }) {
  const repo = createOrgsRepo();
  const apiKeys = createApiKeysService({ database: deps.database, repo, audit: deps.audit });
  const service = createOrgsService({ database: deps.database, repo, apiKeys });
  return { service, apiKeys, routes: [orgsRoutes(service), apiKeysRoutes(apiKeys)] };
}
