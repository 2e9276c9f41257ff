import { jetstream, jetstreamManager, JetStreamApiError, StorageType, type JetStreamClient } from '@nats-io/jetstream';
import { connect, headers, nanos, type NatsConnection } from '@nats-io/transport-node';
import { eventBody, PublisherUnavailableError, type EventPublisher, type OutgoingEvent } from './event-publisher.ts';

export interface NatsPublisherOptions {
  /** nats:// (or tls://) server, credentials in the URL if it needs them. */
  url: string;
  /** The JetStream stream, created on connect if missing (an existing one is left as its operator set it). */
  stream: string;
  /** Subjects are `<prefix>.<event type>`; the stream captures `<prefix>.>`. */
  subjectPrefix: string;
  /** The longest wait between reconnect attempts; they start at 100 ms and double, with jitter. */
  reconnectMaxDelayMs: number;
  log: { info(details: object, message: string): void; warn(details: object, message: string): void };
}

/** JetStream drops a second message with the same Nats-Msg-Id within this window (the stream's default). */
const DUPLICATE_WINDOW_MS = 120_000;
// JetStream's API error code for "stream not found".
const STREAM_NOT_FOUND = 10059;

export const natsSubject = (prefix: string, event: OutgoingEvent): string => `${prefix}.${event.type}`;

function natsHeaders(event: OutgoingEvent) {
  const h = headers();
  h.set('Content-Type', 'application/json');
  h.set('Hireline-Org-Id', event.orgId);
  h.set('Hireline-Event-Type', event.type);
  h.set('Hireline-Event-Version', String(event.version));
  h.set('Hireline-Subject-Id', event.subjectId);
  return h;
}

/**
 * Appends events to a JetStream stream: `publish` resolves once the stream acknowledged (stored)
 * every message of the batch. Each message's Nats-Msg-Id is the event id, so the relay's resend of a
 * batch after a crash between acknowledgement and mark is dropped by the stream's duplicate window:
 * at-least-once publishing becomes exactly-once in the stream (for resends within the window).
 * The client reconnects forever with exponential backoff; while it is disconnected `publish` fails at
 * once and the events wait in the outbox. Connects on the first publish.
 */
export function createNatsPublisher({ url, stream, subjectPrefix, reconnectMaxDelayMs, log }: NatsPublisherOptions): EventPublisher {
  let connection: Promise<NatsConnection> | null = null;
  let js: JetStreamClient | null = null;
  // The connection while it is up (null while the client reconnects): only then is the stream worth a look.
  let live: NatsConnection | null = null;
  let closed = false;
  let attempt = 0;
  let retry: NodeJS.Timeout | null = null;
  let outageLogged = false;
  // The first publish waits for the first attempt's outcome, so a server that is up takes it at once.
  let firstAttemptEnded = (): void => undefined;
  const firstAttempt = new Promise<void>((resolve) => {
    firstAttemptEnded = resolve;
  });
  const availableListeners: (() => void)[] = [];
  // Batches waiting for acks when the connection drops: they fail at once rather than at the ack timeout.
  const onDrop = new Set<() => void>();

  async function ensureStream(nc: NatsConnection): Promise<void> {
    const jsm = await jetstreamManager(nc);
    try {
      await jsm.streams.info(stream);
    } catch (err) {
      if (!(err instanceof JetStreamApiError && err.code === STREAM_NOT_FOUND)) throw err;
      await jsm.streams.add({ name: stream, subjects: [`${subjectPrefix}.>`], storage: StorageType.File, duplicate_window: nanos(DUPLICATE_WINDOW_MS) });
    }
  }

  async function ready(nc: NatsConnection): Promise<void> {
    try {
      await ensureStream(nc);
      js = jetstream(nc);
      attempt = 0;
      outageLogged = false;
      log.info({ stream }, 'NATS JetStream connected');
      for (const listener of availableListeners) listener();
    } catch (err) {
      log.warn({ err: err instanceof Error ? err.message : String(err), stream }, 'NATS connected but the JetStream stream is not usable; events wait in the outbox');
    }
  }

  async function watch(nc: NatsConnection): Promise<void> {
    for await (const status of nc.status()) {
      if (status.type === 'disconnect') {
        js = null;
        live = null;
        for (const dropped of onDrop) dropped();
        log.warn({ stream }, 'NATS connection lost; events wait in the outbox while it reconnects');
      } else if (status.type === 'reconnect') {
        live = nc;
        await ready(nc);
      }
    }
  }

  const delay = (): number => {
    const base = Math.min(reconnectMaxDelayMs, 100 * 2 ** Math.min(attempt++, 20));
    return base / 2 + Math.random() * (base / 2);
  };

  // Until the first connection the client does not retry by itself; this does, with the same backoff.
  function connectOnce(): void {
    if (connection || closed || retry) return;
    connection = connect({ servers: url, name: 'hireline outbox relay', maxReconnectAttempts: -1, timeout: 10_000, reconnectDelayHandler: delay })
      .then(async (nc) => {
        live = nc;
        void watch(nc);
        await ready(nc);
        firstAttemptEnded();
        return nc;
      });
    connection.catch((err: unknown) => {
      if (!outageLogged) log.warn({ err: err instanceof Error ? err.message : String(err) }, 'NATS unreachable; events wait in the outbox while it retries with backoff');
      outageLogged = true;
      connection = null;
      firstAttemptEnded();
      retry = setTimeout(() => {
        retry = null;
        connectOnce();
      }, delay());
      retry.unref();
    });
  }

  return {
    async publish(batch) {
      if (closed) throw new PublisherUnavailableError('the publisher is closed');
      connectOnce();
      await firstAttempt;
      // Connected, but the stream was not usable then (JetStream off, a subject clash): look again.
      if (!js && live && !live.isClosed()) await ready(live);
      const client = js;
      if (!client) throw new PublisherUnavailableError('not connected to NATS JetStream');
      // Written to the socket in batch order without waiting in between; each ack says the stream stored it.
      const acks = Promise.allSettled(batch.map((event) =>
        client.publish(natsSubject(subjectPrefix, event), eventBody(event), { msgID: event.id, headers: natsHeaders(event) })));
      let dropped = (): void => undefined;
      const drop = new Promise<'dropped'>((resolve) => {
        dropped = () => resolve('dropped');
      });
      onDrop.add(dropped);
      // What the client re-sends after a reconnect, the stream stores once: the relay's resend is a duplicate.
      const outcome = await Promise.race([acks, drop]).finally(() => onDrop.delete(dropped));
      if (outcome === 'dropped') throw new PublisherUnavailableError('the NATS connection dropped during the batch');
      const failed = outcome.find((a) => a.status === 'rejected');
      if (failed) {
        if (!js) throw new PublisherUnavailableError('the NATS connection dropped during the batch');
        throw new Error('NATS JetStream did not acknowledge the batch', { cause: failed.reason });
      }
    },

    onAvailable(listener) {
      availableListeners.push(listener);
    },

    async close() {
      closed = true;
      if (retry) clearTimeout(retry);
      firstAttemptEnded();
      const pending = connection;
      connection = null;
      js = null;
      live = null;
      const nc = await pending?.catch(() => null);
      await nc?.close();
    },
  };
}
