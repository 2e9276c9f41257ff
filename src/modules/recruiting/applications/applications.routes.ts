import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type, type Static, type TSchema } from 'typebox';
import { AppError } from '../../../app-error.ts';
import { principalOf } from '../../../http/auth.ts';
import { cursorId, cursorTimestamp, decodeCursor, encodeCursor } from '../../../http/cursor.ts';
import { acceptedVersions, IfMatchHeadersSchema, versionEtag } from '../../../http/preconditions.ts';
import { commonErrorResponses, Page, problemRef } from '../../../http/schemas.ts';
import type { ApplicationActions } from './applications.actions.ts';
import type { PipelineSort, StagePosition } from './applications.pipeline.repo.ts';
import {
  AddToJobBodySchema, ApplicationIdParamsSchema, ApplicationSchema, BulkMoveBodySchema, BulkRejectBodySchema, BulkResultsSchema, HistoryItemSchema,
  JobPipelineParamsSchema, ListApplicationsQuerySchema, MoveBodySchema, PipelineViewSchema, RejectBodySchema, ReopenBodySchema, StageApplicationSchema,
  StagePageQuerySchema, StageParamsSchema, UnrejectBodySchema, WithdrawBodySchema,
} from './applications.schemas.ts';
import type { ApplicationsService } from './applications.service.ts';
import type { ActionInput } from './applications.transitions.ts';

const read = { access: { permission: 'candidates:read' } } as const;
const write = { access: { permission: 'candidates:write' } } as const;
const errors = { ...commonErrorResponses, 403: problemRef, 404: problemRef };
const actionErrors = { ...errors, 409: problemRef };

/** The versions an action accepts: the body's expectedVersion or the If-Match header; naming two different ones is a mistake. */
function expectedVersions(body: { expectedVersion?: number } | undefined, ifMatch: string | undefined): readonly number[] | undefined {
  const header = acceptedVersions(ifMatch);
  const named = body?.expectedVersion;
  if (named === undefined) return header;
  if (header !== undefined && !header.includes(named)) {
    throw new AppError('validation-failed', 'expectedVersion and If-Match name different versions', { fields: [{ field: 'expectedVersion', detail: 'differs from If-Match' }] });
  }
  return [named];
}

const stageCursor = {
  decode(cursor: string, sort: PipelineSort): StagePosition {
    const values = decodeCursor(cursor, `pipeline:${sort}`, 2);
    return { at: cursorTimestamp(values[0]), id: cursorId(values) };
  },
  encode: (position: StagePosition, sort: PipelineSort): string => encodeCursor(`pipeline:${sort}`, [position.at, position.id]),
};

