import type { Database, DbExecutor } from '../../infra/db/database.ts';
import { PublisherUnavailableError, type EventPublisher, type OutgoingEvent } from '../../infra/broker/event-publisher.ts';
import type { TaskDefinition } from '../../infra/queue/task-runner.ts';
import type { DomainEventRow, EventsRepo } from './events.repo.ts';

export interface OutboxRelayDeps {
  database: Pick<Database, 'withConnection'>;
  repo: Pick<EventsRepo, 'unpublished' | 'markPublished' | 'tryLockRelay' | 'unlockRelay'>;
  publisher: EventPublisher;
  log: { info(details: object, message: string): void; error(details: object, message: string): void };
  batchSize?: number;
}

export interface OutboxRelay {
  /**
   * Publishes every waiting event, batch by batch, and resolves with how many it published; a call
   * made while a drain runs resolves once the outbox was read after it (that drain reads again, or
   * one more runs). Never rejects: what failed waits in the outbox for the next wake or poll.
   */
  drain(): Promise<number>;
  /** Starts a drain in the background (after a commit, or when the outlet reconnects). */
  wake(): void;
  /** Lets the batch in flight finish, then takes no more. */
  stop(): Promise<void>;
}

const outgoing = (row: DomainEventRow): OutgoingEvent => ({
  id: row.id, orgId: row.orgId, type: row.type, version: row.version, subjectId: row.subjectId, payload: row.payload, occurredAt: row.occurredAt,
});

/**
 * Moves outbox rows to the outlet: oldest id first, so each aggregate's events go in the order they
 * were recorded (a later change to the same row waits for the earlier one's lock, so its event id is
 * later too). A batch is marked published only after the outlet confirmed all of it: a crash in
 * between sends that batch again on the next drain. Delivery is at least once, never lost;
 * consumers dedupe by event id (the AMQP message-id).
 */
export function createOutboxRelay({ database, repo, publisher, log, batchSize = 200 }: OutboxRelayDeps): OutboxRelay {
  let running: Promise<number> | null = null;
  // Calls to drain, and how many of them the last read of the outbox came after: a run reads again while
  // calls arrive, and a call that came after its last read (while it let go of the lock) gets a run of its own.
  let asked = 0;
  let seen = 0;
  let next: Promise<number> | null = null;
  let stopped = false;
  let failing = false;

  async function publishWaiting(db: DbExecutor): Promise<number> {
    let published = 0;
    for (;;) {
      const rows = await repo.unpublished(batchSize, db);
      if (rows.length === 0) return published;
      await publisher.publish(rows.map(outgoing));
      await repo.markPublished(rows.map((r) => r.id), db);
      published += rows.length;
      if (rows.length < batchSize || stopped) return published;
    }
  }

  async function run(): Promise<number> {
    let published = 0;
    try {
      await database.withConnection(async (db) => {
        // Another instance holds it: it is draining, and whatever it misses our next poll takes.
        if (!(await repo.tryLockRelay(db))) return;
        try {
          do {
            seen = asked;
            published += await publishWaiting(db);
          } while (asked > seen && !stopped);
        } finally {
          await repo.unlockRelay(db);
        }
      });
      if (failing) log.info({ published }, 'outbox relay publishing again');
      failing = false;
    } catch (err) {
      // Losing the broker is logged by its adapter, once per outage; anything else once per failing streak.
      if (!failing && !(err instanceof PublisherUnavailableError)) {
        log.error({ err }, 'outbox relay failed; the events wait in the outbox and are retried');
      }
      failing = true;
    }
    return published;
  }

  function drain(): Promise<number> {
    if (stopped) return Promise.resolve(0);
    asked++;
    if (running) {
      next ??= running.then(() => {
        next = null;
        return asked > seen ? drain() : 0;
      });
      return next;
    }
    const current = run().finally(() => {
      running = null;
    });
    running = current;
    return current;
  }

  return {
    drain,
    wake: () => {
      void drain();
    },
    async stop() {
      stopped = true;
      await running;
    },
  };
}

/** The safety net under wake-on-commit: events another instance committed, or that failed, go within one interval. */
export function outboxRelayTask(relay: OutboxRelay, everyMs: number): TaskDefinition {
  return {
    name: 'events.relay-outbox',
    everyMs,
    runAtStart: true,
    run: async ({ log }) => {
      const published = await relay.drain();
      if (published > 0) log.info({ published }, 'outbox events published by the poll');
    },
  };
}
