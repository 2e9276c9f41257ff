import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { seedDemo } from '../../src/seed/demo.ts';
import { json, startTestApp, type TestApp } from '../helpers/app.ts';

type DemoJob = { title: string; status: string; description: string };

describe('demo seed', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp();
  });
  after(() => t.close());

  test('imports and publishes the repository\'s own sample postings, once', async () => {
    const first = await seedDemo(t.container);
    assert.equal(first.created, true);
    assert.equal(first.imported, 3);
    // Read as the demo org, not from the board: the intern posting's deadline will pass one day.
    const auth = { authorization: `Bearer ${first.apiKey ?? ''}` };
    const jobs = json<{ data: DemoJob[] }>(await t.app.inject({ method: 'GET', url: '/v1/jobs?limit=100', headers: auth })).data;
    // Synthetic jobs may share a title, so each sample is recognised by text only it contains.
    const find = (title: string, marker: RegExp) => jobs.find((j) => j.title === title && marker.test(j.description));
    assert.equal(find('Senior Backend Engineer', /Kettlewick Freight Labs writes/)?.status, 'published');
    assert.ok(find('Backend Developer Intern', /REST endpoints in Node\.js and TypeScript/));
    assert.ok(find('SITE RELIABILITY ENGINEER', /on OpenTelemetry, Prometheus and Grafana/));
    assert.deepEqual(await seedDemo(t.container), { created: false, apiKey: null, published: 0, imported: 0 });
  });
});
