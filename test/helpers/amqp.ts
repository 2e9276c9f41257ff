import { randomBytes } from 'node:crypto';
import amqp, { type ChannelModel, type ConsumeMessage } from 'amqplib';

/** The broker the RabbitMQ tests use; CI sets it on the server profile. */
export const testAmqpUrl = process.env.TEST_AMQP_URL ?? null;

/** node:test's `skip` for tests that need the broker: false when it is configured, else the reason. */
export const withoutBroker: string | false = testAmqpUrl
  ? false
  : 'TEST_AMQP_URL is not set (e.g. amqp://guest:guest@127.0.0.1:5672): the RabbitMQ outlet tests need a running broker';

/** An exchange name of this test's own, so parallel test files never see each other's events. */
export const testExchangeName = (): string => `hireline.test.${randomBytes(4).toString('hex')}`;

export interface BoundQueue {
  readonly messages: ConsumeMessage[];
  /** The messages once at least `count` have arrived (in arrival order). */
  waitFor(count: number, timeoutMs?: number): Promise<ConsumeMessage[]>;
}

export interface TestBroker {
  /** A fresh exclusive queue bound to the exchange with `pattern`, keeping what it receives. */
  bind(pattern: string): Promise<BoundQueue>;
  /** Deletes the exchange and closes the connection (the queues are exclusive: they go with it). */
  close(): Promise<void>;
}

/** A consumer connection straight to the broker, and the test's durable topic exchange declared on it. */
export async function openTestBroker(url: string, exchange: string): Promise<TestBroker> {
  const connection: ChannelModel = await amqp.connect(url);
  const channel = await connection.createChannel();
  await channel.assertExchange(exchange, 'topic', { durable: true });
  return {
    async bind(pattern) {
      const { queue } = await channel.assertQueue('', { exclusive: true });
      await channel.bindQueue(queue, exchange, pattern);
      const messages: ConsumeMessage[] = [];
      await channel.consume(queue, (message) => {
        if (message) messages.push(message);
      }, { noAck: true });
      return {
        messages,
        async waitFor(count, timeoutMs = 10_000) {
          const deadline = Date.now() + timeoutMs;
          while (messages.length < count) {
            if (Date.now() > deadline) throw new Error(`${messages.length} of ${count} messages arrived on ${pattern} within ${timeoutMs} ms`);
            await new Promise((resolve) => setTimeout(resolve, 10));
          }
          return messages;
        },
      };
    },
    async close() {
      await channel.deleteExchange(exchange);
      await connection.close();
    },
  };
}
