import { boolean, index, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import type { Role } from '../../access/index.ts';
import { users } from '../accounts/accounts.table.ts';

/** An organization's OpenID Connect identity provider (one per org). */
export const ssoConnections = pgTable('sso_connections', {
  orgId: text('org_id').primaryKey(),
  issuer: text('issuer').notNull(),
  clientId: text('client_id').notNull(),
  /** Never returned by the API; needed in clear to authenticate to the provider's token endpoint. */
  clientSecret: text('client_secret').notNull(),
  /** The role a person gets when their first SSO sign-in makes them a member. */
  defaultRole: text('default_role').$type<Role>().notNull(),
  /** When set, members other than owners may sign in to this org only through the provider. */
  requireSso: boolean('require_sso').notNull().default(false),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
});

/** A person's account at a provider (issuer + subject), linked to their Hireline user. */
export const ssoIdentities = pgTable('sso_identities', {
  issuer: text('issuer').notNull(),
  subject: text('subject').notNull(),
  userId: text('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  orgId: text('org_id').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
}, (t) => [primaryKey({ columns: [t.issuer, t.subject] }), index('sso_identities_user_idx').on(t.userId)]);

/**
 * A sign-in in flight between /start and the callback: what the callback must see again (state,
 * nonce, PKCE verifier) and the browser it must come back to (a hash of a cookie set at /start).
 */
export const ssoLogins = pgTable('sso_logins', {
  stateHash: text('state_hash').primaryKey(),
  orgId: text('org_id').notNull(),
  nonce: text('nonce').notNull(),
  codeVerifier: text('code_verifier').notNull(),
  browserHash: text('browser_hash').notNull(),
  delivery: text('delivery').$type<'body' | 'cookie'>().notNull(),
  /** Set when the person proved their password first: the callback links the provider account to this user. */
  linkUserId: text('link_user_id').references(() => users.id, { onDelete: 'cascade' }),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
}, (t) => [index('sso_logins_expires_idx').on(t.expiresAt)]);
