import { index, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
// A foreign key is a dependency of the schema itself: the one import of another module's table allowed.
import { orgs } from '../orgs/orgs.table.ts';

/** Machine credentials of an org: shown once, stored only as a SHA-256 hash, limited to the permissions they hold. */
export const apiKeys = pgTable('api_keys', {
  id: text('id').primaryKey(),
  orgId: text('org_id').notNull().references(() => orgs.id, { onDelete: 'cascade' }),
  name: text('name').notNull(),
  /** First characters of the key, so a user can tell keys apart without the secret. */
  prefix: text('prefix').notNull(),
  hash: text('hash').notNull(),
  /** Permissions the key holds (permission-matrix.ts), over the whole org; the column keeps the public field's name. */
  permissions: text('scopes').array().notNull(),
  expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }),
  /** The user who created it; null for keys made by the CLI. */
  createdBy: text('created_by'),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  lastUsedAt: timestamp('last_used_at', { withTimezone: true, mode: 'date' }),
  revokedAt: timestamp('revoked_at', { withTimezone: true, mode: 'date' }),
}, (t) => [uniqueIndex('api_keys_hash_key').on(t.hash), index('api_keys_org_idx').on(t.orgId)]);
