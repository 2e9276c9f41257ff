import type { Static } from 'typebox';
import { jobEvents } from '../jobs/index.ts';
import { recruitingEvents } from '../recruiting/index.ts';
import { webhookEvents } from '../webhooks/index.ts';
import type { EventDefinition } from './events.definition.ts';

/**
 * Every domain event Hireline records: one closed list, fed by each module's `<module>.events.ts`.
 * `record()` accepts only these, the OpenAPI document shows them, and relays (webhooks, a broker,
 * GraphQL subscriptions) publish exactly these. A new module adds its list here.
 */
export const catalogue = [...jobEvents, ...recruitingEvents, ...webhookEvents] as const satisfies readonly EventDefinition[];

type Definition = (typeof catalogue)[number];
export type EventType = Definition['type'];
export type EventPayload<T extends EventType> = Static<Extract<Definition, { type: T }>['payload']>;

/** What a service records: a catalogue type with the payload its schema describes. The events module adds id, version and time. */
export type NewDomainEvent<T extends EventType = EventType> = {
  [K in T]: { orgId: string; type: K; subjectId: string; payload: EventPayload<K> };
}[T];

const byType = new Map<string, Definition>();
for (const definition of catalogue) {
  // One current version per type: a v2 replaces v1 in its module's list.
  if (byType.has(definition.type)) throw new Error(`event type ${definition.type} is in the catalogue twice`);
  byType.set(definition.type, definition);
}

export const eventTypes: readonly EventType[] = catalogue.map((e) => e.type);

export const isEventType = (type: string): type is EventType => byType.has(type);

/** The definition of a catalogue type (the version written with each event). */
export function definitionOf(type: EventType): Definition {
  const definition = byType.get(type);
  if (!definition) throw new Error(`event type ${type} is not in the catalogue`);
  return definition;
}

/** The OpenAPI component name of an event's payload, e.g. JobCreatedV1. */
export const payloadSchemaId = (definition: EventDefinition): string =>
  `${definition.type.split(/[._]/).map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('')}V${definition.version}`;
