import { and, asc, desc, eq, exists, getTableName, gte, inArray, isNull, lt, lte, not, sql, type SQL } from 'drizzle-orm';
import { QueryBuilder, type AnyPgColumn } from 'drizzle-orm/pg-core';
import type { DbExecutor } from '../../../infra/db/database.ts';
import type { JobAccess } from '../../access/index.ts';
import { jobsVisibleTo } from '../../jobs/index.ts';
import { applications } from '../applications/applications.table.ts';
import { attachments } from '../attachments/attachments.table.ts';
import { jobStages } from '../pipelines/pipelines.table.ts';
import { candidateColumns, type CandidateRow, type ContactRows } from './candidates.repo.ts';
import { candidateEmails, candidatePhones, candidates } from './candidates.table.ts';

const query = new QueryBuilder();
/** How many of the newest rows a word search tests one by one before it turns to the GIN index. */
const PROBE_WINDOW = 500;

export interface CandidateListFilter {
  /** Words already reduced to plain text (see profileText): matched against the stored vector. */
  words?: string;
  jobId?: string;
  stageId?: string;
  tag?: string;
  source?: string;
  appliedAfter?: string;
  appliedBefore?: string;
  hasResume?: boolean;
  /** Sync mode: ascending by (updatedAt, id) from this instant, merged-away rows included, nothing after `settledBefore`. */
  sync?: { since: string; settledBefore: Date };
  after?: { at: string; id: string };
  limit: number;
}

export interface CandidateApplicationRow {
  id: string;
  jobId: string;
  stage: { id: string; name: string; kind: string };
  status: string;
  appliedAt: string;
}
const { searchProfile: _profile, searchNotes: _notes, searchResume: _resume, ...shownColumns } = candidateColumns;
/** A candidate as the API shows it: no search text (résumé text can be long, and only the database reads it). */
export type ShownCandidate = Omit<CandidateRow, 'searchProfile' | 'searchNotes' | 'searchResume'>;
export type CandidateWithContacts = ShownCandidate & ContactRows;
export type CandidateDetailRow = CandidateWithContacts & { applications: CandidateApplicationRow[] };

// node-postgres parses json itself; PGlite may hand back the text.
const parsed = <T>(value: unknown): T => (typeof value === 'string' ? JSON.parse(value) as T : value as T);

// Drizzle leaves columns in a selected expression unqualified, and these subqueries need them qualified.
const q = (column: AnyPgColumn): SQL => sql.raw(`"${getTableName(column.table)}"."${column.name}"`);
const emailsOf = sql<string[]>`(select coalesce(json_agg(${q(candidateEmails.email)} order by ${q(candidateEmails.position)}), '[]'::json)
  from ${candidateEmails} where ${q(candidateEmails.candidateId)} = ${q(candidates.id)})`;
const phonesOf = sql<ContactRows['phones']>`(select coalesce(json_agg(json_build_object('phone', ${q(candidatePhones.phone)}, 'e164', ${q(candidatePhones.phoneKey)})
  order by ${q(candidatePhones.position)}), '[]'::json) from ${candidatePhones} where ${q(candidatePhones.candidateId)} = ${q(candidates.id)})`;

/** An application of the candidate (in `candidates`' row) matching `conditions`: the one subquery every job-shaped rule uses. */
const hasApplication = (orgId: string, conditions: (SQL | undefined)[]) => exists(query.select({ one: sql`1` }).from(applications)
  .where(and(eq(applications.orgId, orgId), eq(applications.candidateId, candidates.id), ...conditions)));

/** The hiring-team wall: a caller with assigned reach sees a candidate only through an application to one of their jobs. */
export const visibleCandidate = (access: JobAccess): SQL | undefined =>
  (access.assignedTo === null ? undefined : hasApplication(access.orgId, [jobsVisibleTo(access, applications.jobId)]));

