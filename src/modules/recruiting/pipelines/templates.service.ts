import { AppError, notFound } from '../../../app-error.ts';
import type { Database } from '../../../infra/db/database.ts';
import { authorize, requireWholeOrg, type Principal } from '../../access/index.ts';
import type { PipelinesRepo, TemplateRow } from './pipelines.repo.ts';
import type { CreateTemplateInput, PipelineTemplate, UpdateTemplateInput } from './pipelines.schemas.ts';
import { checkStages, normalizedStage } from './stage-rules.ts';

/** Templates are few per org; the cap keeps their listing one unpaginated answer. */
export const MAX_TEMPLATES = 100;

export interface TemplatesServiceDeps {
  database: Pick<Database, 'tenant'>;
  repo: PipelinesRepo;
  clock?: () => Date;
}

export const toTemplate = (row: TemplateRow): PipelineTemplate => ({
  id: row.id, name: row.name, isDefault: row.isDefault, stages: row.stages,
  createdAt: row.createdAt.toISOString(), updatedAt: row.updatedAt.toISOString(), version: row.version,
});

function checkVersion(current: TemplateRow, expected: readonly number[] | undefined): void {
  if (expected !== undefined && !expected.includes(current.version)) {
    throw new AppError('precondition-failed', `The template is at version ${current.version}; fetch it again and reapply your change`);
  }
}

const stagesOfInput = (stages: CreateTemplateInput['stages']) => {
  checkStages(stages);
  return stages.map(normalizedStage).map(({ name, kind, candidateName }) => ({ name, kind, candidateName }));
};

/**
 * The org's pipeline templates. Reading needs jobs:read; changing them shapes every future job's
 * pipeline, so it needs jobs:write over the whole org. Changing a template never changes the
 * stages of a job that already has them: those are the job's own copy.
 */
export function createTemplatesService({ database, repo, clock = () => new Date() }: TemplatesServiceDeps) {
  const writer = (principal: Principal, what: string) => {
    const access = authorize(principal, 'jobs:write');
    requireWholeOrg(access, what);
    return access.orgId;
  };

  return {
    async list(principal: Principal): Promise<PipelineTemplate[]> {
      const { orgId } = authorize(principal, 'jobs:read');
      return database.tenant(orgId, async (tx) => {
        await repo.defaultTemplate(tx, orgId);
        return (await repo.listTemplates(tx, orgId)).map(toTemplate);
      });
    },

    async get(principal: Principal, id: string): Promise<PipelineTemplate> {
      const { orgId } = authorize(principal, 'jobs:read');
      const row = await database.tenant(orgId, (tx) => repo.findTemplate(tx, orgId, id));
      if (!row) throw notFound('Pipeline template');
      return toTemplate(row);
    },

    async create(principal: Principal, input: CreateTemplateInput): Promise<PipelineTemplate> {
      const orgId = writer(principal, 'create pipeline templates');
      const stages = stagesOfInput(input.stages);
      return database.tenant(orgId, async (tx) => {
        await repo.lockTemplates(tx, orgId);
        if (await repo.countTemplates(tx, orgId) >= MAX_TEMPLATES) throw new AppError('conflict', `An organization has at most ${MAX_TEMPLATES} pipeline templates; delete one first`);
        const now = clock();
        // The org always has a default: the lazily created one, unless this one takes its place.
        if (input.isDefault) await repo.unsetDefault(tx, orgId, now);
        else await repo.defaultTemplate(tx, orgId);
        return toTemplate(await repo.insertTemplate(tx, { orgId, name: input.name.trim(), isDefault: input.isDefault ?? false, stages, now }));
      });
    },

    async update(principal: Principal, id: string, input: UpdateTemplateInput, expectedVersions?: readonly number[]): Promise<PipelineTemplate> {
      const orgId = writer(principal, 'change pipeline templates');
      const stages = input.stages ? stagesOfInput(input.stages) : undefined;
      return database.tenant(orgId, async (tx) => {
        await repo.lockTemplates(tx, orgId);
        const current = await repo.findTemplate(tx, orgId, id);
        if (!current) throw notFound('Pipeline template');
        checkVersion(current, expectedVersions);
        const now = clock();
        const becomesDefault = input.isDefault === true && !current.isDefault;
        if (becomesDefault) await repo.unsetDefault(tx, orgId, now);
        return toTemplate(await repo.updateTemplate(tx, orgId, id, {
          ...(input.name !== undefined ? { name: input.name.trim() } : {}),
          ...(stages ? { stages } : {}),
          ...(becomesDefault ? { isDefault: true } : {}),
        }, now));
      });
    },

    async remove(principal: Principal, id: string, expectedVersions?: readonly number[]): Promise<void> {
      const orgId = writer(principal, 'delete pipeline templates');
      await database.tenant(orgId, async (tx) => {
        await repo.lockTemplates(tx, orgId);
        const current = await repo.findTemplate(tx, orgId, id);
        if (!current) throw notFound('Pipeline template');
        checkVersion(current, expectedVersions);
        if (current.isDefault) throw new AppError('conflict', 'The default template cannot be deleted; make another template the default first');
        await repo.deleteTemplate(tx, orgId, id);
      });
    },
  };
}
export type TemplatesService = ReturnType<typeof createTemplatesService>;
