import { and, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { queryRows, type DbExecutor } from '../../../infra/db/database.ts';
import { jobs } from '../jobs.table.ts';
import { jobColumns, type JobRow } from '../jobs.repo.ts';
import { hourOf, type PublishSlice } from './board.slices.ts';
import { isOpen, publishedHour, searchConditions } from './board.search.conditions.ts';

export interface PublishedJobFilter {
  q?: string;
  /** `q` as people type it (to_tsquery syntax, board.search.words.ts): what matches; `q` itself ranks first. */
  widened?: string;
  location?: string;
  workplace?: string;
  employmentType?: string;
  skill?: string;
  department?: string;
  /** Annualized, in salaryCurrency: pay in different currencies is never compared. */
  salaryMinAnnual?: number;
  /** ISO 4217, upper case. */
  salaryCurrency?: string;
  postedWithinDays?: number;
  /** Keyset position: rank (when q is set), publishedAt (ISO), id. */
  after?: { rank: number | null; publishedAt: string; id: string };
  limit: number;
}

/** Fewer matches than this on the whole board are read at once; more, in slices (see rankPublished). */
const FEW_MATCHES = 400;
/**
 * A search finding this many in the newest slice (400 jobs) matches 4 % of jobs, so about FEW_MATCHES in the
 * newest 10,000 alone: reading all its matches, capped, would not answer it, and it goes straight to the older slices.
 */
const SPARSE_IN_NEWEST = 16;

/** How many of the newest matches a text search ranks (see searchPublished). */
export const SEARCH_WINDOW = 200;

/** A search hit: what ordering and the next cursor need. */
export interface RankedId {
  id: string;
  publishedAt: Date | null;
  rank: number | null;
}

/**
 * The newest `limit` matches in one statement, left to the planner: without the board index (PGlite, see
 * drizzle/0023) it reads a common word's newest matches through the publication-order index, testing each
 * row's vector, and stops after a few hundred rows; a rare word comes from the word index. A materialized
 * read of every match, as the slices do, would read all of a common word's matches there (0.7–0.9 s on
 * 100,000 jobs, measured).
 */
async function newestMatches(unscoped: DbExecutor, where: SQL | undefined, limit: number): Promise<RankedId[]> {
  const rows = await unscoped.select({ id: jobs.id, publishedAt: jobs.publishedAt }).from(jobs).where(where)
    .orderBy(sql`${jobs.publishedAt} desc nulls last`, sql`${jobs.id} desc nulls last`).limit(limit);
  return rows.map((row) => ({ ...row, rank: null }));
}

/** Every query runs on the executor it is given: a tenant or unscoped transaction chosen by the service. */
export function createJobsSearchRepo() {
  const newest = [sql`${jobs.publishedAt} desc nulls last`, sql`${jobs.id} desc nulls last`];
  return {
    /** Caps every later statement of the transaction `tx` (server only: PGlite has no statement timer). */
    async limitStatementTime(tx: DbExecutor, ms: number): Promise<void> {
      await tx.execute(sql`select set_config('statement_timeout', ${String(Math.trunc(ms))}, true)`);
    },

    /**
     * Where the board's slices start: the publication time of the open job at each of `offsets` from the
     * newest (null past the last). Read from the board index alone; the service keeps them a minute, as
     * they only decide how much one search reads, never what it finds.
     */
    async sliceStarts(orgId: string, offsets: readonly number[], unscoped: DbExecutor): Promise<(Date | null)[]> {
      const nth = (offset: number) => sql`(select ${jobs.publishedAt} from ${jobs}
        where ${jobs.orgId} = ${orgId} and ${jobs.status} = 'published' order by ${sql.join(newest, sql`, `)} offset ${offset} limit 1)`;
      const [row] = await queryRows<Record<string, string | Date | null>>(unscoped, sql`select ${sql.join(offsets.map((offset, i) => sql`${nth(offset)} as ${sql.identifier(`s${i}`)}`), sql`, `)}`);
      return offsets.map((_, i) => {
        const value = row?.[`s${i}`] ?? null;
        return value === null ? null : new Date(value);
      });
    },

    /**
     * Board search, as ranked ids. Without `q`: newest first. With `q`: the newest SEARCH_WINDOW matches, ranked.
     * The board is read newest first one slice of publication hours at a time (the service sizes them: a few
     * hundred jobs, then a few times more each), and each slice is answered from one GIN index over the org,
     * the hour, the words and the filters (drizzle/0023), so only matching rows are read and reading stops
     * once the window or page is full. Ranking every match of a common word would read every matching row,
     * and walking the board in publication order tests each row's stored vector (~20 µs each, measured), so
     * a sparse combination (a phrase, a common word in one country) walked thousands of rows before.
     *
     * Row-level security would keep `@@` and `@>` (not leakproof) out of the indexes and turn every
     * search into a walk of the org's rows (measured: 5 req/s instead of 118), so this runs on the
     * unscoped connection, limited to the org here, and yields ids only; publishedByIds reads their rows,
     * on the same connection and limited to the org the same way.
     */
    async rankPublished(
      orgId: string, filter: PublishedJobFilter, now: Date, unscoped: DbExecutor, slices: readonly PublishSlice[],
      /** What a small board in a test lowers to take every path. */
      { fewMatches = FEW_MATCHES, sparseInNewest = SPARSE_IN_NEWEST } = {},
    ): Promise<RankedId[]> {
      const { exact, widened, query, narrowing } = searchConditions(filter, now);
      const matching = and(eq(jobs.orgId, orgId), isOpen(now), ...narrowing);
      const at = filter.after ? sql`${filter.after.publishedAt}::timestamptz` : null;
      // A listing continues after its cursor, so slices wholly newer than it are skipped; a ranked search
      // always ranks the same window and pages through it by rank.
      const listingAfter = !query && filter.after && at ? sql`(${jobs.publishedAt}, ${jobs.id}) < (${at}, ${filter.after.id})` : undefined;
      const cursorHour = !query && filter.after ? hourOf(new Date(filter.after.publishedAt)) : null;
      // Every open job matches a bare listing: the board index in publication order yields the page as it reads.
      if (narrowing.length === 0) {
        return unscoped.select({ id: jobs.id, publishedAt: jobs.publishedAt, rank: sql<null>`null::real` }).from(jobs)
          .where(and(matching, listingAfter)).orderBy(...newest).limit(filter.limit);
      }
      const wanted = query ? SEARCH_WINDOW : filter.limit;
      /**
       * The newest `wanted` matches published from `fromHour` on (everything newer too: GIN answers "from this
       * hour on" from one side of its entries, while a bounded range costs a pass over every entry on the other
       * side, 13 ms measured), out of the first `cap` found when a cap is given. Materialized, so the order and
       * limit cannot turn the read into a walk of the board index testing each row's vector (the planner prices
       * that test far below its ~20 µs): the matches come from the GIN index, then are sorted.
       */
      const read = async (fromHour: number | null, cap?: number): Promise<{ hits: RankedId[]; complete: boolean }> => {
        const matches = unscoped.select({ id: jobs.id, publishedAt: jobs.publishedAt }).from(jobs)
          .where(and(matching, fromHour === null ? undefined : sql`${publishedHour} >= ${fromHour}`, listingAfter));
        const rows = await queryRows<{ id: string; published_at: Date | string | null; total: number }>(unscoped, sql`with matches as materialized (${cap === undefined ? matches : matches.limit(cap)})
          select id, published_at, (select count(*) from matches)::int as total from matches order by published_at desc nulls last, id desc nulls last limit ${wanted}`);
        const hits = rows.map((row) => ({ id: row.id, publishedAt: row.published_at === null ? null : new Date(row.published_at), rank: null }));
        return { hits, complete: cap === undefined || (rows[0]?.total ?? 0) < cap };
      };
      // Newest first: the first slice (a few hundred jobs) fills the window of a common word. Then a search
      // that found almost nothing there may have few matches anywhere (a rare or unknown word, a narrow filter):
      // one read of all of them, capped, answers it. Otherwise the older slices, each five times the last, until
      // the window or page is full (re-reading the newer ones adds at most a quarter); the last is the whole board.
      const found = slices.length === 0 ? await newestMatches(unscoped, and(matching, listingAfter), wanted) : await (async () => {
        const [newestSlice, ...older] = slices.filter((slice) => cursorHour === null || slice.fromHour === null || slice.fromHour <= cursorHour);
        let hits = (await read(newestSlice?.fromHour ?? null)).hits;
        let done = hits.length >= wanted || !newestSlice || newestSlice.fromHour === null;
        if (!done && hits.length < sparseInNewest) {
          const everywhere = await read(null, fewMatches);
          if (everywhere.complete) [hits, done] = [everywhere.hits, true];
        }
        for (const slice of done ? [] : older) {
          hits = (await read(slice.fromHour)).hits;
          if (hits.length >= wanted) break;
        }
        return hits;
      })();
      if (!query || found.length === 0) return found;
      // A job matching the words as typed ranks above every job found only through a completion or correction.
      const rank = widened && exact
        ? sql<number>`case when ${jobs.searchVector} @@ ${exact} then 1::real + ts_rank(${jobs.searchVector}, ${exact}, 32) else ts_rank(${jobs.searchVector}, ${widened}, 32) end`
        : sql<number>`ts_rank(${jobs.searchVector}, ${query})`;
      return unscoped.select({ id: jobs.id, publishedAt: jobs.publishedAt, rank }).from(jobs)
        .where(and(eq(jobs.orgId, orgId), inArray(jobs.id, found.map((hit) => hit.id)),
          filter.after && at ? sql`(${rank}, ${jobs.publishedAt}, ${jobs.id}) < (${filter.after.rank ?? 0}::real, ${at}, ${filter.after.id})` : undefined))
        .orderBy(sql`${rank} desc`, ...newest)
        .limit(filter.limit);
    },

    /** The org's open jobs among ids, in the order of ids (on whichever executor the search runs; the org is in the SQL). */
    async publishedByIds(orgId: string, ids: readonly string[], now: Date, tx: DbExecutor): Promise<JobRow[]> {
      if (ids.length === 0) return [];
      const rows = await tx.select(jobColumns).from(jobs)
        .where(and(eq(jobs.orgId, orgId), inArray(jobs.id, [...ids]), isOpen(now)));
      const byId = new Map(rows.map((row) => [row.id, row]));
      return ids.flatMap((id) => byId.get(id) ?? []);
    },

    /** Newest open jobs, for the RSS feed. */
    async latestPublished(orgId: string, limit: number, now: Date, tx: DbExecutor): Promise<JobRow[]> {
      return tx.select(jobColumns).from(jobs)
        .where(and(eq(jobs.orgId, orgId), isOpen(now)))
        .orderBy(sql`${jobs.publishedAt} desc nulls last`, sql`${jobs.id} desc nulls last`)
        .limit(limit);
    },

    /** Every open job's id and last change, newest first: a sitemap needs no more (and may list many). */
    async openIndex(orgId: string, limit: number, now: Date, tx: DbExecutor): Promise<{ id: string; updatedAt: Date; validThrough: Date | null }[]> {
      return tx.select({ id: jobs.id, updatedAt: jobs.updatedAt, validThrough: jobs.validThrough }).from(jobs)
        .where(and(eq(jobs.orgId, orgId), isOpen(now)))
        .orderBy(sql`${jobs.publishedAt} desc nulls last`, sql`${jobs.id} desc nulls last`)
        .limit(limit);
    },
  };
}
export type JobsSearchRepo = ReturnType<typeof createJobsSearchRepo>;
