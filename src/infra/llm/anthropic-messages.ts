/**
 * Anthropic Messages (POST {base}/v1/messages). Structured output through tool use: one tool whose
 * input_schema is the answer's schema, and tool_choice forcing the model to call it.
 */
import { postJson } from './llm-http.ts';
import { LlmError, type LlmProvider, type StructuredQuestion, type StructuredReply } from './llm.port.ts';
import type { ProviderSettings } from './provider-settings.ts';
import { field, tokenCount } from './wire-json.ts';

export const anthropicVersion = '2023-06-01';

export function createAnthropicMessagesProvider(settings: ProviderSettings): LlmProvider {
  const url = `${settings.baseUrl}/v1/messages`;
  const headers: Record<string, string> = { 'anthropic-version': anthropicVersion, ...(settings.apiKey ? { 'x-api-key': settings.apiKey } : {}) };
  return {
    name: 'anthropic',
    model: settings.model,
    async ask(question: StructuredQuestion): Promise<StructuredReply> {
      const payload = {
        model: settings.model,
        max_tokens: settings.maxOutputTokens,
        temperature: 0,
        system: question.instructions,
        messages: [{ role: 'user', content: question.text }],
        tools: [{ name: question.name, description: 'Record the fields found in the text', input_schema: question.schema }],
        tool_choice: { type: 'tool', name: question.name },
      };
      const { body, attempts } = await postJson(url, headers, payload, settings.retry, question.signal);
      const content = field(body, 'content');
      if (!Array.isArray(content)) throw new LlmError('malformed_response', 'the answer has no content');
      const usage = field(body, 'usage');
      const call = content.find((block) => field(block, 'type') === 'tool_use' && field(block, 'name') === question.name);
      return {
        answer: field(call, 'input'),
        usage: { inputTokens: tokenCount(field(usage, 'input_tokens')), outputTokens: tokenCount(field(usage, 'output_tokens')) },
        attempts,
      };
    },
  };
}
