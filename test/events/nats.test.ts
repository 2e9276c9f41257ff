import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { isNull } from 'drizzle-orm';
import { pino } from 'pino';
import { loadConfig } from '../../src/config.ts';
import { createAmqpPublisher } from '../../src/infra/broker/amqp-publisher.ts';
import { createNatsPublisher } from '../../src/infra/broker/nats-publisher.ts';
import { createOutboxRelay } from '../../src/modules/events/events.relay.ts';
import { createEventsRepo } from '../../src/modules/events/events.repo.ts';
import { domainEvents } from '../../src/modules/events/events.table.ts';
import { json, publishJob, startTestApp, type TestApp } from '../helpers/app.ts';
import { reserveTcpProxy } from '../helpers/tcp-proxy.ts';
import { openTestBroker, testAmqpUrl, testExchangeName, withoutBroker } from '../helpers/amqp.ts';
import { testNatsUrl, withoutNats } from '../helpers/nats.ts';

interface ListedEvent { id: string; type: string; version: number; subjectId: string; payload: Record<string, unknown>; occurredAt: string }
interface Stored { subject: string; msgId: string | undefined; body: Record<string, unknown>; orgId: string | undefined }

const silent = pino({ level: 'silent' });
const natsUrl = testNatsUrl ?? '';

/** A stream and subject prefix of this test's own, so parallel test files never see each other's events. */
const testStream = () => {
  const tag = randomBytes(4).toString('hex');
  return { stream: `HIRELINE_TEST_${tag}`, prefix: `hireline.test.${tag}` };
};

/** Every message in the stream, in stream order, read back by sequence number. */
async function storedMessages(jsm: JetStreamManager, stream: string): Promise<Stored[]> {
  const info = await jsm.streams.info(stream);
  const stored: Stored[] = [];
  for (let seq = info.state.first_seq; seq <= info.state.last_seq && info.state.messages > 0; seq++) {
    const m = await jsm.streams.getMessage(stream, { seq });
    if (!m) continue;
    stored.push({ subject: m.subject, msgId: m.header.get('Nats-Msg-Id'), body: m.json<Record<string, unknown>>(), orgId: m.header.get('Hireline-Org-Id') });
  }
  return stored;
}

/** The skip reason when NATS is not configured, or answers without JetStream; else false. */
async function withoutJetStream(): Promise<string | false> {
  if (withoutNats) return withoutNats;
  // A configured server that does not answer is a failure (in before()), not a skip.
  const nc = await connect({ servers: natsUrl, timeout: 5_000 }).catch(() => null);
  if (!nc) return false;
  try {
    await (await jetstreamManager(nc)).getAccountInfo();
    return false;
  } catch (err) {
    return `the NATS server at ${natsUrl} has no JetStream (start nats-server with -js): ${err instanceof Error ? err.message : String(err)}`;
  } finally {
    await nc.close();
  }
}
const skipJetStream = await withoutJetStream();

const listEvents = async (t: TestApp, auth: Record<string, string>): Promise<ListedEvent[]> =>
  json<{ data: ListedEvent[] }>(await t.app.inject({ method: 'GET', url: '/v1/events?limit=100', headers: auth })).data;

const unpublishedIds = async (t: TestApp): Promise<string[]> =>
  (await t.container.database.unscoped.select({ id: domainEvents.id }).from(domainEvents).where(isNull(domainEvents.publishedAt))).map((r) => r.id).sort();

test('NATS settings: the defaults, and bad names refused', () => {
  const config = loadConfig({});
  assert.equal(config.natsUrl, null, 'no NATS outlet unless NATS_URL says so');
  assert.equal(config.natsStream, 'HIRELINE_EVENTS');
  assert.equal(config.natsSubjectPrefix, 'hireline.events');
  assert.throws(() => loadConfig({ NATS_STREAM: 'has.dot' }), /NATS_STREAM/);
  assert.throws(() => loadConfig({ NATS_SUBJECT_PREFIX: 'events.>' }), /NATS_SUBJECT_PREFIX/);
  assert.throws(() => loadConfig({ NATS_URL: 'http://user:secret@nats.example.test' }), (err: Error) => /NATS_URL="<redacted>"/.test(err.message) && !err.message.includes('secret'));
});

