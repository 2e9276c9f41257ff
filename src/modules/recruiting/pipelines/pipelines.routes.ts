import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { principalOf } from '../../../http/auth.ts';
import { acceptedVersions, IfMatchHeadersSchema, versionEtag } from '../../../http/preconditions.ts';
import { commonErrorResponses, problemRef } from '../../../http/schemas.ts';
import type { JobStagesService } from './job-stages.service.ts';
import {
  ApplyTemplateBodySchema, CreateReasonBodySchema, CreateTemplateBodySchema, IdParamsSchema, PipelineTemplateSchema, RejectionReasonSchema,
  ReplaceStagesBodySchema, StageListSchema, UpdateReasonBodySchema, UpdateTemplateBodySchema,
} from './pipelines.schemas.ts';
import type { RejectionReasonsService } from './rejection-reasons.service.ts';
import type { TemplatesService } from './templates.service.ts';

const errors = { ...commonErrorResponses, 403: problemRef, 404: problemRef };
const access = (permission: 'jobs:read' | 'jobs:write' | 'candidates:read' | 'candidates:write') => ({ access: { permission } }) as const;
const List = <T extends Parameters<typeof Type.Array>[0]>(item: T) => Type.Object({ data: Type.Array(item), nextCursor: Type.Null({ description: 'Always null: the whole list fits one answer' }) });

export function pipelinesRoutes(templates: TemplatesService, stages: JobStagesService, reasons: RejectionReasonsService): FastifyPluginAsyncTypebox {
  return async (app) => {
    const tags = { tags: ['pipelines'] };

    app.get('/v1/pipeline-templates', {
      config: access('jobs:read'),
      schema: { ...tags, summary: 'List the org\'s pipeline templates (the default first)', response: { 200: List(PipelineTemplateSchema), ...errors } },
    }, async (request) => ({ data: await templates.list(principalOf(request)), nextCursor: null }));

    app.post('/v1/pipeline-templates', {
      config: access('jobs:write'),
      schema: {
        ...tags, summary: 'Create a pipeline template', description: 'Needs jobs:write over the whole organization.',
        body: CreateTemplateBodySchema, response: { 201: PipelineTemplateSchema, ...errors, 409: problemRef },
      },
    }, async (request, reply) => {
      const template = await templates.create(principalOf(request), request.body);
      return reply.code(201).header('location', `/v1/pipeline-templates/${template.id}`).header('etag', versionEtag(template.version)).send(template);
    });

    app.get('/v1/pipeline-templates/:id', {
      config: access('jobs:read'),
      schema: { ...tags, summary: 'Get a pipeline template', params: IdParamsSchema, response: { 200: PipelineTemplateSchema, ...errors } },
    }, async (request, reply) => {
      const template = await templates.get(principalOf(request), request.params.id);
      return reply.header('etag', versionEtag(template.version)).send(template);
    });

    app.patch('/v1/pipeline-templates/:id', {
      config: access('jobs:write'),
      schema: {
        ...tags, summary: 'Change a pipeline template', description: 'Jobs that already have stages keep them. Send `If-Match` with the ETag you read.',
        params: IdParamsSchema, headers: IfMatchHeadersSchema, body: UpdateTemplateBodySchema, response: { 200: PipelineTemplateSchema, ...errors, 412: problemRef },
      },
    }, async (request, reply) => {
      const template = await templates.update(principalOf(request), request.params.id, request.body, acceptedVersions(request.headers['if-match']));
      return reply.header('etag', versionEtag(template.version)).send(template);
    });

    app.delete('/v1/pipeline-templates/:id', {
      config: access('jobs:write'),
      schema: {
        ...tags, summary: 'Delete a pipeline template (not the default)', params: IdParamsSchema, headers: IfMatchHeadersSchema,
        response: { 204: Type.Null(), ...errors, 409: problemRef, 412: problemRef },
      },
    }, async (request, reply) => {
      await templates.remove(principalOf(request), request.params.id, acceptedVersions(request.headers['if-match']));
      return reply.code(204).send(null);
    });

    app.get('/v1/jobs/:id/stages', {
      config: access('jobs:read'),
      schema: {
        ...tags, summary: 'A job\'s stages, in order', description: 'The first time, they are copied from the org\'s default template.',
        params: IdParamsSchema, response: { 200: StageListSchema, ...errors },
      },
    }, async (request) => ({ data: await stages.list(principalOf(request), request.params.id) }));

    app.put('/v1/jobs/:id/stages', {
      config: access('jobs:write'),
      schema: {
        ...tags, summary: 'Replace a job\'s stages',
        description: 'Entries with an `id` keep that stage (renamed, reordered); entries without one are new; stages left out are removed. '
          + 'A removed stage that holds applications needs a `moves` entry naming the kept stage they go to (409 otherwise, naming the stage and its count); '
          + 'each moved application gets a history entry and an `application.stage_changed` event, all in one transaction.',
        params: IdParamsSchema, body: ReplaceStagesBodySchema, response: { 200: StageListSchema, ...errors, 409: problemRef },
      },
    }, async (request) => ({ data: await stages.replace(principalOf(request), request.params.id, request.body) }));

    app.post('/v1/jobs/:id/stages/apply-template', {
      config: access('jobs:write'),
      schema: {
        ...tags, summary: 'Give a job the stages of a template', description: 'Only for a job with no applications yet (409 otherwise).',
        params: IdParamsSchema, body: ApplyTemplateBodySchema, response: { 200: StageListSchema, ...errors, 409: problemRef },
      },
    }, async (request) => ({ data: await stages.applyTemplate(principalOf(request), request.params.id, request.body.templateId) }));

    app.get('/v1/rejection-reasons', {
      config: access('candidates:read'),
      schema: { ...tags, summary: 'The org\'s rejection reasons, archived ones included', response: { 200: List(RejectionReasonSchema), ...errors } },
    }, async (request) => ({ data: await reasons.list(principalOf(request)), nextCursor: null }));

    app.post('/v1/rejection-reasons', {
      config: access('candidates:write'),
      schema: {
        ...tags, summary: 'Add a rejection reason', description: 'Needs candidates:write over the whole organization.',
        body: CreateReasonBodySchema, response: { 201: RejectionReasonSchema, ...errors, 409: problemRef },
      },
    }, async (request, reply) => reply.code(201).send(await reasons.create(principalOf(request), request.body)));

    app.patch('/v1/rejection-reasons/:id', {
      config: access('candidates:write'),
      schema: {
        ...tags, summary: 'Rename or archive a rejection reason', description: 'An archived reason cannot be given for new rejections; old ones keep it.',
        params: IdParamsSchema, body: UpdateReasonBodySchema, response: { 200: RejectionReasonSchema, ...errors, 409: problemRef },
      },
    }, async (request) => reasons.update(principalOf(request), request.params.id, request.body));
  };
}
