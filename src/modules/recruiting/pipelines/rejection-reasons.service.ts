import { AppError, notFound } from '../../../app-error.ts';
import type { Database } from '../../../infra/db/database.ts';
import { authorize, requireWholeOrg, type Principal } from '../../access/index.ts';
import type { RejectionReason, UpdateReasonInput } from './pipelines.schemas.ts';
import type { RejectionReasonRow, RejectionReasonsRepo } from './rejection-reasons.repo.ts';

/** A list a recruiter picks from, not a taxonomy: the cap keeps it one unpaginated answer. */
export const MAX_REASONS = 200;

export const toReason = (row: RejectionReasonRow): RejectionReason => ({
  id: row.id, name: row.name, archived: row.archivedAt !== null, archivedAt: row.archivedAt?.toISOString() ?? null, createdAt: row.createdAt.toISOString(),
});

const nameTaken = (name: string) => new AppError('conflict', `The organization already has a rejection reason named "${name}"`);

/**
 * The org's rejection reasons: anyone who reads candidates reads the list; defining it is for
 * callers over the whole org (candidates:write without an assigned reach), as it serves every job.
 */
export function createRejectionReasonsService({ database, repo, clock = () => new Date() }: {
  database: Pick<Database, 'tenant'>;
  repo: RejectionReasonsRepo;
  clock?: () => Date;
}) {
  const writer = (principal: Principal) => {
    const access = authorize(principal, 'candidates:write');
    requireWholeOrg(access, 'define rejection reasons');
    return access.orgId;
  };

  return {
    async list(principal: Principal): Promise<RejectionReason[]> {
      const { orgId } = authorize(principal, 'candidates:read');
      return database.tenant(orgId, async (tx) => {
        await repo.ensureDefaults(tx, orgId, clock());
        return (await repo.list(tx, orgId)).map(toReason);
      });
    },

    async create(principal: Principal, input: { name: string }): Promise<RejectionReason> {
      const orgId = writer(principal);
      const name = input.name.trim();
      if (!name) throw new AppError('validation-failed', 'The name is blank', { fields: [{ field: 'name', detail: 'must not be blank' }] });
      return database.tenant(orgId, async (tx) => {
        await repo.lock(tx, orgId);
        await repo.ensureDefaults(tx, orgId, clock());
        if (await repo.nameTaken(tx, orgId, name)) throw nameTaken(name);
        if (await repo.count(tx, orgId) >= MAX_REASONS) throw new AppError('conflict', `An organization has at most ${MAX_REASONS} rejection reasons; archive or rename one`);
        return toReason(await repo.insert(tx, orgId, name, clock()));
      });
    },

    /** Renames or (un)archives; an archived reason stays on the rejections that used it. */
    async update(principal: Principal, id: string, input: UpdateReasonInput): Promise<RejectionReason> {
      const orgId = writer(principal);
      const name = input.name?.trim();
      if (name === '') throw new AppError('validation-failed', 'The name is blank', { fields: [{ field: 'name', detail: 'must not be blank' }] });
      return database.tenant(orgId, async (tx) => {
        await repo.lock(tx, orgId);
        const current = await repo.find(tx, orgId, id);
        if (!current) throw notFound('Rejection reason');
        if (name !== undefined && await repo.nameTaken(tx, orgId, name, id)) throw nameTaken(name);
        const archivedAt = input.archived === undefined ? undefined : input.archived ? (current.archivedAt ?? clock()) : null;
        return toReason(await repo.update(tx, orgId, id, {
          ...(name !== undefined ? { name } : {}),
          ...(archivedAt !== undefined ? { archivedAt } : {}),
        }));
      });
    },
  };
}
export type RejectionReasonsService = ReturnType<typeof createRejectionReasonsService>;
