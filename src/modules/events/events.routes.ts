import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { principalOf } from '../../http/auth.ts';
import { cursorId, decodeCursor, encodeCursor } from '../../http/cursor.ts';
import { commonErrorResponses, Page } from '../../http/schemas.ts';
import { DomainEventSchema, ListEventsQuerySchema } from './events.schemas.ts';
import type { EventsService } from './events.service.ts';

export function eventsRoutes(service: EventsService): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get('/v1/events', {
      config: { access: { permission: 'events:read' } },
      schema: {
        tags: ['events'], summary: 'List domain events, oldest first',
        querystring: ListEventsQuerySchema, response: { 200: Page(DomainEventSchema), ...commonErrorResponses },
      },
    }, async (request) => {
      const { cursor, ...query } = request.query;
      const after = cursor ? { id: cursorId(decodeCursor(cursor, 'events', 1)) } : undefined;
      const { data, next } = await service.list(principalOf(request), { ...query, after });
      return { data, nextCursor: next ? encodeCursor('events', [next.id]) : null };
    });
  };
}
