import { sql } from 'drizzle-orm';
import { index, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

export const users = pgTable('users', {
  id: text('id').primaryKey(),
  /** Stored as given (trimmed); unique case-insensitively. */
  email: text('email').notNull(),
  name: text('name').notNull(),
  /** argon2id PHC string; null for users who only sign in through their org's identity provider. */
  passwordHash: text('password_hash'),
  emailVerifiedAt: timestamp('email_verified_at', { withTimezone: true, mode: 'date' }),
  passwordChangedAt: timestamp('password_changed_at', { withTimezone: true, mode: 'date' }),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
}, (t) => [uniqueIndex('users_email_key').on(sql`lower(${t.email})`)]);

/** Single-use links mailed to a user (verify an address, reset a password), stored only as a hash. */
export const emailLinks = pgTable('email_links', {
  id: text('id').primaryKey(),
  userId: text('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  purpose: text('purpose').$type<'verify-email' | 'reset-password'>().notNull(),
  /** The address the link was sent to: verifying proves this address, not whatever the account has now. */
  email: text('email').notNull(),
  tokenHash: text('token_hash').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
  usedAt: timestamp('used_at', { withTimezone: true, mode: 'date' }),
}, (t) => [uniqueIndex('email_links_token_key').on(t.tokenHash), index('email_links_user_idx').on(t.userId, t.purpose)]);
