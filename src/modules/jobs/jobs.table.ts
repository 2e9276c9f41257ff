import { sql } from 'drizzle-orm';
import { boolean, check, customType, doublePrecision, index, integer, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

export interface JobSkill {
  name: string;
  required: boolean;
}

export const jobs = pgTable('jobs', {
  id: text('id').primaryKey(),
  orgId: text('org_id').notNull(),
  title: text('title').notNull().default(''),
  description: text('description').notNull().default(''),
  department: text('department'),
  locations: text('locations').array().notNull().default(sql`'{}'::text[]`),
  workplace: text('workplace').$type<'remote' | 'hybrid' | 'onsite'>(),
  employmentType: text('employment_type'),
  salaryMin: doublePrecision('salary_min'),
  salaryMax: doublePrecision('salary_max'),
  salaryCurrency: text('salary_currency'),
  salaryUnit: text('salary_unit'),
  experienceYearsMin: integer('experience_years_min'),
  skills: jsonb('skills').$type<JobSkill[]>().notNull().default(sql`'[]'::jsonb`),
  validThrough: timestamp('valid_through', { withTimezone: true, mode: 'date' }),
  status: text('status').$type<'draft' | 'published' | 'closed' | 'archived'>().notNull().default('draft'),
  publishedAt: timestamp('published_at', { withTimezone: true, mode: 'date' }),
  closedAt: timestamp('closed_at', { withTimezone: true, mode: 'date' }),
  /** How many people the job hires; an accepted offer fills one (openingsFilled). */
  openings: integer('openings').notNull().default(1),
  openingsFilled: integer('openings_filled').notNull().default(0),
  /** Whether filling the last opening takes a published job off the board. */
  closeWhenFilled: boolean('close_when_filled').notNull().default(true),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  /** Bumped on every write; the ETag of the private resource. */
  version: integer('version').notNull().default(1),
  // Search columns below are derived by the repository from the fields above.
  /** Lowercased skill names, for the `skill` filter (GIN, array containment). */
  skillNames: text('skill_names').array().notNull().default(sql`'{}'::text[]`),
  /** Lowercased location parts ("kolkata", "west bengal", "india"), for the `location` filter. */
  locationTerms: text('location_terms').array().notNull().default(sql`'{}'::text[]`),
  /** Annualized upper pay (or lower, if no upper), for the `salaryMin` filter. */
  salaryAnnualMax: doublePrecision('salary_annual_max').generatedAlwaysAs(sql`coalesce(salary_max, salary_min) * case salary_unit
    when 'HOUR' then 2080 when 'DAY' then 260 when 'WEEK' then 52 when 'MONTH' then 12 else 1 end`),
  /** Title, skill names and description as plain words (jobs.search-text.ts): all the parser ever reads. */
  searchTitle: text('search_title').notNull().default(''),
  searchSkills: text('search_skills').notNull().default(''),
  searchDescription: text('search_description').notNull().default(''),
  /** Stored so search never recomputes vectors per row (GUIDE: full-text search trap); indexed in jobs_board_search_idx (drizzle/0023). */
  searchVector: tsvector('search_vector').notNull().generatedAlwaysAs(sql`
    setweight(to_tsvector('english'::regconfig, search_title), 'A') ||
    setweight(to_tsvector('english'::regconfig, search_skills), 'B') ||
    setweight(to_tsvector('english'::regconfig, search_description), 'C')`),
}, (t) => [
  index('jobs_org_created_idx').on(t.orgId, t.createdAt.desc(), t.id.desc()),
  index('jobs_board_idx').on(t.orgId, t.publishedAt.desc(), t.id.desc()).where(sql`status = 'published'`),
  // On the server, board searches (words, skills, locations, pay and these) read jobs_board_search_idx (drizzle/0023,
  // 0025; PGlite keeps the single-column search indexes there);
  // these serve the internal job list's filters.
  index('jobs_org_department_idx').on(t.orgId, sql`lower(${t.department})`),
  index('jobs_org_employment_type_idx').on(t.orgId, t.employmentType).where(sql`status = 'published'`),
  index('jobs_org_workplace_idx').on(t.orgId, t.workplace).where(sql`status = 'published'`),
  index('jobs_expiry_idx').on(t.validThrough).where(sql`status = 'published' and valid_through is not null`),
  check('jobs_openings_check', sql`${t.openings} >= 1 and ${t.openingsFilled} >= 0`),
]);

/** A job's hiring team: hiring managers and interviewers see only the jobs they are on. */
export const jobTeam = pgTable('job_team', {
  jobId: text('job_id').notNull().references(() => jobs.id, { onDelete: 'cascade' }),
  userId: text('user_id').notNull(),
  orgId: text('org_id').notNull(),
  addedAt: timestamp('added_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
}, (t) => [primaryKey({ columns: [t.jobId, t.userId] }), index('job_team_user_idx').on(t.orgId, t.userId)]);

/**
 * Each org's words as written (not stemmed), kept by triggers on jobs (drizzle/0024): what a typed prefix
 * is completed to, and a misspelt word corrected to, before the board's text search runs.
 */
export const searchWords = pgTable('search_words', {
  orgId: text('org_id').notNull(),
  word: text('word').notNull(),
}, (t) => [primaryKey({ columns: [t.orgId, t.word] })]);
