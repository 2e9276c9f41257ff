import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createJob, json, publishJob, startTestApp, type TestApp, type TestOrg } from '../helpers/app.ts';
import { join, signUp } from '../helpers/identity.ts';
import { openSse, type SseClient, type SseMessage } from '../helpers/sse.ts';

interface ListedEvent { id: string; type: string; subjectId: string }

const eventsOf = async (t: TestApp, org: TestOrg, after?: string): Promise<ListedEvent[]> => {
  const all: ListedEvent[] = [];
  let cursor: string | null = null;
  do {
    const page: { data: ListedEvent[]; nextCursor: string | null } = json(await t.app.inject({
      method: 'GET', url: `/v1/events?limit=100${cursor ? `&cursor=${cursor}` : ''}`, headers: org.auth,
    }));
    all.push(...page.data);
    cursor = page.nextCursor;
  } while (cursor);
  return after ? all.filter((e) => e.id > after) : all;
};

/** Reads messages up to the first of this type and subject. */
async function nextOf(client: SseClient, type: string, subjectId: string): Promise<SseMessage> {
  for (;;) {
    const message = await client.nextMessage();
    if (message.event === type && (JSON.parse(message.data) as { subjectId: string }).subjectId === subjectId) return message;
  }
}

describe('GET /v1/events/stream', () => {
  let t: TestApp;
  let base: string;
  const clients: SseClient[] = [];
  const stream = async (org: { auth: Record<string, string> }, query = '', headers: Record<string, string> = {}): Promise<SseClient> => {
    const client = await openSse(`${base}/v1/events/stream${query}`, { ...org.auth, ...headers });
    clients.push(client);
    return client;
  };

  before(async () => {
    t = await startTestApp({ SSE_HEARTBEAT_MS: '25', SSE_RETRY_MS: '1500' });
    base = await t.app.listen({ host: '127.0.0.1', port: 0 });
  });
  after(async () => {
    for (const client of clients) client.close();
    // fetch's pool may hold connections it never sent a request on, which Node keeps until headersTimeout:
    // cut them, as serve's shutdown deadline would (the last test checks that a close ends the streams).
    const closing = t.close();
    t.app.server.closeAllConnections();
    await closing;
  });

  test('a published job reaches the stream as job.published, the event as GET /v1/events shows it', async () => {
    const client = await stream(t.org);
    assert.equal(client.response.status, 200);
    assert.match(String(client.response.headers.get('content-type')), /^text\/event-stream/);
    assert.equal(client.response.headers.get('cache-control'), 'no-cache, no-transform');
    assert.deepEqual(await client.next(), { kind: 'retry', ms: 1500 });
    assert.deepEqual(await client.until('live'), []);

    const job = await publishJob(t, t.org);
    const created = await client.nextMessage();
    const published = await client.nextMessage();
    assert.deepEqual([created.event, published.event], ['job.created', 'job.published']);
    const listed = (await eventsOf(t, t.org)).find((e) => e.id === published.id);
    assert.ok(listed, 'the streamed id is a stored event');
    assert.deepEqual(JSON.parse(published.data), listed);
    assert.equal(listed.subjectId, job.id);
    assert.match(published.id, /^evt_[0-9a-f]{32}$/);
    assert.ok(published.id > created.id, 'ids rise in commit order');
  });

  test('heartbeat comments keep an idle stream alive', async () => {
    const client = await stream(t.org);
    await client.until('live');
    await client.until('heartbeat');
    await client.until('heartbeat');
  });

  test('without a credential: a 401 problem; with a bad one too', async () => {
    for (const headers of [{}, { authorization: 'Bearer hl_not_a_key' }] as Record<string, string>[]) {
      const client = await openSse(`${base}/v1/events/stream`, headers);
      assert.equal(client.response.status, 401);
      assert.match(String(client.response.headers.get('content-type')), /^application\/problem\+json/);
      const body = await client.response.json() as { type: string };
      assert.equal(body.type, 'https://hireline.dev/problems/unauthenticated');
    }
  });

  test('the events of another organization never arrive', async () => {
    const other = await t.createOrg('Other');
    const mine = await stream(t.org);
    const theirs = await stream(other);
    await Promise.all([mine.until('live'), theirs.until('live')]);
    const foreign = await createJob(t, other);
    const own = await createJob(t, t.org);
    // Both were published in this order to the same fan-out: the first message is already the own one.
    const first = await mine.nextMessage();
    assert.equal((JSON.parse(first.data) as { subjectId: string }).subjectId, own.id);
    const seen = await theirs.nextMessage();
    assert.equal((JSON.parse(seen.data) as { subjectId: string }).subjectId, foreign.id);
  });

  test('the same rule as GET /v1/events: members without events:read (interviewers, recruiters) get 403, API keys need the scope', async () => {
    const owner = await signUp(t);
    const interviewer = await join(t, owner.auth, 'interviewer');
    const recruiter = await join(t, owner.auth, 'recruiter');
    const narrow = json<{ apiKey: string }>(await t.app.inject({ method: 'POST', url: '/v1/api-keys', headers: owner.auth, payload: { name: 'jobs only', scopes: ['jobs:read'] } }));
    for (const auth of [interviewer.auth, recruiter.auth, { authorization: `Bearer ${narrow.apiKey}` }]) {
      assert.equal((await t.app.inject({ method: 'GET', url: '/v1/events', headers: auth })).statusCode, 403);
      const client = await openSse(`${base}/v1/events/stream`, auth);
      assert.equal(client.response.status, 403);
      assert.match(((await client.response.json()) as { detail: string }).detail, /events:read/);
    }
    const allowed = await stream(owner);
    assert.equal(allowed.response.status, 200);
    // A browser's EventSource sends its session cookie, and no header: a GET needs no CSRF token.
    const login = await t.app.inject({ method: 'POST', url: '/v1/auth/login?delivery=cookie', payload: { email: owner.email, password: owner.password } });
    const access = (login.cookies as { name: string; value: string }[]).find((c) => c.name === '__Host-hl_access');
    assert.ok(access, 'sign-in set the access cookie');
    const browser = await stream({ auth: {} }, '', { cookie: `${access.name}=${access.value}` });
    assert.equal(browser.response.status, 200);
    await browser.until('live');
  });

  test('types keeps only the named events; an unknown type is a 400 problem', async () => {
    const client = await stream(t.org, '?types=job.closed,job.reopened');
    await client.until('live');
    const job = await publishJob(t, t.org);
    assert.equal((await t.app.inject({ method: 'POST', url: `/v1/jobs/${job.id}/close`, headers: t.org.auth })).statusCode, 200);
    const first = await client.nextMessage();
    assert.equal(first.event, 'job.closed');
    assert.equal((JSON.parse(first.data) as { subjectId: string }).subjectId, job.id);

    const bad = await openSse(`${base}/v1/events/stream?types=job.published,job.exploded`, t.org.auth);
    assert.equal(bad.response.status, 400);
    assert.match(((await bad.response.json()) as { detail: string }).detail, /job\.exploded/);
  });

  test('Last-Event-ID replays exactly the events missed, then goes on live', async () => {
    const client = await stream(t.org);
    await client.until('live');
    const seen = await createJob(t, t.org);
    const last = await nextOf(client, 'job.created', seen.id);
    client.close();
    await publishJob(t, t.org);
    await publishJob(t, t.org);
    const missed = (await eventsOf(t, t.org, last.id)).map((e) => e.id);
    assert.equal(missed.length, 4);

    const resumes: { query: string; headers: Record<string, string> }[] = [{ query: '', headers: { 'last-event-id': last.id } }, { query: `?lastEventId=${last.id}`, headers: {} }];
    for (const resume of resumes) {
      const again = await stream(t.org, resume.query, resume.headers);
      const replayed = await again.until('live');
      assert.deepEqual(replayed.map((m) => m.id), missed);
      const live = await createJob(t, t.org);
      const next = await again.nextMessage();
      assert.equal((JSON.parse(next.data) as { subjectId: string }).subjectId, live.id);
      missed.push(next.id);
      again.close();
    }
    const malformed = await openSse(`${base}/v1/events/stream`, { ...t.org.auth, 'last-event-id': 'job_123' });
    assert.equal(malformed.response.status, 400);
  });

  test('resuming after many events while more commit: every event exactly once', async () => {
    const org = await t.createOrg('Busy');
    const record = (count: number, subject = 'job_gone') => t.container.events.withEvents(org.id, async (_tx, add) => {
      for (let i = 0; i < count; i++) add({ orgId: org.id, type: 'job.deleted', subjectId: subject, payload: { id: subject, status: 'draft' } });
    });
    await record(1);
    const [start] = await eventsOf(t, org);
    assert.ok(start);
    // More than one replay page (500) waits, and more commits land while the replay runs.
    await record(1200);
    const opening = stream(org, '', { 'last-event-id': start.id });
    const [client] = await Promise.all([opening, ...Array.from({ length: 40 }, () => record(5))]);
    await record(1, 'job_last');
    const received: string[] = [];
    for (;;) {
      const message = await client.nextMessage();
      received.push(message.id);
      if ((JSON.parse(message.data) as { subjectId: string }).subjectId === 'job_last') break;
    }
    const expected = (await eventsOf(t, org, start.id)).map((e) => e.id);
    assert.equal(expected.length, 1401);
    assert.equal(new Set(received).size, received.length, 'no event twice');
    assert.deepEqual([...received].sort(), expected);
  });
});

