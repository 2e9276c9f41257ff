import { AppError, notFound } from '../../app-error.ts';
import { hashSecretToken, looksLikeSecretToken, newSecretToken, secretTokenPrefixes } from '../../infra/crypto/secret-tokens.ts';
import type { Database, DbExecutor } from '../../infra/db/database.ts';
import { newId } from '../../infra/db/ids.ts';
import type { AuditService } from '../audit/index.ts';
import type { ApiKeyRow, ApiKeysRepo } from './api-keys.repo.ts';
import type { ApiKey, CreateApiKeyInput } from './api-keys.schemas.ts';
import { authorize } from './authorize.ts';
import { throttleLastUsed } from './last-used.ts';
import { grantsOfPermissions, isPermission, permissions } from './permission-matrix.ts';
import { auditActor, type Caller, type Principal } from './principal.ts';

/** API keys are recognisable by their prefix; anything else presented as a bearer credential is an access token. */
export const isApiKey = (credential: string): boolean => credential.startsWith(secretTokenPrefixes.apiKey);

const toApiKey = (row: ApiKeyRow): ApiKey => ({
  id: row.id, name: row.name, prefix: row.prefix,
  scopes: row.permissions.filter(isPermission),
  expiresAt: row.expiresAt?.toISOString() ?? null, lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
  revokedAt: row.revokedAt?.toISOString() ?? null, createdBy: row.createdBy, createdAt: row.createdAt.toISOString(),
});

export interface ApiKeysServiceDeps {
  /** `unscoped`: a presented key names its org, so finding it precedes any org. */
  database: Pick<Database, 'unscoped' | 'tenant'>;
  repo: ApiKeysRepo;
  audit: Pick<AuditService, 'record'>;
  clock?: () => Date;
}

type AuditedActor = ReturnType<typeof auditActor> & { origin?: Caller['origin'] };

export function createApiKeysService({ database, repo, audit, clock = () => new Date() }: ApiKeysServiceDeps) {
  const touch = throttleLastUsed((keyId, at) => repo.touch(keyId, at, database.unscoped));

  /** Creates a key in the caller's transaction; `actor` null for a bootstrap key nobody asked for (a new org's). */
  async function issue(orgId: string, input: CreateApiKeyInput, actor: AuditedActor | null, tx: DbExecutor): Promise<{ apiKey: string; key: ApiKey }> {
    const expiresAt = input.expiresAt ? new Date(input.expiresAt) : null;
    if (expiresAt && expiresAt <= clock()) {
      throw new AppError('validation-failed', 'expiresAt must be in the future', { fields: [{ field: 'expiresAt', detail: 'must be in the future' }] });
    }
    const { token: apiKey, hash } = newSecretToken('apiKey');
    const id = newId('key');
    await repo.insert({
      id, orgId, name: input.name, prefix: apiKey.slice(0, 7), hash,
      permissions: [...new Set(input.scopes)], expiresAt, createdBy: actor?.type === 'user' ? actor.id : null,
    }, tx);
    if (actor) {
      const { origin, ...who } = actor;
      await audit.record({ orgId, action: 'api_key.created', actor: who, origin, target: { type: 'api_key', id }, data: { name: input.name, scopes: input.scopes } }, tx);
    }
    const row = await repo.find(orgId, id, tx);
    if (!row) throw new Error('inserted key not found');
    return { apiKey, key: toApiKey(row) };
  }

  return {
    issue,

    async authenticate(apiKey: string): Promise<Principal | null> {
      if (!looksLikeSecretToken('apiKey', apiKey)) return null;
      const now = clock();
      const found = await repo.findActive(hashSecretToken(apiKey), now, database.unscoped);
      if (!found) return null;
      touch(found.keyId, now);
      return { orgId: found.orgId, actor: { kind: 'api-key', apiKeyId: found.keyId }, grants: grantsOfPermissions(found.permissions) };
    },

    async list(principal: Principal): Promise<ApiKey[]> {
      const { orgId } = authorize(principal, 'api-keys:manage');
      return (await database.tenant(orgId, (tx) => repo.list(orgId, tx))).map(toApiKey);
    },

    /** A key holds only permissions its creator holds over the whole org, so a key never widens access. */
    async create({ principal, origin }: Caller, input: CreateApiKeyInput): Promise<{ apiKey: string; key: ApiKey }> {
      const { orgId } = authorize(principal, 'api-keys:manage');
      const beyond = input.scopes.filter((permission) => principal.grants.get(permission) !== 'all');
      if (beyond.length > 0) throw new AppError('forbidden', `You cannot grant scopes you do not hold: ${beyond.join(', ')}`);
      return database.tenant(orgId, (tx) => issue(orgId, input, { ...auditActor(principal.actor), origin }, tx));
    },

    /** A key with every permission for an operator at the command line (no user to check); audited as the system. */
    async createForOperator(orgId: string, name: string): Promise<{ apiKey: string; key: ApiKey }> {
      return database.tenant(orgId, (tx) => issue(orgId, { name, scopes: [...permissions] }, { type: 'system', id: null }, tx));
    },

    async revoke({ principal, origin }: Caller, keyId: string): Promise<ApiKey> {
      const { orgId } = authorize(principal, 'api-keys:manage');
      return database.tenant(orgId, async (tx) => {
        const row = await repo.revoke(orgId, keyId, clock(), tx);
        if (!row) {
          if (await repo.find(orgId, keyId, tx)) throw new AppError('conflict', 'The key is already revoked');
          throw notFound('API key');
        }
        await audit.record({ orgId, action: 'api_key.revoked', actor: auditActor(principal.actor), origin, target: { type: 'api_key', id: keyId }, data: { name: row.name } }, tx);
        return toApiKey(row);
      });
    },
  };
}
export type ApiKeysService = ReturnType<typeof createApiKeysService>;
