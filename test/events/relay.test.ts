import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { ConsumeMessage } from 'amqplib';
import { isNull } from 'drizzle-orm';
import { pino } from 'pino';
import { createAmqpPublisher } from '../../src/infra/broker/amqp-publisher.ts';
import type { EventPublisher } from '../../src/infra/broker/event-publisher.ts';
import { loadConfig } from '../../src/config.ts';
import { newId } from '../../src/infra/db/ids.ts';
import { createTaskRunner } from '../../src/infra/queue/task-runner.ts';
import { createOutboxRelay } from '../../src/modules/events/events.relay.ts';
import { createEventsRepo } from '../../src/modules/events/events.repo.ts';
import { domainEvents } from '../../src/modules/events/events.table.ts';
import { createJob, json, publishJob, startTestApp, type TestApp, type TestOrg } from '../helpers/app.ts';
import { openTestBroker, testAmqpUrl, testExchangeName, withoutBroker, type TestBroker } from '../helpers/amqp.ts';
import { reserveTcpProxy, type TcpProxy } from '../helpers/tcp-proxy.ts';

interface ListedEvent { id: string; type: string; version: number; subjectId: string; payload: Record<string, unknown>; occurredAt: string }

const silent = pino({ level: 'silent' });
const url = testAmqpUrl ?? '';

const listEvents = async (t: TestApp, org: TestOrg): Promise<ListedEvent[]> =>
  json<{ data: ListedEvent[] }>(await t.app.inject({ method: 'GET', url: '/v1/events?limit=100', headers: org.auth })).data;

const unpublishedIds = async (t: TestApp): Promise<string[]> =>
  (await t.container.database.unscoped.select({ id: domainEvents.id }).from(domainEvents).where(isNull(domainEvents.publishedAt))).map((r) => r.id).sort();

const ids = (messages: readonly ConsumeMessage[]): string[] => messages.map((m) => String(m.properties.messageId));

describe('without AMQP_URL (the embedded default)', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp();
  });
  after(() => t.close());

  test('no relay runs: events are recorded, readable at /v1/events, and stay unpublished', async () => {
    assert.equal(t.container.outbox, null);
    assert.ok(!t.container.tasks.some((task) => task.name === 'events.relay-outbox'), 'no relay task is scheduled');
    await publishJob(t, t.org);
    const events = await listEvents(t, t.org);
    assert.deepEqual(events.map((e) => e.type), ['job.created', 'job.published']);
    assert.deepEqual(await unpublishedIds(t), events.map((e) => e.id).sort());
    assert.equal(json(await t.app.inject({ method: 'GET', url: '/ready' })).outbox, undefined, '/ready shows no relay lag');
  });

  test('a crash between the broker\'s confirm and the mark sends the events again with the same message-id, and loses none', { skip: withoutBroker }, async () => {
    const exchange = testExchangeName();
    const broker = await openTestBroker(url, exchange);
    const publisher = createAmqpPublisher({ url, exchange, reconnectMaxDelayMs: 200, log: silent });
    try {
      const queue = await broker.bind('#');
      await publishJob(t, t.org);
      const waiting = await unpublishedIds(t);
      assert.ok(waiting.length >= 2);
      const repo = createEventsRepo();
      let crashes = 1;
      // This app has no relay of its own; this one dies once after the broker's confirm, before marking.
      const relay = createOutboxRelay({
        database: t.container.database, publisher, log: silent,
        repo: {
          ...repo,
          markPublished: async (eventIds, db) => {
            if (crashes-- > 0) throw new Error('the process died before marking');
            await repo.markPublished(eventIds, db);
          },
        },
      });
      assert.equal(await relay.drain(), 0, 'the mark failed, so nothing counts as published');
      assert.deepEqual(await unpublishedIds(t), waiting, 'the events are still waiting');
      assert.equal(await relay.drain(), waiting.length);
      assert.deepEqual(await unpublishedIds(t), []);

      const messages = await queue.waitFor(2 * waiting.length);
      assert.deepEqual(ids(messages), [...waiting, ...waiting], 'each event twice with the same message-id: consumers dedupe on it');
      assert.equal(await relay.drain(), 0);
      await relay.stop();
    } finally {
      await publisher.close();
      await broker.close();
    }
  });

  test('a drain asked for while one is finishing runs again and publishes what was committed meanwhile', async () => {
    await t.container.outbox?.drain();
    const relayed: string[] = [];
    // An outlet of our own port that keeps what it is handed: the race is in the relay, not the broker.
    const publisher: EventPublisher = {
      publish: async (batch) => {
        relayed.push(...batch.map((e) => e.id));
      },
      onAvailable: () => undefined,
      close: async () => undefined,
    };
    const repo = createEventsRepo();
    let unlocking: () => void = () => undefined;
    const unlockReached = new Promise<void>((resolve) => {
      unlocking = resolve;
    });
    let release: () => void = () => undefined;
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    const relay = createOutboxRelay({
      database: t.container.database, publisher, log: silent,
      repo: {
        ...repo,
        // The first drain has read and published everything and is letting go of the lock when the next commit lands.
        unlockRelay: async (db) => {
          unlocking();
          await released;
          await repo.unlockRelay(db);
        },
      },
    });
    const before = await unpublishedIds(t);
    const first = relay.drain();
    await unlockReached;
    const job = await createJob(t, t.org);
    const [created] = (await listEvents(t, t.org)).filter((e) => e.subjectId === job.id);
    assert.ok(created);
    const second = relay.drain();
    release();
    assert.equal(await first, before.length);
    await second;
    assert.deepEqual(relayed, [...before, created.id], 'the event committed during the first drain\'s last step went in the second');
    await relay.stop();
    // This app has no relay of its own: mark them, as a relay would have, so later tests start clean.
    await repo.markPublished(relayed, t.container.database.unscoped);
  });

  test('two relays over one database (two instances) publish each event once between them', { skip: withoutBroker }, async () => {
    const exchange = testExchangeName();
    const broker = await openTestBroker(url, exchange);
    const publishers = [0, 1].map(() => createAmqpPublisher({ url, exchange, reconnectMaxDelayMs: 200, log: silent }));
    try {
      const queue = await broker.bind('#');
      await publishJob(t, t.org);
      await publishJob(t, t.org);
      const waiting = await unpublishedIds(t);
      assert.ok(waiting.length >= 4);
      // Batches of one, so the two would interleave and send rows twice if they did not take turns.
      const relays = publishers.map((publisher) => createOutboxRelay({ database: t.container.database, repo: createEventsRepo(), publisher, log: silent, batchSize: 1 }));
      const published = await Promise.all(relays.map((relay) => relay.drain()));
      assert.equal(published.reduce((a, b) => a + b, 0), waiting.length);
      assert.deepEqual(await unpublishedIds(t), []);
      assert.deepEqual(ids(await queue.waitFor(waiting.length)), waiting);
      await Promise.all(relays.map((relay) => relay.stop()));
    } finally {
      await Promise.all(publishers.map((publisher) => publisher.close()));
      await broker.close();
    }
  });
});

