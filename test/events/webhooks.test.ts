import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { Webhook } from 'standardwebhooks';
import { postOnce } from '../../src/infra/outbound/outbound-post.ts';
import type { EventPayload } from '../../src/modules/events/index.ts';
import { json, problem, publishJob, startTestApp, type TestApp, type TestOrg } from '../helpers/app.ts';
import { join, signUp } from '../helpers/identity.ts';

interface Received { path: string; headers: http.IncomingHttpHeaders; body: string }
interface Endpoint { id: string; url: string; secret: string; enabled: boolean; disabledReason: string | null; failingSince: string | null; version: number }
interface Attempt { statusCode: number | null; responseExcerpt: string | null; error: string | null; succeeded: boolean; manual: boolean; latencyMs: number }
interface Delivery { id: string; eventId: string; eventType: string; status: string; attempts: number; log: Attempt[] }

/**
 * A receiver on 127.0.0.1 that records every request. Each path answers with the statuses queued for
 * it, one per request, then keeps answering the last; /moved redirects to /elsewhere; /echo answers with the body; /silent never answers.
 */
async function startReceiver(plans: Record<string, number[]>) {
  const received: Received[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => { body += chunk.toString('utf8'); });
    req.on('end', () => {
      const path = req.url ?? '/';
      received.push({ path, headers: req.headers, body });
      if (path === '/silent') return;
      if (path === '/echo') {
        res.writeHead(200, { 'content-type': 'application/json' }).end(body);
        return;
      }
      if (path === '/moved') {
        res.writeHead(302, { location: '/elsewhere' }).end();
        return;
      }
      const plan = plans[path] ?? [200];
      const status = plan.length > 1 ? plan.shift() ?? 200 : plan[0] ?? 200;
      res.writeHead(status, { 'content-type': 'text/plain' }).end(status < 300 ? 'thanks' : `failure ${'x'.repeat(3000)}`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const close = () => new Promise<void>((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });
  return { base, received, close };
}

const verify = (secret: string, r: Received): unknown => new Webhook(secret).verify(r.body, {
  'webhook-id': String(r.headers['webhook-id']), 'webhook-timestamp': String(r.headers['webhook-timestamp']), 'webhook-signature': String(r.headers['webhook-signature']),
});

describe('signed webhooks', () => {
  let t: TestApp;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  /** Sweeps as the delivery task does, at a time past the settling delay of the events just recorded. */
  const sweep = (offsetMs = 3_000) => t.container.webhooks.sweep(new Date(Date.now() + offsetMs));

  const register = async (org: TestOrg, body: Record<string, unknown>): Promise<Endpoint> => {
    const res = await t.app.inject({ method: 'POST', url: '/v1/webhooks', headers: org.auth, payload: body });
    assert.equal(res.statusCode, 201, res.body);
    return res.json();
  };
  const deliveriesOf = async (org: TestOrg, endpointId: string): Promise<Delivery[]> => {
    const res = await t.app.inject({ method: 'GET', url: `/v1/webhooks/${endpointId}/deliveries`, headers: org.auth });
    assert.equal(res.statusCode, 200, res.body);
    return json<{ data: Delivery[] }>(res).data;
  };
  const remove = async (org: TestOrg, endpointId: string) => {
    const res = await t.app.inject({ method: 'DELETE', url: `/v1/webhooks/${endpointId}`, headers: org.auth });
    assert.equal(res.statusCode, 204, res.body);
  };
  const at = (path: string) => receiver.received.filter((r) => r.path === path);

  before(async () => {
    receiver = await startReceiver({ '/flaky': [500, 200], '/down': [500] });
    t = await startTestApp({ WEBHOOK_ALLOWED_HOSTS: '127.0.0.1' });
  });
  after(async () => {
    await t.close();
    await receiver.close();
  });

  test('a delivery arrives signed per Standard Webhooks, its id the event id; redelivery and secret rotation', async () => {
    const org = await t.createOrg('Signed');
    const endpoint = await register(org, { url: `${receiver.base}/ok`, eventTypes: ['job.published'], description: 'ATS sync' });
    assert.match(endpoint.secret, /^whsec_[A-Za-z0-9+/]{43}=$/, 'whsec_ and the base64 of 32 bytes');
    const listed = json<{ data: Record<string, unknown>[] }>(await t.app.inject({ method: 'GET', url: '/v1/webhooks', headers: org.auth })).data;
    assert.deepEqual(listed.map((e) => e.id), [endpoint.id]);
    assert.ok(!('secret' in (listed[0] ?? {})), 'the secret is shown only at creation');

    const job = await publishJob(t, org);
    assert.deepEqual(await sweep(), { queued: 1, attempted: 1 }, 'only the subscribed type (not job.created)');
    const [arrived] = at('/ok');
    assert.ok(arrived);
    const events = json<{ data: { id: string }[] }>(await t.app.inject({ method: 'GET', url: '/v1/events?type=job.published', headers: org.auth })).data;
    assert.equal(arrived.headers['webhook-id'], events[0]?.id);
    assert.match(String(arrived.headers['webhook-signature']), /^v1,[A-Za-z0-9+/]+=*$/);
    const body = verify(endpoint.secret, arrived) as { id: string; type: string; orgId: string; version: number; data: { job: { id: string } } };
    assert.deepEqual([body.id, body.type, body.orgId, body.version, body.data.job.id], [events[0]?.id, 'job.published', org.id, 1, job.id]);
    assert.throws(() => verify(`whsec_${Buffer.alloc(32, 1).toString('base64')}`, arrived), /signature/i, 'another secret does not verify');
    assert.deepEqual(await sweep(), { queued: 0, attempted: 0 }, 'a delivered event is not sent again');

    const [delivery] = await deliveriesOf(org, endpoint.id);
    assert.equal(delivery?.status, 'succeeded');
    assert.deepEqual(delivery?.log.map((a) => [a.statusCode, a.succeeded, a.responseExcerpt, a.manual]), [[200, true, 'thanks', false]]);

    const rotated = json<{ secret: string }>(await t.app.inject({ method: 'POST', url: `/v1/webhooks/${endpoint.id}/rotate-secret`, headers: org.auth }));
    const again = await t.app.inject({ method: 'POST', url: `/v1/webhooks/${endpoint.id}/deliveries/${delivery?.id}/redeliver`, headers: org.auth });
    assert.equal(again.statusCode, 200, again.body);
    assert.deepEqual(json<Delivery>(again).log.map((a) => a.manual), [false, true]);
    const resent = at('/ok')[1];
    assert.ok(resent);
    assert.equal(resent.headers['webhook-id'], arrived.headers['webhook-id'], 'the same id on every attempt');
    assert.ok(verify(rotated.secret, resent));
    assert.throws(() => verify(endpoint.secret, resent), /signature/i, 'the old secret stops verifying');

    const missing = await t.app.inject({ method: 'POST', url: `/v1/webhooks/${endpoint.id}/deliveries/whdl_nope/redeliver`, headers: org.auth });
    problem(missing, 404, 'not-found');
    await remove(org, endpoint.id);
    problem(await t.app.inject({ method: 'GET', url: `/v1/webhooks/${endpoint.id}`, headers: org.auth }), 404, 'not-found');
  });

  test('a 500 is retried on schedule and the log shows both attempts; a redirect is a failure and is not followed', async () => {
    const org = await t.createOrg('Retries');
    const flaky = await register(org, { url: `${receiver.base}/flaky`, eventTypes: ['job.published'] });
    const moved = await register(org, { url: `${receiver.base}/moved`, eventTypes: ['job.published'] });
    await publishJob(t, org);
    assert.deepEqual(await sweep(), { queued: 2, attempted: 2 });
    assert.deepEqual(await sweep(4_000), { queued: 0, attempted: 0 }, 'the retry waits about 5 s');
    assert.deepEqual(await sweep(12_000), { queued: 0, attempted: 2 });

    const [delivery] = await deliveriesOf(org, flaky.id);
    assert.equal(delivery?.status, 'succeeded');
    assert.deepEqual(delivery?.log.map((a) => [a.statusCode, a.succeeded]), [[500, false], [200, true]]);
    assert.equal(delivery?.log[0]?.error, 'answered 500');
    assert.equal(Buffer.byteLength(delivery?.log[0]?.responseExcerpt ?? ''), 1024, 'the excerpt stops at 1 KB');
    const ids = at('/flaky').map((r) => r.headers['webhook-id']);
    assert.equal(ids.length, 2);
    assert.equal(ids[0], ids[1]);

    const [redirected] = await deliveriesOf(org, moved.id);
    assert.equal(redirected?.status, 'pending');
    assert.deepEqual(redirected?.log.map((a) => [a.statusCode, a.succeeded, a.error]), [[302, false, 'redirect (302) not followed'], [302, false, 'redirect (302) not followed']]);
    assert.equal(at('/elsewhere').length, 0, 'the Location is never fetched');
    const endpoint = json<Endpoint>(await t.app.inject({ method: 'GET', url: `/v1/webhooks/${moved.id}`, headers: org.auth }));
    assert.ok(endpoint.failingSince, 'the failure record starts');
    await remove(org, flaky.id);
    await remove(org, moved.id);
  });

  test('private, loopback and link-local targets are refused at registration and at delivery; bad input is a 400', async () => {
    const org = t.org;
    for (const url of ['https://localhost/hook', 'https://10.1.2.3/hook', 'https://169.254.169.254/latest', 'https://[::1]/hook', 'https://[::ffff:192.168.0.1]/hook', 'https://100.64.0.1/hook']) {
      const res = await t.app.inject({ method: 'POST', url: '/v1/webhooks', headers: org.auth, payload: { url } });
      const body = problem(res, 422, 'webhook-url-refused');
      assert.match(String(body.detail), /Hireline does not call .* address/, `${url}: ${String(body.detail)}`);
    }
    problem(await t.app.inject({ method: 'POST', url: '/v1/webhooks', headers: org.auth, payload: { url: 'http://hooks.example.com/x' } }), 422, 'webhook-url-refused');
    problem(await t.app.inject({ method: 'POST', url: '/v1/webhooks', headers: org.auth, payload: { url: `http://user:pw@127.0.0.1:1/x` } }), 422, 'webhook-url-refused');
    const unknownType = problem(await t.app.inject({ method: 'POST', url: '/v1/webhooks', headers: org.auth, payload: { url: `${receiver.base}/ok`, eventTypes: ['job.exploded'] } }), 400, 'validation-failed');
    assert.equal(unknownType.errors?.[0]?.pointer, '/eventTypes/0');

    // At delivery the same check runs on the resolved addresses, and nothing is sent.
    const before = receiver.received.length;
    for (const url of [`${receiver.base}/ok`, receiver.base.replace('127.0.0.1', 'localhost')]) {
      await assert.rejects(postOnce({ url, headers: {}, body: '{}', timeoutMs: 2_000, allowedHosts: [] }), /loopback/);
    }
    assert.equal(receiver.received.length, before);
    await assert.rejects(postOnce({ url: `${receiver.base}/silent`, headers: {}, body: '{}', timeoutMs: 200, allowedHosts: ['127.0.0.1'] }), /no answer within 200 ms/);
    // A public address passes (an IP literal: no DNS needed).
    const publicHost = await t.app.inject({ method: 'POST', url: '/v1/webhooks', headers: org.auth, payload: { url: 'https://93.184.215.14/hook', enabled: false } });
    assert.equal(publicHost.statusCode, 201, publicHost.body);
    await remove(org, json<Endpoint>(publicHost).id);

    const endpoint = await register(org, { url: `${receiver.base}/ok`, eventTypes: ['job.closed'] });
    const stale = await t.app.inject({ method: 'PATCH', url: `/v1/webhooks/${endpoint.id}`, headers: { ...org.auth, 'if-match': '"7"' }, payload: { description: 'x' } });
    problem(stale, 409, 'version-conflict');
    const patched = await t.app.inject({ method: 'PATCH', url: `/v1/webhooks/${endpoint.id}`, headers: { ...org.auth, 'if-match': '"1"' }, payload: { url: 'https://127.0.0.2/x' } });
    problem(patched, 422, 'webhook-url-refused');
    await remove(org, endpoint.id);
  });

  test('a burst larger than one batch of attempts is delivered in one sweep, not one batch a second', async () => {
    const org = await t.createOrg('Burst');
    const endpoint = await register(org, { url: `${receiver.base}/burst`, eventTypes: ['job.reopened'] });
    const job = await publishJob(t, org);
    // 120 events (more than two leased batches) committed in one transaction.
    await t.container.events.withEvents(org.id, async (_tx, record) => {
      for (let i = 0; i < 120; i++) record({ orgId: org.id, type: 'job.reopened', subjectId: job.id, payload: { job: job as EventPayload<'job.reopened'>['job'] } });
    });
    const { queued, attempted } = await sweep();
    assert.deepEqual([queued, attempted], [120, 120]);
    assert.equal(at('/burst').length, 120, 'every event reached the receiver in that one sweep');
    assert.equal(new Set(at('/burst').map((r) => r.headers['webhook-id'])).size, 120, 'each event once');
    assert.deepEqual(await sweep(), { queued: 0, attempted: 0 });
    await remove(org, endpoint.id);
  });

  test('erasing a candidate forgets what receivers answered about them', async () => {
    const org = await t.createOrg('Erasure');
    const endpoint = await register(org, { url: `${receiver.base}/echo`, eventTypes: ['candidate.created'] });
    const created = await t.app.inject({ method: 'POST', url: '/v1/candidates', headers: org.auth, payload: { name: 'Erin Erasable', emails: ['erin.erasable@example.test'] } });
    assert.equal(created.statusCode, 201, created.body);
    const candidateId = json<{ id: string }>(created).id;
    await sweep();
    // A receiver may answer with anything, the person's data included: here it echoes the delivery.
    const [echoed] = await deliveriesOf(org, endpoint.id);
    assert.ok(echoed?.log[0]?.responseExcerpt?.includes(candidateId), 'the receiver echoed the delivery');
    const erased = await t.app.inject({ method: 'POST', url: `/v1/candidates/${candidateId}/erase`, headers: org.auth, payload: { reason: 'Asked by email' } });
    assert.equal(erased.statusCode, 200, erased.body);
    const [after] = await deliveriesOf(org, endpoint.id);
    assert.deepEqual([after?.id, after?.status, after?.log[0]?.statusCode, after?.log[0]?.responseExcerpt], [echoed?.id, 'succeeded', 200, null]);
    await remove(org, endpoint.id);
  });

  test('only owners and admins manage webhooks', async () => {
    const owner = await signUp(t);
    const admin = await join(t, owner.auth, 'admin');
    const recruiter = await join(t, owner.auth, 'recruiter');
    const created = await t.app.inject({ method: 'POST', url: '/v1/webhooks', headers: admin.auth, payload: { url: `${receiver.base}/ok` } });
    assert.equal(created.statusCode, 201, created.body);
    const id = json<Endpoint>(created).id;
    assert.equal(json<{ data: unknown[] }>(await t.app.inject({ method: 'GET', url: '/v1/webhooks', headers: owner.auth })).data.length, 1);
    problem(await t.app.inject({ method: 'GET', url: '/v1/webhooks', headers: recruiter.auth }), 403, 'forbidden');
    problem(await t.app.inject({ method: 'POST', url: '/v1/webhooks', headers: recruiter.auth, payload: { url: `${receiver.base}/ok` } }), 403, 'forbidden');
    problem(await t.app.inject({ method: 'GET', url: `/v1/webhooks/${id}/deliveries`, headers: recruiter.auth }), 403, 'forbidden');
    problem(await t.app.inject({ method: 'GET', url: `/v1/webhooks/${id}`, headers: t.org.auth }), 404, 'not-found');
    assert.equal((await t.app.inject({ method: 'DELETE', url: `/v1/webhooks/${id}`, headers: owner.auth })).statusCode, 204);
  });

  test('an endpoint failing every attempt for 5 days is turned off, with a webhook.disabled event; it can be turned back on', async () => {
    const org = await t.createOrg('Failing');
    const down = await register(org, { url: `${receiver.base}/down` });
    const watcher = await register(org, { url: `${receiver.base}/ok`, eventTypes: ['webhook.disabled'] });
    await publishJob(t, org);
    assert.deepEqual(await sweep(), { queued: 2, attempted: 2 }, 'job.created and job.published');
    assert.equal(json<Endpoint>(await t.app.inject({ method: 'GET', url: `/v1/webhooks/${down.id}`, headers: org.auth })).enabled, true);
    await sweep(4 * 86_400_000);
    assert.equal(json<Endpoint>(await t.app.inject({ method: 'GET', url: `/v1/webhooks/${down.id}`, headers: org.auth })).enabled, true, 'four days is not yet sustained');
    await sweep(6 * 86_400_000);

    const off = await t.app.inject({ method: 'GET', url: `/v1/webhooks/${down.id}`, headers: org.auth });
    const endpoint = json<Endpoint>(off);
    assert.equal(endpoint.enabled, false);
    assert.match(endpoint.disabledReason ?? '', /Every attempt failed from .* \(last: answered 500\)/);
    const events = json<{ data: { subjectId: string; payload: { endpointId: string; url: string } }[] }>(
      await t.app.inject({ method: 'GET', url: '/v1/events?type=webhook.disabled', headers: org.auth })).data;
    assert.deepEqual(events.map((e) => [e.subjectId, e.payload.endpointId, e.payload.url]), [[down.id, down.id, down.url]], 'one event, however many attempts failed');

    // Newest first, a page at a time: job.published, then job.created, each with its three failed attempts.
    const page1 = json<{ data: Delivery[]; nextCursor: string }>(await t.app.inject({ method: 'GET', url: `/v1/webhooks/${down.id}/deliveries?limit=1`, headers: org.auth }));
    const page2 = json<{ data: Delivery[]; nextCursor: string | null }>(await t.app.inject({ method: 'GET', url: `/v1/webhooks/${down.id}/deliveries?limit=1&cursor=${encodeURIComponent(page1.nextCursor)}`, headers: org.auth }));
    assert.deepEqual([...page1.data, ...page2.data].map((d) => [d.eventType, d.attempts, d.log.length]), [['job.published', 3, 3], ['job.created', 3, 3]]);
    assert.equal(page2.nextCursor, null);
    problem(await t.app.inject({ method: 'GET', url: `/v1/webhooks/${down.id}/deliveries?cursor=${Buffer.from('["events","evt_x"]').toString('base64url')}`, headers: org.auth }), 400, 'invalid-cursor');
    // The watcher hears of it; the disabled endpoint gets nothing more.
    const sentToDown = at('/down').length;
    await sweep(6 * 86_400_000 + 3_000);
    assert.equal(at('/down').length, sentToDown);
    const [notice] = (await deliveriesOf(org, watcher.id));
    assert.equal(notice?.eventType, 'webhook.disabled');
    assert.equal(notice?.status, 'succeeded');

    const on = await t.app.inject({ method: 'PATCH', url: `/v1/webhooks/${down.id}`, headers: { ...org.auth, 'if-match': off.headers.etag ?? '' }, payload: { enabled: true } });
    assert.equal(on.statusCode, 200, on.body);
    assert.deepEqual([json<Endpoint>(on).enabled, json<Endpoint>(on).disabledReason, json<Endpoint>(on).failingSince], [true, null, null]);
    await remove(org, down.id);
    await remove(org, watcher.id);
  });
});
