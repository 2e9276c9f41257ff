import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { createMetrics } from '../../src/infra/telemetry/metrics.ts';
import { createJob, json, publishJob, startTestApp, type TestApp } from '../helpers/app.ts';

/** The value of the one sample named `name` whose labels include `labels`, from Prometheus text format; undefined if none. */
function sample(body: string, name: string, labels: Record<string, string> = {}): number | undefined {
  const wanted = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  for (const line of body.split('\n')) {
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const present = (match[2] ?? '').split(',');
    if (wanted.every((w) => present.includes(w))) return Number(match[3]);
  }
  return undefined;
}

const scrape = async (t: TestApp, headers: Record<string, string> = {}, remoteAddress?: string) =>
  t.app.inject({ method: 'GET', url: '/metrics', headers, ...(remoteAddress ? { remoteAddress } : {}) });

describe('/metrics on the embedded default', () => {
  let t: TestApp;
  let receiver: http.Server;
  let base: string;
  before(async () => {
    // A webhook receiver that takes /ok and fails /down, so the delivery log holds both outcomes.
    receiver = http.createServer((req, res) => {
      req.resume();
      req.on('end', () => res.writeHead(req.url === '/ok' ? 200 : 500).end());
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
    t = await startTestApp({ WEBHOOK_ALLOWED_HOSTS: '127.0.0.1' });
  });
  after(async () => {
    await t.close();
    receiver.closeAllConnections();
    await new Promise((resolve) => receiver.close(resolve));
  });

  test('request durations by method, route pattern and status class, in Prometheus text format', async () => {
    const job = await createJob(t, t.org);
    for (let i = 0; i < 3; i++) assert.equal((await t.app.inject({ method: 'GET', url: `/v1/jobs/${job.id}`, headers: t.org.auth })).statusCode, 200);
    assert.equal((await t.app.inject({ method: 'GET', url: '/v1/jobs/job_missing', headers: t.org.auth })).statusCode, 404);
    assert.equal((await t.app.inject({ method: 'GET', url: `/no/such/route/${job.id}` })).statusCode, 404);

    const res = await scrape(t);
    assert.equal(res.statusCode, 200, res.body);
    assert.match(String(res.headers['content-type']), /^text\/plain; version=0\.0\.4/);
    const metric = 'hireline_http_request_duration_seconds';
    assert.match(res.body, new RegExp(`^# TYPE ${metric} histogram$`, 'm'));
    assert.equal(sample(res.body, `${metric}_count`, { method: 'POST', route: '/v1/jobs', status_class: '2xx' }), 1);
    assert.equal(sample(res.body, `${metric}_count`, { method: 'GET', route: '/v1/jobs/:id', status_class: '2xx' }), 3);
    assert.equal(sample(res.body, `${metric}_count`, { method: 'GET', route: '/v1/jobs/:id', status_class: '4xx' }), 1);
    assert.equal(sample(res.body, `${metric}_bucket`, { method: 'GET', route: '/v1/jobs/:id', status_class: '2xx', le: '+Inf' }), 3);
    assert.ok((sample(res.body, `${metric}_sum`, { method: 'GET', route: '/v1/jobs/:id', status_class: '2xx' }) ?? -1) > 0);
    assert.equal(sample(res.body, `${metric}_count`, { method: 'GET', route: 'unmatched', status_class: '4xx' }), 1, 'unknown URLs share one series');
    assert.ok(!res.body.includes(job.id), 'no raw URL becomes a label');
    assert.ok(sample(res.body, 'process_resident_memory_bytes') !== undefined || sample(res.body, 'nodejs_heap_size_used_bytes') !== undefined, 'process metrics');
    assert.equal(sample(res.body, 'hireline_outbox_unpublished_events'), undefined, 'no relay runs here, so no outbox lag');
  });

  test('webhook deliveries by outcome, read from the delivery log', async () => {
    const org = await t.createOrg('Hooks');
    for (const path of ['/ok', '/down']) {
      const res = await t.app.inject({ method: 'POST', url: '/v1/webhooks', headers: org.auth, payload: { url: `${base}${path}`, eventTypes: ['job.published'] } });
      assert.equal(res.statusCode, 201, res.body);
    }
    const before = await scrape(t);
    assert.equal(sample(before.body, 'hireline_webhook_deliveries', { status: 'succeeded' }), 0);
    await publishJob(t, org);
    await publishJob(t, org);
    await t.container.webhooks.sweep(new Date(Date.now() + 3_000));
    const body = (await scrape(t)).body;
    assert.equal(sample(body, 'hireline_webhook_deliveries', { status: 'succeeded' }), 2);
    assert.equal(sample(body, 'hireline_webhook_deliveries', { status: 'pending' }), 2, 'the failed ones wait for their retry');
    assert.equal(sample(body, 'hireline_webhook_deliveries', { status: 'failed' }), 0);
  });

  test('without METRICS_TOKEN only this host may scrape, and not through a proxy', async () => {
    const remote = await scrape(t, {}, '203.0.113.9');
    assert.equal(remote.statusCode, 403);
    assert.match(String(remote.headers['content-type']), /application\/problem\+json/);
    assert.match(json<{ detail: string }>(remote).detail, /METRICS_TOKEN/);
    assert.equal((await scrape(t, { 'x-forwarded-for': '203.0.113.9' })).statusCode, 403);
    assert.equal((await scrape(t, {}, '::1')).statusCode, 200);
  });
});

describe('/metrics with a relay and METRICS_TOKEN', () => {
  let t: TestApp;
  before(async () => {
    // Nothing listens on port 1: the relay runs, the broker is unreachable, so events wait in the outbox.
    t = await startTestApp({ AMQP_URL: 'amqp://guest:guest@127.0.0.1:1', AMQP_RECONNECT_MAX_DELAY_MS: '200', METRICS_TOKEN: 'scrape-secret' });
  });
  after(() => t.close());

  test('the outbox lag gauges count the waiting events', async () => {
    const auth = { authorization: 'Bearer scrape-secret' };
    const idle = (await scrape(t, auth)).body;
    assert.equal(sample(idle, 'hireline_outbox_unpublished_events'), 0);
    assert.equal(sample(idle, 'hireline_outbox_oldest_unpublished_age_seconds'), 0);
    await publishJob(t, t.org);
    assert.ok(t.container.outbox);
    assert.equal(await t.container.outbox.drain(), 0, 'the broker takes nothing');
    const res = await scrape(t, auth, '203.0.113.9');
    assert.equal(res.statusCode, 200, 'with the token, from any host');
    assert.match(res.body, /^# TYPE hireline_outbox_unpublished_events gauge$/m);
    assert.equal(sample(res.body, 'hireline_outbox_unpublished_events'), 2);
    assert.ok((sample(res.body, 'hireline_outbox_oldest_unpublished_age_seconds') ?? -1) >= 0);
    // This app's registry is its own: the other app's requests are not counted here.
    assert.equal(sample(res.body, 'hireline_http_request_duration_seconds_count', { method: 'GET', route: '/v1/jobs/:id', status_class: '2xx' }), undefined);
  });

  test('with METRICS_TOKEN a scrape needs it, from this host too', async () => {
    assert.equal((await scrape(t)).statusCode, 401);
    assert.equal((await scrape(t, { authorization: 'Bearer wrong' })).statusCode, 401);
    assert.equal((await scrape(t, { authorization: 'Bearer scrape-secret-but-longer' })).statusCode, 401);
    assert.equal((await scrape(t, { authorization: 'Bearer scrape-secret' })).statusCode, 200);
  });
});

test('the task queue\'s depth, through the hook the queue is wired to, per task name and state', async () => {
  let depth = [{ task: 'mail.send', state: 'created', count: 3 }, { task: 'mail.send', state: 'failed', count: 1 }];
  const metrics = createMetrics({ queueDepth: async () => depth });
  const first = (await metrics.scrape()).body;
  assert.match(first, /^# TYPE hireline_task_queue_depth gauge$/m);
  assert.equal(sample(first, 'hireline_task_queue_depth', { task: 'mail.send', state: 'created' }), 3);
  assert.equal(sample(first, 'hireline_task_queue_depth', { task: 'mail.send', state: 'failed' }), 1);
  depth = [{ task: 'mail.send', state: 'created', count: 0 }];
  const second = (await metrics.scrape()).body;
  assert.equal(sample(second, 'hireline_task_queue_depth', { task: 'mail.send', state: 'created' }), 0);
  assert.equal(sample(second, 'hireline_task_queue_depth', { task: 'mail.send', state: 'failed' }), undefined, 'read afresh on each scrape');
});
