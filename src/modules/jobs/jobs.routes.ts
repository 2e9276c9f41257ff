import type { FastifyPluginAsyncTypebox, TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { acceptedVersions, IfMatchHeadersSchema, versionEtag } from '../../http/preconditions.ts';
import { principalOf } from '../../http/auth.ts';
import { cursorId, cursorTimestamp, decodeCursor, encodeCursor } from '../../http/cursor.ts';
import { commonErrorResponses, Page, problemRef } from '../../http/schemas.ts';
import { acceptPlainText, AssistQuerySchema, bodyText, FieldSourcesSchema, textBodySchema } from '../jd/index.ts';
import { foldEnumCase } from '../../http/enum-case.ts';
import { jobActions } from './jobs.lifecycle.ts';
import {
  CreateJobBodySchema, defaultJobSort, ImportJobBodySchema, ImportJobPlainBodySchema, JobIdParamsSchema, JobSchema, ListJobsQuerySchema, TeamMemberParamsSchema,
  TeamMemberSchema, UpdateJobBodySchema, type JobListPosition, type JobSort,
} from './jobs.schemas.ts';
import type { JobsService } from './jobs.service.ts';
import type { JobTeamService } from './jobs.team.service.ts';

const authErrors = { 404: problemRef };
const read = { access: { permission: 'jobs:read' } } as const;
const write = { access: { permission: 'jobs:write' } } as const;

/** A listing's cursor is tagged with its sort, so one sort's cursor cannot be replayed against another. */
const listCursor = {
  decode(cursor: string, sort: JobSort): JobListPosition {
    const values = decodeCursor(cursor, `jobs:${sort}`, 2);
    return { value: sort.endsWith('title') ? String(values[0]) : cursorTimestamp(values[0]), id: cursorId(values) };
  },
  encode: (position: JobListPosition, sort: JobSort): string => encodeCursor(`jobs:${sort}`, [position.value, position.id]),
};

export function jobsRoutes(service: JobsService, team: JobTeamService): FastifyPluginAsyncTypebox {
  return async (app) => {
    const base = { tags: ['jobs'] };

    app.post('/v1/jobs', {
      config: write,
      schema: { ...base, summary: 'Create a draft job', body: CreateJobBodySchema, response: { 201: JobSchema, ...commonErrorResponses, ...authErrors } },
    }, async (request, reply) => {
      const job = await service.create(principalOf(request), request.body);
      return reply.code(201).header('location', `/v1/jobs/${job.id}`).header('etag', versionEtag(job.version)).send(job);
    });

    app.get('/v1/jobs', {
      config: read,
      preValidation: foldEnumCase(ListJobsQuerySchema),
      schema: { ...base, summary: 'List jobs', querystring: ListJobsQuerySchema, response: { 200: Page(JobSchema), ...commonErrorResponses, ...authErrors } },
    }, async (request) => {
      const { cursor, ...query } = request.query;
      const sort = query.sort ?? defaultJobSort;
      const { data, next } = await service.list(principalOf(request), { ...query, after: cursor ? listCursor.decode(cursor, sort) : undefined });
      return { data, nextCursor: next ? listCursor.encode(next, sort) : null };
    });

    app.get('/v1/jobs/:id', {
      config: read,
      schema: { ...base, summary: 'Get a job', params: JobIdParamsSchema, response: { 200: JobSchema, ...commonErrorResponses, ...authErrors } },
    }, async (request, reply) => {
      const job = await service.get(principalOf(request), request.params.id);
      return reply.header('etag', versionEtag(job.version)).send(job);
    });

    app.patch('/v1/jobs/:id', {
      config: write,
      schema: {
        ...base, summary: 'Update a job', description: 'Send `If-Match` with the ETag you read to avoid overwriting someone else\'s change.',
        params: JobIdParamsSchema, headers: IfMatchHeadersSchema, body: UpdateJobBodySchema,
        response: { 200: JobSchema, ...commonErrorResponses, ...authErrors, 409: problemRef, 412: problemRef, 422: problemRef },
      },
    }, async (request, reply) => {
      const job = await service.update(principalOf(request), request.params.id, request.body, acceptedVersions(request.headers['if-match']));
      return reply.header('etag', versionEtag(job.version)).send(job);
    });

    app.delete('/v1/jobs/:id', {
      config: write,
      schema: {
        ...base, summary: 'Delete a job', params: JobIdParamsSchema, headers: IfMatchHeadersSchema,
        response: { 204: Type.Null(), ...commonErrorResponses, ...authErrors, 412: problemRef },
      },
    }, async (request, reply) => {
      await service.remove(principalOf(request), request.params.id, acceptedVersions(request.headers['if-match']));
      return reply.code(204).send(null);
    });

    for (const action of jobActions) {
      app.post(`/v1/jobs/:id/${action}`, {
        config: { access: { permission: 'jobs:publish' } },
        schema: {
          ...base, summary: `${action[0]?.toUpperCase()}${action.slice(1)} a job`, params: JobIdParamsSchema,
          response: { 200: JobSchema, ...commonErrorResponses, ...authErrors, 409: problemRef, 422: problemRef },
        },
      }, async (request, reply) => {
        const job = await service.transition(principalOf(request), request.params.id, action);
        return reply.header('etag', versionEtag(job.version)).send(job);
      });
    }

    // Its own plugin, so text/plain is accepted here and nowhere else in the jobs API.
    await app.register(async (plugin) => {
      acceptPlainText(plugin);
      const textRoutes = plugin.withTypeProvider<TypeBoxTypeProvider>();
      textRoutes.post('/v1/jobs/import', {
        config: write,
        schema: {
          ...base, summary: 'Create a draft job from raw job-description text',
          description: 'Send JSON `{"text": "..."}` or the posting itself as `text/plain`. '
            + 'With `?assist=llm`, fields the parser left empty or flagged are asked of the configured language model first (see POST /v1/job-descriptions/parse).',
          querystring: AssistQuerySchema,
          body: textBodySchema(ImportJobBodySchema, ImportJobPlainBodySchema),
          response: {
            201: Type.Object({ job: JobSchema, warnings: Type.Array(Type.String()), sources: Type.Optional(FieldSourcesSchema) }),
            ...commonErrorResponses, ...authErrors, 409: problemRef,
          },
        },
      }, async (request, reply) => {
        const result = await service.importDescription(principalOf(request), bodyText(request.body), request.query.assist === 'llm');
        return reply.code(201).header('location', `/v1/jobs/${result.job.id}`).send(result);
      });
    });

    app.get('/v1/jobs/:id/team', {
      config: read,
      schema: { ...base, summary: 'The job\'s hiring team', params: JobIdParamsSchema, response: { 200: Type.Object({ data: Type.Array(TeamMemberSchema) }), ...commonErrorResponses, ...authErrors } },
    }, async (request) => ({ data: await team.list(principalOf(request), request.params.id) }));

    app.put('/v1/jobs/:id/team/:userId', {
      config: write,
      schema: {
        ...base, summary: 'Add a member of the organization to the job\'s hiring team',
        description: 'Hiring managers and interviewers see only the jobs whose team they are on.',
        params: TeamMemberParamsSchema, response: { 200: Type.Object({ data: Type.Array(TeamMemberSchema) }), ...commonErrorResponses, ...authErrors },
      },
    }, async (request) => ({ data: await team.add(principalOf(request), request.params.id, request.params.userId) }));

    app.delete('/v1/jobs/:id/team/:userId', {
      config: write,
      schema: { ...base, summary: 'Remove someone from the job\'s hiring team', params: TeamMemberParamsSchema, response: { 204: Type.Null(), ...commonErrorResponses, ...authErrors } },
    }, async (request, reply) => {
      await team.remove(principalOf(request), request.params.id, request.params.userId);
      return reply.code(204).send(null);
    });
  };
}
