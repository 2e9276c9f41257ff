import { AppError } from '../../app-error.ts';
import type { Database } from '../../infra/db/database.ts';
import { idBoundaryAt } from '../../infra/db/ids.ts';
import type { PubSub } from '../../infra/pubsub/pubsub.ts';
import { authorize, type Principal } from '../access/index.ts';
import type { EventType } from './events.catalogue.ts';
import type { DomainEventRow, EventsRepo } from './events.repo.ts';
import type { DomainEvent } from './events.schemas.ts';
import type { CommittedEvent } from './events.service.ts';

/** Where a stream writes its SSE text: false from write() means "wait for drain". */
export interface StreamSink {
  write(chunk: string): boolean;
  /** Bytes written and not yet taken by the client. */
  readonly writableLength: number;
  readonly destroyed: boolean;
  once(event: 'drain' | 'close', listener: () => void): unknown;
  end(): void;
}

export interface EventStreamsDeps {
  pubsub: PubSub;
  database: Pick<Database, 'tenant'>;
  repo: Pick<EventsRepo, 'list'>;
  log: { warn(details: object, message: string): void; error(details: object, message: string): void };
  /** Interval of the comment lines that keep proxies from closing an idle stream. */
  heartbeatMs: number;
  /** Concurrent streams this instance serves, in all and per organization. */
  maxStreams: number;
  maxStreamsPerOrg: number;
  /** The reconnect delay suggested to clients (SSE `retry:`). */
  retryMs: number;
}

/** As src/config.ts defaults them. */
export const defaultStreamLimits = { heartbeatMs: 15_000, retryMs: 3_000, maxStreams: 1_000, maxStreamsPerOrg: 100 } as const;

const channelOf = (orgId: string): string => `hireline:events:${orgId}`;
const REPLAY_PAGE = 500;
// A client this far behind is cut off; it reconnects with Last-Event-ID and catches up from the database.
const MAX_UNSENT_BYTES = 1_048_576;
// Enough to cover the switch from replay to live; ids are unique, so forgetting old ones only risks a duplicate, never a loss.
const REMEMBERED_IDS = 4096;
// Publishes in flight when the fan-out dropped may be a little older than the moment it noticed.
const RESUME_MARGIN_MS = 5_000;

/** An event as GET /v1/events shows it. */
const toDomainEvent = (e: Pick<DomainEventRow, 'id' | 'type' | 'version' | 'subjectId' | 'payload' | 'occurredAt'>): DomainEvent =>
  ({ id: e.id, type: e.type, version: e.version, subjectId: e.subjectId, payload: e.payload, occurredAt: e.occurredAt.toISOString() });

/** One SSE message; a field value holds no line break, so data of several lines becomes several `data:` lines. */
function sseMessage(fields: { id: string; event: string; data: string }): string {
  if (/[\r\n]/.test(fields.id + fields.event)) throw new Error('an SSE id or event name cannot hold a line break');
  return `id: ${fields.id}\nevent: ${fields.event}\n${fields.data.split(/\r\n|\r|\n/).map((line) => `data: ${line}`).join('\n')}\n\n`;
}

/**
 * Live events for SSE clients. Every committed event is published to the org's channel of the
 * fan-out; each stream hears its org's channel only. A resuming stream subscribes first, holds what
 * arrives, replays the database after its Last-Event-ID, then sends what it held minus what the
 * replay already sent, so nothing is lost or repeated across the switch.
 */
