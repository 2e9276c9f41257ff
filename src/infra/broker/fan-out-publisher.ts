import { PublisherUnavailableError, type EventPublisher } from './event-publisher.ts';

// Past this many remembered ids an outlet forgets them (a resend to it then is the usual at-least-once duplicate).
const REMEMBER_AT_MOST = 10_000;

/**
 * Several outlets (RabbitMQ and NATS JetStream) behind the one publisher the relay takes: a batch is
 * confirmed only when every outlet confirmed it, so the relay's single `published_at` mark keeps its
 * meaning (each outlet has every marked event, in id order). While one outlet is down the batch is
 * retried; each outlet remembers the ids it already confirmed for batches not yet confirmed by all, so
 * the healthy one is not sent the same batch on every retry. The price: one outlet's outage holds the
 * others back by one batch; a cursor per outlet would avoid it, at the cost of a column per outlet.
 */
export function createFanOutPublisher(outlets: readonly EventPublisher[]): EventPublisher {
  const confirmed = outlets.map(() => new Set<string>());
  return {
    async publish(batch) {
      const results = await Promise.allSettled(outlets.map(async (outlet, i) => {
        const done = confirmed[i] ?? new Set<string>();
        const owed = batch.filter((event) => !done.has(event.id));
        if (owed.length === 0) return;
        await outlet.publish(owed);
        for (const event of owed) done.add(event.id);
      }));
      const failures = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []));
      if (failures.length === 0) {
        for (const done of confirmed) for (const event of batch) done.delete(event.id);
        return;
      }
      for (const done of confirmed) if (done.size > REMEMBER_AT_MOST) done.clear();
      // An outage is logged by its adapter; anything else is the relay's to log.
      throw failures.find((err) => !(err instanceof PublisherUnavailableError)) ?? failures[0];
    },

    onAvailable(listener) {
      for (const outlet of outlets) outlet.onAvailable(listener);
    },

    async close() {
      await Promise.all(outlets.map((outlet) => outlet.close()));
    },
  };
}
