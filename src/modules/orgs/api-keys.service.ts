import { AppError, notFound } from '../../app-error.ts';
import type { Principal } from '../../http/auth.ts';
import type { Database, DbExecutor } from '../../infra/db/database.ts';
import { newId } from '../../infra/db/ids.ts';
import type { AuditService } from '../audit/audit.service.ts';
import type { RequestOrigin } from '../audit/audit.schemas.ts';
import { grantsOfScopes, permissions, type Grants, type Permission } from '../identity/identity.permissions.ts';
import type { ApiKey, CreateApiKeyInput } from './api-keys.schemas.ts';
import type { ApiKeyRow, OrgsRepo } from './orgs.repo.ts';
import { hashSecretToken, newSecretToken } from '../../infra/crypto/secret-tokens.ts';

// API keys carry 256 random bits, so a fast hash is the right tool (no salt or KDF needed:
// nothing to brute-force), and it lets a lookup go straight to a unique index.

const toApiKey = (row: ApiKeyRow): ApiKey => ({
  id: row.id, name: row.name, prefix: row.prefix,
  scopes: row.scopes.filter((s): s is Permission => (permissions as readonly string[]).includes(s)),
  expiresAt: row.expiresAt?.toISOString() ?? null, lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
  revokedAt: row.revokedAt?.toISOString() ?? null, createdBy: row.createdBy, createdAt: row.createdAt.toISOString(),
});

export interface ApiKeysServiceDeps {
  database: Pick<Database, 'db' | 'system' | 'tenant'>;
  repo: OrgsRepo;
  audit: Pick<AuditService, 'record'>;
  clock?: () => Date;
}

/** Who acts, as the audit log records it. */
export interface KeyActor {
  type: 'user' | 'api-key' | 'system';
  id: string | null;
  origin?: RequestOrigin;
}

export function createApiKeysService({ database, repo, audit, clock = () => new Date() }: ApiKeysServiceDeps) {
  // last_used_at is advisory: write it at most once a minute per key, off the request's path.
  const lastTouched = new Map<string, number>();

  async function issue(orgId: string, input: CreateApiKeyInput, actor: KeyActor | null, tx: DbExecutor): Promise<{ apiKey: string; key: ApiKey }> {
    const expiresAt = input.expiresAt ? new Date(input.expiresAt) : null;
    if (expiresAt && expiresAt <= clock()) {
      throw new AppError('validation-failed', 'expiresAt must be in the future', { errors: [{ in: 'body', pointer: '/expiresAt', detail: 'must be in the future' }] });
    }
    const { token: apiKey, hash } = newSecretToken('hl_');
    const id = newId('key');
    await repo.insertApiKey({
      id, orgId, name: input.name, prefix: apiKey.slice(0, 7), hash,
      scopes: [...new Set(input.scopes)], expiresAt, createdBy: actor?.type === 'user' ? actor.id : null,
    }, tx);
    if (actor) {
      await audit.record({ orgId, action: 'api_key.created', actor, origin: actor.origin, target: { type: 'api_key', id }, data: { name: input.name, scopes: input.scopes } }, tx);
    }
    const row = await repo.findKey(orgId, id, tx);
    if (!row) throw new Error('inserted key not found');
    return { apiKey, key: toApiKey(row) };
  }

  return {
    issue,

    async authenticate(apiKey: string): Promise<Principal | null> {
      if (!apiKey.startsWith('hl_') || apiKey.length > 100) return null;
      const now = clock();
      // The key names its org, so this lookup precedes any org and runs as the owner.
      const found = await repo.findActiveKey(hashSecretToken(apiKey), now, database.db);
      if (!found) return null;
      if ((lastTouched.get(found.keyId) ?? 0) < now.getTime() - 60_000) {
        lastTouched.set(found.keyId, now.getTime());
        repo.touchKey(found.keyId, now, database.db).catch(() => lastTouched.delete(found.keyId));
      }
      return { orgId: found.orgId, actor: { kind: 'api-key', apiKeyId: found.keyId }, grants: grantsOfScopes(found.scopes) };
    },

    async list(orgId: string): Promise<ApiKey[]> {
      return (await database.tenant(orgId, (tx) => repo.listKeys(orgId, tx))).map(toApiKey);
    },

    /** Keys are created by someone who holds every scope they hand out, so a key never widens access. */
    async create(orgId: string, input: CreateApiKeyInput, actor: KeyActor, held: Grants): Promise<{ apiKey: string; key: ApiKey }> {
      const beyond = input.scopes.filter((scope) => held.get(scope) !== 'all');
      if (beyond.length > 0) throw new AppError('forbidden', `You cannot grant scopes you do not hold: ${beyond.join(', ')}`);
      return database.tenant(orgId, (tx) => issue(orgId, input, actor, tx));
    },

    /** A key with every scope for an operator at the command line (no user to check); audited as the system. */
    async createForOperator(orgId: string, name: string): Promise<{ apiKey: string; key: ApiKey }> {
      return database.tenant(orgId, (tx) => issue(orgId, { name, scopes: [...permissions] }, { type: 'system', id: null }, tx));
    },

    async revoke(orgId: string, keyId: string, actor: KeyActor): Promise<ApiKey> {
      return database.tenant(orgId, async (tx) => {
        const row = await repo.revokeKey(orgId, keyId, clock(), tx);
        if (!row) {
          if (await repo.findKey(orgId, keyId, tx)) throw new AppError('conflict', 'The key is already revoked');
          throw notFound('API key');
        }
        await audit.record({ orgId, action: 'api_key.revoked', actor, origin: actor.origin, target: { type: 'api_key', id: keyId }, data: { name: row.name } }, tx);
        return toApiKey(row);
      });
    },
  };
}
export type ApiKeysService = ReturnType<typeof createApiKeysService>;
