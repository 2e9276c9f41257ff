import { PassThrough, type Readable } from 'node:stream';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { AppError } from '../../app-error.ts';
import { principalOf } from '../../http/auth.ts';
import { commonErrorResponses, problemRef } from '../../http/schemas.ts';
import { isEventType, type EventType } from './events.catalogue.ts';
import type { EventStreams } from './events.stream.ts';

const EventId = Type.String({ pattern: '^evt_[0-9a-f]{32}$', description: 'The id of the last event received' });

const StreamQuerySchema = Type.Object({
  types: Type.Optional(Type.String({ minLength: 1, maxLength: 2000, description: 'Comma-separated event types to receive (default: all)', examples: ['job.published,application.created'] })),
  lastEventId: Type.Optional({ ...EventId, description: 'As the Last-Event-ID header, for clients that reconnect by hand and cannot set headers' }),
}, { additionalProperties: false });

const StreamHeadersSchema = Type.Object({
  'last-event-id': Type.Optional({ ...EventId, description: 'Resume after this event: the events committed since are replayed first' }),
});

const description = `Server-Sent Events: each message has \`id:\` (the event id), \`event:\` (its type) and \`data:\` (the event as \`GET /v1/events\` shows it).
Reconnecting with \`Last-Event-ID\` (the header, or \`lastEventId\` in the query) replays the events committed after that id, then goes on live, with
none lost or repeated across the switch. The comment \`: live\` marks the end of the replay; \`: heartbeat\` comments keep idle proxies from closing the
connection. While a server is cut off from its Redis, its streams get only its own events; once it is back, each reads the others' from the database.
Streams per organization and per server are limited: 429 or 503 with Retry-After.`;

function parseTypes(raw: string | undefined): EventType[] | null {
  if (raw === undefined) return null;
  const types = raw.split(',').map((t) => t.trim()).filter((t) => t !== '');
  const unknown = types.filter((t) => !isEventType(t));
  if (types.length === 0 || unknown.length > 0) {
    throw new AppError('validation-failed', `types must list event types of the catalogue${unknown.length > 0 ? `; unknown: ${unknown.join(', ')}` : ''}`, { fields: [{ field: 'types', detail: 'unknown event type' }] });
  }
  return types.filter(isEventType);
}

export function eventStreamRoutes(streams: EventStreams): FastifyPluginAsyncTypebox {
  return async (app) => {
    // Open streams never go idle, so Fastify's close would wait for them: end them first.
    app.addHook('preClose', async () => streams.closeAll());

    app.get('/v1/events/stream', {
      config: { access: { permission: 'events:read' } },
      schema: {
        tags: ['events'], summary: 'Live domain events (Server-Sent Events)', description,
        querystring: StreamQuerySchema, headers: StreamHeadersSchema,
        response: {
          200: { description: 'An endless text/event-stream', content: { 'text/event-stream': { schema: Type.Unsafe<Readable>({ type: 'string' }) } } },
          429: problemRef, 503: problemRef, ...commonErrorResponses,
        },
      },
    }, async (request, reply) => {
      const types = parseTypes(request.query.types);
      const lastEventId = request.headers['last-event-id'] ?? request.query.lastEventId ?? null;
      const sink = new PassThrough();
      await streams.open(principalOf(request), { types, lastEventId }, sink);
      return reply
        .type('text/event-stream; charset=utf-8')
        .header('cache-control', 'no-cache, no-transform')
        // Proxies such as nginx buffer responses unless told not to.
        .header('x-accel-buffering', 'no')
        .send(sink);
    });
  };
}