describe('event stream limits and shutdown', () => {
  test('streams over the per-organization limit get a 429 problem; shutting down ends every stream', async () => {
    const t = await startTestApp({ SSE_MAX_STREAMS_PER_ORG: '2', SSE_MAX_STREAMS: '3' });
    const base = await t.app.listen({ host: '127.0.0.1', port: 0 });
    const open = [await openSse(`${base}/v1/events/stream`, t.org.auth), await openSse(`${base}/v1/events/stream`, t.org.auth)];
    const refused = await openSse(`${base}/v1/events/stream`, t.org.auth);
    assert.equal(refused.response.status, 429);
    assert.ok(Number(refused.response.headers.get('retry-after')) > 0);
    assert.equal(((await refused.response.json()) as { type: string }).type, 'https://hireline.dev/problems/rate-limited');

    const other = await t.createOrg('Second');
    open.push(await openSse(`${base}/v1/events/stream`, other.auth));
    assert.equal(open[2]?.response.status, 200);
    const full = await openSse(`${base}/v1/events/stream`, (await t.createOrg('Third')).auth);
    assert.equal(full.response.status, 503);
    assert.equal(((await full.response.json()) as { type: string }).type, 'https://hireline.dev/problems/service-unavailable');

    for (const client of open) await client.until('live');
    // Fastify's close waits for open connections: it returns only because the streams end.
    await t.close();
    await Promise.all(open.map((client) => client.ended));
    for (const client of open) await assert.rejects(client.next(), /ended/);
  });
});