export function createEventStreams(deps: EventStreamsDeps) {
  const open = new Set<{ close(): void }>();
  const perOrg = new Map<string, number>();

  return {
    /** Hands a committed event to every instance's streams of its org (from onCommitted). */
    publish(event: CommittedEvent): void {
      void deps.pubsub.publish(channelOf(event.orgId), JSON.stringify(toDomainEvent(event)));
    },

    /**
     * Starts the caller's stream on the sink: throws before writing anything when the caller may not
     * read events or the limits are reached; otherwise the stream runs until the client goes or close().
     */
    async open(principal: Principal, options: { types: readonly EventType[] | null; lastEventId: string | null }, sink: StreamSink): Promise<void> {
      const { orgId } = authorize(principal, 'events:read');
      if (open.size >= deps.maxStreams) throw new AppError('service-unavailable', `This instance serves ${deps.maxStreams} event streams already; retry shortly (another instance may have room)`, { retryAfter: 5 });
      const ofOrg = perOrg.get(orgId) ?? 0;
      if (ofOrg >= deps.maxStreamsPerOrg) throw new AppError('rate-limited', `Your organization has ${deps.maxStreamsPerOrg} event streams open on this instance; close one or retry later`, { retryAfter: 5 });
      perOrg.set(orgId, ofOrg + 1);

      // Nothing older than what the client asked for: its Last-Event-ID, or the moment it connected.
      const floor = options.lastEventId ?? idBoundaryAt('evt', new Date());
      const wanted = options.types ? new Set<string>(options.types) : null;
      const sent = new Set<string>();
      let held: DomainEvent[] | null = [];
      let closed = false;
      let unsubscribe: (() => void) | null = null;
      const send = (event: DomainEvent): boolean => {
        if (closed || sent.has(event.id) || (wanted && !wanted.has(event.type))) return true;
        sent.add(event.id);
        if (sent.size > REMEMBERED_IDS) sent.delete(sent.values().next().value as string);
        return sink.write(sseMessage({ id: event.id, event: event.type, data: JSON.stringify(event) }));
      };
      const heartbeat = setInterval(() => {
        if (!closed) sink.write(': heartbeat\n\n');
      }, deps.heartbeatMs);
      heartbeat.unref();
      const stream = {
        close: () => {
          if (closed) return;
          closed = true;
          clearInterval(heartbeat);
          unsubscribe?.();
          open.delete(stream);
          const left = (perOrg.get(orgId) ?? 1) - 1;
          if (left > 0) perOrg.set(orgId, left);
          else perOrg.delete(orgId);
          if (!sink.destroyed) sink.end();
        },
      };
      open.add(stream);
      unsubscribe = await deps.pubsub.subscribe(channelOf(orgId), (message) => {
        const event = JSON.parse(message) as DomainEvent;
        if (held) {
          held.push(event);
        } else if (!closed) {
          send(event);
          if (sink.writableLength > MAX_UNSENT_BYTES) {
            deps.log.warn({ orgId, unsentBytes: sink.writableLength }, 'event stream client too slow; closing it (it resumes with Last-Event-ID)');
            stream.close();
          }
        }
      }, (downSince) => {
        // Other instances' events were missed while the fan-out was down: read them from the database (sent ones are skipped).
        if (held || closed) return;
        const from = idBoundaryAt('evt', new Date(downSince.getTime() - RESUME_MARGIN_MS));
        replay(orgId, from > floor ? from : floor, send, sink, () => closed).catch((err: unknown) => {
          deps.log.error({ err, orgId }, 'event stream catch-up failed; closing the stream (the client resumes with Last-Event-ID)');
          stream.close();
        });
      });
      // closeAll() may have run while subscribing.
      if (closed) {
        unsubscribe();
        return;
      }
      sink.once('close', stream.close);
      sink.write(`retry: ${deps.retryMs}\n\n`);

      void (async () => {
        if (options.lastEventId !== null) await replay(orgId, options.lastEventId, send, sink, () => closed);
        for (const event of held ?? []) send(event);
        held = null;
        // Tells a client (and the tests) that the replay is over and what follows is live.
        if (!closed) sink.write(': live\n\n');
      })().catch((err: unknown) => {
        deps.log.error({ err, orgId }, 'event stream replay failed; closing the stream (the client resumes with Last-Event-ID)');
        stream.close();
      });
    },

    /** Ends every open stream, so a server shutdown does not wait for clients that never leave. */
    closeAll(): void {
      for (const stream of [...open]) stream.close();
    },
  };

  async function replay(orgId: string, lastEventId: string, send: (event: DomainEvent) => boolean, sink: StreamSink, isClosed: () => boolean): Promise<void> {
    let after = lastEventId;
    for (;;) {
      const rows = await deps.database.tenant(orgId, (tx) => deps.repo.list(orgId, { afterId: after, limit: REPLAY_PAGE }, tx));
      for (const row of rows) {
        if (isClosed()) return;
        if (!send(toDomainEvent(row))) {
          await new Promise<void>((resolve) => {
            sink.once('drain', resolve);
            sink.once('close', resolve);
          });
        }
      }
      const last = rows.at(-1);
      if (!last || rows.length < REPLAY_PAGE) return;
      after = last.id;
    }
  }
}
export type EventStreams = ReturnType<typeof createEventStreams>;
