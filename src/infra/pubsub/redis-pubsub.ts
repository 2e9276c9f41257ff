import { randomUUID } from 'node:crypto';
import { connectRedis } from '../redis/redis-connection.ts';
import { LocalChannels, type MessageHandler, type PubSub } from './pubsub.ts';

export interface RedisPubSubLog {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
  error(details: object, message: string): void;
}

/**
 * Redis pub/sub shared by every instance. A subscribed connection can run nothing else, so it has
 * one of its own. This instance's subscribers get its own messages straight away, never through
 * Redis (each message names the instance it came from), so they keep arriving while Redis is down;
 * only the other instances' messages wait until the subscriber is back and has resubscribed.
 */
export function createRedisPubSub(url: string, log: RedisPubSubLog): PubSub {
  const origin = randomUUID();
  const local = new LocalChannels(log);
  const publisher = connectRedis(url, log, { name: 'pubsub-publish' });
  const subscriber = connectRedis(url, log, { name: 'pubsub-subscribe' });
  let publishFailing = false;
  const resumers = new Map<MessageHandler, (downSince: Date) => void>();
  let downSince: Date | null = null;

  subscriber.on('message', (channel: string, raw: string) => {
    const cut = raw.indexOf('\n');
    if (cut < 0 || raw.slice(0, cut) === origin) return;
    local.deliver(channel, raw.slice(cut + 1));
  });
  subscriber.on('close', () => {
    downSince ??= new Date();
  });
  // ioredis resubscribes what it had subscribed; channels whose SUBSCRIBE failed while Redis was down are added here.
  subscriber.on('ready', () => {
    const channels = local.channels();
    const since = downSince;
    if (channels.length === 0) {
      downSince = null;
      return;
    }
    subscriber.subscribe(...channels).then(
      () => {
        downSince = null;
        if (!since) return;
        log.info({ channels: channels.length, downSince: since }, 'live events: subscribed to Redis again; other instances\' events arrive again');
        for (const resumed of resumers.values()) resumed(since);
      },
      (err: Error) => log.warn({ err: { message: err.message } }, 'live events: resubscribing to Redis failed; retrying on the next reconnect'),
    );
  });

  return {
    async publish(channel, message) {
      local.deliver(channel, message);
      try {
        await publisher.publish(channel, `${origin}\n${message}`);
        publishFailing = false;
      } catch (err) {
        if (!publishFailing) log.warn({ err: { message: (err as Error).message }, channel }, 'live events: Redis publish failed; other instances miss events until it returns');
        publishFailing = true;
      }
    },
    async subscribe(channel, handler, resumed) {
      if (resumed) resumers.set(handler, resumed);
      if (local.add(channel, handler)) {
        await subscriber.subscribe(channel).catch((err: Error) => {
          log.warn({ err: { message: err.message }, channel }, 'live events: Redis subscribe failed; local events only until it returns');
        });
      }
      return () => {
        resumers.delete(handler);
        // Failing while Redis is down is harmless: a channel nobody here listens to is dropped on arrival.
        if (local.remove(channel, handler)) subscriber.unsubscribe(channel).catch(() => undefined);
      };
    },
    async close() {
      // quit() waits for a reply a Redis that is down never sends; disconnect() does not.
      publisher.disconnect();
      subscriber.disconnect();
    },
  };
}
