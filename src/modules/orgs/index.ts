import type { Database } from '../../infra/db/database.ts';
import { createOrgsRepo } from './orgs.repo.ts';
import { orgsRoutes } from './orgs.routes.ts';
import { createOrgsService } from './orgs.service.ts';

export function createOrgsModule(deps: { database: Database }) {
  const service = createOrgsService({ database: deps.database, repo: createOrgsRepo(deps.database.db) });
  return { service, routes: orgsRoutes(service) };
}
