import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Value } from 'typebox/value';
import { catalogue, eventTypes, payloadSchemaId, type NewDomainEvent, type RecordEvent } from '../../src/modules/events/index.ts';
import { json, publishJob, startTestApp, type TestApp } from '../helpers/app.ts';

interface ListedEvent { id: string; type: string; version: number; subjectId: string; payload: unknown; occurredAt: string }

// Never called: `npm test` type-checks it, so recording outside the catalogue fails the build.
const _recordOnlyCatalogueEvents = (record: RecordEvent, job: NewDomainEvent<'job.reopened'>['payload']['job']) => {
  record({ orgId: 'org_1', type: 'job.reopened', subjectId: job.id, payload: { job } });
  // @ts-expect-error an event type outside the catalogue does not compile
  record({ orgId: 'org_1', type: 'job.exploded', subjectId: job.id, payload: { job } });
  // @ts-expect-error a payload that does not match its type's schema does not compile
  record({ orgId: 'org_1', type: 'job.deleted', subjectId: job.id, payload: { job } });
  // @ts-expect-error nor does a field of the wrong type
  record({ orgId: 'org_1', type: 'job.updated', subjectId: job.id, payload: { job, changed: 'title' } });
};

describe('the event catalogue', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp();
  });
  after(() => t.close());

  test('is closed and unique: one current version per type', () => {
    assert.equal(new Set(eventTypes).size, catalogue.length);
    assert.ok(catalogue.every((e) => Number.isInteger(e.version) && e.version >= 1));
  });

  test('every catalogue event is in /openapi.json: a payload component, the type enum and the table of versions', async () => {
    const doc = json<{ components: { schemas: Record<string, { title?: string; description?: string; properties?: Record<string, { enum?: string[]; description?: string }> }> } }>(
      await t.app.inject({ method: 'GET', url: '/openapi.json' }),
    );
    const event = doc.components.schemas.DomainEvent?.properties;
    assert.deepEqual(event?.type?.enum, [...eventTypes]);
    assert.ok(event?.version, 'the version is part of each listed event');
    for (const definition of catalogue) {
      const component = doc.components.schemas[payloadSchemaId(definition)];
      assert.ok(component, `${definition.type} v${definition.version} has a component`);
      assert.equal(component.title, `${definition.type} v${definition.version}`);
      assert.deepEqual(Object.keys(component.properties ?? {}).sort(), Object.keys(definition.payload.properties).sort());
      assert.ok(event?.type?.description?.includes(`| \`${definition.type}\` | ${definition.version} |`), `${definition.type} is in the type's table`);
    }
  });

  test('what the jobs module records matches the catalogue: type, version and payload schema', async () => {
    const job = await publishJob(t, t.org);
    const auth = t.org.auth;
    const ok = async (method: 'PATCH' | 'POST' | 'DELETE', url: string, payload?: object) => {
      const res = await t.app.inject({ method, url, headers: auth, ...(payload ? { payload } : {}) });
      assert.ok(res.statusCode < 300, `${method} ${url}: ${res.statusCode} ${res.body}`);
    };
    await ok('PATCH', `/v1/jobs/${job.id}`, { title: 'Staff Engineer' });
    await ok('POST', `/v1/jobs/${job.id}/close`);
    await ok('POST', `/v1/jobs/${job.id}/reopen`);
    await ok('POST', `/v1/jobs/${job.id}/archive`);
    await ok('DELETE', `/v1/jobs/${job.id}`);
    const events = json<{ data: ListedEvent[] }>(await t.app.inject({ method: 'GET', url: `/v1/events?subjectId=${job.id}`, headers: auth })).data;
    assert.deepEqual(events.map((e) => e.type), ['job.created', 'job.published', 'job.updated', 'job.closed', 'job.reopened', 'job.archived', 'job.deleted']);
    for (const e of events) {
      const definition = catalogue.find((d) => d.type === e.type);
      assert.ok(definition);
      assert.equal(e.version, definition.version);
      assert.ok(Value.Check(definition.payload, e.payload), `${e.type} payload follows its schema: ${JSON.stringify([...Value.Errors(definition.payload, e.payload)].slice(0, 2))}`);
    }
    const unknown = json<{ data: unknown[]; nextCursor: unknown }>(await t.app.inject({ method: 'GET', url: '/v1/events?type=job.exploded', headers: auth }));
    assert.deepEqual(unknown, { data: [], nextCursor: null }, 'a type outside the catalogue lists nothing, as before');
  });

  test('listeners hear only the types they subscribed to, after the commit', async () => {
    const heard: string[] = [];
    const stop = t.container.events.onCommitted(['job.published'], (e) => heard.push(`${e.type} ${e.subjectId} ${e.payload.job.status}`));
    const job = await publishJob(t, t.org);
    stop();
    await publishJob(t, t.org);
    assert.deepEqual(heard, [`job.published ${job.id} published`]);
  });

  test('the events list pages with the cursor its route encodes, oldest first, each event once', async () => {
    const org = await t.createOrg('Pager');
    for (let i = 0; i < 3; i++) await publishJob(t, org, { title: `Paged ${i}` });
    const seen: string[] = [];
    let url: string | null = '/v1/events?limit=2';
    while (url) {
      const page: { data: { id: string }[]; nextCursor: string | null } = json(await t.app.inject({ method: 'GET', url, headers: org.auth }));
      seen.push(...page.data.map((e) => e.id));
      url = page.nextCursor ? `/v1/events?limit=2&cursor=${page.nextCursor}` : null;
    }
    assert.equal(seen.length, 6, 'three jobs created and published');
    assert.deepEqual(seen, [...new Set(seen)].sort(), 'oldest first, no repeats');
  });
});
