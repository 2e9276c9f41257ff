/**
 * What callers use: one structured question for one org, with the org's monthly token budget
 * checked first, personal data removed from the text, the answer validated against the TypeBox
 * schema (one retry when it does not validate), and tokens and latency logged and counted.
 */
import { performance } from 'node:perf_hooks';
import type { Static, TSchema } from 'typebox';
import { Compile, type Validator } from 'typebox/compile';
import { LlmError, type LlmFailureKind, type LlmProvider, type TokenUsage } from './llm.port.ts';
import { usageMonth, type LlmUsageLedger, type MonthUsage } from './llm-usage.ledger.ts';
import { redactPersonalData } from './personal-data.ts';
import { portableSchema } from './portable-schema.ts';

export interface LlmLog {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
}

export interface ExtractRequest<T extends TSchema> {
  /** Names the answer for the provider (a-z, 0-9, _ and -). */
  name: string;
  instructions: string;
  text: string;
  schema: T;
}

/** answered: value validated; the others say why there is none, and the caller keeps what it had. */
export type Extraction<V> =
  | { outcome: 'answered'; value: V; usage: TokenUsage }
  | { outcome: 'budget_exhausted' | 'invalid_answer'; usage: TokenUsage }
  | { outcome: 'unavailable'; failure: LlmFailureKind; usage: TokenUsage; detail?: string };

export interface BudgetStatus extends MonthUsage {
  monthlyTokenBudget: number;
  remainingTokens: number;
}

export interface LlmClient {
  readonly provider: LlmProvider['name'];
  readonly model: string;
  extract<T extends TSchema>(orgId: string, request: ExtractRequest<T>): Promise<Extraction<Static<T>>>;
  /** What the org spent this month and what is left of its budget. */
  budget(orgId: string): Promise<BudgetStatus>;
}

export interface LlmClientDeps {
  provider: LlmProvider;
  ledger: LlmUsageLedger;
  monthlyTokenBudget: number;
  log: LlmLog;
  clock?: () => Date;
}

/** An answer that does not validate gets one more chance, with what was wrong, before it is dropped. */
const answersAllowed = 2;

export function createLlmClient({ provider, ledger, monthlyTokenBudget, log, clock = () => new Date() }: LlmClientDeps): LlmClient {
  const compiled = new WeakMap<TSchema, { validator: Validator; wire: ReturnType<typeof portableSchema> }>();
  const prepare = (schema: TSchema) => {
    let entry = compiled.get(schema);
    if (!entry) {
      entry = { validator: Compile(schema), wire: portableSchema(schema) };
      compiled.set(schema, entry);
    }
    return entry;
  };

  async function ask<T extends TSchema>(request: ExtractRequest<T>, text: string, usage: TokenUsage, calls: { http: number; answers: number }): Promise<Extraction<Static<T>>> {
    const { validator, wire } = prepare(request.schema);
    let instructions = request.instructions;
    for (let answer = 1; answer <= answersAllowed; answer++) {
      const reply = await provider.ask({ name: request.name, instructions, text, schema: wire }).catch((err: unknown) => {
        if (err instanceof LlmError) return err;
        throw err;
      });
      // The detail is the provider's own error message (never our request): it says what to fix, e.g. a wrong key.
      if (reply instanceof LlmError) return { outcome: 'unavailable', failure: reply.kind, usage, detail: reply.message };
      usage.inputTokens += reply.usage.inputTokens;
      usage.outputTokens += reply.usage.outputTokens;
      calls.http += reply.attempts;
      calls.answers = answer;
      if (validator.Check(reply.answer)) return { outcome: 'answered', value: reply.answer as Static<T>, usage };
      const [first] = reply.answer === undefined ? [] : validator.Errors(reply.answer);
      const problem = first ? `${first.instancePath || '/'} ${first.message}` : 'it was not a JSON object';
      instructions = `${request.instructions}\n\nYour previous answer did not match the schema (${problem}). Answer again with one object that matches it exactly.`;
    }
    return { outcome: 'invalid_answer', usage };
  }

  return {
    provider: provider.name,
    model: provider.model,
    async budget(orgId: string): Promise<BudgetStatus> {
      const spent = await ledger.month(orgId, usageMonth(clock()));
      return { ...spent, monthlyTokenBudget, remainingTokens: Math.max(0, monthlyTokenBudget - spent.inputTokens - spent.outputTokens) };
    },
    async extract<T extends TSchema>(orgId: string, request: ExtractRequest<T>): Promise<Extraction<Static<T>>> {
      const started = performance.now();
      const month = usageMonth(clock());
      const spent = await ledger.month(orgId, month);
      const usage: TokenUsage = { inputTokens: 0, outputTokens: 0 };
      const details = { provider: provider.name, model: provider.model, orgId };
      if (spent.inputTokens + spent.outputTokens >= monthlyTokenBudget) {
        log.warn({ llm: { ...details, outcome: 'budget_exhausted', spentTokens: spent.inputTokens + spent.outputTokens, monthlyTokenBudget } },
          'language-model budget for this month is spent; not asked');
        return { outcome: 'budget_exhausted', usage };
      }
      const redacted = redactPersonalData(request.text);
      const calls = { http: 0, answers: 0 };
      const result = await ask(request, redacted.text, usage, calls);
      if (usage.inputTokens + usage.outputTokens > 0) await ledger.add(orgId, month, usage, clock());
      const summary = {
        ...details, outcome: result.outcome, ...(result.outcome === 'unavailable' ? { failure: result.failure, detail: result.detail } : {}),
        inputTokens: usage.inputTokens, outputTokens: usage.outputTokens, ms: Math.round(performance.now() - started),
        httpAttempts: calls.http, answers: calls.answers, removed: { emails: redacted.emails, phones: redacted.phones },
      };
      if (result.outcome === 'answered') log.info({ llm: summary }, 'language-model call');
      else log.warn({ llm: summary }, 'language-model call gave no usable answer');
      return result;
    },
  };
}
