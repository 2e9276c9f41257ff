import { eq, gte, sql, type Placeholder, type SQL } from 'drizzle-orm';
import { jobs } from '../jobs.table.ts';
import type { PublishedJobFilter } from './board.search.repo.ts';

/** Published and not past validThrough: the only jobs anything public may show. `now` may be a prepared statement's placeholder. */
export const isOpen = (now: Date | Placeholder): SQL =>
  sql`${jobs.status} = 'published' and (${jobs.validThrough} is null or ${jobs.validThrough} > ${now instanceof Date ? now.toISOString() : now}::timestamptz)`;

/** Publication hour as the board search index holds it (drizzle/0023): slices of the board are ranges of it. */
export const publishedHour = sql<number>`floor(extract(epoch from (${jobs.publishedAt} at time zone 'UTC')) / 3600)::int`;

/**
 * What a board search asks of a job besides being open: the words (`query`: as people type them when widened,
 * else as written) and each filter, every one answered by the board search index (drizzle/0023).
 */
export function searchConditions(filter: Omit<PublishedJobFilter, 'limit' | 'after'>, now: Date) {
  const exact = filter.q ? sql`websearch_to_tsquery('english', ${filter.q})` : null;
  const widened = filter.q && filter.widened ? sql`to_tsquery('english', ${filter.widened})` : null;
  const query = widened ?? exact;
  const narrowing = [
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
  ].filter((condition) => condition !== undefined);
  return { exact, widened, query, narrowing };
}
