/**
 * The language-model port: one structured question, one JSON answer. Each wire protocol
 * (openai-chat.ts, anthropic-messages.ts) implements it; nothing else knows how a provider is called.
 */

/** A JSON Schema object as it travels on the wire (already made portable, see portable-schema.ts). */
export type JsonSchema = Record<string, unknown>;

export interface StructuredQuestion {
  /** Names the answer's shape for the provider (a-z, 0-9, _ and -). */
  name: string;
  /** What the model is and must do. */
  instructions: string;
  /** The text to answer about, already free of personal data. */
  text: string;
  /** The answer must be one object of this schema. */
  schema: JsonSchema;
  signal?: AbortSignal;
}

export interface TokenUsage {
  inputTokens: number;
  outputTokens: number;
}

export interface StructuredReply {
  /** The parsed JSON the model produced, not yet validated; undefined when it was not JSON. */
  answer: unknown;
  usage: TokenUsage;
  /** HTTP attempts it took, retries included. */
  attempts: number;
}

export interface LlmProvider {
  readonly name: 'openai' | 'anthropic';
  readonly model: string;
  ask(question: StructuredQuestion): Promise<StructuredReply>;
}

/** Why a call gave no answer: each maps to a warning the caller can show. */
export type LlmFailureKind = 'timeout' | 'rate_limited' | 'http_error' | 'network_error' | 'malformed_response';

export class LlmError extends Error {
  constructor(readonly kind: LlmFailureKind, message: string, readonly status?: number) {
    super(message);
    this.name = 'LlmError';
  }
}
