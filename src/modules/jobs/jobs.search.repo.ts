import { and, eq, gte, sql, type SQL } from 'drizzle-orm';
import type { DbExecutor } from '../../infra/db/database.ts';
import { jobs } from './jobs.table.ts';
import { jobColumns, type JobRow } from './jobs.repo.ts';

export interface PublishedJobFilter {
  q?: string;
  location?: string;
  workplace?: string;
  employmentType?: string;
  skill?: string;
  department?: string;
  salaryMinAnnual?: number;
  postedWithinDays?: number;
  /** Keyset position: rank (when q is set), publishedAt (ISO), id. */
  after?: { rank: number | null; publishedAt: string; id: string };
  limit: number;
}

export type RankedJobRow = JobRow & { rank: number | null };

/** Published and not past validThrough: the only jobs anything public may show. */
const isOpen = (now: Date): SQL => sql`${jobs.status} = 'published' and (${jobs.validThrough} is null or ${jobs.validThrough} > ${now.toISOString()}::timestamptz)`;

export function createJobsSearchRepo(db: DbExecutor) {
  return {
    /**
     * Board search. With `q` the order is rank, then newest; the match goes through the GIN index
     * on the stored vector, so zero-hit words cost an index probe, not a table walk.
     */
    async searchPublished(orgId: string, filter: PublishedJobFilter, now: Date, tx: DbExecutor = db): Promise<RankedJobRow[]> {
      const query = filter.q ? sql`websearch_to_tsquery('english', ${filter.q})` : null;
      const rank = query ? sql<number>`ts_rank(${jobs.searchVector}, ${query})` : sql<null>`null::real`;
      let after: SQL | undefined;
      if (filter.after) {
        const at = sql`${filter.after.publishedAt}::timestamptz`;
        after = query
          ? sql`(${rank}, ${jobs.publishedAt}, ${jobs.id}) < (${filter.after.rank ?? 0}::real, ${at}, ${filter.after.id})`
          : sql`(${jobs.publishedAt}, ${jobs.id}) < (${at}, ${filter.after.id})`;
      }
      return tx.select({ ...jobColumns, rank }).from(jobs)
        .where(and(
          eq(jobs.orgId, orgId),
          isOpen(now),
          query ? sql`${jobs.searchVector} @@ ${query}` : undefined,
          filter.location ? sql`${jobs.locationTerms} @> array[${filter.location.trim().toLowerCase()}]::text[]` : undefined,
          filter.skill ? sql`${jobs.skillNames} @> array[${filter.skill.trim().toLowerCase()}]::text[]` : undefined,
          filter.workplace ? sql`${jobs.workplace} = ${filter.workplace}` : undefined,
          filter.employmentType ? eq(jobs.employmentType, filter.employmentType) : undefined,
          filter.department ? sql`lower(${jobs.department}) = lower(${filter.department})` : undefined,
          filter.salaryMinAnnual !== undefined ? gte(jobs.salaryAnnualMax, filter.salaryMinAnnual) : undefined,
          filter.postedWithinDays !== undefined
            ? sql`${jobs.publishedAt} >= ${new Date(now.getTime() - filter.postedWithinDays * 86_400_000).toISOString()}::timestamptz`
            : undefined,
          after,
        ))
        .orderBy(...(query ? [sql`${rank} desc`] : []), sql`${jobs.publishedAt} desc nulls last`, sql`${jobs.id} desc nulls last`)
        .limit(filter.limit);
    },

    async findPublished(orgId: string, id: string, now: Date, tx: DbExecutor = db): Promise<JobRow | null> {
      const [row] = await tx.select(jobColumns).from(jobs).where(and(eq(jobs.orgId, orgId), eq(jobs.id, id), isOpen(now))).limit(1);
      return row ?? null;
    },

    /** Newest open jobs, for the RSS feed. */
    async latestPublished(orgId: string, limit: number, now: Date, tx: DbExecutor = db): Promise<JobRow[]> {
      return tx.select(jobColumns).from(jobs)
        .where(and(eq(jobs.orgId, orgId), isOpen(now)))
        .orderBy(sql`${jobs.publishedAt} desc nulls last`, sql`${jobs.id} desc nulls last`)
        .limit(limit);
    },
  };
}
export type JobsSearchRepo = ReturnType<typeof createJobsSearchRepo>;
