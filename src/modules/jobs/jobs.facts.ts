import { eq, sql, type SQL } from 'drizzle-orm';
import { QueryBuilder } from 'drizzle-orm/pg-core';
import { jobs } from './jobs.table.ts';

const query = new QueryBuilder();

/**
 * The org's jobs as a FROM item (`id`, `title`, `department`) named `alias`, for another module's report
 * SQL that groups its rows by job or department: they join this rather than read the jobs table.
 */
export function jobFacts(orgId: string, alias: string): SQL {
  const rows = query.select({ id: jobs.id, title: jobs.title, department: jobs.department }).from(jobs).where(eq(jobs.orgId, orgId));
  return sql`(${rows}) as ${sql.identifier(alias)}`;
}
