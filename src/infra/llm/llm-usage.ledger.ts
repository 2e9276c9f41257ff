import { and, eq, sql } from 'drizzle-orm';
import type { Database } from '../db/database.ts';
import type { TokenUsage } from './llm.port.ts';
import { llmUsage } from './llm-usage.table.ts';

export interface MonthUsage extends TokenUsage {
  month: string;
  calls: number;
}

/** The month a moment falls in, as the table keys it (UTC). */
export const usageMonth = (at: Date): string => `${at.toISOString().slice(0, 7)}-01`;

/** Per-org monthly token counts, each read and write in that org's tenant transaction (row-level security applies). */
export function createLlmUsageLedger(database: Pick<Database, 'tenant'>) {
  return {
    async month(orgId: string, month: string): Promise<MonthUsage> {
      const [row] = await database.tenant(orgId, (tx) => tx.select().from(llmUsage)
        .where(and(eq(llmUsage.orgId, orgId), eq(llmUsage.month, month))));
      return { month, inputTokens: row?.inputTokens ?? 0, outputTokens: row?.outputTokens ?? 0, calls: row?.calls ?? 0 };
    },

    /** Adds in one statement, so concurrent calls never lose each other's counts. */
    async add(orgId: string, month: string, usage: TokenUsage, at: Date): Promise<void> {
      await database.tenant(orgId, (tx) => tx.insert(llmUsage)
        .values({ orgId, month, inputTokens: usage.inputTokens, outputTokens: usage.outputTokens, calls: 1, updatedAt: at })
        .onConflictDoUpdate({
          target: [llmUsage.orgId, llmUsage.month],
          set: {
            inputTokens: sql`${llmUsage.inputTokens} + excluded.input_tokens`,
            outputTokens: sql`${llmUsage.outputTokens} + excluded.output_tokens`,
            calls: sql`${llmUsage.calls} + 1`,
            updatedAt: at,
          },
        }));
    },
  };
}
export type LlmUsageLedger = ReturnType<typeof createLlmUsageLedger>;
