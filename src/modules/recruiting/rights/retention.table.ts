import { boolean, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/** One org's retention policy: when candidates whose applications all closed are anonymized. No row: the defaults, off. */
export const retentionPolicies = pgTable('retention_policies', {
  orgId: text('org_id').primaryKey(),
  enabled: boolean('enabled').notNull().default(false),
  anonymizeAfterMonths: integer('anonymize_after_months').notNull(),
  keepConsentedMonths: integer('keep_consented_months').notNull(),
  version: integer('version').notNull().default(1),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
});
