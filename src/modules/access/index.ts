import type { Database } from '../../infra/db/database.ts';
import type { AuditService } from '../audit/index.ts';
import { createApiKeysRepo } from './api-keys.repo.ts';
import { apiKeysRoutes } from './api-keys.routes.ts';
import { createApiKeysService, isApiKey } from './api-keys.service.ts';
import type { Authenticate } from './principal.ts';

export { authorize, requireWholeOrg, type JobAccess } from './authorize.ts';
export { RoleSchema } from './access.schemas.ts';
export { throttleLastUsed } from './last-used.ts';
export {
  canAssignRole, grantsOfRole, permissionMatrix, permissions, roles, type Grants, type Permission, type Reach, type Role,
} from './permission-matrix.ts';
export {
  auditActor, callerOf, roleOfActor, userOf, wholeOrg, type Actor, type Authenticate, type Caller, type Principal,
} from './principal.ts';
export type { ApiKeysService } from './api-keys.service.ts';

/** Principals, the permission matrix and API keys: who is calling and what they may do. */
export function createAccessModule(deps: { database: Pick<Database, 'unscoped' | 'tenant'>; audit: Pick<AuditService, 'record'> }) {
  const apiKeys = createApiKeysService({ database: deps.database, repo: createApiKeysRepo(), audit: deps.audit });
  return {
    apiKeys,
    routes: apiKeysRoutes(apiKeys),
    /** One bearer credential → principal: an API key by its prefix, anything else as an access token (the identity module's). */
    authenticateWith: (accessTokens: Authenticate): Authenticate => (credential) =>
      (isApiKey(credential) ? apiKeys.authenticate(credential) : accessTokens(credential)),
  };
}
