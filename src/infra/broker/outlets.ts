import type { Config } from '../../config.ts';
import { createAmqpPublisher, type AmqpPublisherOptions } from './amqp-publisher.ts';
import type { EventPublisher } from './event-publisher.ts';
import { createFanOutPublisher } from './fan-out-publisher.ts';
import { createNatsPublisher } from './nats-publisher.ts';

type OutletConfig = Pick<Config, 'amqpUrl' | 'amqpExchange' | 'amqpReconnectMaxDelayMs' | 'natsUrl' | 'natsStream' | 'natsSubjectPrefix'>;

/** The configured outlets as one publisher: RabbitMQ (AMQP_URL), NATS JetStream (NATS_URL), both, or none (null). */
export function createEventOutlets(config: OutletConfig, log: AmqpPublisherOptions['log']): EventPublisher | null {
  const outlets: EventPublisher[] = [];
  if (config.amqpUrl !== null) {
    outlets.push(createAmqpPublisher({ url: config.amqpUrl, exchange: config.amqpExchange, reconnectMaxDelayMs: config.amqpReconnectMaxDelayMs, log }));
  }
  if (config.natsUrl !== null) {
    outlets.push(createNatsPublisher({
      url: config.natsUrl, stream: config.natsStream, subjectPrefix: config.natsSubjectPrefix, reconnectMaxDelayMs: config.amqpReconnectMaxDelayMs, log,
    }));
  }
  if (outlets.length === 0) return null;
  return outlets.length === 1 ? outlets[0] ?? null : createFanOutPublisher(outlets);
}
