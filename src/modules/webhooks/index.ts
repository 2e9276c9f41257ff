// Webhooks: org-registered endpoints that receive the domain events, signed per Standard Webhooks, retried, logged.
import type { FastifyPluginAsync } from 'fastify';
import type { Database, DbExecutor } from '../../infra/db/database.ts';
import type { EventsService, RelayEvents } from '../events/index.ts';
import { createDeliveriesService } from './deliveries.service.ts';
import { createWebhooksRepo } from './webhooks.repo.ts';
import { webhooksRoutes } from './webhooks.routes.ts';
import { createWebhooksService } from './webhooks.service.ts';
import { webhooksTasks } from './webhooks.tasks.ts';

export { webhookEvents } from './webhooks.events.ts';
export type { DeliveriesService } from './deliveries.service.ts';
export type { WebhooksService } from './webhooks.service.ts';

export function createWebhooksModule(deps: {
  database: Pick<Database, 'tenant' | 'unscoped' | 'unscopedTransaction'>;
  events: Pick<EventsService, 'withEvents'>;
  relay: RelayEvents;
  /** The catalogue's types (passed in: the catalogue lists this module's events, so it cannot be imported here). */
  eventTypes: readonly string[];
  allowedHosts: readonly string[];
  timeoutMs: number;
  clock?: () => Date;
}) {
  const repo = createWebhooksRepo();
  const deliveries = createDeliveriesService({ ...deps, repo });
  const service = createWebhooksService({ ...deps, repo, resend: deliveries.redeliver });
  const routes: FastifyPluginAsync[] = [webhooksRoutes(service)];
  /** For erasure, inside its transaction: receivers' answers about these subjects are dropped from the log. */
  const forgetResponses = (tx: DbExecutor, orgId: string, subjectIds: readonly string[]): Promise<void> => repo.forgetResponses(tx, orgId, subjectIds);
  /** Deliveries by status (pending, succeeded, failed) across organizations, for /metrics. */
  const deliveryCounts = () => repo.deliveryCounts(deps.database.unscoped);
  return { service, deliveries, routes, tasks: webhooksTasks({ deliveries }), forgetResponses, deliveryCounts };
}
export type WebhooksModule = ReturnType<typeof createWebhooksModule>;
