import { and, asc, eq, getTableColumns, ilike, lt, sql, type SQL } from 'drizzle-orm';
import type { DbExecutor } from '../../infra/db/database.ts';
import type { JobAccess } from '../access/index.ts';
import { searchText } from './jobs.search-text.ts';
import { jobs, jobTeam } from './jobs.table.ts';
import { jobsVisibleTo } from './jobs.team.repo.ts';
import type { JobSort } from './jobs.schemas.ts';

const { searchVector: _vector, searchTitle: _title, searchSkills: _skills, searchDescription: _description, ...columns } = getTableColumns(jobs);
/** Every column but the search text and vector, which only the database reads. */
export const jobColumns = columns;
type SearchColumns = 'searchVector' | 'searchTitle' | 'searchSkills' | 'searchDescription';
export type JobRow = Omit<typeof jobs.$inferSelect, SearchColumns>;
/** Everything a caller may set; the repository derives the search columns itself. */
export type JobWrite = Omit<typeof jobs.$inferInsert, 'skillNames' | 'locationTerms' | 'salaryAnnualMax' | SearchColumns>;
export type JobPatch = Partial<Omit<JobWrite, 'id' | 'orgId' | 'createdAt' | 'version'>>;

/** Splits "Kolkata, West Bengal, India" into the terms the `location` filter matches. */
export function locationTermsOf(locations: readonly string[]): string[] {
  const terms = new Set<string>();
  for (const location of locations) {
    const whole = location.trim().toLowerCase();
    if (whole) terms.add(whole);
    for (const part of whole.split(/\s*[,/|]\s*/)) if (part) terms.add(part);
  }
  return [...terms];
}

type Derived = Partial<Pick<typeof jobs.$inferInsert, 'skillNames' | 'locationTerms' | 'searchTitle' | 'searchSkills' | 'searchDescription'>>;

/** The search columns of the fields a write sets; the vector is generated from the search text alone. */
function derived(write: Pick<JobPatch, 'skills' | 'locations' | 'title' | 'description'>): Derived {
  const skillNames = write.skills ? [...new Set(write.skills.map((s) => s.name.toLowerCase()))] : undefined;
  return {
    ...(skillNames ? { skillNames, searchSkills: searchText(skillNames.join(' ')) } : {}),
    ...(write.locations ? { locationTerms: locationTermsOf(write.locations) } : {}),
    ...(write.title !== undefined ? { searchTitle: searchText(write.title) } : {}),
    ...(write.description !== undefined ? { searchDescription: searchText(write.description) } : {}),
  };
}

const sortColumns = { createdAt: jobs.createdAt, updatedAt: jobs.updatedAt, title: jobs.title } as const;

export interface JobListFilter {
  status?: string;
  department?: string;
  workplace?: string;
  employmentType?: string;
  titleContains?: string;
  sort: JobSort;
  after?: { value: string | number | null; id: string };
  limit: number;
}

