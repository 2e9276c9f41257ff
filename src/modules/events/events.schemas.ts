import { Type, type Static } from 'typebox';
import { CursorQuery, LimitQuery } from '../../http/schemas.ts';

export const DomainEventSchema = Type.Object({
  id: Type.String({ examples: ['evt_0193a1b2c3d47e8f9a0b1c2d3e4f5a6b'] }),
  type: Type.String({ examples: ['job.published'] }),
  subjectId: Type.String(),
  payload: Type.Record(Type.String(), Type.Unknown()),
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

/** What a service records; the events module adds id and time. */
export interface NewDomainEvent {
  orgId: string;
  type: string;
  subjectId: string;
  payload: Record<string, unknown>;
}
