/** One outbox event as an outlet carries it: the stored event, whole (ids are time-ordered). */
export interface OutgoingEvent {
  readonly id: string;
  readonly orgId: string;
  readonly type: string;
  readonly version: number;
  readonly subjectId: string;
  readonly payload: Record<string, unknown>;
  readonly occurredAt: Date;
}

/** An event's JSON body on every outlet; the outlets' headers repeat the routing fields so consumers need not parse it. */
export const eventBody = (event: OutgoingEvent): Buffer => Buffer.from(JSON.stringify({
  id: event.id, type: event.type, version: event.version, orgId: event.orgId,
  subjectId: event.subjectId, occurredAt: event.occurredAt.toISOString(), payload: event.payload,
}));

/**
 * An outlet for domain events: RabbitMQ (amqp-publisher.ts) and NATS JetStream (nats-publisher.ts).
 * The outbox relay hands it batches in id order and marks them published once `publish` resolves,
 * so `publish` must resolve only when the outlet has taken responsibility for every event of the
 * batch (a broker's confirm, a log's acknowledged append), and reject otherwise.
 */
export interface EventPublisher {
  publish(batch: readonly OutgoingEvent[]): Promise<void>;
  /** Calls listener each time the outlet (re)gains its connection, so waiting events go at once. */
  onAvailable(listener: () => void): void;
  close(): Promise<void>;
}

/**
 * The outlet has no connection now (not yet, or it dropped, and the adapter is reconnecting and says
 * so in its log); the events wait in the outbox. Any other rejection of `publish` is a real failure.
 */
export class PublisherUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PublisherUnavailableError';
  }
}
