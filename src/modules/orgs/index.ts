import type { Database } from '../../infra/db/database.ts';
import type { ApiKeysService } from '../access/index.ts';
import { createOrgsRepo } from './orgs.repo.ts';
import { orgsRoutes } from './orgs.routes.ts';
import { createOrgsService } from './orgs.service.ts';

export { OrgSchema, OrgSlugSchema, type Org } from './orgs.schemas.ts';
export type { OrgsService } from './orgs.service.ts';

export function createOrgsModule(deps: { database: Pick<Database, 'unscoped' | 'unscopedTransaction'>; apiKeys: Pick<ApiKeysService, 'issue'> }) {
  const service = createOrgsService({ database: deps.database, repo: createOrgsRepo(), apiKeys: deps.apiKeys });
  return { service, routes: [orgsRoutes(service)] };
}
