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

/** How the org's careers pages look: one row per org that set any (none means the defaults). */
export const orgBranding = pgTable('org_branding', {
  orgId: text('org_id').primaryKey().references(() => orgs.id, { onDelete: 'cascade' }),
  logoUrl: text('logo_url'),
  /** #rrggbb, lower case: checked and normalized by the service. */
  accentColor: text('accent_color'),
  introText: text('intro_text'),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
});