describe('the outbox relay to NATS JetStream', { skip: skipJetStream }, () => {
  const { stream, prefix } = testStream();
  let nc: NatsConnection;
  let jsm: JetStreamManager;
  let t: TestApp;
  before(async () => {
    nc = await connect({ servers: natsUrl });
    jsm = await jetstreamManager(nc);
    t = await startTestApp({ NATS_URL: natsUrl, NATS_STREAM: stream, NATS_SUBJECT_PREFIX: prefix, OUTBOX_POLL_INTERVAL_MS: '250' });
  });
  after(async () => {
    await t?.close();
    await jsm?.streams.delete(stream).catch(() => false);
    await nc?.close();
  });

  test('events arrive in the stream in order, one subject per type, with the event id as Nats-Msg-Id', async () => {
    const [acme, globex] = [await t.createOrg('Acme'), await t.createOrg('Globex')];
    const job = await publishJob(t, acme);
    assert.equal((await t.app.inject({ method: 'POST', url: `/v1/jobs/${job.id}/close`, headers: acme.auth })).statusCode, 200);
    await publishJob(t, globex);
    assert.ok(t.container.outbox, 'NATS_URL starts the relay');
    await t.container.outbox.drain();
    assert.deepEqual(await unpublishedIds(t), [], 'marked once the stream acknowledged');

    const mine = await listEvents(t, acme.auth);
    const theirs = await listEvents(t, globex.auth);
    const all = [...mine, ...theirs].sort((a, b) => a.id.localeCompare(b.id));
    const stored = await storedMessages(jsm, stream);
    // The stream was created by the publisher with the configured subjects.
    assert.deepEqual((await jsm.streams.info(stream)).config.subjects, [`${prefix}.>`]);
    assert.deepEqual(stored.map((m) => m.msgId), all.map((e) => e.id), 'oldest first, so each job\'s events are in the order they happened');
    for (const [i, m] of stored.entries()) {
      const event = all[i];
      assert.ok(event);
      assert.equal(m.subject, `${prefix}.${event.type}`);
      const orgId = mine.includes(event) ? acme.id : globex.id;
      assert.equal(m.orgId, orgId);
      assert.deepEqual(m.body, { ...event, orgId });
    }
  });

  test('when the connection drops the API still answers and events wait; after the reconnect they go, each once, in order', async () => {
    const { stream: own, prefix: ownPrefix } = testStream();
    const proxy = await reserveTcpProxy({ host: new URL(natsUrl).hostname, port: Number(new URL(natsUrl).port || 4222) });
    await proxy.open();
    const app = await startTestApp({ NATS_URL: `nats://127.0.0.1:${proxy.port}`, NATS_STREAM: own, NATS_SUBJECT_PREFIX: ownPrefix, AMQP_RECONNECT_MAX_DELAY_MS: '200' });
    try {
      assert.ok(app.container.outbox);
      const job = await publishJob(app, app.org);
      await app.container.outbox.drain();
      assert.deepEqual(await unpublishedIds(app), []);

      await proxy.cut();
      const closed = await app.app.inject({ method: 'POST', url: `/v1/jobs/${job.id}/close`, headers: app.org.auth });
      assert.equal(closed.statusCode, 200, closed.body);
      await app.container.outbox.drain();
      const events = await listEvents(app, app.org.auth);
      assert.deepEqual(await unpublishedIds(app), [events.at(-1)?.id], 'the close waits in the outbox');

      await proxy.open();
      for (let i = 0; i < 500 && (await unpublishedIds(app)).length > 0; i++) await new Promise((resolve) => setTimeout(resolve, 20));
      assert.deepEqual(await unpublishedIds(app), [], 'the reconnect woke the relay');
      assert.deepEqual((await storedMessages(jsm, own)).map((m) => m.msgId), events.map((e) => e.id));
    } finally {
      await app.close();
      await proxy.cut();
      await jsm.streams.delete(own).catch(() => false);
    }
  });

  test('a crash between the stream\'s ack and the mark resends the batch, and JetStream drops the duplicates', async () => {
    const { stream: own, prefix: ownPrefix } = testStream();
    const publisher = createNatsPublisher({ url: natsUrl, stream: own, subjectPrefix: ownPrefix, reconnectMaxDelayMs: 200, log: silent });
    const other = await startTestApp();
    try {
      await publishJob(other, other.org);
      const waiting = await unpublishedIds(other);
      assert.equal(waiting.length, 2);
      const repo = createEventsRepo();
      let crashes = 1;
      const relay = createOutboxRelay({
        database: other.container.database, publisher, log: silent,
        repo: {
          ...repo,
          markPublished: async (ids, db) => {
            if (crashes-- > 0) throw new Error('the process died before marking');
            await repo.markPublished(ids, db);
          },
        },
      });
      assert.equal(await relay.drain(), 0, 'the mark failed');
      assert.equal(await relay.drain(), 2, 'the batch went again');
      assert.deepEqual(await unpublishedIds(other), []);
      const stored = await storedMessages(jsm, own);
      assert.deepEqual(stored.map((m) => m.msgId), waiting, 'each event once in the stream: the resend was a duplicate within the window');
      assert.equal((await jsm.streams.info(own)).state.messages, 2);
      await relay.stop();
    } finally {
      await publisher.close();
      await other.close();
      await jsm.streams.delete(own).catch(() => false);
    }
  });

  test('with RabbitMQ too, every event reaches both; while NATS is unreachable the batch waits and RabbitMQ is not sent it again', { skip: withoutBroker }, async () => {
    const amqpUrl = testAmqpUrl ?? '';
    const exchange = testExchangeName();
    const broker = await openTestBroker(amqpUrl, exchange);
    const { stream: own, prefix: ownPrefix } = testStream();
    // NATS is reached only through this proxy, closed at first, so only RabbitMQ can take the events.
    const proxy = await reserveTcpProxy({ host: new URL(natsUrl).hostname, port: Number(new URL(natsUrl).port || 4222) });
    const both = await startTestApp({
      AMQP_URL: amqpUrl, AMQP_EXCHANGE: exchange, AMQP_RECONNECT_MAX_DELAY_MS: '200',
      NATS_URL: `nats://127.0.0.1:${proxy.port}`, NATS_STREAM: own, NATS_SUBJECT_PREFIX: ownPrefix,
    });
    const sentinel = createAmqpPublisher({ url: amqpUrl, exchange, reconnectMaxDelayMs: 200, log: silent });
    try {
      const queue = await broker.bind('#');
      await publishJob(both, both.org);
      assert.ok(both.container.outbox);
      assert.equal(await both.container.outbox.drain(), 0, 'not marked: NATS has not stored them');
      assert.equal(await both.container.outbox.drain(), 0);
      const waiting = await unpublishedIds(both);
      assert.equal(waiting.length, 2);
      // Confirmed after anything the relay sent, so it arrives after any resend would have.
      await sentinel.publish([{ id: 'evt_sentinel', orgId: both.org.id, type: 'job.created', version: 1, subjectId: 'job_x', payload: {}, occurredAt: new Date() }]);
      const arrived = await queue.waitFor(3);
      assert.deepEqual(arrived.map((m) => String(m.properties.messageId)), [...waiting, 'evt_sentinel'], 'RabbitMQ got the batch once, not once per retry');

      // NATS appears: its reconnect wakes the relay, the stream takes the batch, and the batch is marked.
      await proxy.open();
      for (let i = 0; i < 500 && (await unpublishedIds(both)).length > 0; i++) await new Promise((resolve) => setTimeout(resolve, 20));
      assert.deepEqual(await unpublishedIds(both), []);
      assert.deepEqual((await storedMessages(jsm, own)).map((m) => m.msgId), waiting);
      await sentinel.publish([{ id: 'evt_sentinel_2', orgId: both.org.id, type: 'job.created', version: 1, subjectId: 'job_x', payload: {}, occurredAt: new Date() }]);
      assert.deepEqual((await queue.waitFor(4)).map((m) => String(m.properties.messageId)), [...waiting, 'evt_sentinel', 'evt_sentinel_2'], 'and still not again once NATS took it');
    } finally {
      await sentinel.close();
      await both.close();
      await proxy.cut();
      await broker.close();
      await jsm.streams.delete(own).catch(() => false);
    }
  });
});
