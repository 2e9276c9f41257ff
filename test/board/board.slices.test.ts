import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createJobsSearchRepo, type PublishedJobFilter } from '../../src/modules/jobs/board/board.search.repo.ts';
import { createSearchFacetsRepo } from '../../src/modules/jobs/board/board.search.facets.ts';
import { slicesFrom, type PublishSlice } from '../../src/modules/jobs/board/board.slices.ts';
import { syntheticJobs } from '../../src/seed/synthetic-jobs.ts';
import { startTestApp, type TestApp } from '../helpers/app.ts';

/**
 * The board reads big boards newest first in slices of publication hours; a board of 300 jobs read in
 * slices of 5, 20 and 80 jobs must give exactly what one read of the whole board gives, for every query shape.
 */
describe('board search read in slices', () => {
  let t: TestApp;
  let slices: PublishSlice[];
  const whole: PublishSlice[] = [{ fromHour: null, beforeHour: null }];
  const repo = createJobsSearchRepo();
  before(async () => {
    t = await startTestApp({ BOARD_CACHE_TTL_MS: '0' });
    await t.container.jobs.bulkPublish(t.org.id, syntheticJobs(300, 7));
    slices = slicesFrom(await repo.sliceStarts(t.org.id, [5, 20, 80], t.container.database.unscoped));
  });
  after(() => t.close());

  // Thresholds scaled to the small board, so reads take every path: the newest slice alone, a capped read of all
  // matches (complete or not), and the older slices.
  const paths = [{ fewMatches: 400, sparseInNewest: 16 }, { fewMatches: 12, sparseInNewest: 3 }, { fewMatches: 1, sparseInNewest: 1 }];
  const search = async (filter: Omit<PublishedJobFilter, 'limit'>, over: readonly PublishSlice[], limit = 21) => {
    const answers = [];
    for (const tuning of paths) answers.push(await repo.rankPublished(t.org.id, { ...filter, limit }, new Date(), t.container.database.unscoped, over, tuning));
    for (const answer of answers.slice(1)) assert.deepEqual(answer, answers[0], `${JSON.stringify(filter)}: every path finds the same`);
    return answers[0] ?? [];
  };

  const shapes: Omit<PublishedJobFilter, 'limit'>[] = [
    { q: 'experience' }, { q: 'nurse' }, { q: 'cobol' }, { q: 'zyzzogeton' }, { q: '"data engineer"' }, { q: 'nurse -senior' },
    { q: 'manager', location: 'canada' }, { q: 'senior', skill: 'python', workplace: 'remote' },
    { q: 'team', department: 'Engineering', employmentType: 'FULL_TIME' }, { location: 'india' }, { workplace: 'onsite', employmentType: 'FULL_TIME' },
  ];

  test('the slices are several, so the reads below are sliced', () => {
    assert.ok(slices.length >= 3, `${slices.length} slices`);
  });

  test('every query shape finds the same jobs in the same order, ranked or newest first', async () => {
    let found = 0;
    for (const shape of shapes) {
      const sliced = await search(shape, slices, 500);
      assert.deepEqual(sliced, await search(shape, whole, 500), JSON.stringify(shape));
      found += sliced.length;
    }
    assert.ok(found > 200, 'the shapes find jobs');
  });

  test('facets count the same newest matches in slices as in one read', async () => {
    const facets = createSearchFacetsRepo();
    for (const shape of [{ q: 'experience' }, { q: 'manager' }, { workplace: 'remote' }, { q: 'cobol' }]) {
      const sliced = await facets.facetCounts(t.org.id, shape, new Date(), t.container.database.unscoped, slices, 40);
      assert.deepEqual(sliced, await facets.facetCounts(t.org.id, shape, new Date(), t.container.database.unscoped, whole, 40), JSON.stringify(shape));
      assert.ok(sliced.counted <= 40);
    }
    const common = await facets.facetCounts(t.org.id, { q: 'experience' }, new Date(), t.container.database.unscoped, slices, 40);
    assert.deepEqual([common.counted, common.complete], [40, false], 'a common word is counted over its newest matches');
    assert.equal(common.workplace.reduce((sum, { count }) => sum + count, 0), 40, 'every counted job has one workplace');
  });

  test('pages continue where the last ended, the same in slices as in one read', async () => {
    for (const shape of [{ q: 'experience' }, { location: 'india' }, { workplace: 'remote' }]) {
      const pages: string[][] = [];
      let after: PublishedJobFilter['after'];
      for (let page = 0; page < 6; page++) {
        const hits = await search({ ...shape, after }, slices, 8);
        const whole8 = await search({ ...shape, after }, whole, 8);
        assert.deepEqual(hits, whole8, `${JSON.stringify(shape)} page ${page}`);
        pages.push(hits.map((hit) => hit.id));
        const last = hits.at(-1);
        if (!last?.publishedAt) break;
        after = { rank: shape.q ? last.rank : null, publishedAt: last.publishedAt.toISOString(), id: last.id };
      }
      assert.equal(new Set(pages.flat()).size, pages.flat().length, 'no job twice');
      assert.ok(pages.flat().length > 8, 'more than one page');
    }
  });
});
