import type { Config } from '../../config.ts';
import type { AmqpPublisherOptions } from './amqp-publisher.ts';
import type { EventPublisher } from './event-publisher.ts';
import { createFanOutPublisher } from './fan-out-publisher.ts';

type OutletConfig = Pick<Config, 'amqpUrl' | 'amqpExchange' | 'amqpReconnectMaxDelayMs' | 'natsUrl' | 'natsStream' | 'natsSubjectPrefix'>;

/**
 * The configured outlets as one publisher: RabbitMQ (AMQP_URL), NATS JetStream (NATS_URL), both, or none (null).
 * Each client library is loaded only when configured (together about 0.3 s of a start that uses neither).
 */
export async function createEventOutlets(config: OutletConfig, log: AmqpPublisherOptions['log']): Promise<EventPublisher | null> {
  const outlets: EventPublisher[] = [];
  if (config.amqpUrl !== null) {
    const { createAmqpPublisher } = await import('./amqp-publisher.ts');
    outlets.push(createAmqpPublisher({ url: config.amqpUrl, exchange: config.amqpExchange, reconnectMaxDelayMs: config.amqpReconnectMaxDelayMs, log }));
  }
  if (config.natsUrl !== null) {
    const { createNatsPublisher } = await import('./nats-publisher.ts');
    outlets.push(createNatsPublisher({
      url: config.natsUrl, stream: config.natsStream, subjectPrefix: config.natsSubjectPrefix, reconnectMaxDelayMs: config.amqpReconnectMaxDelayMs, log,
    }));
  }
  if (outlets.length === 0) return null;
  return outlets.length === 1 ? outlets[0] ?? null : createFanOutPublisher(outlets);
}
