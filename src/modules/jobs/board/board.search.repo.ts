import { and, eq, gte, inArray, sql, type SQL } from 'drizzle-orm';
import type { DbExecutor } from '../../../infra/db/database.ts';
import { jobs } from '../jobs.table.ts';
import { jobColumns, type JobRow } from '../jobs.repo.ts';

export interface PublishedJobFilter {
  q?: string;
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

/** How many of the newest matches a text search ranks (see searchPublished). */
export const SEARCH_WINDOW = 200;

/** A search hit: what ordering and the next cursor need. */
export interface RankedId {
  id: string;
  publishedAt: Date | null;
  rank: number | null;
}

/** Published and not past validThrough: the only jobs anything public may show. */
const isOpen = (now: Date): SQL => sql`${jobs.status} = 'published' and (${jobs.validThrough} is null or ${jobs.validThrough} > ${now.toISOString()}::timestamptz)`;

/** Every query runs on the executor it is given: a tenant or unscoped transaction chosen by the service. */
export function createJobsSearchRepo() {
  return {
    /**
     * Board search, as ranked ids. Without `q`: newest first. With `q`: the newest SEARCH_WINDOW matches, ranked.
     * Ranking every match of a common word means reading every matching row (measured: 0.5 s for
     * 25k of 100k jobs), and each row read costs ~35 µs (the stored vector is decompressed to test
     * it), so the window bounds the work to a page's worth of reads; a zero-hit or rare word is
     * answered from the GIN index on the stored vector, never by walking the table.
     *
     * Row-level security would keep `@@` and `@>` (not leakproof) out of the indexes and turn every
     * search into a walk of the org's rows (measured: 5 req/s instead of 118), so this runs on the
     * unscoped connection, limited to the org here, and yields ids only; the rows come through the org's
     * wall in publishedByIds.
     */
    async rankPublished(orgId: string, filter: PublishedJobFilter, now: Date, unscoped: DbExecutor): Promise<RankedId[]> {
      const query = filter.q ? sql`websearch_to_tsquery('english', ${filter.q})` : null;
      const newest = [sql`${jobs.publishedAt} desc nulls last`, sql`${jobs.id} desc nulls last`];
      const matching = and(
        eq(jobs.orgId, orgId),
        isOpen(now),
        query ? sql`${jobs.searchVector} @@ ${query}` : undefined,
        filter.location ? sql`${jobs.locationTerms} @> array[${filter.location.trim().toLowerCase()}]::text[]` : undefined,
        filter.skill ? sql`${jobs.skillNames} @> array[${filter.skill.trim().toLowerCase()}]::text[]` : undefined,
        filter.workplace ? sql`${jobs.workplace} = ${filter.workplace}` : undefined,
        filter.employmentType ? eq(jobs.employmentType, filter.employmentType) : undefined,
        filter.department ? sql`lower(${jobs.department}) = lower(${filter.department})` : undefined,
        filter.salaryCurrency ? eq(jobs.salaryCurrency, filter.salaryCurrency) : undefined,
        filter.salaryMinAnnual !== undefined ? gte(jobs.salaryAnnualMax, filter.salaryMinAnnual) : undefined,
        filter.postedWithinDays !== undefined
          ? sql`${jobs.publishedAt} >= ${new Date(now.getTime() - filter.postedWithinDays * 86_400_000).toISOString()}::timestamptz`
          : undefined,
      );
      const at = filter.after ? sql`${filter.after.publishedAt}::timestamptz` : null;
      const ids = { id: jobs.id, publishedAt: jobs.publishedAt };
      if (!query) {
        return unscoped.select({ ...ids, rank: sql<null>`null::real` }).from(jobs)
          .where(and(matching, filter.after && at ? sql`(${jobs.publishedAt}, ${jobs.id}) < (${at}, ${filter.after.id})` : undefined))
          .orderBy(...newest)
          .limit(filter.limit);
      }
      const rank = sql<number>`ts_rank(${jobs.searchVector}, ${query})`;
      const window = unscoped.select({ id: jobs.id }).from(jobs).where(matching).orderBy(...newest).limit(SEARCH_WINDOW).as('search_window');
      return unscoped.select({ ...ids, rank }).from(jobs)
        .innerJoin(window, eq(window.id, jobs.id))
        .where(filter.after && at ? sql`(${rank}, ${jobs.publishedAt}, ${jobs.id}) < (${filter.after.rank ?? 0}::real, ${at}, ${filter.after.id})` : undefined)
        .orderBy(sql`${rank} desc`, ...newest)
        .limit(filter.limit);
    },

    /** The open jobs among ids, read under the org's row-level security, in the order of ids. */
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
