/** What a subscriber is handed: one published message, as a string. */
export type MessageHandler = (message: string) => void;

/**
 * Fan-out of short messages to every subscriber of a channel, in this process and (for a shared
 * implementation) in every other instance. At most once: a message published while a subscriber's
 * link is down is not kept for it, so callers that must not lose anything read their source again.
 */
export interface PubSub {
  /** Delivers to every subscriber of the channel, this instance's included, once each; never throws. */
  publish(channel: string, message: string): Promise<void>;
  /**
   * Starts delivering the channel's messages to the handler; resolves to its unsubscribe. `resumed` is
   * called when a lost link came back: other instances' messages published since `downSince` were missed.
   */
  subscribe(channel: string, handler: MessageHandler, resumed?: (downSince: Date) => void): Promise<() => void>;
  close(): Promise<void>;
}

/** The subscribers of this process, by channel: the whole in-memory fan-out and the local half of a shared one. */
export class LocalChannels {
  private readonly handlers = new Map<string, Set<MessageHandler>>();
  constructor(private readonly log: { error(details: object, message: string): void }) {}

  /** Adds the handler; true when it is the channel's first. */
  add(channel: string, handler: MessageHandler): boolean {
    const set = this.handlers.get(channel) ?? new Set();
    set.add(handler);
    this.handlers.set(channel, set);
    return set.size === 1;
  }

  /** Removes the handler; true when the channel has no subscriber left. */
  remove(channel: string, handler: MessageHandler): boolean {
    const set = this.handlers.get(channel);
    if (!set?.delete(handler)) return false;
    if (set.size > 0) return false;
    this.handlers.delete(channel);
    return true;
  }

  deliver(channel: string, message: string): void {
    for (const handler of this.handlers.get(channel) ?? []) {
      // One failing subscriber must not keep the message from the others.
      try {
        handler(message);
      } catch (err) {
        this.log.error({ err, channel }, 'pub/sub subscriber failed');
      }
    }
  }

  channels(): string[] {
    return [...this.handlers.keys()];
  }
}
