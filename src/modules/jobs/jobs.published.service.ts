import { cursorId, cursorTimestamp, decodeCursor, encodeCursor } from '../../http/cursor.ts';
import { AppError } from '../../app-error.ts';
import type { Database } from '../../infra/db/database.ts';
import type { JobsSearchRepo, PublishedJobFilter } from './jobs.search.repo.ts';
import { toJob } from './jobs.mapping.ts';
import type { Job } from './jobs.schemas.ts';

export type PublishedJobQuery = Omit<PublishedJobFilter, 'after' | 'limit'> & { cursor?: string; limit?: number };

/** Read access to open jobs for public surfaces (the board); they never see drafts or closed jobs. */
export function createPublishedJobsService({ database, repo, clock = () => new Date() }: {
  /** `unscoped`: ranking runs outside the org's wall, scoped by org in SQL (see rankPublished). */
  database: Pick<Database, 'unscoped' | 'tenant'>;
  repo: JobsSearchRepo;
  clock?: () => Date;
}) {
  return {
    async search(orgId: string, query: PublishedJobQuery): Promise<{ jobs: Job[]; nextCursor: string | null }> {
      const limit = query.limit ?? 20;
      const q = query.q?.trim() || undefined;
      const tag = q ? 'board:rank' : 'board:recent';
      let after: PublishedJobFilter['after'];
      if (query.cursor) {
        const values = decodeCursor(query.cursor, tag, q ? 3 : 2);
        const rank = q ? values[0] : null;
        if (q && typeof rank !== 'number') throw new AppError('invalid-cursor', 'The cursor is not one this listing issued; start again without it');
        after = { rank: typeof rank === 'number' ? rank : null, publishedAt: cursorTimestamp(values.at(-2)), id: cursorId(values) };
      }
      const now = clock();
      const hits = await repo.rankPublished(orgId, { ...query, q, after, limit: limit + 1 }, now, database.unscoped);
      const page = hits.slice(0, limit);
      const last = page.at(-1);
      let nextCursor: string | null = null;
      if (hits.length > limit && last?.publishedAt) {
        const position = [last.publishedAt.toISOString(), last.id];
        nextCursor = encodeCursor(tag, q ? [last.rank ?? 0, ...position] : position);
      }
      const rows = await database.tenant(orgId, (tx) => repo.publishedByIds(orgId, page.map((hit) => hit.id), now, tx));
      return { jobs: rows.map(toJob), nextCursor };
    },

    async get(orgId: string, id: string): Promise<Job | null> {
      const row = await database.tenant(orgId, (tx) => repo.findPublished(orgId, id, clock(), tx));
      return row ? toJob(row) : null;
    },

    async latest(orgId: string, limit: number): Promise<Job[]> {
      return (await database.tenant(orgId, (tx) => repo.latestPublished(orgId, limit, clock(), tx))).map(toJob);
    },
  };
}
export type PublishedJobsService = ReturnType<typeof createPublishedJobsService>;
