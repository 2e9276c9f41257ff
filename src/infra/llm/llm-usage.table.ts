import { bigint, date, integer, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

/** Tokens each org spent on the language model per calendar month (UTC): what its monthly budget is checked against. */
export const llmUsage = pgTable('llm_usage', {
  orgId: text('org_id').notNull(),
  /** First day of the month, e.g. 2026-12-01. */
  month: date('month', { mode: 'string' }).notNull(),
  inputTokens: bigint('input_tokens', { mode: 'number' }).notNull().default(0),
  outputTokens: bigint('output_tokens', { mode: 'number' }).notNull().default(0),
  /** Questions asked (each may take several HTTP attempts). */
  calls: integer('calls').notNull().default(0),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
}, (t) => [primaryKey({ columns: [t.orgId, t.month] })]);
