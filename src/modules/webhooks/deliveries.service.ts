import { performance } from 'node:perf_hooks';
import type { Database } from '../../infra/db/database.ts';
import { postOnce, type OutboundPost, type OutboundResponse } from '../../infra/outbound/outbound-post.ts';
import { RefusedHostError } from '../../infra/outbound/public-address.ts';
import type { EventsService, RelayEvents, StoredEvent } from '../events/index.ts';
import { messageBody, signedHeaders } from './webhooks.message.ts';
import type { DeliveryRow, EndpointRow, WebhooksRepo } from './webhooks.repo.ts';
import { disableAfterMs, nextAttemptAt } from './webhooks.retry.ts';

export interface DeliveriesDeps {
  database: Pick<Database, 'tenant' | 'unscoped' | 'unscopedTransaction'>;
  repo: WebhooksRepo;
  events: Pick<EventsService, 'withEvents'>;
  relay: RelayEvents;
  allowedHosts: readonly string[];
  timeoutMs: number;
  post?: (request: OutboundPost) => Promise<OutboundResponse>;
  clock?: () => Date;
  random?: () => number;
}

/**
 * Events younger than this are left for the next sweep: an event's id is taken before its transaction
 * commits, so a slower transaction can still commit an older id; a cursor that had passed it would skip it.
 */
export const SETTLE_MS = 2_000;
const FAN_OUT_BATCH = 500;
const ATTEMPT_BATCH = 50;
const PARALLEL = 8;

interface AttemptResult {
  statusCode: number | null;
  responseExcerpt: string | null;
  error: string | null;
  succeeded: boolean;
  latencyMs: number;
}

const errorText = (err: unknown): string => {
  if (err instanceof RefusedHostError) return `refused: ${err.message}`;
  const e = err as NodeJS.ErrnoException | null;
  return (e?.code ? `${e.code}: ${e.message}` : e?.message ?? String(err)).slice(0, 500);
};

