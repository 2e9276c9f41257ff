import type { Database, DbExecutor } from '../../infra/db/database.ts';
import { catalogue, payloadSchemaId, type EventType } from './events.catalogue.ts';
import { createEventsRepo } from './events.repo.ts';
import { eventsRoutes } from './events.routes.ts';
import { createEventsService, type EventsServiceDeps } from './events.service.ts';

export { catalogue, eventTypes, payloadSchemaId, type EventPayload, type EventType, type NewDomainEvent } from './events.catalogue.ts';
export type { EventDefinition } from './events.definition.ts';
export type { EventListener, EventsService, RecordEvent } from './events.service.ts';

/**
 * Erasure of a person's data, inside the caller's transaction: every event about these subjects keeps
 * its id, type, version, subject and time, and its payload becomes `{ "redacted": true }`. Events of the
 * `keep` types carry no personal data by design and stay whole. Returns how many were redacted.
 */
export type RedactSubjects = (tx: DbExecutor, orgId: string, subjectIds: readonly string[], keep?: readonly EventType[]) => Promise<number>;

export function createEventsModule(deps: { database: Pick<Database, 'tenant' | 'unscopedTransaction'>; log: EventsServiceDeps['log'] }) {
  const repo = createEventsRepo();
  const service = createEventsService({ database: deps.database, repo, log: deps.log });
  const redactSubjects: RedactSubjects = (tx, orgId, subjectIds, keep = []) => repo.redactPayloads(orgId, subjectIds, keep, tx);
  // Each payload schema becomes an OpenAPI component (JobCreatedV1 ...), the contract webhooks and relays deliver.
  const schemas = catalogue.map((definition) => ({ ...definition.payload, $id: payloadSchemaId(definition), title: `${definition.type} v${definition.version}`, description: definition.description }));
  return { service, routes: eventsRoutes(service), schemas, redactSubjects };
}
