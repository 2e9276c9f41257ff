import { AppError, notFound } from '../../../app-error.ts';
import type { Database } from '../../../infra/db/database.ts';
import { authorize, requireWholeOrg, type Principal } from '../../access/index.ts';
import type { CandidateFieldsRepo, FieldDefinitionRow } from './candidate-fields.repo.ts';
import type { CreateFieldInput, FieldDefinition } from './candidates.schemas.ts';

const toDefinition = (row: FieldDefinitionRow): FieldDefinition => ({
  id: row.id, key: row.key, label: row.label, type: row.type, options: row.options, createdAt: row.createdAt.toISOString(),
});

/**
 * The org's custom candidate fields. Defining or removing one changes every candidate's profile, so
 * it takes candidates:write with whole-org reach (recruiters, admins, owners, API keys).
 */
export function createCandidateFieldsService({ database, repo, clock }: { database: Pick<Database, 'tenant'>; repo: CandidateFieldsRepo; clock: () => Date }) {
  return {
    async list(principal: Principal): Promise<FieldDefinition[]> {
      const { orgId } = authorize(principal, 'candidates:read');
      return (await database.tenant(orgId, (tx) => repo.list(tx, orgId))).map(toDefinition);
    },

    async create(principal: Principal, input: CreateFieldInput): Promise<FieldDefinition> {
      const access = authorize(principal, 'candidates:write');
      requireWholeOrg(access, 'define candidate fields');
      const options = [...new Set(input.options ?? [])];
      if (input.type === 'choice' && options.length === 0) {
        throw new AppError('validation-failed', 'A choice field needs options', { fields: [{ field: 'options', detail: 'needs at least one option' }] });
      }
      if (input.type !== 'choice' && options.length > 0) {
        throw new AppError('validation-failed', `A ${input.type} field takes no options`, { fields: [{ field: 'options', detail: 'only for type choice' }] });
      }
      const row = await database.tenant(access.orgId, (tx) => repo.insert(tx, {
        orgId: access.orgId, key: input.key, label: input.label.trim(), type: input.type, options, createdAt: clock(),
      }));
      if (!row) throw new AppError('conflict', `The organization already has a candidate field with key ${input.key}`);
      return toDefinition(row);
    },

    /** Removes the field and its value from every candidate. */
    async remove(principal: Principal, id: string): Promise<void> {
      const access = authorize(principal, 'candidates:write');
      requireWholeOrg(access, 'remove candidate fields');
      const removed = await database.tenant(access.orgId, (tx) => repo.delete(tx, access.orgId, id, clock()));
      if (!removed) throw notFound('Candidate field');
    },
  };
}
export type CandidateFieldsService = ReturnType<typeof createCandidateFieldsService>;
