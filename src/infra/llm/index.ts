// The optional language-model provider: a port, two wire protocols, and the client callers use.
import type { LlmConfig } from '../../config.ts';
import type { Database } from '../db/database.ts';
import { createAnthropicMessagesProvider } from './anthropic-messages.ts';
import { createLlmClient, type LlmClient, type LlmLog } from './llm-client.ts';
import type { RetryPolicy } from './llm-http.ts';
import { createLlmUsageLedger } from './llm-usage.ledger.ts';
import { createOpenAiChatProvider } from './openai-chat.ts';

export { createLlmClient, type BudgetStatus, type Extraction, type ExtractRequest, type LlmClient, type LlmLog } from './llm-client.ts';
export { createLlmUsageLedger, usageMonth, type LlmUsageLedger, type MonthUsage } from './llm-usage.ledger.ts';
export { llmUsage } from './llm-usage.table.ts';
export { redactPersonalData } from './personal-data.ts';
export { LlmError, type LlmProvider, type TokenUsage } from './llm.port.ts';

export interface LlmDeps {
  database: Pick<Database, 'tenant'>;
  log: LlmLog;
  clock?: () => Date;
  /** Tests replace the waits between retries. */
  sleep?: RetryPolicy['sleep'];
}

/** The configured client, or null when LLM_PROVIDER=none. */
export function createLlm(config: LlmConfig | null, deps: LlmDeps): LlmClient | null {
  if (!config) return null;
  const settings = {
    baseUrl: config.baseUrl, apiKey: config.apiKey, model: config.model, maxOutputTokens: config.maxOutputTokens,
    retry: { timeoutMs: config.timeoutMs, maxRetries: config.maxRetries, ...(deps.sleep ? { sleep: deps.sleep } : {}) },
  };
  const provider = config.provider === 'anthropic' ? createAnthropicMessagesProvider(settings) : createOpenAiChatProvider(settings);
  return createLlmClient({
    provider, ledger: createLlmUsageLedger(deps.database), monthlyTokenBudget: config.monthlyTokenBudget, log: deps.log, clock: deps.clock,
  });
}
