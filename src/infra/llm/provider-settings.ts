import type { RetryPolicy } from './llm-http.ts';

/** What both wire protocols need to reach a server. */
export interface ProviderSettings {
  baseUrl: string;
  apiKey: string | null;
  model: string;
  maxOutputTokens: number;
  retry: RetryPolicy;
}
