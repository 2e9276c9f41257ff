import type { Database } from '../../infra/db/database.ts';
import type { ApiKeysService } from '../access/index.ts';
import { createBrandingRepo } from './branding.repo.ts';
import { createBrandingService } from './branding.service.ts';
import { createOrgsRepo } from './orgs.repo.ts';
import { orgsRoutes } from './orgs.routes.ts';
import { createOrgsService } from './orgs.service.ts';

export { OrgSchema, OrgSlugSchema, type Org } from './orgs.schemas.ts';
export type { OrgsService } from './orgs.service.ts';
export type { BrandingService, PublicBranding } from './branding.service.ts';

export function createOrgsModule(deps: { database: Pick<Database, 'unscoped' | 'unscopedTransaction' | 'tenant'>; apiKeys: Pick<ApiKeysService, 'issue'> }) {
  const service = createOrgsService({ database: deps.database, repo: createOrgsRepo(), apiKeys: deps.apiKeys });
  const branding = createBrandingService({ database: deps.database, repo: createBrandingRepo(), orgById: service.get });
  return { service, branding, routes: [orgsRoutes(service, branding)] };
}
