import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { buildApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { createContainer, version, type Container } from '../../src/container.ts';
import { openDatabase } from '../../src/infra/db/database.ts';
import { jobBody } from '../helpers/app.ts';
import { profile, serverDatabaseUrl } from '../helpers/database.ts';
import { testRedisUrl, withoutRedis } from '../helpers/redis.ts';
import { openSse, type SseClient } from '../helpers/sse.ts';
import { reserveTcpProxy, type TcpProxy } from '../helpers/tcp-proxy.ts';

interface Instance {
  app: FastifyInstance;
  container: Container;
  url: string;
  close(): Promise<void>;
}

/** One API instance with its own pool, Redis connections and port, over the shared database. */
async function startInstance(databaseUrl: string, redisUrl: string): Promise<Instance> {
  const filesDir = await mkdtemp(path.join(os.tmpdir(), 'hireline-files-'));
  const config = loadConfig({ LOG_LEVEL: 'silent', SEED_DEMO: 'false', FILES_DIR: filesDir, REDIS_URL: redisUrl, SSE_HEARTBEAT_MS: '60000' });
  const log = pino({ level: 'silent' });
  const database = await openDatabase({ databaseUrl, dataDir: '', poolMax: 5, statementTimeoutMs: 5000 });
  const container = await createContainer(config, log, database);
  const app = await buildApp({ config, version, routes: container.routes, schemas: container.schemas, authenticate: container.authenticate, logger: log });
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  return {
    app, container, url,
    close: async () => {
      // fetch may open a connection it sends nothing on; Node keeps such a one until headersTimeout,
      // so cut the rest as serve's shutdown deadline does (test/events/stream.test.ts checks streams end on close).
      const closing = app.close();
      app.server.closeAllConnections();
      await closing;
      await container.close();
      await rm(filesDir, { recursive: true, force: true });
    },
  };
}

const skip = withoutRedis || (profile !== 'postgres' ? 'two API instances share one database server (TEST_PROFILE=postgres)' : false);

describe('live events across API instances through Redis', { skip }, () => {
  let drop: () => Promise<void>;
  let proxy: TcpProxy;
  let a: Instance;
  let b: Instance;
  let auth: { authorization: string };
  const clients: SseClient[] = [];

  before(async () => {
    const database = await serverDatabaseUrl();
    drop = database.drop;
    const redis = new URL(testRedisUrl ?? '');
    // Both instances reach Redis through a forwarder the test can cut, as a Redis that went down.
    proxy = await reserveTcpProxy({ host: redis.hostname, port: Number(redis.port || 6379) });
    await proxy.open();
    const viaProxy = `redis://127.0.0.1:${proxy.port}`;
    a = await startInstance(database.url ?? '', viaProxy);
    b = await startInstance(database.url ?? '', viaProxy);
    const { apiKey } = await a.container.orgs.createOrg({ name: 'Shared', slug: `shared-${randomBytes(3).toString('hex')}` });
    auth = { authorization: `Bearer ${apiKey}` };
  });
  after(async () => {
    for (const client of clients) client.close();
    await a.close();
    await b.close();
    await proxy.cut();
    await drop();
  });

  const stream = async (instance: Instance): Promise<SseClient> => {
    const client = await openSse(`${instance.url}/v1/events/stream`, auth);
    clients.push(client);
    assert.equal(client.response.status, 200);
    await client.until('live');
    return client;
  };
  const createJob = async (instance: Instance): Promise<string> => {
    const res = await fetch(`${instance.url}/v1/jobs`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify(jobBody()) });
    assert.equal(res.status, 201);
    return ((await res.json()) as { id: string }).id;
  };
  const subjectOf = async (client: SseClient): Promise<string> => (JSON.parse((await client.nextMessage()).data) as { subjectId: string }).subjectId;

  test('a client of instance B sees an event committed through instance A, and each client sees it once', async () => {
    const onA = await stream(a);
    const onB = await stream(b);
    const first = await createJob(a);
    const second = await createJob(b);
    for (const client of [onA, onB]) {
      assert.equal(await subjectOf(client), first);
      assert.equal(await subjectOf(client), second);
    }
    const third = await createJob(a);
    for (const client of [onA, onB]) assert.equal(await subjectOf(client), third, 'no duplicate before the next event');
    for (const client of [onA, onB]) client.close();
  });

  test('with Redis cut off, an instance\'s own events still reach its clients; once Redis is back, the other instance\'s arrive again', async () => {
    const onA = await stream(a);
    const onB = await stream(b);
    await proxy.cut();
    const local = await createJob(a);
    assert.equal(await subjectOf(onA), local);
    const alsoLocal = await createJob(b);
    assert.equal(await subjectOf(onB), alsoLocal);

    await proxy.open();
    // Once subscribed again, each reads what it missed from the database: the other's event of the outage comes first.
    assert.equal(await subjectOf(onB), local);
    assert.equal(await subjectOf(onA), alsoLocal);
    // A's publishing connection reconnects on its own schedule: commit through A until one reaches B live.
    const sent: string[] = [];
    let arrived: string | null = null;
    const waiting = subjectOf(onB).then((id) => {
      arrived = id;
    });
    for (let attempt = 0; attempt < 200 && arrived === null; attempt++) {
      sent.push(await createJob(a));
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await waiting;
    assert.ok(arrived !== null && sent.includes(arrived), 'an event committed through A reached B live after Redis came back');
    // A's client kept running through the outage and got every one of them, in order, once.
    for (const id of sent) assert.equal(await subjectOf(onA), id);
  });
});
