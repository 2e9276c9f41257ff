import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { isDatabaseUnavailable } from '../../src/infra/db/database.ts';
import { createPublishedJobsService } from '../../src/modules/jobs/board/board.published.service.ts';
import { createJobsSearchRepo } from '../../src/modules/jobs/board/board.search.repo.ts';
import { createSearchFacetsRepo } from '../../src/modules/jobs/board/board.search.facets.ts';
import { createSearchWordsRepo } from '../../src/modules/jobs/board/board.search.words.ts';
import { profile } from '../helpers/database.ts';
import { startTestApp, type TestApp } from '../helpers/app.ts';

// PGlite has no statement timer: there the search's bounds come from its design alone (board.slices.test.ts).
const onServer = { skip: profile !== 'postgres' ? 'the statement timeout exists on the PostgreSQL server only' : false };

let t: TestApp;
before(async () => {
  t = await startTestApp({ BOARD_CACHE_TTL_MS: '0' });
});
after(() => t.close());

test('a board search whose reads outlast their time limit fails as "database unavailable" (503), not after the app-wide timeout', onServer, async () => {
  const repo = createJobsSearchRepo();
  // A read standing in for a pathological query: it sleeps longer than a search may take (2 s), shorter than the app's 5 s.
  const slowRepo = {
    ...repo,
    rankPublished: async (...args: Parameters<typeof repo.rankPublished>) => {
      await args[3].execute(sql`select pg_sleep(3)`);
      return repo.rankPublished(...args);
    },
  };
  const published = createPublishedJobsService({
    database: t.container.database, repo: slowRepo, words: createSearchWordsRepo(), facets: createSearchFacetsRepo(),
  });
  await assert.rejects(published.search(t.org.id, { q: 'engineer' }), (err: unknown) => {
    assert.ok(isDatabaseUnavailable(err), String(err));
    const codes: unknown[] = [];
    for (let e: unknown = err; e instanceof Error && codes.length < 5; e = e.cause) codes.push((e as { code?: unknown }).code);
    assert.ok(codes.includes('57014'), `canceled by the statement timeout: ${JSON.stringify(codes)}`);
    return true;
  });
  const fast = createPublishedJobsService({ database: t.container.database, repo, words: createSearchWordsRepo(), facets: createSearchFacetsRepo() });
  assert.deepEqual((await fast.search(t.org.id, { q: 'engineer' })).jobs, [], 'the next search runs normally');
});
