import { createHash, randomBytes } from 'node:crypto';
import { AppError } from '../../app-error.ts';
import type { Database } from '../../infra/db/database.ts';
import { newId } from '../../infra/db/ids.ts';
import type { Principal } from '../../http/request-context.ts';
import type { OrgRow, OrgsRepo } from './orgs.repo.ts';
import { slugPattern, type Org } from './orgs.schemas.ts';

// API keys carry 256 random bits, so a fast hash is the right tool (no salt or KDF needed:
// nothing to brute-force), and it lets a lookup go straight to a unique index.
const hashKey = (key: string): string => createHash('sha256').update(key).digest('hex');

export const slugify = (name: string): string =>
  name.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 63).replace(/-+$/, '');

const toOrg = (row: OrgRow): Org => ({ id: row.id, slug: row.slug, name: row.name, createdAt: row.createdAt.toISOString() });

export interface OrgsServiceDeps {
  database: Pick<Database, 'transaction'>;
  repo: OrgsRepo;
}

export function createOrgsService({ database, repo }: OrgsServiceDeps) {
  // last_used_at is advisory: write it at most once a minute per key, off the request's path.
  const lastTouched = new Map<string, number>();

  return {
    /** Creates an org and its first API key; the key is returned once and never stored. */
    async createOrg(input: { name: string; slug?: string }): Promise<{ org: Org; apiKey: string }> {
      const name = input.name.trim();
      if (name.length === 0 || name.length > 200) throw new AppError('validation-failed', 'An organization name needs 1 to 200 characters');
      const slug = input.slug ?? slugify(name);
      if (!new RegExp(slugPattern).test(slug)) {
        throw new AppError('validation-failed', `"${slug}" is not a valid slug: use lowercase letters, digits and inner hyphens`);
      }
      return database.transaction(async (tx) => {
        const row = await repo.insertOrg({ id: newId('org'), slug, name }, tx);
        if (!row) throw new AppError('conflict', `An organization with slug "${slug}" already exists`);
        const apiKey = await issueKey(row.id, 'default', tx);
        return { org: toOrg(row), apiKey };
      });
    },

    async findBySlug(slug: string): Promise<Org | null> {
      const row = await repo.findBySlug(slug);
      return row ? toOrg(row) : null;
    },

    async get(orgId: string): Promise<Org> {
      const row = await repo.findById(orgId);
      if (!row) throw new AppError('not-found', 'Organization was not found');
      return toOrg(row);
    },

    async authenticate(apiKey: string): Promise<Principal | null> {
      if (!apiKey.startsWith('hl_') || apiKey.length > 100) return null;
      const found = await repo.findActiveKey(hashKey(apiKey));
      if (!found) return null;
      const now = Date.now();
      if ((lastTouched.get(found.keyId) ?? 0) < now - 60_000) {
        lastTouched.set(found.keyId, now);
        repo.touchKey(found.keyId, new Date(now)).catch(() => lastTouched.delete(found.keyId));
      }
      return { orgId: found.orgId, orgSlug: found.orgSlug, apiKeyId: found.keyId };
    },
  };

  async function issueKey(orgId: string, name: string, tx: Parameters<OrgsRepo['insertApiKey']>[1]): Promise<string> {
    const apiKey = `hl_${randomBytes(32).toString('base64url')}`;
    await repo.insertApiKey({ id: newId('key'), orgId, name, prefix: apiKey.slice(0, 7), hash: hashKey(apiKey) }, tx);
    return apiKey;
  }
}
export type OrgsService = ReturnType<typeof createOrgsService>;
