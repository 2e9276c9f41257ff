import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createMemoryCache } from '../../src/infra/cache/memory-cache.ts';
import type { NewDomainEvent } from '../../src/modules/events/events.schemas.ts';
import { createBoardService } from '../../src/modules/board/board.service.ts';
import type { PublishedJobsService } from '../../src/modules/jobs/index.ts';
import type { Job } from '../../src/modules/jobs/jobs.schemas.ts';

const org = { id: 'org_1', slug: 'acme', name: 'Acme', createdAt: new Date(0).toISOString() };
const job = (overrides: Partial<Job> = {}): Job => ({
  id: 'job_1', title: 'Engineer', description: 'Build things', department: null, locations: ['Berlin, Germany'], workplace: 'onsite',
  employmentType: 'FULL_TIME', salary: null, experienceYearsMin: null, skills: [], validThrough: null, status: 'published',
  publishedAt: new Date().toISOString(), closedAt: null, createdAt: new Date().toISOString(), updatedAt: new Date().toISOString(), version: 2, ...overrides,
});

function setup(jobs: Job[], cacheTtlMs = 60_000) {
  let searches = 0;
  let running = 0;
  let mostAtOnce = 0;
  let notify: (events: readonly NewDomainEvent[]) => void = () => undefined;
  const published: PublishedJobsService = {
    search: async () => {
      searches++;
      mostAtOnce = Math.max(mostAtOnce, ++running);
      await new Promise((resolve) => setTimeout(resolve, 20));
      running--;
      return { jobs, nextCursor: null };
    },
    get: async () => jobs[0] ?? null,
    latest: async () => jobs,
  };
  const service = createBoardService({
    orgs: { findBySlug: async () => org }, published, cacheTtlMs, publicBaseUrl: 'https://jobs.example.test',
    events: { onCommitted: (listener) => { notify = listener; return () => undefined; } },
    pages: createMemoryCache(100),
    orgCache: createMemoryCache(10),
  });
  return { service, searches: () => searches, mostAtOnce: () => mostAtOnce, resetPeak: () => { mostAtOnce = 0; }, notify: (events: NewDomainEvent[]) => notify(events) };
}

test('concurrent misses on one search share one database query', async () => {
  const board = setup([job()]);
  const responses = await Promise.all(Array.from({ length: 10 }, () => board.service.search('acme', { q: 'engineer' })));
  assert.equal(board.searches(), 1);
  assert.equal(new Set(responses.map((r) => r.etag)).size, 1);
  await board.service.search('acme', { q: 'engineer' });
  assert.equal(board.searches(), 1, 'then served from cache');
  board.notify([{ orgId: 'org_1', type: 'job.updated', subjectId: 'job_1', payload: {} }]);
  await board.service.search('acme', { q: 'engineer' });
  assert.equal(board.searches(), 2, 'a committed change to the org\'s jobs invalidates');
});

test('a cached page never outlives the first validThrough on it', async () => {
  const board = setup([job({ validThrough: new Date(Date.now() + 50).toISOString() })]);
  await board.service.search('acme', {});
  await board.service.search('acme', {});
  assert.equal(board.searches(), 1);
  await new Promise((resolve) => setTimeout(resolve, 80));
  await board.service.search('acme', {});
  assert.equal(board.searches(), 2);
});

test('a page past its TTL is served at once while one background query refreshes it', async () => {
  const board = setup([job()], 30);
  await board.service.search('acme', {});
  assert.equal(board.searches(), 1);
  await new Promise((resolve) => setTimeout(resolve, 50));
  const started = Date.now();
  await Promise.all(Array.from({ length: 5 }, () => board.service.search('acme', {})));
  assert.ok(Date.now() - started < 15, 'stale page served without waiting for the 20 ms query');
  assert.equal(board.searches(), 2, 'one refresh for all concurrent readers');
  await new Promise((resolve) => setTimeout(resolve, 30));
  await board.service.search('acme', {});
  assert.equal(board.searches(), 2, 'the refreshed page is fresh again');
});

test('many stale pages are rebuilt one at a time, never in a burst that starves readers', async () => {
  const board = setup([job()], 30);
  await Promise.all(Array.from({ length: 8 }, (_, i) => board.service.search('acme', { q: `word${i}` })));
  assert.equal(board.mostAtOnce(), 8, 'cold misses are answered at once');
  await new Promise((resolve) => setTimeout(resolve, 50));
  board.resetPeak();
  const started = Date.now();
  await Promise.all(Array.from({ length: 8 }, (_, i) => board.service.search('acme', { q: `word${i}` })));
  assert.ok(Date.now() - started < 15, 'all eight stale pages served at once');
  await new Promise((resolve) => setTimeout(resolve, 8 * 20 + 80));
  assert.equal(board.searches(), 16, 'each stale page rebuilt once');
  assert.equal(board.mostAtOnce(), 1, 'the rebuilds ran one after another');
});
