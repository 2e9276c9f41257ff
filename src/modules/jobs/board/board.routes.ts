import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { RequestValidationError } from '../../../http/field-errors.ts';
import { asJson, createPublicResponder } from '../../../http/public-responses.ts';
import { commonErrorResponses, problemRef } from '../../../http/schemas.ts';
import { foldEnumCase } from '../../../http/enum-case.ts';
import { searchCursor } from './board.cursor.ts';
import { renderRss } from './board.rss.ts';
import {
  BoardJobParamsSchema, BoardJobSchema, BoardParamsSchema, BoardSearchPageSchema, BoardSearchQuerySchema, type BoardSearchQuery,
} from './board.schemas.ts';
import type { BoardService } from './board.service.ts';

/** Public responses may sit in shared caches briefly; revalidation is cheap thanks to the ETag. */
const CACHE_CONTROL = 'public, max-age=30, stale-while-revalidate=60';

/** Pay in different currencies is never compared, so a minimum means nothing without its currency. */
function requireCurrencyWithSalary(query: BoardSearchQuery): void {
  if (query.salaryMin !== undefined && query.salaryCurrency === undefined) {
    throw new RequestValidationError('salaryMin needs salaryCurrency: pay in different currencies is not compared', [
      { in: 'querystring', pointer: '/salaryCurrency', detail: 'is required with salaryMin' },
    ]);
  }
}

export function boardRoutes(service: BoardService): FastifyPluginAsyncTypebox {
  return async (app) => {
    const notModified = { 304: Type.Null({ description: 'Not modified: your cached copy (If-None-Match) is current' }) };
    const sendPublic = createPublicResponder(CACHE_CONTROL);

    app.get('/v1/boards/:orgSlug/jobs', {
      config: { access: { public: true } },
      preValidation: foldEnumCase(BoardSearchQuerySchema),
      preHandler: async (request) => requireCurrencyWithSalary(request.query),
      schema: {
        tags: ['board'], summary: 'Search an organization\'s open jobs', params: BoardParamsSchema, querystring: BoardSearchQuerySchema,
        response: { 200: BoardSearchPageSchema, ...notModified, ...commonErrorResponses, 404: problemRef },
      },
    }, async (request, reply) => {
      const { cursor, ...query } = request.query;
      const after = cursor ? searchCursor.decode(cursor, Boolean(query.q?.trim())) : undefined;
      const page = await service.search(request.params.orgSlug, { ...query, after });
      const body = { data: page.data, nextCursor: page.next ? searchCursor.encode(page.next) : null, ...(page.facets ? { facets: page.facets } : {}) };
      return sendPublic(request, reply, page, asJson(reply, body));
    });

    app.get('/v1/boards/:orgSlug/jobs/:id', {
      config: { access: { public: true } },
      schema: {
        tags: ['board'], summary: 'An open job, with schema.org JobPosting JSON-LD', params: BoardJobParamsSchema,
        response: { 200: BoardJobSchema, ...notModified, ...commonErrorResponses, 404: problemRef },
      },
    }, async (request, reply) => {
      const job = await service.job(request.params.orgSlug, request.params.id);
      return sendPublic(request, reply, job, asJson(reply, job));
    });

    app.get('/v1/boards/:orgSlug/feed.xml', {
      config: { access: { public: true } },
      schema: {
        tags: ['board'], summary: 'RSS 2.0 feed of open jobs', params: BoardParamsSchema,
        produces: ['application/rss+xml'],
        response: { 200: { description: 'RSS 2.0 document', content: { 'application/rss+xml': { schema: Type.String() } } }, ...notModified, 404: problemRef },
      },
    }, async (request, reply) => {
      const feed = await service.feed(request.params.orgSlug);
      return sendPublic(request, reply, feed, () => ({ body: renderRss(feed), contentType: 'application/rss+xml; charset=utf-8' }));
    });
  };
}
