import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { jobs } from '../../jobs/jobs.table.ts';

export const stageKinds = ['applied', 'screen', 'interview', 'offer', 'hired', 'rejected'] as const;
export type StageKind = (typeof stageKinds)[number];
export interface TemplateStage {
  name: string;
  kind: StageKind;
  /** What the candidate sees on their status page ("Under review" rather than "Phone screen"). */
  candidateName: string;
}

/** An org's pipeline templates; exactly one is the default a new job's stages come from. */
export const pipelineTemplates = pgTable('pipeline_templates', {
  id: text('id').primaryKey(),
  orgId: text('org_id').notNull(),
  name: text('name').notNull(),
  isDefault: boolean('is_default').notNull().default(false),
  stages: jsonb('stages').$type<TemplateStage[]>().notNull(),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  version: integer('version').notNull().default(1),
}, (t) => [uniqueIndex('pipeline_templates_one_default').on(t.orgId).where(sql`is_default`)]);

/** A job's own stages, copied from a template the first time the job's pipeline is used. */
export const jobStages = pgTable('job_stages', {
  id: text('id').primaryKey(),
  orgId: text('org_id').notNull(),
  jobId: text('job_id').notNull().references(() => jobs.id, { onDelete: 'cascade' }),
  position: integer('position').notNull(),
  name: text('name').notNull(),
  kind: text('kind').$type<StageKind>().notNull(),
  candidateName: text('candidate_name').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
}, (t) => [index('job_stages_job_idx').on(t.jobId, t.position)]);

/** The org's list of reasons a recruiter picks from when rejecting. */
export const rejectionReasons = pgTable('rejection_reasons', {
  id: text('id').primaryKey(),
  orgId: text('org_id').notNull(),
  name: text('name').notNull(),
  archivedAt: timestamp('archived_at', { withTimezone: true, mode: 'date' }),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
}, (t) => [uniqueIndex('rejection_reasons_org_name').on(t.orgId, sql`lower(${t.name})`)]);
