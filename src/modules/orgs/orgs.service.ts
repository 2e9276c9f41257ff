import { AppError } from '../../app-error.ts';
import type { Database, DbExecutor } from '../../infra/db/database.ts';
import { newId } from '../../infra/db/ids.ts';
import { authorize, permissions, type ApiKeysService, type Principal } from '../access/index.ts';
import type { OrgRow, OrgsRepo } from './orgs.repo.ts';
import { slugPattern, type Org, type UpdateOrgInput } from './orgs.schemas.ts';

export const slugify = (name: string): string =>
  name.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 63).replace(/-+$/, '');

const toOrg = (row: OrgRow): Org => ({
  id: row.id, slug: row.slug, name: row.name, privacyNoticeUrl: row.privacyNoticeUrl, privacyNoticeVersion: row.privacyNoticeVersion,
  createdAt: row.createdAt.toISOString(),
});

export interface OrgsServiceDeps {
  /** `unscoped`: the registry of orgs is read before any org is known, and a new org has no wall yet. */
  database: Pick<Database, 'unscoped' | 'unscopedTransaction'>;
  repo: OrgsRepo;
  apiKeys: Pick<ApiKeysService, 'issue'>;
}

export function createOrgsService({ database, repo, apiKeys }: OrgsServiceDeps) {
  /** Inserts an org inside the caller's transaction (sign-up creates the org and its owner together). */
  async function insertOrg(input: { name: string; slug?: string }, tx: DbExecutor): Promise<Org> {
    const name = input.name.trim();
    if (name.length === 0 || name.length > 200) throw new AppError('validation-failed', 'An organization name needs 1 to 200 characters');
    const slug = input.slug ?? slugify(name);
    if (!new RegExp(slugPattern).test(slug)) {
      throw new AppError('validation-failed', `"${slug}" is not a valid slug: use lowercase letters, digits and inner hyphens`);
    }
    const row = await repo.insertOrg({ id: newId('org'), slug, name }, tx);
    if (!row) throw new AppError('conflict', `An organization with slug "${slug}" already exists`);
    return toOrg(row);
  }

  /** Any org by id, for services that already decided their caller may see it (sign-in, invitations, SSO). */
  async function get(orgId: string): Promise<Org> {
    const row = await repo.findById(orgId, database.unscoped);
    if (!row) throw new AppError('not-found', 'Organization was not found');
    return toOrg(row);
  }

  return {
    insertOrg,

    /** An org with a bootstrap API key holding every permission, for the CLI and demo data; the key is returned once. */
    async createOrg(input: { name: string; slug?: string }): Promise<{ org: Org; apiKey: string }> {
      return database.unscopedTransaction(async (tx) => {
        const org = await insertOrg(input, tx);
        const { apiKey } = await apiKeys.issue(org.id, { name: 'bootstrap', scopes: [...permissions] }, null, tx);
        return { org, apiKey };
      });
    },

    async findBySlug(slug: string): Promise<Org | null> {
      // The org registry is looked up before any org is known (public board slugs, sign-in).
      const row = await repo.findBySlug(slug, database.unscoped);
      return row ? toOrg(row) : null;
    },

    /**
     * The org a caller acts in. It needs no permission, only the principal: every role and every API key
     * may read its own org (GET /v1/org is open to any signed-in caller), and no principal reaches another.
     */
    async current(principal: Principal): Promise<Org> {
      return get(principal.orgId);
    },

    /** Owners and admins set the privacy notice; a URL and its version go together, since each consent records both. */
    async update(principal: Principal, input: UpdateOrgInput): Promise<Org> {
      const { orgId } = authorize(principal, 'org:manage');
      return database.unscopedTransaction(async (tx) => {
        const current = await repo.findById(orgId, tx);
        if (!current) throw new AppError('not-found', 'Organization was not found');
        const url = input.privacyNoticeUrl !== undefined ? input.privacyNoticeUrl : current.privacyNoticeUrl;
        const version = input.privacyNoticeVersion !== undefined ? input.privacyNoticeVersion : current.privacyNoticeVersion;
        if ((url === null) !== (version === null)) {
          const field = url === null ? 'privacyNoticeUrl' : 'privacyNoticeVersion';
          throw new AppError('validation-failed', 'A privacy notice needs both its URL and its version (or neither)', {
            fields: [{ field, detail: 'is required while the other is set' }],
          });
        }
        const row = await repo.update(orgId, { privacyNoticeUrl: url, privacyNoticeVersion: version }, tx);
        if (!row) throw new AppError('not-found', 'Organization was not found');
        return toOrg(row);
      });
    },

    get,
  };
}
export type OrgsService = ReturnType<typeof createOrgsService>;
