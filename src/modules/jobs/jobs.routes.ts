import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { parseIfMatch, versionEtag } from '../../http/preconditions.ts';
import { bearerAuth, principalOf, type Authenticate } from '../../http/request-context.ts';
import { commonErrorResponses, Page, problemRef } from '../../http/schemas.ts';
import { jobActions } from './jobs.lifecycle.ts';
import {
  CreateJobBodySchema, ImportJobBodySchema, JobIdParamsSchema, JobSchema, ListJobsQuerySchema, UpdateJobBodySchema,
} from './jobs.schemas.ts';
import type { JobsService } from './jobs.service.ts';

const authErrors = { 401: problemRef, 404: problemRef };
const IfMatchHeaders = Type.Object({ 'if-match': Type.Optional(Type.String({ description: 'ETag from a previous read; a stale one fails with 412' })) });

export function jobsRoutes(service: JobsService, authenticate: Authenticate): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.addHook('onRequest', bearerAuth(authenticate));
    const base = { tags: ['jobs'], security: [{ apiKey: [] }] };

    app.post('/v1/jobs', {
      schema: { ...base, summary: 'Create a draft job', body: CreateJobBodySchema, response: { 201: JobSchema, ...commonErrorResponses, ...authErrors } },
    }, async (request, reply) => {
      const job = await service.create(principalOf(request).orgId, request.body);
      return reply.code(201).header('location', `/v1/jobs/${job.id}`).header('etag', versionEtag(job.version)).send(job);
    });

    app.get('/v1/jobs', {
      schema: { ...base, summary: 'List jobs', querystring: ListJobsQuerySchema, response: { 200: Page(JobSchema), ...commonErrorResponses, ...authErrors } },
    }, async (request) => service.list(principalOf(request).orgId, request.query));

    app.get('/v1/jobs/:id', {
      schema: { ...base, summary: 'Get a job', params: JobIdParamsSchema, response: { 200: JobSchema, ...commonErrorResponses, ...authErrors } },
    }, async (request, reply) => {
      const job = await service.get(principalOf(request).orgId, request.params.id);
      return reply.header('etag', versionEtag(job.version)).send(job);
    });

    app.patch('/v1/jobs/:id', {
      schema: {
        ...base, summary: 'Update a job', description: 'Send `If-Match` with the ETag you read to avoid overwriting someone else\'s change.',
        params: JobIdParamsSchema, headers: IfMatchHeaders, body: UpdateJobBodySchema,
        response: { 200: JobSchema, ...commonErrorResponses, ...authErrors, 409: problemRef, 412: problemRef, 422: problemRef },
      },
    }, async (request, reply) => {
      const job = await service.update(principalOf(request).orgId, request.params.id, request.body, parseIfMatch(request.headers['if-match']));
      return reply.header('etag', versionEtag(job.version)).send(job);
    });

    app.delete('/v1/jobs/:id', {
      schema: {
        ...base, summary: 'Delete a job', params: JobIdParamsSchema, headers: IfMatchHeaders,
        response: { 204: Type.Null(), ...commonErrorResponses, ...authErrors, 412: problemRef },
      },
    }, async (request, reply) => {
      await service.remove(principalOf(request).orgId, request.params.id, parseIfMatch(request.headers['if-match']));
      return reply.code(204).send(null);
    });

    for (const action of jobActions) {
      app.post(`/v1/jobs/:id/${action}`, {
        schema: {
          ...base, summary: `${action[0]?.toUpperCase()}${action.slice(1)} a job`, params: JobIdParamsSchema,
          response: { 200: JobSchema, ...commonErrorResponses, ...authErrors, 409: problemRef, 422: problemRef },
        },
      }, async (request, reply) => {
        const job = await service.transition(principalOf(request).orgId, request.params.id, action);
        return reply.header('etag', versionEtag(job.version)).send(job);
      });
    }

    app.post('/v1/jobs/import', {
      schema: {
        ...base, summary: 'Create a draft job from raw job-description text',
        body: ImportJobBodySchema,
        response: { 201: Type.Object({ job: JobSchema, warnings: Type.Array(Type.String()) }), ...commonErrorResponses, ...authErrors },
      },
    }, async (request, reply) => {
      const result = await service.importDescription(principalOf(request).orgId, request.body.text);
      return reply.code(201).header('location', `/v1/jobs/${result.job.id}`).send(result);
    });
  };
}
