import { pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

export const orgs = pgTable('orgs', {
  id: text('id').primaryKey(),
  slug: text('slug').notNull(),
  name: text('name').notNull(),
  /** The privacy notice applicants consent to, and its version (recorded with each consent). */
  privacyNoticeUrl: text('privacy_notice_url'),
  privacyNoticeVersion: text('privacy_notice_version'),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
}, (t) => [uniqueIndex('orgs_slug_key').on(t.slug)]);