test('AMQP settings: the defaults, and a bad value named without echoing its credentials', () => {
  const config = loadConfig({});
  assert.equal(config.amqpUrl, null, 'no broker unless AMQP_URL says so');
  assert.equal(config.amqpExchange, 'hireline.events');
  assert.equal(loadConfig({ AMQP_URL: 'amqps://u:p@mq.example.test/prod', AMQP_EXCHANGE: 'acme.events' }).amqpExchange, 'acme.events');
  assert.throws(() => loadConfig({ AMQP_URL: 'http://user:secret@mq.example.test' }), (err: Error) => /AMQP_URL="<redacted>"/.test(err.message) && !err.message.includes('secret'));
  assert.throws(() => loadConfig({ AMQP_EXCHANGE: 'amq.topic' }), /AMQP_EXCHANGE/);
  assert.throws(() => loadConfig({ AMQP_EXCHANGE: 'has space' }), /AMQP_EXCHANGE/);
});

describe('the outbox relay to RabbitMQ', { skip: withoutBroker }, () => {
  const exchange = testExchangeName();
  let broker: TestBroker;
  let proxy: TcpProxy;
  let t: TestApp;
  before(async () => {
    broker = await openTestBroker(url, exchange);
    // The app reaches the broker only through this proxy, which the tests open and cut; nothing listens on it yet.
    proxy = await reserveTcpProxy({ host: new URL(url).hostname, port: Number(new URL(url).port || 5672) });
    const throughProxy = new URL(url);
    throughProxy.port = String(proxy.port);
    t = await startTestApp({ AMQP_URL: throughProxy.toString(), AMQP_EXCHANGE: exchange, AMQP_RECONNECT_MAX_DELAY_MS: '200', OUTBOX_POLL_INTERVAL_MS: '250' });
  });
  after(async () => {
    await t?.close();
    await proxy?.cut();
    await broker?.close();
  });

  test('while the broker is unreachable the API still answers and events wait; they drain when it is back, and after it drops', async () => {
    const queue = await broker.bind('job.*');
    const job = await createJob(t, t.org);
    assert.ok(t.container.outbox, 'AMQP_URL starts the relay');
    assert.equal(await t.container.outbox.drain(), 0, 'a dead port takes nothing');
    const [created] = await listEvents(t, t.org);
    assert.deepEqual(await unpublishedIds(t), [created?.id]);

    // The broker appears: the publisher's backoff finds it, and its reconnect wakes the relay.
    await proxy.open();
    assert.deepEqual(ids(await queue.waitFor(1)), [created?.id]);
    await t.container.outbox.drain();
    assert.deepEqual(await unpublishedIds(t), []);

    // The connection drops under a live publisher: the request still succeeds, its event waits.
    await proxy.cut();
    const published = await t.app.inject({ method: 'POST', url: `/v1/jobs/${job.id}/publish`, headers: t.org.auth });
    assert.equal(published.statusCode, 200, published.body);
    await t.container.outbox.drain();
    const afterCut = (await listEvents(t, t.org)).find((e) => e.type === 'job.published');
    assert.deepEqual(await unpublishedIds(t), [afterCut?.id]);
    assert.equal(queue.messages.length, 1);
    const ready = await t.app.inject({ method: 'GET', url: '/ready' });
    assert.equal(ready.statusCode, 200, 'a broker outage does not make the API unready');
    const lag = json<{ outbox: { unpublished: number; oldestUnpublishedAgeSeconds: number } }>(ready).outbox;
    assert.equal(lag.unpublished, 1);
    assert.ok(Number.isInteger(lag.oldestUnpublishedAgeSeconds) && lag.oldestUnpublishedAgeSeconds >= 0);

    await proxy.open();
    assert.deepEqual(ids(await queue.waitFor(2)), [created?.id, afterCut?.id]);
    await t.container.outbox.drain();
    assert.deepEqual(await unpublishedIds(t), []);
    assert.deepEqual(json(await t.app.inject({ method: 'GET', url: '/ready' })).outbox, { unpublished: 0, oldestUnpublishedAgeSeconds: null });
  });

  test('publishes each committed event once, in order, as a persistent JSON message routed by its type', async () => {
    await proxy.open();
    const everything = await broker.bind('#');
    const closings = await broker.bind('job.closed');
    const [acme, globex] = [await t.createOrg('Acme'), await t.createOrg('Globex')];
    const job = await publishJob(t, acme);
    const closed = await t.app.inject({ method: 'POST', url: `/v1/jobs/${job.id}/close`, headers: acme.auth });
    assert.equal(closed.statusCode, 200, closed.body);
    await createJob(t, globex);
    assert.ok(t.container.outbox);
    await t.container.outbox.drain();

    const mine = await listEvents(t, acme);
    const theirs = await listEvents(t, globex);
    assert.deepEqual(mine.map((e) => e.type), ['job.created', 'job.published', 'job.closed']);
    const messages = await everything.waitFor(4);
    // Oldest first across organizations, so each job's events arrive in the order they happened.
    assert.deepEqual(ids(messages), [...mine, ...theirs].map((e) => e.id).sort());
    for (const message of messages) {
      const event = [...mine, ...theirs].find((e) => e.id === message.properties.messageId);
      assert.ok(event);
      const orgId = mine.includes(event) ? acme.id : globex.id;
      assert.equal(message.fields.routingKey, event.type);
      assert.equal(message.fields.exchange, exchange);
      assert.equal(message.properties.deliveryMode, 2, 'persistent');
      assert.equal(message.properties.contentType, 'application/json');
      assert.equal(message.properties.type, event.type);
      assert.deepEqual(message.properties.headers, { 'org-id': orgId, 'event-type': event.type, 'event-version': event.version, 'subject-id': event.subjectId });
      assert.deepEqual(JSON.parse(message.content.toString('utf8')), { ...event, orgId });
    }
    assert.deepEqual(ids(await closings.waitFor(1)), [mine[2]?.id], 'a topic binding gets only its event type');
    assert.deepEqual(await unpublishedIds(t), [], 'published_at is set once the broker confirmed');

    assert.equal(await t.container.outbox.drain(), 0, 'nothing is published twice');
    assert.equal(everything.messages.length, 4);
  });

  test('the poll publishes what no commit here woke it for (an event another instance committed)', async () => {
    await proxy.open();
    const queue = await broker.bind('job.reopened');
    const task = t.container.tasks.find((d) => d.name === 'events.relay-outbox');
    assert.equal(task?.everyMs, 250, 'at OUTBOX_POLL_INTERVAL_MS');
    const id = newId('evt');
    await createEventsRepo().insert([{ id, orgId: t.org.id, type: 'job.reopened', subjectId: 'job_elsewhere', payload: { job: { id: 'job_elsewhere' } } }], t.container.database.unscoped);
    assert.deepEqual(await unpublishedIds(t), [id]);
    const runner = createTaskRunner({ tasks: t.container.tasks, log: silent });
    assert.equal(await runner.runNow('events.relay-outbox'), true);
    await runner.stop();
    assert.deepEqual(ids(await queue.waitFor(1)), [id]);
    assert.deepEqual(await unpublishedIds(t), []);
  });
});
