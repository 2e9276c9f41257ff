import { and, eq, sql } from 'drizzle-orm';
import { queryRows, type DbExecutor } from '../../../infra/db/database.ts';
import { jobs } from '../jobs.table.ts';
import { isOpen, publishedHour, searchConditions } from './board.search.conditions.ts';
import type { PublishedJobFilter } from './board.search.repo.ts';
import type { PublishSlice } from './board.slices.ts';

/** Facets count this many of the newest matches (all of them when fewer): a bounded read, however common the words. */
export const FACET_SCOPE = 1_000;
/** Values listed per facet, most frequent first. */
const FACET_VALUES = 20;

export interface FacetValue {
  value: string;
  count: number;
}
export interface Facets {
  /** How many matching jobs were counted: the newest FACET_SCOPE (the scope asked for), or all when `complete`. */
  counted: number;
  complete: boolean;
  location: FacetValue[];
  workplace: FacetValue[];
  employmentType: FacetValue[];
  department: FacetValue[];
}
type FacetName = 'location' | 'workplace' | 'employmentType' | 'department';

export function createSearchFacetsRepo() {
  return {
    /**
     * How many open jobs per location term, workplace, employment type and department among the newest
     * FACET_SCOPE matches of a search (every match when there are fewer). Read as the search reads: all
     * matches capped at FACET_SCOPE first (exact counts for a rare word or narrow filter), else slices of
     * the board newest first until one holds FACET_SCOPE matches, from the same GIN index, never a walk.
     */
    async facetCounts(
      orgId: string, filter: Omit<PublishedJobFilter, 'limit' | 'after'>, now: Date, unscoped: DbExecutor, slices: readonly PublishSlice[], scope = FACET_SCOPE,
    ): Promise<Facets> {
      const { narrowing } = searchConditions(filter, now);
      const matching = and(eq(jobs.orgId, orgId), isOpen(now), ...narrowing);
      const count = async (fromHour: number | null, cap?: number, newestOnly = false) => {
        const matches = unscoped.select({ id: jobs.id, publishedAt: jobs.publishedAt, locationTerms: jobs.locationTerms, workplace: jobs.workplace, employmentType: jobs.employmentType, department: jobs.department })
          .from(jobs).where(and(matching, fromHour === null ? undefined : sql`${publishedHour} >= ${fromHour}`));
        // Materialized, as in rankPublished: the matches come from the GIN index, never from a walk. Without
        // slices (PGlite: no board index) the newest are left to the planner, as rankPublished's newestMatches.
        const newest = sql`order by ${jobs.publishedAt} desc nulls last, ${jobs.id} desc nulls last limit ${scope}`;
        return queryRows<{ facet: FacetName | 'counted' | 'matches'; value: string | null; count: number }>(unscoped, sql`
          with matches as ${newestOnly ? sql`(${matches} ${newest})` : sql`materialized (${cap === undefined ? matches : matches.limit(cap)})`},
          counted as (select * from matches order by published_at desc nulls last, id desc nulls last limit ${scope})
          select 'location' as facet, term as value, count(*)::int as count from counted, unnest(location_terms) term group by term
          union all select 'workplace', workplace, count(*)::int from counted where workplace is not null group by workplace
          union all select 'employmentType', employment_type, count(*)::int from counted where employment_type is not null group by employment_type
          union all select 'department', min(department), count(*)::int from counted where department is not null group by lower(department)
          union all select 'counted', null, count(*)::int from counted
          union all select 'matches', null, count(*)::int from matches`);
      };
      const total = (rows: Awaited<ReturnType<typeof count>>, facet: 'counted' | 'matches') => rows.find((row) => row.facet === facet)?.count ?? 0;
      let rows = await count(null, scope + 1);
      const complete = total(rows, 'matches') <= scope;
      if (!complete && slices.length === 0) rows = await count(null, undefined, true);
      if (!complete) {
        for (const slice of slices) {
          rows = await count(slice.fromHour);
          if (total(rows, 'counted') >= scope) break;
        }
      }
      const values = (facet: FacetName): FacetValue[] => rows
        .flatMap((row) => (row.facet === facet && row.value !== null ? [{ value: row.value, count: row.count }] : []))
        .sort((a, b) => b.count - a.count || a.value.localeCompare(b.value))
        .slice(0, FACET_VALUES);
      return {
        counted: total(rows, 'counted'), complete,
        location: values('location'), workplace: values('workplace'), employmentType: values('employmentType'), department: values('department'),
      };
    },
  };
}
export type SearchFacetsRepo = ReturnType<typeof createSearchFacetsRepo>;