export function createCandidatesSearchRepo() {
  return {
    /**
     * Ids (and sort keys) of a page of the org's candidates. Runs on the unscoped connection with the
     * org named here: row-level security would keep `@@` and `@>` (not leakproof) out of the GIN
     * indexes (see the board's search repo). The rows themselves are then read through the wall.
     */
    async pageIds(unscoped: DbExecutor, access: JobAccess, filter: CandidateListFilter): Promise<{ id: string; at: Date }[]> {
      const { orgId } = access;
      const appConditions = [
        filter.jobId ? eq(applications.jobId, filter.jobId) : undefined,
        filter.stageId ? eq(applications.stageId, filter.stageId) : undefined,
        filter.appliedAfter ? gte(applications.appliedAt, new Date(filter.appliedAfter)) : undefined,
        filter.appliedBefore ? lt(applications.appliedAt, new Date(filter.appliedBefore)) : undefined,
        jobsVisibleTo(access, applications.jobId),
      ].filter((c): c is SQL => c !== undefined);
      const resume = exists(query.select({ one: sql`1` }).from(attachments)
        .where(and(eq(attachments.orgId, orgId), eq(attachments.candidateId, candidates.id), eq(attachments.kind, 'resume'))));
      const text = filter.words
        ? sql`${candidates.searchVector} @@ (plainto_tsquery('simple', ${filter.words}) || plainto_tsquery('english', ${filter.words}))`
        : undefined;
      const column = filter.sync ? candidates.updatedAt : candidates.createdAt;
      const at = filter.after ? sql`${filter.after.at}::timestamptz` : null;
      const keyset = filter.after && at
        ? (filter.sync ? sql`(${column}, ${candidates.id}) > (${at}, ${filter.after.id})` : sql`(${column}, ${candidates.id}) < (${at}, ${filter.after.id})`)
        : undefined;
      const others = and(
        eq(candidates.orgId, orgId),
        filter.sync ? and(gte(candidates.updatedAt, new Date(filter.sync.since)), lte(candidates.updatedAt, filter.sync.settledBefore)) : isNull(candidates.mergedInto),
        filter.tag ? sql`${candidates.tags} @> array[${filter.tag}]::text[]` : undefined,
        filter.source ? eq(candidates.source, filter.source as CandidateRow['source']) : undefined,
        appConditions.length > 0 ? hasApplication(orgId, appConditions) : undefined,
        filter.hasResume === undefined ? undefined : filter.hasResume ? resume : not(resume),
        keyset,
      );
      const ids = { id: candidates.id, at: column };
      if (filter.sync) return unscoped.select(ids).from(candidates).where(and(others, text)).orderBy(asc(column), asc(candidates.id)).limit(filter.limit);
      // `desc nulls last`, as the (org, created desc, id desc) index is built: plain desc would not match it.
      const newest = [sql`${column} desc nulls last`, sql`${candidates.id} desc nulls last`];
      if (!text) return unscoped.select(ids).from(candidates).where(others).orderBy(...newest).limit(filter.limit);
      /*
       * Words: the planner's guess of how many rows match decides between walking the newest-first index
       * (fast when matches are dense) and the GIN index plus a sort (fast when sparse), and a zero-hit or
       * rare word guessed dense walks the whole org (measured: 130 ms at 100k). So: first the newest
       * PROBE_WINDOW rows, tested one by one (bounded); a full page there is the answer. Otherwise matches
       * are sparse, and ordering by `desc nulls first` (same rows: the columns are not null), which no
       * index serves, leaves the planner the GIN index and a sort.
       */
      const window = unscoped.select({ id: candidates.id, at: column, vector: candidates.searchVector }).from(candidates)
        .where(others).orderBy(...newest).limit(PROBE_WINDOW).as('newest_window');
      const dense = await unscoped.select({ id: window.id, at: window.at }).from(window)
        .where(sql`${window.vector} @@ (plainto_tsquery('simple', ${filter.words}) || plainto_tsquery('english', ${filter.words}))`)
        .orderBy(sql`${window.at} desc nulls last`, sql`${window.id} desc nulls last`).limit(filter.limit);
      if (dense.length === filter.limit) return dense;
      return unscoped.select(ids).from(candidates).where(and(others, text))
        .orderBy(sql`${column} desc nulls first`, sql`${candidates.id} desc nulls first`).limit(filter.limit);
    },

    /** The rows of ids with their emails and phones, read through the org's wall, in the order of ids. */
    async withContacts(tx: DbExecutor, orgId: string, ids: readonly string[]): Promise<CandidateWithContacts[]> {
      if (ids.length === 0) return [];
      const rows = await tx.select({ ...shownColumns, emails: emailsOf, phones: phonesOf }).from(candidates)
        .where(and(eq(candidates.orgId, orgId), inArray(candidates.id, [...ids])));
      const byId = new Map(rows.map((r) => [r.id, { ...r, emails: parsed<string[]>(r.emails), phones: parsed<ContactRows['phones']>(r.phones) }]));
      return ids.flatMap((id) => byId.get(id) ?? []);
    },

    /** One candidate with contacts, then the applications the caller may see: two queries. */
    async detail(tx: DbExecutor, access: JobAccess, id: string): Promise<CandidateDetailRow | null> {
      const [row] = await tx.select({ ...shownColumns, emails: emailsOf, phones: phonesOf }).from(candidates)
        .where(and(eq(candidates.orgId, access.orgId), eq(candidates.id, id), visibleCandidate(access)));
      if (!row) return null;
      const apps = await tx.select({
        id: applications.id, jobId: applications.jobId, status: applications.status, appliedAt: applications.appliedAt,
        stage: { id: jobStages.id, name: jobStages.name, kind: jobStages.kind },
      }).from(applications).innerJoin(jobStages, eq(jobStages.id, applications.stageId))
        .where(and(eq(applications.orgId, access.orgId), eq(applications.candidateId, id), jobsVisibleTo(access, applications.jobId)))
        .orderBy(desc(applications.appliedAt), desc(applications.id));
      return {
        ...row, emails: parsed<string[]>(row.emails), phones: parsed<ContactRows['phones']>(row.phones),
        applications: apps.map((a) => ({ ...a, appliedAt: a.appliedAt.toISOString() })),
      };
    },

    /** Whether the caller may see this candidate (for writes, which lock the row first). */
    async isVisible(tx: DbExecutor, access: JobAccess, id: string): Promise<boolean> {
      const [row] = await tx.select({ id: candidates.id }).from(candidates).where(and(eq(candidates.orgId, access.orgId), eq(candidates.id, id), visibleCandidate(access)));
      return row !== undefined;
    },
  };
}
export type CandidatesSearchRepo = ReturnType<typeof createCandidatesSearchRepo>;
