import { index, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

export const orgs = pgTable('orgs', {
  id: text('id').primaryKey(),
  slug: text('slug').notNull(),
  name: text('name').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
}, (t) => [uniqueIndex('orgs_slug_key').on(t.slug)]);

/** Machine credentials of an org: shown once, stored only as a SHA-256 hash, limited to their scopes. */
export const apiKeys = pgTable('api_keys', {
  id: text('id').primaryKey(),
  orgId: text('org_id').notNull().references(() => orgs.id, { onDelete: 'cascade' }),
  name: text('name').notNull(),
  /** First characters of the key, so a user can tell keys apart without the secret. */
  prefix: text('prefix').notNull(),
  hash: text('hash').notNull(),
  /** Permissions the key grants (see identity.permissions.ts), over the whole org. */
  scopes: text('scopes').array().notNull(),
  expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }),
  /** The user who created it; null for keys made by the CLI. */
  createdBy: text('created_by'),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  lastUsedAt: timestamp('last_used_at', { withTimezone: true, mode: 'date' }),
  revokedAt: timestamp('revoked_at', { withTimezone: true, mode: 'date' }),
}, (t) => [uniqueIndex('api_keys_hash_key').on(t.hash), index('api_keys_org_idx').on(t.orgId)]);