export function createJobsRepo() {
  /** The org wall, plus the hiring-team wall for callers who see only their assigned jobs. */
  const visible = (access: JobAccess) => and(eq(jobs.orgId, access.orgId), jobsVisibleTo(access, jobs.id));
  const one = (access: JobAccess, id: string) => and(visible(access), eq(jobs.id, id));

  return {
    async insert(rows: JobWrite[], tx: DbExecutor): Promise<JobRow[]> {
      if (rows.length === 0) return [];
      return tx.insert(jobs).values(rows.map((r) => ({ ...r, ...derived(r) }))).returning(jobColumns);
    },

    async findById(access: JobAccess, id: string, tx: DbExecutor): Promise<JobRow | null> {
      const [row] = await tx.select(jobColumns).from(jobs).where(one(access, id)).limit(1);
      return row ?? null;
    },

    /** Locks the row for the rest of the transaction, so read-check-write cannot interleave. */
    async findForUpdate(access: JobAccess, id: string, tx: DbExecutor): Promise<JobRow | null> {
      const [row] = await tx.select(jobColumns).from(jobs).where(one(access, id)).limit(1).for('update');
      return row ?? null;
    },

    async update(access: JobAccess, id: string, patch: JobPatch, tx: DbExecutor): Promise<JobRow> {
      const [row] = await tx.update(jobs)
        .set({ ...patch, ...derived(patch), version: sql`${jobs.version} + 1` })
        .where(one(access, id))
        .returning(jobColumns);
      if (!row) throw new Error(`job ${id} vanished inside its own transaction`);
      return row;
    },

    async delete(access: JobAccess, id: string, tx: DbExecutor): Promise<boolean> {
      const deleted = await tx.delete(jobs).where(one(access, id)).returning({ id: jobs.id });
      return deleted.length > 0;
    },

    async list(access: JobAccess, filter: JobListFilter, tx: DbExecutor): Promise<JobRow[]> {
      const descending = filter.sort.startsWith('-');
      const column = sortColumns[filter.sort.replace('-', '') as keyof typeof sortColumns];
      const order = descending ? sql`desc nulls last` : sql`asc nulls last`;
      let after: SQL | undefined;
      if (filter.after) {
        const value = column === jobs.title ? sql`${filter.after.value}` : sql`${filter.after.value}::timestamptz`;
        after = descending
          ? sql`(${column}, ${jobs.id}) < (${value}, ${filter.after.id})`
          : sql`(${column}, ${jobs.id}) > (${value}, ${filter.after.id})`;
      }
      return tx.select(jobColumns).from(jobs)
        .where(and(
          visible(access),
          filter.status ? eq(jobs.status, filter.status as JobRow['status']) : undefined,
          filter.department ? sql`lower(${jobs.department}) = lower(${filter.department})` : undefined,
          filter.workplace ? eq(jobs.workplace, filter.workplace as NonNullable<JobRow['workplace']>) : undefined,
          filter.employmentType ? eq(jobs.employmentType, filter.employmentType) : undefined,
          filter.titleContains ? ilike(jobs.title, `%${filter.titleContains.replace(/[\\%_]/g, '\\$&')}%`) : undefined,
          after,
        ))
        .orderBy(sql`${column} ${order}`, sql`${jobs.id} ${order}`)
        .limit(filter.limit);
    },

    /** Published jobs whose validThrough has passed, oldest first, locked so two sweepers split the work. */
    async lockExpired(now: Date, limit: number, tx: DbExecutor): Promise<JobRow[]> {
      return tx.select(jobColumns).from(jobs)
        .where(and(eq(jobs.status, 'published'), lt(jobs.validThrough, now)))
        .orderBy(jobs.validThrough)
        .limit(limit)
        .for('update', { skipLocked: true });
    },
    async team(orgId: string, jobId: string, tx: DbExecutor): Promise<{ userId: string; addedAt: Date }[]> {
      return tx.select({ userId: jobTeam.userId, addedAt: jobTeam.addedAt }).from(jobTeam)
        .where(and(eq(jobTeam.orgId, orgId), eq(jobTeam.jobId, jobId))).orderBy(asc(jobTeam.addedAt), asc(jobTeam.userId));
    },

    async addToTeam(orgId: string, jobId: string, userId: string, tx: DbExecutor): Promise<void> {
      await tx.insert(jobTeam).values({ orgId, jobId, userId }).onConflictDoNothing();
    },

    async removeFromTeam(orgId: string, jobId: string, userId: string, tx: DbExecutor): Promise<boolean> {
      const removed = await tx.delete(jobTeam)
        .where(and(eq(jobTeam.orgId, orgId), eq(jobTeam.jobId, jobId), eq(jobTeam.userId, userId))).returning({ userId: jobTeam.userId });
      return removed.length > 0;
    },
  };
}
export type JobsRepo = ReturnType<typeof createJobsRepo>;
