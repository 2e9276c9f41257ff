import { LocalChannels, type PubSub } from './pubsub.ts';

/** The embedded default: one process, so every subscriber is local. */
export function createMemoryPubSub(log: { error(details: object, message: string): void }): PubSub {
  const local = new LocalChannels(log);
  return {
    async publish(channel, message) {
      local.deliver(channel, message);
    },
    async subscribe(channel, handler) {
      local.add(channel, handler);
      return () => {
        local.remove(channel, handler);
      };
    },
    async close() {},
  };
}
