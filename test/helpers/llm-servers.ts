/**
 * Fake language-model servers on 127.0.0.1 that speak the real wire protocols: OpenAI Chat Completions
 * (POST /v1/chat/completions) and Anthropic Messages (POST /v1/messages). Each checks the request's
 * shape the way the real API would refuse it (400), records every request, and answers from a script.
 */
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Protocol = 'openai' | 'anthropic';

/** What the fake does with one request. */
export type FakeReply =
  | { answer: unknown; usage?: { input: number; output: number } }
  /** openai: this string as the message content; anthropic: a text block and no tool call. */
  | { text: string }
  | { status: number; headers?: Record<string, string>; body?: unknown }
  /** Never answers (a timeout for the client). */
  | { hang: true };

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  raw: string;
  body: Record<string, unknown>;
}

export interface FakeLlmServer {
  protocol: Protocol;
  /** Base URL as LLM_BASE_URL takes it: with /v1 for openai, without for anthropic. */
  baseUrl: string;
  requests: RecordedRequest[];
  /** Replies used in order; when none is left, `fallback`. */
  replies: FakeReply[];
  fallback: FakeReply;
  /** Shape problems found in requests (the fake also answered them 400). */
  shapeErrors: string[];
  reset(): void;
  close(): Promise<void>;
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

function openAiShape(path: string, headers: IncomingHttpHeaders, body: Record<string, unknown>, apiKey: string): string[] {
  const errors: string[] = [];
  if (path !== '/v1/chat/completions') errors.push(`path ${path}`);
  if (headers.authorization !== `Bearer ${apiKey}`) errors.push('authorization is not the bearer key');
  if (!String(headers['content-type']).startsWith('application/json')) errors.push('content-type');
  if (typeof body.model !== 'string' || body.model === '') errors.push('model');
  const messages = body.messages;
  if (!Array.isArray(messages) || messages.length === 0 || !messages.every((m) => isObject(m) && typeof m.role === 'string' && typeof m.content === 'string')) {
    errors.push('messages');
  }
  const format = body.response_format;
  const spec = isObject(format) ? format.json_schema : undefined;
  if (!isObject(format) || format.type !== 'json_schema' || !isObject(spec) || typeof spec.name !== 'string'
    || !/^[\w-]{1,64}$/.test(spec.name) || !isObject(spec.schema) || spec.schema.type !== 'object') {
    errors.push('response_format json_schema');
  }
  return errors;
}

function anthropicShape(path: string, headers: IncomingHttpHeaders, body: Record<string, unknown>, apiKey: string): string[] {
  const errors: string[] = [];
  if (path !== '/v1/messages') errors.push(`path ${path}`);
  if (headers['x-api-key'] !== apiKey) errors.push('x-api-key');
  if (typeof headers['anthropic-version'] !== 'string') errors.push('anthropic-version');
  if (typeof body.model !== 'string' || body.model === '') errors.push('model');
  if (typeof body.max_tokens !== 'number') errors.push('max_tokens');
  const messages = body.messages;
  if (!Array.isArray(messages) || !messages.every((m) => isObject(m) && (m.role === 'user' || m.role === 'assistant'))) errors.push('messages');
  const tools = body.tools;
  const tool: unknown = Array.isArray(tools) ? tools[0] : undefined;
  if (!isObject(tool) || typeof tool.name !== 'string' || !isObject(tool.input_schema) || tool.input_schema.type !== 'object') errors.push('tools');
  const choice = body.tool_choice;
  if (!isObject(choice) || choice.type !== 'tool' || !isObject(tool) || choice.name !== tool.name) errors.push('tool_choice');
  return errors;
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

function answer(protocol: Protocol, request: Record<string, unknown>, reply: FakeReply, res: ServerResponse): void {
  const model = typeof request.model === 'string' ? request.model : 'unknown';
  if ('status' in reply) return send(res, reply.status, reply.body ?? { error: { type: 'fake_error', message: `status ${reply.status}` } }, reply.headers);
  if ('hang' in reply) return undefined;
  const usage = 'answer' in reply ? (reply.usage ?? { input: 12, output: 8 }) : { input: 12, output: 8 };
  if (protocol === 'openai') {
    const content = 'answer' in reply ? JSON.stringify(reply.answer) : reply.text;
    return send(res, 200, {
      id: 'chatcmpl-fake', object: 'chat.completion', created: 1_796_000_000, model,
      choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
      usage: { prompt_tokens: usage.input, completion_tokens: usage.output, total_tokens: usage.input + usage.output },
    });
  }
  const tools = request.tools;
  const tool: unknown = Array.isArray(tools) ? tools[0] : undefined;
  const toolName = isObject(tool) && typeof tool.name === 'string' ? tool.name : 'unknown';
  const content = 'answer' in reply
    ? [{ type: 'tool_use', id: 'toolu_fake', name: toolName, input: reply.answer }]
    : [{ type: 'text', text: reply.text }];
  return send(res, 200, {
    id: 'msg_fake', type: 'message', role: 'assistant', model, content,
    stop_reason: 'answer' in reply ? 'tool_use' : 'end_turn', usage: { input_tokens: usage.input, output_tokens: usage.output },
  });
}

export async function startFakeLlm(protocol: Protocol, apiKey = 'test-key'): Promise<FakeLlmServer> {
  const fake: Omit<FakeLlmServer, 'baseUrl' | 'close'> = {
    protocol, requests: [], replies: [], fallback: { answer: {} }, shapeErrors: [],
    reset() {
      this.requests.length = 0;
      this.replies.length = 0;
      this.shapeErrors.length = 0;
      this.fallback = { answer: {} };
    },
  };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      let body: Record<string, unknown> = {};
      try {
        const parsed: unknown = JSON.parse(raw);
        if (isObject(parsed)) body = parsed;
      } catch {
        // recorded as a shape error below
      }
      const path = req.url ?? '';
      fake.requests.push({ method: req.method ?? '', path, headers: req.headers, raw, body });
      const errors = [
        ...(req.method === 'POST' ? [] : [`method ${req.method}`]),
        ...(protocol === 'openai' ? openAiShape(path, req.headers, body, apiKey) : anthropicShape(path, req.headers, body, apiKey)),
      ];
      if (errors.length > 0) {
        fake.shapeErrors.push(...errors);
        return send(res, 400, { error: { type: 'invalid_request_error', message: errors.join('; ') } });
      }
      return answer(protocol, body, fake.replies.shift() ?? fake.fallback, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(fake, {
    baseUrl: protocol === 'openai' ? `http://127.0.0.1:${port}/v1` : `http://127.0.0.1:${port}`,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  });
}
