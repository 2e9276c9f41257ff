import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createMemoryCache } from '../../src/infra/cache/memory-cache.ts';
import type { DbExecutor } from '../../src/infra/db/database.ts';
import { createEventsService } from '../../src/modules/events/events.service.ts';
import type { NewDomainEvent } from '../../src/modules/events/index.ts';
import { createBoardService } from '../../src/modules/jobs/board/board.service.ts';
import type { PublishedJobsService } from '../../src/modules/jobs/index.ts';
import type { Job } from '../../src/modules/jobs/jobs.schemas.ts';

const org = { id: 'org_1', slug: 'acme', name: 'Acme', createdAt: new Date(0).toISOString() };
const job = (overrides: Partial<Job> = {}): Job => ({
  id: 'job_1', title: 'Engineer', description: 'Build things', department: null, locations: ['Berlin, Germany'], workplace: 'onsite',
  employmentType: 'FULL_TIME', salary: null, experienceYearsMin: null, skills: [], validThrough: null, status: 'published',
  publishedAt: new Date().toISOString(), closedAt: null, openings: 1, openingsFilled: 0, closeWhenFilled: true,
  createdAt: new Date().toISOString(), updatedAt: new Date().toISOString(), version: 2, ...overrides,
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** A few turns of the event loop: enough for anything that waits on no timer and no query to finish. */
const turns = async (n = 20) => {
  for (let i = 0; i < n; i++) await new Promise((resolve) => setImmediate(resolve));
};
/** Whether `work` finishes without any held query being released. */
const settlesWithoutQueries = (work: Promise<unknown>) => Promise.race([work.then(() => true), turns().then(() => false)]);

function setup(jobs: Job[], cacheTtlMs = 60_000) {
  let searches = 0;
  let running = 0;
  let mostAtOnce = 0;
  // While held, every search waits until released: the test decides when the "database" answers.
  let held: Promise<void> | null = null;
  // The real events service over a database that only runs the callback: the board subscribes as it does in the app.
  const noDatabase = { tenant: <T>(_orgId: string, fn: (tx: DbExecutor) => Promise<T>) => fn({} as DbExecutor) };
  const events = createEventsService({
    database: { ...noDatabase, unscopedTransaction: (fn) => noDatabase.tenant('', fn) },
    repo: { insert: async () => undefined, list: async () => [] },
    log: { error: () => undefined },
  });
  const published: PublishedJobsService = {
    search: async () => {
      searches++;
      mostAtOnce = Math.max(mostAtOnce, ++running);
      await (held ?? sleep(20));
      running--;
      return { jobs, next: null };
    },
    get: async () => jobs[0] ?? null,
    latest: async () => jobs,
    index: async () => [],
  };
  const service = createBoardService({
    orgs: { findBySlug: async () => org }, published, cacheTtlMs, publicBaseUrl: 'https://jobs.example.test',
    events,
    pages: createMemoryCache(100),
    orgCache: createMemoryCache(10),
  });
  /** Holds every search until the returned function is called; from then on the "database" answers at once. */
  const hold = (): (() => Promise<void>) => {
    let release = () => undefined as void;
    held = new Promise((resolve) => { release = resolve; });
    return async () => {
      held = Promise.resolve();
      release();
      await turns();
    };
  };
  return { service, searches: () => searches, running: () => running, mostAtOnce: () => mostAtOnce, resetPeak: () => { mostAtOnce = 0; }, hold, notify: (committed: NewDomainEvent[]) => events.withEvents(org.id, async (_tx, record) => committed.forEach(record)) };
}

test('concurrent misses on one search share one database query', async () => {
  const board = setup([job()]);
  const responses = await Promise.all(Array.from({ length: 10 }, () => board.service.search('acme', { q: 'engineer' })));
  assert.equal(board.searches(), 1);
  assert.equal(new Set(responses).size, 1, 'every reader gets the one answer');
  await board.service.search('acme', { q: 'engineer' });
  assert.equal(board.searches(), 1, 'then served from cache');
  await board.notify([{ orgId: 'org_1', type: 'job.updated', subjectId: 'job_1', payload: { job: job(), changed: ['title'] } }]);
  await board.service.search('acme', { q: 'engineer' });
  assert.equal(board.searches(), 2, 'a committed change to the org\'s jobs invalidates');
});

test('a cached page never outlives the first validThrough on it', async () => {
  const validThrough = Date.now() + 400;
  const board = setup([job({ validThrough: new Date(validThrough).toISOString() })]);
  await board.service.search('acme', {});
  await board.service.search('acme', {});
  assert.equal(board.searches(), 1);
  await sleep(validThrough - Date.now() + 20);
  await board.service.search('acme', {});
  assert.equal(board.searches(), 2);
});

test('a page past its TTL is served at once while one background query refreshes it', async () => {
  const board = setup([job()], 100);
  const first = await board.service.search('acme', {});
  assert.equal(board.searches(), 1);
  await sleep(150); // past the TTL, even with its +20 % jitter
  const release = board.hold();
  const readers = Promise.all(Array.from({ length: 5 }, () => board.service.search('acme', {})));
  assert.equal(await settlesWithoutQueries(readers), true, 'the stale page is served while its refresh query is still running');
  assert.deepEqual(await readers, Array(5).fill(first), 'the stale page itself');
  assert.equal(board.running(), 1, 'its refresh is still waiting on the database');
  assert.equal(board.searches(), 2, 'one refresh for all concurrent readers');
  await release();
  await board.service.search('acme', {});
  assert.equal(board.searches(), 2, 'the refreshed page is fresh again');
});

test('many stale pages are rebuilt one at a time, never in a burst that starves readers', async () => {
  const board = setup([job()], 100);
  await Promise.all(Array.from({ length: 8 }, (_, i) => board.service.search('acme', { q: `word${i}` })));
  assert.equal(board.mostAtOnce(), 8, 'cold misses are answered at once');
  await sleep(150); // past the TTL, even with its +20 % jitter
  board.resetPeak();
  const release = board.hold();
  const readers = Promise.all(Array.from({ length: 8 }, (_, i) => board.service.search('acme', { q: `word${i}` })));
  assert.equal(await settlesWithoutQueries(readers), true, 'all eight stale pages served while the rebuilds wait on the database');
  assert.equal(board.searches(), 9, 'only one rebuild has started');
  await release();
  assert.equal(board.searches(), 16, 'each stale page rebuilt once');
  assert.equal(board.mostAtOnce(), 1, 'the rebuilds ran one after another');
});