export function createDeliveriesService({ database, repo, events, relay, allowedHosts, timeoutMs, post = postOnce, clock = () => new Date(), random = Math.random }: DeliveriesDeps) {
  /** Takes deliveries for the endpoint's new events (the types it wants) and moves its cursor past them. */
  async function fanOut(endpoint: EndpointRow, now: Date): Promise<number> {
    const before = new Date(now.getTime() - SETTLE_MS);
    let cursor = endpoint.cursor;
    let queued = 0;
    for (;;) {
      const batch = await database.tenant(endpoint.orgId, async (tx) => {
        const found = await relay.batch(tx, endpoint.orgId, cursor, before, FAN_OUT_BATCH);
        const wanted = found.filter((e) => endpoint.eventTypes === null || endpoint.eventTypes.includes(e.type));
        await repo.insertDeliveries(tx, wanted.map((e) => ({ orgId: endpoint.orgId, endpointId: endpoint.id, eventId: e.id, eventType: e.type, subjectId: e.subjectId, nextAttemptAt: now, createdAt: now })));
        const last = found.at(-1);
        if (last) await repo.moveCursor(tx, endpoint.id, last.id);
        queued += wanted.length;
        return found;
      });
      const last = batch.at(-1);
      if (!last || batch.length < FAN_OUT_BATCH) return queued;
      cursor = last.id;
    }
  }

  async function send(endpoint: EndpointRow, event: StoredEvent | undefined, now: Date): Promise<AttemptResult> {
    const started = performance.now();
    const latency = () => Math.round(performance.now() - started);
    if (!event) return { statusCode: null, responseExcerpt: null, error: 'the event is no longer stored', succeeded: false, latencyMs: 0 };
    const body = messageBody(event);
    try {
      const res = await post({ url: endpoint.url, headers: signedHeaders(endpoint.secret, event.id, now, body), body, timeoutMs, allowedHosts });
      const succeeded = res.status >= 200 && res.status < 300;
      const error = succeeded ? null : res.status >= 300 && res.status < 400 ? `redirect (${res.status}) not followed` : `answered ${res.status}`;
      return { statusCode: res.status, responseExcerpt: res.excerpt === '' ? null : res.excerpt, error, succeeded, latencyMs: latency() };
    } catch (err) {
      return { statusCode: null, responseExcerpt: null, error: errorText(err), succeeded: false, latencyMs: latency() };
    }
  }

  /**
   * One attempt and its record: the log row, the delivery's next state and the endpoint's failure
   * record, in one transaction with the webhook.disabled event when sustained failure turns it off.
   * A manual attempt is logged and can mark the delivery done, but never moves the schedule or disables.
   */
  async function attempt(endpoint: EndpointRow, delivery: DeliveryRow, event: StoredEvent | undefined, manual: boolean, now: Date): Promise<DeliveryRow> {
    const { orgId } = endpoint;
    const result = await send(endpoint, event, now);
    return events.withEvents(orgId, async (tx, record) => {
      await repo.insertAttempt(tx, { orgId, deliveryId: delivery.id, attemptedAt: now, manual, ...result });
      const attempts = delivery.attempts + 1;
      const next = result.succeeded || manual ? null : nextAttemptAt(attempts, now, random);
      const updated = await repo.updateDelivery(tx, delivery.id, result.succeeded
        ? { status: 'succeeded', attempts, nextAttemptAt: null }
        : manual ? { attempts } : { attempts, status: next ? 'pending' : 'failed', nextAttemptAt: next });
      // A success touches the endpoint only if it was failing, so deliveries to one healthy endpoint
      // do not queue behind each other's lock on its row.
      if (result.succeeded) {
        await repo.clearFailing(tx, endpoint.id, now);
        return updated;
      }
      if (manual) return updated;
      const current = await repo.findEndpoint(tx, orgId, endpoint.id, true);
      if (current) {
        const failingSince = current.failingSince ?? now;
        if (current.enabled && now.getTime() - failingSince.getTime() >= disableAfterMs) {
          const reason = `Every attempt failed from ${failingSince.toISOString()} to ${now.toISOString()} (last: ${result.error ?? 'failed'})`;
          await repo.updateEndpoint(tx, current.id, { enabled: false, disabledReason: reason, failingSince }, now);
          record({ orgId, type: 'webhook.disabled', subjectId: current.id, payload: { endpointId: current.id, url: current.url, reason, failingSince: failingSince.toISOString() } });
        } else if (!current.failingSince) {
          await repo.updateEndpoint(tx, current.id, { failingSince }, now);
        }
      }
      return updated;
    });
  }

  /** Leases up to a batch of due deliveries and attempts them, PARALLEL at a time. */
  async function attemptDue(endpoints: readonly EndpointRow[], now: Date): Promise<{ leased: number; attempted: number }> {
    const due = await database.unscopedTransaction(async (tx) => {
      const rows = await repo.dueDeliveries(tx, now, ATTEMPT_BATCH);
      await repo.lease(tx, rows.map((r) => r.id), new Date(now.getTime() + 3 * timeoutMs));
      return rows;
    });
    const byId = new Map(endpoints.map((e) => [e.id, e]));
    const runnable = due.flatMap((d) => {
      const endpoint = byId.get(d.endpointId);
      return endpoint ? [{ endpoint, delivery: d }] : [];
    });
    const stored = new Map<string, StoredEvent>();
    for (const orgId of new Set(runnable.map((r) => r.endpoint.orgId))) {
      const ids = runnable.filter((r) => r.endpoint.orgId === orgId).map((r) => r.delivery.eventId);
      for (const event of await database.tenant(orgId, (tx) => relay.byIds(tx, orgId, ids))) stored.set(event.id, event);
    }
    // A pool rather than waves: one endpoint timing out holds one slot, not every delivery behind it.
    let next = 0;
    await Promise.all(Array.from({ length: Math.min(PARALLEL, runnable.length) }, async () => {
      for (let item = runnable[next++]; item; item = runnable[next++]) {
        await attempt(item.endpoint, item.delivery, stored.get(item.delivery.eventId), false, now);
      }
    }));
    return { leased: due.length, attempted: runnable.length };
  }

  return {
    /**
     * One pass: new events become deliveries for every enabled endpoint, then every delivery due at
     * `now` is attempted, a leased batch at a time (so no transaction stays open across a request),
     * until none is left: a burst larger than one batch drains in this pass, not one batch a second.
     */
    async sweep(now: Date = clock(), signal?: AbortSignal): Promise<{ queued: number; attempted: number }> {
      const endpoints = await repo.enabledEndpoints(database.unscoped);
      let queued = 0;
      for (const endpoint of endpoints) queued += await fanOut(endpoint, now);
      let attempted = 0;
      // Leased and retried rows move past `now`, so each batch takes new rows and the loop ends.
      for (let leased = ATTEMPT_BATCH; leased === ATTEMPT_BATCH && !signal?.aborted;) {
        const batch = await attemptDue(endpoints, now);
        leased = batch.leased;
        attempted += batch.attempted;
      }
      return { queued, attempted };
    },

    /** Sends a delivery once more, now, whatever its state (a disabled endpoint too, to check it answers again). */
    async redeliver(endpoint: EndpointRow, delivery: DeliveryRow): Promise<DeliveryRow> {
      const [event] = await database.tenant(endpoint.orgId, (tx) => relay.byIds(tx, endpoint.orgId, [delivery.eventId]));
      return attempt(endpoint, delivery, event, true, clock());
    },
  };
}
export type DeliveriesService = ReturnType<typeof createDeliveriesService>;
