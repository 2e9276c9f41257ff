import type { EventPublisher } from '../../infra/broker/event-publisher.ts';
import type { FastifyPluginAsync } from 'fastify';
import type { Database, DbExecutor } from '../../infra/db/database.ts';
import { idBoundaryAt } from '../../infra/db/ids.ts';
import { createMemoryPubSub } from '../../infra/pubsub/memory-pubsub.ts';
import type { PubSub } from '../../infra/pubsub/pubsub.ts';
import type { TaskDefinition } from '../../infra/queue/task-runner.ts';
import { catalogue, eventTypes, payloadSchemaId, type EventType } from './events.catalogue.ts';
import { createOutboxRelay, outboxRelayTask, type OutboxRelayDeps } from './events.relay.ts';
import { createEventsRepo } from './events.repo.ts';
import { eventsRoutes } from './events.routes.ts';
import { createEventsService, type EventsServiceDeps } from './events.service.ts';
import { createEventStreams, defaultStreamLimits, type EventStreamsDeps } from './events.stream.ts';
import { eventStreamRoutes } from './events.stream.routes.ts';

export { catalogue, eventTypes, payloadSchemaId, type EventPayload, type EventType, type NewDomainEvent } from './events.catalogue.ts';
export type { EventDefinition } from './events.definition.ts';
export type { CommittedEvent, EventListener, EventsService, RecordEvent } from './events.service.ts';

/** The running relay of an outlet. */
export interface Outbox {
  /** Publishes what waits now; resolves once the outlet confirmed it (see OutboxRelay.drain). */
  drain(): Promise<number>;
  /** How far the relay is behind, for /ready. */
  lag(): Promise<OutboxLag>;
  /** The periodic poll, for the task runner. */
  task: TaskDefinition;
  /** Ends the batch in flight, then closes the outlet's connection. */
  close(): Promise<void>;
}

export interface OutboxLag {
  /** Events waiting for the outlet, counted up to 10,000. */
  unpublished: number;
  oldestUnpublishedAgeSeconds: number | null;
}

/** Where the outbox relay sends committed events; without one (the embedded default) no relay runs and rows stay unpublished. */
export interface EventOutlet {
  publisher: EventPublisher;
  /** The poll under wake-on-commit, for events committed by another instance or left by a failure. */
  pollIntervalMs: number;
}

/**
 * Erasure of a person's data, inside the caller's transaction: every event about these subjects keeps
 * its id, type, version, subject and time, and its payload becomes `{ "redacted": true }`. Events of the
 * `keep` types carry no personal data by design and stay whole. Returns how many were redacted.
 */
export type RedactSubjects = (tx: DbExecutor, orgId: string, subjectIds: readonly string[], keep?: readonly EventType[]) => Promise<number>;

/** An event as a relay hands it on; the payload is `{ "redacted": true }` once its subject was erased. */
export interface StoredEvent {
  id: string;
  orgId: string;
  type: EventType;
  version: number;
  subjectId: string;
  payload: Record<string, unknown>;
  occurredAt: Date;
}

/**
 * For relays that keep their own cursor (webhooks), inside the relay's transaction; no caller to
 * authorize, the relay acts for the system. Never touches published_at, which is the broker relay's.
 */
export interface RelayEvents {
  /** The org's events after `afterId` and older than `before`, oldest first. */
  batch(tx: DbExecutor, orgId: string, afterId: string, before: Date, limit: number): Promise<StoredEvent[]>;
  /** The org's events with these ids, in any order. */
  byIds(tx: DbExecutor, orgId: string, ids: readonly string[]): Promise<StoredEvent[]>;
}

export function createEventsModule(deps: {
  database: Pick<Database, 'unscoped' | 'tenant' | 'unscopedTransaction' | 'withConnection'>;
  log: EventsServiceDeps['log'] & OutboxRelayDeps['log'] & EventStreamsDeps['log'];
  outlet?: EventOutlet | null;
  /** Live events (GET /v1/events/stream): the fan-out every instance's streams hear, and their limits. */
  live?: { pubsub: PubSub } & Pick<EventStreamsDeps, 'heartbeatMs' | 'retryMs' | 'maxStreams' | 'maxStreamsPerOrg'>;
}) {
  const repo = createEventsRepo();
  const service = createEventsService({ database: deps.database, repo, log: deps.log });
  // Without a fan-out (tests that build the module alone), streams hear this process, with the default limits.
  const live = deps.live ?? { pubsub: createMemoryPubSub(deps.log), ...defaultStreamLimits };
  const streams = createEventStreams({ ...live, database: deps.database, repo, log: deps.log });
  service.onCommitted(eventTypes, streams.publish);
  const routes: FastifyPluginAsync = async (app) => {
    await app.register(eventsRoutes(service));
    await app.register(eventStreamRoutes(streams));
  };
  const outbox = deps.outlet ? relayTo(deps.outlet) : null;
  function relayTo({ publisher, pollIntervalMs }: EventOutlet): Outbox {
    const relay = createOutboxRelay({ database: deps.database, repo, publisher, log: deps.log });
    service.onCommitted(eventTypes, () => relay.wake());
    publisher.onAvailable(() => relay.wake());
    return {
      drain: relay.drain,
      lag: async () => {
        const { unpublished, oldestOccurredAt } = await repo.outboxLag(10_000, deps.database.unscoped);
        return { unpublished, oldestUnpublishedAgeSeconds: oldestOccurredAt ? Math.max(0, Math.floor((Date.now() - oldestOccurredAt.getTime()) / 1000)) : null };
      },
      task: outboxRelayTask(relay, pollIntervalMs),
      close: async () => {
        await relay.stop();
        await publisher.close();
      },
    };
  }
  const relay: RelayEvents = {
    batch: (tx, orgId, afterId, before, limit) => repo.between(orgId, afterId, idBoundaryAt('evt', before), limit, tx),
    byIds: (tx, orgId, ids) => repo.byIds(orgId, ids, tx),
  };
  const redactSubjects: RedactSubjects = (tx, orgId, subjectIds, keep = []) => repo.redactPayloads(orgId, subjectIds, keep, tx);
  // Each payload schema becomes an OpenAPI component (JobCreatedV1 ...), the contract webhooks and relays deliver.
  const schemas = catalogue.map((definition) => ({ ...definition.payload, $id: payloadSchemaId(definition), title: `${definition.type} v${definition.version}`, description: definition.description }));
  return { service, routes, streams, schemas, redactSubjects, relay, outbox, tasks: outbox ? [outbox.task] : [] };
}