export function applicationsRoutes(service: ApplicationsService, actions: ApplicationActions): FastifyPluginAsyncTypebox {
  return async (app) => {
    const base = { tags: ['applications'] };

    app.post('/v1/applications', {
      config: write,
      schema: {
        ...base, summary: 'Add an existing candidate to a job',
        description: 'Lands in the job\'s first stage unless `stageId` names another. A candidate with an application to the job that is not withdrawn is a 409 naming it.',
        body: AddToJobBodySchema, response: { 201: ApplicationSchema, ...actionErrors },
      },
    }, async (request, reply) => {
      const application = await service.addToJob(principalOf(request), request.body);
      return reply.code(201).header('location', `/v1/applications/${application.id}`).header('etag', versionEtag(application.version)).send(application);
    });

    app.get('/v1/applications', {
      config: read,
      schema: { ...base, summary: 'List applications, oldest first', querystring: ListApplicationsQuerySchema, response: { 200: Page(ApplicationSchema), ...errors } },
    }, async (request) => {
      const { cursor, limit, ...filter } = request.query;
      const afterId = cursor ? cursorId(decodeCursor(cursor, 'applications', 1)) : undefined;
      const { data, next } = await service.list(principalOf(request), { ...filter, afterId, limit: limit ?? 20 });
      return { data, nextCursor: next ? encodeCursor('applications', [next]) : null };
    });

    app.get('/v1/applications/:id', {
      config: read,
      schema: { ...base, summary: 'Get an application with its stage', params: ApplicationIdParamsSchema, response: { 200: ApplicationSchema, ...errors } },
    }, async (request, reply) => {
      const application = await service.get(principalOf(request), request.params.id);
      return reply.header('etag', versionEtag(application.version)).send(application);
    });

    app.get('/v1/applications/:id/history', {
      config: read,
      schema: {
        ...base, summary: 'Everything that happened to an application, oldest first', params: ApplicationIdParamsSchema,
        response: { 200: Type.Object({ data: Type.Array(HistoryItemSchema) }), ...errors },
      },
    }, async (request) => ({ data: await service.history(principalOf(request), request.params.id) }));

    const action = <S extends TSchema>(name: string, summary: string, description: string, body: S, toInput: (body: Static<S>) => ActionInput) => {
      app.post(`/v1/applications/:id/${name}`, {
        config: write,
        // A body-less POST (unreject, reopen) means the same as an empty object.
        preValidation: async (request) => {
          request.body ??= {} as typeof request.body;
        },
        schema: { ...base, summary, description, params: ApplicationIdParamsSchema, headers: IfMatchHeadersSchema, body, response: { 200: ApplicationSchema, ...actionErrors } },
      }, async (request, reply) => {
        const given = request.body as Static<S> & { expectedVersion?: number };
        const application = await actions.act(principalOf(request), request.params.id, toInput(given), expectedVersions(given, request.headers['if-match']));
        return reply.header('etag', versionEtag(application.version)).send(application);
      });
    };
    const conflicts = 'An application in a state the action does not apply to is a 409 invalid-state-transition saying why; a version other than the one named is a 409 version-conflict.';
    action('move', 'Move an application to another stage of its job',
      `A stage of kind hired makes it hired. A stage of another job is a 400. ${conflicts}`, MoveBodySchema, (b) => ({ kind: 'move', stageId: b.stageId }));
    action('reject', 'Reject an application with one of the org\'s reasons',
      `The reason must be one of the organization's active rejection reasons (400 otherwise). ${conflicts}`, RejectBodySchema,
      (b) => ({ kind: 'reject', reasonId: b.reasonId, note: b.note ?? null }));
    action('unreject', 'Undo a rejection', conflicts, UnrejectBodySchema, () => ({ kind: 'unreject' }));
    action('withdraw', 'Record that the candidate withdrew', conflicts, WithdrawBodySchema, (b) => ({ kind: 'withdraw', note: b.note ?? null }));
    action('reopen', 'Put a hired or withdrawn application back into the pipeline',
      `It goes to \`stageId\`, or stays where it was, or (hired) to the nearest stage before the hired one; the answer shows which. ${conflicts}`,
      ReopenBodySchema, (b) => ({ kind: 'reopen', ...(b.stageId === undefined ? {} : { stageId: b.stageId }) }));

    const bulkDescription = 'Up to 500 distinct ids. Each application is moved (or rejected) completely or not at all; the answer has one result per id, in order.';
    app.post('/v1/applications/bulk/move', {
      config: write,
      schema: { ...base, summary: 'Move many applications to one stage', description: bulkDescription, body: BulkMoveBodySchema, response: { 200: BulkResultsSchema, ...errors } },
    }, async (request) => ({ results: await actions.bulk(principalOf(request), request.body.applicationIds, { kind: 'move', stageId: request.body.stageId }) }));

    app.post('/v1/applications/bulk/reject', {
      config: write,
      schema: { ...base, summary: 'Reject many applications with one reason', description: bulkDescription, body: BulkRejectBodySchema, response: { 200: BulkResultsSchema, ...errors } },
    }, async (request) => {
      const { applicationIds, reasonId, note } = request.body;
      return { results: await actions.bulk(principalOf(request), applicationIds, { kind: 'reject', reasonId, note: note ?? null }) };
    });

    app.get('/v1/jobs/:jobId/pipeline', {
      config: read,
      schema: { ...base, summary: 'A job\'s stages with their counts of active applications', params: JobPipelineParamsSchema, response: { 200: PipelineViewSchema, ...errors } },
    }, async (request) => service.pipeline(principalOf(request), request.params.jobId));

    app.get('/v1/jobs/:jobId/pipeline/stages/:stageId/applications', {
      config: read,
      schema: {
        ...base, summary: 'A page of the applications in one stage, with the candidate\'s name and email',
        params: StageParamsSchema, querystring: StagePageQuerySchema, response: { 200: Page(StageApplicationSchema), ...errors },
      },
    }, async (request) => {
      const { cursor, limit, status } = request.query;
      const sort = request.query.sort ?? 'applied';
      const { data, next } = await service.stageApplications(principalOf(request), {
        jobId: request.params.jobId, stageId: request.params.stageId, status: status ?? 'active', sort, limit: limit ?? 20, after: cursor ? stageCursor.decode(cursor, sort) : undefined,
      });
      return { data, nextCursor: next ? stageCursor.encode(next, sort) : null };
    });
  };
}
