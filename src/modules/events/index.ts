import type { Database } from '../../infra/db/database.ts';
import { createEventsRepo } from './events.repo.ts';
import { eventsRoutes } from './events.routes.ts';
import { createEventsService, type EventsServiceDeps } from './events.service.ts';

export type { EventsService } from './events.service.ts';
export type { NewDomainEvent } from './events.schemas.ts';

export function createEventsModule(deps: { database: Pick<Database, 'tenant' | 'unscopedTransaction'>; log: EventsServiceDeps['log'] }) {
  const service = createEventsService({ database: deps.database, repo: createEventsRepo(), log: deps.log });
  return { service, routes: eventsRoutes(service) };
}
