import { sql } from 'drizzle-orm';
import { date, index, integer, numeric, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { applications } from '../applications/applications.table.ts';

export const offerStatuses = ['draft', 'pending_approval', 'approved', 'sent', 'accepted', 'declined', 'withdrawn'] as const;
export type OfferStatus = (typeof offerStatuses)[number];
export const approvalModes = ['sequential', 'parallel'] as const;
export type ApprovalMode = (typeof approvalModes)[number];
export const salaryPeriods = ['year', 'month', 'week', 'day', 'hour'] as const;
export type SalaryPeriod = (typeof salaryPeriods)[number];
export type ActorType = 'user' | 'api-key' | 'system' | 'candidate';

/** How an org approves offers: every named approver in order, or all at once in any order. */
export const offerSettings = pgTable('offer_settings', {
  orgId: text('org_id').primaryKey(),
  approvalMode: text('approval_mode').$type<ApprovalMode>().notNull().default('sequential'),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
});

/** An offer to one application: where it is in its life, who approves it; the terms are in its versions. */
export const offers = pgTable('offers', {
  id: text('id').primaryKey(),
  orgId: text('org_id').notNull(),
  applicationId: text('application_id').notNull().references(() => applications.id),
  // Copied from the application (whose job never changes), so the assigned-jobs rule needs no join.
  jobId: text('job_id').notNull(),
  status: text('status').$type<OfferStatus>().notNull().default('draft'),
  /** The offer_versions row that holds the current terms. */
  termsVersion: integer('terms_version').notNull().default(1),
  /** User ids, in the order a sequential approval goes. */
  approverIds: text('approver_ids').array().notNull(),
  /** The org's mode when the offer was last submitted: a settings change does not move an approval under way. */
  approvalMode: text('approval_mode').$type<ApprovalMode>(),
  /** Raised by every submission and every change: approvals of an earlier round no longer count. */
  approvalRound: integer('approval_round').notNull().default(0),
  sentAt: timestamp('sent_at', { withTimezone: true, mode: 'date' }),
  respondedAt: timestamp('responded_at', { withTimezone: true, mode: 'date' }),
  /** Who recorded the candidate's answer, or who withdrew the offer. */
  respondedBy: text('responded_by').$type<ActorType>(),
  /** Why it was declined or withdrawn. */
  responseNote: text('response_note'),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  /** Bumped on every change: the ETag. */
  version: integer('version').notNull().default(1),
}, (t) => [
  index('offers_application_idx').on(t.applicationId, t.createdAt, t.id),
  uniqueIndex('offers_one_open_per_application').on(t.applicationId).where(sql`status in ('draft', 'pending_approval', 'approved', 'sent')`),
  index('offers_approvers_idx').using('gin', t.approverIds),
]);

/** Each version of an offer's terms, kept when the terms change. Erasure clears the terms and keeps the row. */
export const offerVersions = pgTable('offer_versions', {
  offerId: text('offer_id').notNull().references(() => offers.id),
  version: integer('version').notNull(),
  orgId: text('org_id').notNull(),
  salaryAmount: numeric('salary_amount', { precision: 16, scale: 2, mode: 'number' }),
  salaryCurrency: text('salary_currency'),
  salaryPeriod: text('salary_period').$type<SalaryPeriod>(),
  startDate: date('start_date', { mode: 'string' }),
  equity: text('equity'),
  bonus: text('bonus'),
  document: text('document'),
  authorType: text('author_type').$type<ActorType>().notNull(),
  authorId: text('author_id'),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
}, (t) => [primaryKey({ columns: [t.offerId, t.version] })]);

/** One approver's decision in one approval round of an offer. */
export const offerApprovals = pgTable('offer_approvals', {
  offerId: text('offer_id').notNull().references(() => offers.id),
  round: integer('round').notNull(),
  approverId: text('approver_id').notNull(),
  orgId: text('org_id').notNull(),
  termsVersion: integer('terms_version').notNull(),
  decision: text('decision').$type<'approved' | 'rejected'>().notNull(),
  note: text('note'),
  decidedAt: timestamp('decided_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
}, (t) => [primaryKey({ columns: [t.offerId, t.round, t.approverId] })]);
