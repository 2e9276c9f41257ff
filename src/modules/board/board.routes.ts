import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { AppError } from '../../app-error.ts';
import { etagMatches } from '../../http/preconditions.ts';
import { commonErrorResponses, Page, problemRef } from '../../http/schemas.ts';
import { foldEnumCase } from '../../http/enum-case.ts';
import {
  BoardJobParamsSchema, BoardJobSchema, BoardJobSummarySchema, BoardParamsSchema, BoardSearchQuerySchema, type BoardSearchQuery,
} from './board.schemas.ts';
import type { BoardService, PublicResponse } from './board.service.ts';

/** Public responses may sit in shared caches briefly; revalidation is cheap thanks to the ETag. */
const CACHE_CONTROL = 'public, max-age=30, stale-while-revalidate=60';

function sendPublic(request: FastifyRequest, reply: FastifyReply, response: PublicResponse): FastifyReply {
  reply.header('etag', response.etag).header('cache-control', CACHE_CONTROL);
  if (etagMatches(request.headers['if-none-match'], response.etag)) return reply.code(304).send();
  return reply.type(response.contentType).send(response.body);
}

/** Pay in different currencies is never compared, so a minimum means nothing without its currency. */
function requireCurrencyWithSalary(query: BoardSearchQuery): void {
  if (query.salaryMin !== undefined && query.salaryCurrency === undefined) {
    throw new AppError('validation-failed', 'salaryMin needs salaryCurrency: pay in different currencies is not compared', {
      errors: [{ in: 'querystring', pointer: '/salaryCurrency', detail: 'is required with salaryMin' }],
    });
  }
}

export function boardRoutes(service: BoardService): FastifyPluginAsyncTypebox {
  return async (app) => {
    const notModified = { 304: Type.Null({ description: 'Not modified: your cached copy (If-None-Match) is current' }) };

    app.get('/v1/boards/:orgSlug/jobs', {
      config: { access: { public: true } },
      preValidation: foldEnumCase(BoardSearchQuerySchema),
      preHandler: async (request) => requireCurrencyWithSalary(request.query),
      schema: {
        tags: ['board'], summary: 'Search an organization\'s open jobs', params: BoardParamsSchema, querystring: BoardSearchQuerySchema,
        response: { 200: Page(BoardJobSummarySchema), ...notModified, ...commonErrorResponses, 404: problemRef },
      },
    }, async (request, reply) => sendPublic(request, reply, await service.search(request.params.orgSlug, request.query)));

    app.get('/v1/boards/:orgSlug/jobs/:id', {
      config: { access: { public: true } },
      schema: {
        tags: ['board'], summary: 'An open job, with schema.org JobPosting JSON-LD', params: BoardJobParamsSchema,
        response: { 200: BoardJobSchema, ...notModified, ...commonErrorResponses, 404: problemRef },
      },
    }, async (request, reply) => sendPublic(request, reply, await service.job(request.params.orgSlug, request.params.id)));

    app.get('/v1/boards/:orgSlug/feed.xml', {
      config: { access: { public: true } },
      schema: {
        tags: ['board'], summary: 'RSS 2.0 feed of open jobs', params: BoardParamsSchema,
        produces: ['application/rss+xml'],
        response: { 200: { description: 'RSS 2.0 document', content: { 'application/rss+xml': { schema: Type.String() } } }, ...notModified, 404: problemRef },
      },
    }, async (request, reply) => sendPublic(request, reply, await service.feed(request.params.orgSlug)));
  };
}
