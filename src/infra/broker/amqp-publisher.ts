import amqp, { type ChannelModel, type ConfirmChannel, type Options, type RecoveringChannelModel } from 'amqplib';
import { eventBody, PublisherUnavailableError, type EventPublisher, type OutgoingEvent } from './event-publisher.ts';

export interface AmqpPublisherOptions {
  /** amqp:// or amqps:// with credentials and vhost; `?heartbeat=N` to notice a silent broker sooner. */
  url: string;
  /** A durable topic exchange, declared on every connect; routing key = event type. */
  exchange: string;
  /** The longest wait between reconnect attempts; they start at 100 ms and double, with jitter. */
  reconnectMaxDelayMs: number;
  log: { info(details: object, message: string): void; warn(details: object, message: string): void };
}

/** What goes on the wire for one event: the body is JSON, the rest lets consumers route and dedupe without parsing it. */
export function amqpMessage(event: OutgoingEvent): { routingKey: string; content: Buffer; options: Options.Publish } {
  return {
    routingKey: event.type,
    content: eventBody(event),
    options: {
      // The event id is the deduplication key: a relay crash between confirm and mark sends it again.
      messageId: event.id,
      persistent: true,
      contentType: 'application/json',
      type: event.type,
      appId: 'hireline',
      timestamp: Math.floor(event.occurredAt.getTime() / 1000),
      headers: { 'org-id': event.orgId, 'event-type': event.type, 'event-version': event.version, 'subject-id': event.subjectId },
    },
  };
}

/** Resolves when the channel's write buffer has drained; rejects if the channel closes first. */
function drained(ch: ConfirmChannel): Promise<void> {
  return new Promise((resolve, reject) => {
    const onDrain = () => {
      ch.off('close', onClose);
      resolve();
    };
    const onClose = () => {
      ch.off('drain', onDrain);
      reject(new Error('channel closed'));
    };
    ch.once('drain', onDrain);
    ch.once('close', onClose);
  });
}

/**
 * Publishes to RabbitMQ on a confirm channel: `publish` resolves once the broker has confirmed every
 * message of the batch. amqplib's recovery reconnects with exponential backoff and jitter; while it is
 * disconnected `publish` fails at once (the events stay in the outbox) instead of waiting for it.
 * Connects on the first publish, so commands that never publish never open a connection.
 */
export function createAmqpPublisher({ url, exchange, reconnectMaxDelayMs, log }: AmqpPublisherOptions): EventPublisher {
  let model: Promise<RecoveringChannelModel> | null = null;
  // The live connection, or null while recovery reconnects: channels open on it and fail at once if it
  // just dropped (the recovering model's own createConfirmChannel would wait for the reconnect instead).
  let live: ChannelModel | null = null;
  // One warning per outage, not one per reconnect attempt.
  let outageLogged = false;
  // The first publish waits for the first attempt's outcome, so a broker that is up takes it at once.
  let firstAttemptEnded = (): void => undefined;
  const firstAttempt = new Promise<void>((resolve) => {
    firstAttemptEnded = resolve;
  });
  let channel: Promise<ConfirmChannel> | null = null;
  let closed = false;
  const availableListeners: (() => void)[] = [];

  function connection(): Promise<RecoveringChannelModel> {
    model ??= amqp.connect(url, {
      timeout: 10_000,
      clientProperties: { connection_name: 'hireline outbox relay' },
      recovery: {
        waitForConnect: false, initialDelay: Math.min(100, reconnectMaxDelayMs), maxDelay: reconnectMaxDelayMs, factor: 2, jitter: 0.5,
        // The exchange exists before any publish on a connection, fresh or recovered.
        setup: async (fresh: ChannelModel) => {
          const ch = await fresh.createChannel();
          await ch.assertExchange(exchange, 'topic', { durable: true });
          await ch.close();
        },
      },
    }).then((recovering) => {
      recovering.on('connect', (connection) => {
        live = connection;
        outageLogged = false;
        firstAttemptEnded();
        log.info({ exchange }, 'message broker connected');
        for (const listener of availableListeners) listener();
      });
      recovering.on('disconnect', (err) => {
        live = null;
        channel = null;
        outageLogged = true;
        log.warn({ err: err.message }, 'message broker connection lost; events wait in the outbox while it reconnects');
      });
      recovering.on('connect-failed', (err) => {
        firstAttemptEnded();
        if (!outageLogged) log.warn({ err: err.message }, 'message broker unreachable; events wait in the outbox while it retries with backoff');
        outageLogged = true;
      });
      recovering.on('error', () => undefined); // a 'disconnect' follows; without a listener the error would crash the process
      return recovering;
    });
    return model;
  }

  function confirmChannel(connection: ChannelModel): Promise<ConfirmChannel> {
    channel ??= connection.createConfirmChannel().then((ch) => {
      // A channel the broker closed (or one left with unconfirmed messages) is never reused.
      const discard = () => {
        if (channel === opened) channel = null;
      };
      ch.on('close', discard);
      ch.on('error', discard);
      return ch;
    });
    const opened = channel;
    opened.catch(() => {
      if (channel === opened) channel = null;
    });
    return opened;
  }

  return {
    async publish(batch) {
      if (closed) throw new PublisherUnavailableError('the publisher is closed');
      await connection();
      await firstAttempt;
      if (!live) throw new PublisherUnavailableError('not connected to the message broker');
      if (batch.length === 0) return;
      const ch = await confirmChannel(live);
      try {
        for (const event of batch) {
          const { routingKey, content, options } = amqpMessage(event);
          // false: the socket's buffer is full; wait until it drains rather than buffer without bound.
          if (!ch.publish(exchange, routingKey, content, options)) await drained(ch);
        }
        await ch.waitForConfirms();
      } catch (err) {
        channel = null;
        await ch.close().catch(() => undefined);
        throw new Error('the message broker did not confirm the batch', { cause: err });
      }
    },

    onAvailable(listener) {
      availableListeners.push(listener);
    },

    async close() {
      closed = true;
      const recovering = model;
      model = null;
      live = null;
      channel = null;
      firstAttemptEnded();
      if (recovering) await (await recovering).close();
    },
  };
}
