import { AppError } from '../../../app-error.ts';
import type { Database } from '../../../infra/db/database.ts';
import { prepareOpenJob } from './board.detail.repo.ts';
import type { JobsSearchRepo, PublishedJobFilter } from './board.search.repo.ts';
import { toJob } from '../jobs.mapping.ts';
import type { Job } from '../jobs.schemas.ts';

/** Where a page of board search ends: the last job's rank (null without `q`), publication time (ISO) and id. */
export type PublishedPosition = NonNullable<PublishedJobFilter['after']>;
export type PublishedJobQuery = Omit<PublishedJobFilter, 'after' | 'limit'> & { after?: PublishedPosition; limit?: number };

/** Read access to open jobs for public surfaces (the board); they never see drafts or closed jobs. */
export function createPublishedJobsService({ database, repo, clock = () => new Date() }: {
  /** `unscoped`: ranking runs outside the org's wall, scoped by org in SQL (see rankPublished). */
  database: Pick<Database, 'unscoped' | 'tenant'>;
  repo: JobsSearchRepo;
  clock?: () => Date;
}) {
  const openJob = prepareOpenJob(database.unscoped);
  return {
    /** A page of matches; `next` is where the following page starts (ranked when `q` is set), null on the last. */
    async search(orgId: string, query: PublishedJobQuery): Promise<{ jobs: Job[]; next: PublishedPosition | null }> {
      const limit = query.limit ?? 20;
      const q = query.q?.trim() || undefined;
      const { after } = query;
      // A ranked position continues only a text search, and a recent-first one only a listing without text.
      if (after && (after.rank !== null) !== (q !== undefined)) {
        throw new AppError('invalid-cursor', 'The cursor is not one this listing issued; start again without it');
      }
      const now = clock();
      const hits = await repo.rankPublished(orgId, { ...query, q, after, limit: limit + 1 }, now, database.unscoped);
      const page = hits.slice(0, limit);
      const last = page.at(-1);
      const next = hits.length > limit && last?.publishedAt
        ? { rank: q ? last.rank ?? 0 : null, publishedAt: last.publishedAt.toISOString(), id: last.id }
        : null;
      const rows = await database.tenant(orgId, (tx) => repo.publishedByIds(orgId, page.map((hit) => hit.id), now, tx));
      return { jobs: rows.map(toJob), next };
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
