import { collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

/** How far the outbox relay is behind; read on each scrape. */
export interface OutboxLagReading {
  unpublished: number;
  oldestUnpublishedAgeSeconds: number | null;
}

/** Tasks waiting, running, failed ... per task name, as the durable task queue reports them. */
export interface QueueDepthReading {
  task: string;
  state: string;
  count: number;
}

/** What the metrics read from the rest of the app at scrape time; each one is optional (absent: no series). */
export interface MetricsCollectors {
  outboxLag?: () => Promise<OutboxLagReading>;
  /** Webhook deliveries by their current status (pending, succeeded, failed), from the delivery log. */
  webhookDeliveries?: () => Promise<readonly { status: string; count: number }[]>;
  /** The durable task queue's depth; wired at the composition root once the queue exists. */
  queueDepth?: () => Promise<readonly QueueDepthReading[]>;
}

export interface Metrics {
  /** One finished HTTP request; `route` is the route's pattern (`/v1/jobs/:id`), never the raw URL. */
  observeRequest(method: string, route: string, statusCode: number, seconds: number): void;
  /** The Prometheus text exposition of every metric, collectors read now. */
  scrape(): Promise<{ contentType: string; body: string }>;
}

// Up to 10 s: the statement timeout's order of magnitude, so a slow request still lands in a bucket.
const durationBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * A registry of this app's own (never prom-client's global one), so several apps in one process
 * (tests, two instances) keep separate figures. Gauges that read the database are collected on scrape,
 * so nothing polls between scrapes.
 */
export function createMetrics(collectors: MetricsCollectors = {}): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const requests = new Histogram({
    name: 'hireline_http_request_duration_seconds',
    help: 'HTTP request duration, from arrival to the last byte sent, by method, route pattern and status class',
    labelNames: ['method', 'route', 'status_class'] as const,
    buckets: durationBuckets,
    registers: [registry],
  });
  const { outboxLag, webhookDeliveries, queueDepth } = collectors;
  if (outboxLag) {
    // Both gauges come from one read per scrape: prom-client collects them side by side.
    let reading: Promise<OutboxLagReading> | null = null;
    const read = (): Promise<OutboxLagReading> => {
      if (!reading) {
        const current = outboxLag();
        reading = current;
        current.then(() => { reading = null; }, () => { reading = null; });
      }
      return reading;
    };
    new Gauge({
      name: 'hireline_outbox_unpublished_events', help: 'Committed events the relay has not yet handed to every outlet (counted up to 10,000)',
      registers: [registry],
      async collect() {
        this.set((await read()).unpublished);
      },
    });
    new Gauge({
      name: 'hireline_outbox_oldest_unpublished_age_seconds', help: 'Age of the oldest event waiting for the outlets; 0 when none waits',
      registers: [registry],
      async collect() {
        this.set((await read()).oldestUnpublishedAgeSeconds ?? 0);
      },
    });
  }
  if (webhookDeliveries) {
    new Gauge({
      name: 'hireline_webhook_deliveries', help: 'Webhook deliveries by status: pending (retrying), succeeded, failed (gave up)',
      labelNames: ['status'] as const, registers: [registry],
      async collect() {
        this.reset();
        for (const status of ['pending', 'succeeded', 'failed']) this.set({ status }, 0);
        for (const { status, count } of await webhookDeliveries()) this.set({ status }, count);
      },
    });
  }
  if (queueDepth) {
    new Gauge({
      name: 'hireline_task_queue_depth', help: 'Tasks in the durable queue by task name and state',
      labelNames: ['task', 'state'] as const, registers: [registry],
      async collect() {
        this.reset();
        for (const { task, state, count } of await queueDepth()) this.set({ task, state }, count);
      },
    });
  }
  return {
    observeRequest(method, route, statusCode, seconds) {
      requests.observe({ method, route, status_class: `${Math.floor(statusCode / 100)}xx` }, seconds);
    },
    async scrape() {
      return { contentType: registry.contentType, body: await registry.metrics() };
    },
  };
}
