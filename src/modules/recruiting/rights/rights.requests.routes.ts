import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { principalOf } from '../../../http/auth.ts';
import { cursorId, cursorTimestamp, decodeCursor, encodeCursor } from '../../../http/cursor.ts';
import { commonErrorResponses, Page, problemRef } from '../../../http/schemas.ts';
import { callerOf } from '../../access/index.ts';
import type { ErasureRequestPosition } from './rights.requests.repo.ts';
import {
  DeclineErasureRequestBodySchema, ErasureRequestIdParamsSchema, ErasureRequestSchema, ListErasureRequestsQuerySchema,
} from './rights.requests.schemas.ts';
import type { ErasureRequestsService } from './rights.requests.service.ts';
import { ErasureSchema } from './rights.schemas.ts';

const write = { access: { permission: 'candidates:write' } } as const;
const errors = { ...commonErrorResponses, 403: problemRef, 404: problemRef };
const decided = 'Only a pending request can be decided: one already erased or declined is a 409 invalid-state-transition.';

const cursor = {
  decode(raw: string): ErasureRequestPosition {
    const values = decodeCursor(raw, 'erasure-requests', 2);
    return { requestedAt: cursorTimestamp(values[0]), id: cursorId(values) };
  },
  encode: (position: ErasureRequestPosition): string => encodeCursor('erasure-requests', [position.requestedAt, position.id]),
};

export function erasureRequestsRoutes(requests: ErasureRequestsService): FastifyPluginAsyncTypebox {
  return async (app) => {
    const base = { tags: ['candidates'] };

    app.get('/v1/erasure-requests', {
      config: write,
      schema: {
        ...base, summary: 'Candidates\' erasure requests, oldest first', querystring: ListErasureRequestsQuerySchema, response: { 200: Page(ErasureRequestSchema), ...errors },
        description: 'Requests candidates made from their status page; `status` defaults to pending. Needs candidates:write over the whole organization, as erasing does.',
      },
    }, async (request, reply) => {
      const { status, cursor: raw, limit } = request.query;
      const { data, next } = await requests.list(principalOf(request), { status: status ?? 'pending', after: raw ? cursor.decode(raw) : undefined, limit: limit ?? 20 });
      return reply.header('cache-control', 'private, no-store').send({ data, nextCursor: next ? cursor.encode(next) : null });
    });

    app.post('/v1/erasure-requests/:id/confirm', {
      config: write,
      schema: {
        ...base, summary: 'Confirm an erasure request: erase the candidate', params: ErasureRequestIdParamsSchema,
        response: { 200: Type.Object({ request: ErasureRequestSchema, erasure: ErasureSchema }), ...errors, 409: problemRef, 503: problemRef },
        description: 'Runs POST /v1/candidates/{id}/erase for the request\'s candidate, by you; the reason in the audit log names the request (its id and date), '
          + `not the candidate's words, which the erasure clears. Their status-page link stops working. ${decided}`,
      },
    }, async (request, reply) => reply.header('cache-control', 'no-store').send(await requests.confirm(callerOf(request), request.params.id)));

    app.post('/v1/erasure-requests/:id/decline', {
      config: write,
      preValidation: async (request) => {
        request.body ??= {};
      },
      schema: {
        ...base, summary: 'Decline an erasure request', params: ErasureRequestIdParamsSchema, body: DeclineErasureRequestBodySchema,
        response: { 200: ErasureRequestSchema, ...errors, 409: problemRef },
        description: `The candidate sees that it was declined (and \`note\`) on their status page, and may ask again. ${decided}`,
      },
    }, async (request) => requests.decline(principalOf(request), request.params.id, request.body.note ?? null));
  };
}
