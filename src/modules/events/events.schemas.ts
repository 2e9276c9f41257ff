import { Type, type Static } from 'typebox';
import { CursorQuery, LimitQuery } from '../../http/schemas.ts';
import { catalogue, eventTypes, payloadSchemaId } from './events.catalogue.ts';

const catalogueTable = catalogue.map((e) => `| \`${e.type}\` | ${e.version} | [${payloadSchemaId(e)}](#/components/schemas/${payloadSchemaId(e)}) | ${e.description} |`).join('\n');

export const DomainEventSchema = Type.Object({
  id: Type.String({ examples: ['evt_0193a1b2c3d47e8f9a0b1c2d3e4f5a6b'] }),
  type: Type.Enum(eventTypes, {
    examples: ['job.published'],
    description: `One of the event catalogue; \`payload\` follows the schema of its type and version:\n\n| type | version | payload | meaning |\n|---|---|---|---|\n${catalogueTable}`,
  }),
  version: Type.Integer({ minimum: 1, description: 'Version of the payload schema the event was written with' }),
  subjectId: Type.String(),
  payload: Type.Record(Type.String(), Type.Unknown(), {
    description: 'Follows the schema of its type and version; `{ "redacted": true }` once the person it is about was erased (see candidate.erased)',
  }),
  occurredAt: Type.String({ format: 'date-time' }),
}, { $id: 'DomainEvent' });
export type DomainEvent = Static<typeof DomainEventSchema>;

export const ListEventsQuerySchema = Type.Object({
  type: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
  subjectId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
  limit: Type.Optional(LimitQuery),
  cursor: Type.Optional(CursorQuery),
}, { additionalProperties: false });
export type ListEventsQuery = Static<typeof ListEventsQuerySchema>;
