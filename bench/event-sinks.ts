/**
 * The outside world of the events bench, in a process of its own (bench/events.ts forks it), so that
 * receiving does not take the event loop of the Hireline process being measured: a consumer of a
 * queue bound to every event on the exchange, and a node:http webhook receiver on 127.0.0.1. Each
 * notes when an event (by subject id) first arrived, on the wall clock the parent also reads.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import amqp from 'amqplib';

export type SinkKind = 'broker' | 'hooks';
/** Parent → child: wait (up to timeoutMs) for these subject ids, then answer with their arrival times. */
export interface SinkQuery { kind: SinkKind; ids: string[]; timeoutMs: number }
/** Child → parent: arrival times in the order asked (null: not arrived), or the receiver's address once ready. */
export type SinkMessage = { ready: { receiverUrl: string } } | { arrivals: (number | null)[] };

/** Milliseconds on a clock that processes on one machine share. */
export const wallClock = (): number => performance.timeOrigin + performance.now();

async function main(amqpUrl: string, exchange: string): Promise<void> {
  const arrived: Record<SinkKind, Map<string, number>> = { broker: new Map(), hooks: new Map() };
  const note = (kind: SinkKind, id: string) => {
    if (!arrived[kind].has(id)) arrived[kind].set(id, wallClock());
  };

  const connection = await amqp.connect(amqpUrl);
  const channel = await connection.createChannel();
  await channel.assertExchange(exchange, 'topic', { durable: true });
  const { queue } = await channel.assertQueue('', { exclusive: true });
  await channel.bindQueue(queue, exchange, '#');
  await channel.consume(queue, (m) => {
    if (m) note('broker', String((m.properties.headers as Record<string, unknown> | undefined)?.['subject-id']));
  }, { noAck: true });

  const receiver = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => { body += chunk.toString('utf8'); });
    req.on('end', () => {
      note('hooks', (JSON.parse(body) as { subjectId: string }).subjectId);
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));

  process.on('message', (query: SinkQuery) => {
    void (async () => {
      const at = arrived[query.kind];
      const deadline = wallClock() + query.timeoutMs;
      while (query.ids.some((id) => !at.has(id)) && wallClock() < deadline) await sleep(20);
      process.send?.({ arrivals: query.ids.map((id) => at.get(id) ?? null) } satisfies SinkMessage);
    })();
  });
  process.on('disconnect', () => {
    receiver.closeAllConnections();
    receiver.close();
    void connection.close().finally(() => process.exit(0));
  });
  process.send?.({ ready: { receiverUrl: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook` } } satisfies SinkMessage);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [amqpUrl, exchange] = process.argv.slice(2);
  if (!amqpUrl || !exchange) throw new Error('usage: event-sinks.ts <amqp url> <exchange>');
  await main(amqpUrl, exchange);
}
