/**
 * OpenAI-compatible Chat Completions (POST {base}/chat/completions), structured through
 * response_format json_schema. The same wire serves OpenAI, llama.cpp's server, vLLM and Ollama.
 */
import { postJson } from './llm-http.ts';
import { LlmError, type LlmProvider, type StructuredQuestion, type StructuredReply } from './llm.port.ts';
import type { ProviderSettings } from './provider-settings.ts';
import { field, tokenCount } from './wire-json.ts';

function parseContent(content: unknown): unknown {
  if (typeof content !== 'string') return undefined;
  try {
    return JSON.parse(content) as unknown;
  } catch {
    return undefined;
  }
}

export function createOpenAiChatProvider(settings: ProviderSettings): LlmProvider {
  const url = `${settings.baseUrl}/chat/completions`;
  const headers: Record<string, string> = settings.apiKey ? { authorization: `Bearer ${settings.apiKey}` } : {};
  return {
    name: 'openai',
    model: settings.model,
    async ask(question: StructuredQuestion): Promise<StructuredReply> {
      const payload = {
        model: settings.model,
        messages: [{ role: 'system', content: question.instructions }, { role: 'user', content: question.text }],
        response_format: { type: 'json_schema', json_schema: { name: question.name, schema: question.schema, strict: true } },
        max_tokens: settings.maxOutputTokens,
        temperature: 0,
      };
      const { body, attempts } = await postJson(url, headers, payload, settings.retry, question.signal);
      const choices = field(body, 'choices');
      if (!Array.isArray(choices) || choices.length === 0) throw new LlmError('malformed_response', 'the answer has no choices');
      const usage = field(body, 'usage');
      const message = field(choices[0], 'message');
      // A refusal comes with no content: it is an answer that does not validate, like any other.
      return {
        answer: parseContent(field(message, 'content')),
        usage: { inputTokens: tokenCount(field(usage, 'prompt_tokens')), outputTokens: tokenCount(field(usage, 'completion_tokens')) },
        attempts,
      };
    },
  };
}
