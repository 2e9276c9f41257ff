import type { Database } from '../../infra/db/database.ts';
import { catalogue, payloadSchemaId } from './events.catalogue.ts';
import { createEventsRepo } from './events.repo.ts';
import { eventsRoutes } from './events.routes.ts';
import { createEventsService, type EventsServiceDeps } from './events.service.ts';

export { catalogue, eventTypes, payloadSchemaId, type EventPayload, type EventType, type NewDomainEvent } from './events.catalogue.ts';
export type { EventDefinition } from './events.definition.ts';
export type { EventListener, EventsService, RecordEvent } from './events.service.ts';

export function createEventsModule(deps: { database: Pick<Database, 'tenant' | 'unscopedTransaction'>; log: EventsServiceDeps['log'] }) {
  const service = createEventsService({ database: deps.database, repo: createEventsRepo(), log: deps.log });
  // Each payload schema becomes an OpenAPI component (JobCreatedV1 ...), the contract webhooks and relays deliver.
  const schemas = catalogue.map((definition) => ({ ...definition.payload, $id: payloadSchemaId(definition), title: `${definition.type} v${definition.version}`, description: definition.description }));
  return { service, routes: eventsRoutes(service), schemas };
}
