import { sql } from 'drizzle-orm';
import { customType, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

export type CandidateSource = 'board' | 'referral' | 'agency' | 'sourced' | 'imported' | 'manual';
export interface CandidateLinks {
  linkedin?: string;
  github?: string;
  portfolio?: string;
  other?: string[];
}
export type CustomFieldValue = string | number | string[] | null;

/** One person, once per organization; found again by normalized email (and phone, for review). */
export const candidates = pgTable('candidates', {
  id: text('id').primaryKey(),
  orgId: text('org_id').notNull(),
  name: text('name').notNull(),
  /** The name folded (case, accents, spacing) for the possible-duplicate check. */
  nameKey: text('name_key').notNull(),
  location: text('location'),
  links: jsonb('links').$type<CandidateLinks>().notNull().default(sql`'{}'::jsonb`),
  tags: text('tags').array().notNull().default(sql`'{}'::text[]`),
  source: text('source').$type<CandidateSource>().notNull().default('board'),
  /** Who referred, which agency, which campaign. */
  sourceDetail: text('source_detail'),
  customFields: jsonb('custom_fields').$type<Record<string, CustomFieldValue>>().notNull().default(sql`'{}'::jsonb`),
  /** Set on a candidate merged into another; the row stays so incremental sync can report it. */
  mergedInto: text('merged_into'),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  version: integer('version').notNull().default(1),
  // Search text derived by the repository: plain words only (as for jobs), never raw input.
  /** Name, emails, phones, tags, location. */
  searchProfile: text('search_profile').notNull().default(''),
  /** Non-private notes. */
  searchNotes: text('search_notes').notNull().default(''),
  /** Text extracted from résumés. */
  searchResume: text('search_resume').notNull().default(''),
  searchVector: tsvector('search_vector').notNull().generatedAlwaysAs(sql`
    setweight(to_tsvector('simple'::regconfig, search_profile), 'A') ||
    setweight(to_tsvector('english'::regconfig, search_notes), 'B') ||
    setweight(to_tsvector('english'::regconfig, search_resume), 'C')`),
}, (t) => [
  index('candidates_org_created_idx').on(t.orgId, t.createdAt.desc(), t.id.desc()),
  index('candidates_org_updated_idx').on(t.orgId, t.updatedAt, t.id),
  index('candidates_org_name_key_idx').on(t.orgId, t.nameKey),
  index('candidates_search_idx').using('gin', t.searchVector),
  index('candidates_tags_idx').using('gin', t.tags),
]);

export const candidateEmails = pgTable('candidate_emails', {
  orgId: text('org_id').notNull(),
  candidateId: text('candidate_id').notNull().references(() => candidates.id, { onDelete: 'cascade' }),
  /** As the candidate wrote it. */
  email: text('email').notNull(),
  /** Lower-cased (and, for providers that ignore them, without dots and plus-tags): the identity key. */
  emailKey: text('email_key').notNull(),
  position: integer('position').notNull().default(0),
}, (t) => [
  uniqueIndex('candidate_emails_org_key').on(t.orgId, t.emailKey),
  index('candidate_emails_candidate_idx').on(t.candidateId),
]);

export const candidatePhones = pgTable('candidate_phones', {
  orgId: text('org_id').notNull(),
  candidateId: text('candidate_id').notNull().references(() => candidates.id, { onDelete: 'cascade' }),
  phone: text('phone').notNull(),
  /** E.164 when the number parses; null when it does not (kept, never matched on). */
  phoneKey: text('phone_key'),
  position: integer('position').notNull().default(0),
}, (t) => [
  index('candidate_phones_org_key_idx').on(t.orgId, t.phoneKey),
  index('candidate_phones_candidate_idx').on(t.candidateId),
]);

/** Per-org custom profile fields. */
export const candidateFieldDefinitions = pgTable('candidate_field_definitions', {
  id: text('id').primaryKey(),
  orgId: text('org_id').notNull(),
  key: text('key').notNull(),
  label: text('label').notNull(),
  type: text('type').$type<'text' | 'number' | 'date' | 'choice'>().notNull(),
  options: text('options').array().notNull().default(sql`'{}'::text[]`),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
}, (t) => [uniqueIndex('candidate_field_definitions_org_key').on(t.orgId, t.key)]);

/** Who merged which candidate into which, with the merged profile as it was. */
export const candidateMerges = pgTable('candidate_merges', {
  id: text('id').primaryKey(),
  orgId: text('org_id').notNull(),
  keptId: text('kept_id').notNull(),
  mergedId: text('merged_id').notNull(),
  actorType: text('actor_type').notNull(),
  actorId: text('actor_id'),
  mergedProfile: jsonb('merged_profile').$type<Record<string, unknown>>().notNull(),
  at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
}, (t) => [index('candidate_merges_kept_idx').on(t.orgId, t.keptId)]);
