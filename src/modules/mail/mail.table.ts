import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

export type MailStatus = 'queued' | 'sent' | 'failed' | 'cancelled';

/** A file sent with a message (an interview's .ics); kept only until the message is sent. */
export interface StoredAttachment {
  filename: string;
  contentType: string;
  content: string;
}

/**
 * Every email Hireline sends. Queued with its template's data; the send task renders it (minting the
 * candidate's status-page link then) and keeps the result, so a retry sends the same message.
 * Bodies and attachments are cleared once sent (their links carry tokens), except in the local mailbox.
 */
export const outgoingMail = pgTable('outgoing_mail', {
  id: text('id').primaryKey(),
  /** Null for account emails (verification, password reset), which belong to a person, not an org. */
  orgId: text('org_id'),
  template: text('template').notNull(),
  to: text('to_address').notNull(),
  /** Null until the send task renders the message. */
  subject: text('subject'),
  text: text('text_body'),
  html: text('html_body'),
  /** The template's variables, until rendered (then cleared: the message holds what it needs). */
  data: jsonb('data').$type<Record<string, unknown>>(),
  /** The candidate whose status-page link the message carries, minted when it is rendered. */
  statusLinkFor: text('status_link_for'),
  attachments: jsonb('attachments').$type<StoredAttachment[]>().notNull().default([]),
  /** The people and records the message is about (candidate, application), so erasure finds it. */
  subjectIds: text('subject_ids').array().notNull().default(sql`'{}'::text[]`),
  /** A later change that makes the message moot cancels it while it waits (`rejection:app_…`). */
  cancelKey: text('cancel_key'),
  status: text('status').$type<MailStatus>().notNull().default('queued'),
  attempts: integer('attempts').notNull().default(0),
  lastError: text('last_error'),
  sendAfter: timestamp('send_after', { withTimezone: true, mode: 'date' }).notNull(),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  sentAt: timestamp('sent_at', { withTimezone: true, mode: 'date' }),
}, (t) => [
  index('outgoing_mail_org_idx').on(t.orgId, t.id),
  index('outgoing_mail_to_idx').on(sql`lower(${t.to})`, t.id),
  index('outgoing_mail_subjects_idx').using('gin', t.subjectIds),
  index('outgoing_mail_cancel_idx').on(t.orgId, t.cancelKey).where(sql`status = 'queued'`),
]);

/** An org's own version of one template; the shipped default applies where there is none. */
export const emailTemplates = pgTable('email_templates', {
  orgId: text('org_id').notNull(),
  key: text('key').notNull(),
  subject: text('subject').notNull(),
  text: text('text_body').notNull(),
  html: text('html_body').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
}, (t) => [primaryKey({ name: 'email_templates_pkey', columns: [t.orgId, t.key] })]);

/** Which optional emails an org sends: rejections are off until an org turns them on. */
export const emailSettings = pgTable('email_settings', {
  orgId: text('org_id').primaryKey(),
  rejectionEnabled: boolean('rejection_enabled').notNull().default(false),
  rejectionDelayMinutes: integer('rejection_delay_minutes').notNull().default(2880),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
});
