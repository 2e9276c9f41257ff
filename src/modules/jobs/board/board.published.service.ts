import { AppError } from '../../../app-error.ts';
import { createMemoryCache } from '../../../infra/cache/memory-cache.ts';
import type { Database, DbExecutor } from '../../../infra/db/database.ts';
import { prepareOpenJob } from './board.detail.repo.ts';
import { isPlainQuery, type SearchWordsRepo } from './board.search.words.ts';
import type { Facets, SearchFacetsRepo } from './board.search.facets.ts';
import { SLICE_OFFSETS, slicesFrom, type PublishSlice } from './board.slices.ts';
import type { JobsSearchRepo, PublishedJobFilter } from './board.search.repo.ts';
import { toJob } from '../jobs.mapping.ts';
import type { Job } from '../jobs.schemas.ts';

/** Where a page of board search ends: the last job's rank (null without `q`), publication time (ISO) and id. */
export type PublishedPosition = NonNullable<PublishedJobFilter['after']>;
/** Slice starts only decide how much a search reads, never what it finds, so they may be a minute old. */
const SLICE_TTL_MS = 60_000;
/** What one board search's reads may take on the server before it answers 503 (the app's default is 5 s). */
const SEARCH_TIMEOUT_MS = 2_000;

export type PublishedJobQuery = Omit<PublishedJobFilter, 'after' | 'limit'> & { after?: PublishedPosition; limit?: number; facets?: boolean };

/** Read access to open jobs for public surfaces (the board); they never see drafts or closed jobs. */
export function createPublishedJobsService({ database, repo, words, facets, clock = () => new Date() }: {
  /** `unscoped`: ranking runs outside the org's wall, scoped by org in SQL (see rankPublished). */
  database: Pick<Database, 'kind' | 'unscoped' | 'unscopedTransaction' | 'tenant'>;
  repo: JobsSearchRepo;
  words: SearchWordsRepo;
  facets: SearchFacetsRepo;
  clock?: () => Date;
}) {
  const openJob = prepareOpenJob(database.unscoped);
  const slicesByOrg = createMemoryCache<PublishSlice[]>(1_000);
  /**
   * Slices pay only with the board index over the hour and the words (drizzle/0023, the server's): PGlite
   * has none, so there a search reads in one statement (no slices), as it did before that index.
   */
  async function slicesOf(orgId: string, unscoped: DbExecutor): Promise<PublishSlice[]> {
    if (database.kind !== 'postgres') return [];
    let slices = slicesByOrg.get(orgId);
    if (!slices) {
      slices = slicesFrom(await repo.sliceStarts(orgId, SLICE_OFFSETS, unscoped));
      slicesByOrg.set(orgId, slices, SLICE_TTL_MS);
    }
    return slices;
  }
  /**
   * The search's reads, each bounded by design (capped expansions, a fixed list of slices); on the server
   * also by a statement timeout of their own, so a query that still ran long answers 503
   * (service-unavailable, src/http/errors.ts) in SEARCH_TIMEOUT_MS instead of holding a connection.
   * PGlite has no timer to cancel a statement, so there the bounds of the design are the only ones.
   */
  const bounded = <T>(fn: (unscoped: DbExecutor) => Promise<T>): Promise<T> => (database.kind === 'postgres'
    ? database.unscopedTransaction(async (tx) => {
      await repo.limitStatementTime(tx, SEARCH_TIMEOUT_MS);
      return fn(tx);
    })
    : fn(database.unscoped));
  return {
    /** A page of matches; `next` is where the following page starts (ranked when `q` is set), null on the last. */
    async search(orgId: string, query: PublishedJobQuery): Promise<{ jobs: Job[]; next: PublishedPosition | null; facets?: Facets }> {
      const limit = query.limit ?? 20;
      const q = query.q?.trim() || undefined;
      const { after } = query;
      // A ranked position continues only a text search, and a recent-first one only a listing without text.
      if (after && (after.rank !== null) !== (q !== undefined)) {
        throw new AppError('invalid-cursor', 'The cursor is not one this listing issued; start again without it');
      }
      const now = clock();
      const { hits, counts, rows } = await bounded(async (unscoped) => {
        const widened = q && isPlainQuery(q) ? await words.widen(orgId, q, unscoped) ?? undefined : undefined;
        const slices = await slicesOf(orgId, unscoped);
        const found = await repo.rankPublished(orgId, { ...query, q, widened, after, limit: limit + 1 }, now, unscoped, slices);
        // Counting reads up to FACET_SCOPE matches: only for a first page that asks (later pages would count the same).
        const counted = query.facets && !after ? await facets.facetCounts(orgId, { ...query, q, widened }, now, unscoped, slices) : undefined;
        // The page's rows in the same transaction, by id and limited to the org in SQL as the ranking is: a
        // tenant transaction of their own cost two more round trips (BEGIN with set_config, COMMIT) per search.
        const rows = await repo.publishedByIds(orgId, found.slice(0, limit).map((hit) => hit.id), now, unscoped);
        return { hits: found, counts: counted, rows };
      });
      const page = hits.slice(0, limit);
      const last = page.at(-1);
      const position = hits.length > limit && last?.publishedAt
        ? { rank: q ? last.rank ?? 0 : null, publishedAt: last.publishedAt.toISOString(), id: last.id }
        : null;
      // A page ends where it began only if the search stood still: never hand out a cursor that would repeat it.
      const next = position && !(after && position.id === after.id && position.publishedAt === after.publishedAt && position.rank === after.rank) ? position : null;
      return { jobs: rows.map(toJob), next, ...(counts ? { facets: counts } : {}) };
    },

    /** One statement, no transaction: see prepareOpenJob. */
    async get(orgId: string, id: string): Promise<Job | null> {
      const row = await openJob(orgId, id, clock());
      return row ? toJob(row) : null;
    },

    /** Id and last change of every open job, up to `limit`, for a sitemap. */
    async index(orgId: string, limit: number): Promise<{ id: string; updatedAt: string; validThrough: string | null }[]> {
      const rows = await database.tenant(orgId, (tx) => repo.openIndex(orgId, limit, clock(), tx));
      return rows.map((r) => ({ id: r.id, updatedAt: r.updatedAt.toISOString(), validThrough: r.validThrough?.toISOString() ?? null }));
    },

    async latest(orgId: string, limit: number): Promise<Job[]> {
      return (await database.tenant(orgId, (tx) => repo.latestPublished(orgId, limit, clock(), tx))).map(toJob);
    },
  };
}
export type PublishedJobsService = ReturnType<typeof createPublishedJobsService>;
