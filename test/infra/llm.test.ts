import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import fc from 'fast-check';
import { Type } from 'typebox';
import { ConfigError, loadConfig } from '../../src/config.ts';
import { createAnthropicMessagesProvider } from '../../src/infra/llm/anthropic-messages.ts';
import { createLlmClient, redactPersonalData, type LlmUsageLedger, type MonthUsage, type TokenUsage } from '../../src/infra/llm/index.ts';
import { retryAfterMs, type RetryPolicy } from '../../src/infra/llm/llm-http.ts';
import { createOpenAiChatProvider } from '../../src/infra/llm/openai-chat.ts';
import { startFakeLlm, type FakeLlmServer, type Protocol } from '../helpers/llm-servers.ts';

const AnswerSchema = Type.Object({
  title: Type.Union([Type.String({ minLength: 1 }), Type.Null()]),
  years: Type.Union([Type.Integer({ minimum: 0, maximum: 50 }), Type.Null()]),
}, { additionalProperties: false });

/** The ledger's contract in memory: what was spent per org and month. */
function memoryLedger(): LlmUsageLedger & { spent: Map<string, MonthUsage> } {
  const spent = new Map<string, MonthUsage>();
  return {
    spent,
    month: async (orgId, month) => spent.get(`${orgId}/${month}`) ?? { month, inputTokens: 0, outputTokens: 0, calls: 0 },
    add: async (orgId, month, usage: TokenUsage) => {
      const now = spent.get(`${orgId}/${month}`) ?? { month, inputTokens: 0, outputTokens: 0, calls: 0 };
      spent.set(`${orgId}/${month}`, { month, inputTokens: now.inputTokens + usage.inputTokens, outputTokens: now.outputTokens + usage.outputTokens, calls: now.calls + 1 });
    },
  };
}

function memoryLog() {
  const lines: { level: 'info' | 'warn'; details: Record<string, unknown>; message: string }[] = [];
  return {
    lines,
    info: (details: object, message: string) => lines.push({ level: 'info', details: { ...details }, message }),
    warn: (details: object, message: string) => lines.push({ level: 'warn', details: { ...details }, message }),
  };
}

const december = () => new Date('2026-12-01T10:00:00Z');

function clientFor(fake: FakeLlmServer, options: { timeoutMs?: number; maxRetries?: number; budget?: number } = {}) {
  const waits: number[] = [];
  const retry: RetryPolicy = { timeoutMs: options.timeoutMs ?? 5_000, maxRetries: options.maxRetries ?? 2, sleep: async (ms) => { waits.push(ms); }, random: () => 0.5 };
  const settings = { baseUrl: fake.baseUrl, apiKey: 'test-key', model: 'fake-model-1', maxOutputTokens: 300, retry };
  const provider = fake.protocol === 'openai' ? createOpenAiChatProvider(settings) : createAnthropicMessagesProvider(settings);
  const ledger = memoryLedger();
  const log = memoryLog();
  const client = createLlmClient({ provider, ledger, monthlyTokenBudget: options.budget ?? 10_000, log, clock: december });
  const ask = (text = 'Senior Baker, five years of bread') => client.extract('org_a', { name: 'fields', instructions: 'Extract.', text, schema: AnswerSchema });
  return { client, ledger, log, waits, ask };
}

const fakes: Partial<Record<Protocol, FakeLlmServer>> = {};
before(async () => {
  fakes.openai = await startFakeLlm('openai');
  fakes.anthropic = await startFakeLlm('anthropic');
});
after(async () => {
  await fakes.openai?.close();
  await fakes.anthropic?.close();
});
beforeEach(() => {
  fakes.openai?.reset();
  fakes.anthropic?.reset();
});
const fake = (protocol: Protocol): FakeLlmServer => {
  const server = fakes[protocol];
  if (!server) throw new Error('fake not started');
  return server;
};

describe('OpenAI-compatible Chat Completions', () => {
  test('sends the schema as response_format json_schema and returns the validated answer, counting and logging its tokens', async () => {
    const server = fake('openai');
    server.replies.push({ answer: { title: 'Senior Baker', years: 5 }, usage: { input: 120, output: 30 } });
    const { ask, ledger, log } = clientFor(server);
    const result = await ask();
    assert.deepEqual(result, { outcome: 'answered', value: { title: 'Senior Baker', years: 5 }, usage: { inputTokens: 120, outputTokens: 30 } });
    assert.deepEqual(server.shapeErrors, []);
    const [request] = server.requests;
    assert.ok(request);
    assert.equal(request.path, '/v1/chat/completions');
    assert.equal(request.headers.authorization, 'Bearer test-key');
    assert.equal(request.body.model, 'fake-model-1');
    assert.equal(request.body.max_tokens, 300);
    assert.deepEqual(request.body.response_format, {
      type: 'json_schema',
      json_schema: {
        name: 'fields', strict: true,
        // Bounds are checked on our side; the wire gets the subset every strict mode accepts.
        schema: {
          type: 'object', additionalProperties: false, required: ['title', 'years'],
          properties: { title: { anyOf: [{ type: 'string' }, { type: 'null' }] }, years: { anyOf: [{ type: 'integer' }, { type: 'null' }] } },
        },
      },
    });
    assert.deepEqual(request.body.messages, [{ role: 'system', content: 'Extract.' }, { role: 'user', content: 'Senior Baker, five years of bread' }]);
    assert.deepEqual(ledger.spent.get('org_a/2026-12-01'), { month: '2026-12-01', inputTokens: 120, outputTokens: 30, calls: 1 });
    const line = log.lines.find((l) => l.message === 'language-model call');
    assert.ok(line, 'the call is logged');
    const logged = line.details.llm as Record<string, unknown>;
    assert.equal(logged.inputTokens, 120);
    assert.equal(logged.outputTokens, 30);
    assert.equal(typeof logged.ms, 'number');
    assert.equal(logged.model, 'fake-model-1');
    assert.equal(JSON.stringify(log.lines).includes('test-key'), false, 'the key is never logged');
  });

  test('an answer that is not JSON is retried once with what was wrong; a second bad one is dropped', async () => {
    const server = fake('openai');
    server.replies.push({ text: '{"title": "Senior Ba' }, { answer: { title: 'Senior Baker', years: 5 } });
    const recovered = await clientFor(server).ask();
    assert.equal(recovered.outcome, 'answered');
    assert.equal(server.requests.length, 2);
    const secondSystem = (server.requests[1]?.body.messages as { content: string }[])[0]?.content ?? '';
    assert.match(secondSystem, /previous answer did not match/);

    server.reset();
    server.replies.push({ text: 'I cannot help with that' }, { answer: { title: 'Senior Baker', years: 'five' } }, { answer: { title: 'never asked', years: 1 } });
    const { ask, ledger } = clientFor(server);
    const dropped = await ask();
    assert.equal(dropped.outcome, 'invalid_answer');
    assert.equal(server.requests.length, 2, 'one retry, no more');
    assert.deepEqual(dropped.usage, { inputTokens: 24, outputTokens: 16 }, 'both answers cost tokens');
    assert.equal(ledger.spent.get('org_a/2026-12-01')?.inputTokens, 24, 'tokens of invalid answers still count against the budget');
  });

  test('429 waits as long as Retry-After says, then succeeds; too many 429s give up as rate_limited', async () => {
    const server = fake('openai');
    server.replies.push({ status: 429, headers: { 'retry-after': '3' } }, { status: 503 }, { answer: { title: null, years: null } });
    const first = clientFor(server);
    assert.equal((await first.ask()).outcome, 'answered');
    assert.equal(server.requests.length, 3);
    assert.equal(first.waits[0], 3000, 'Retry-After honoured');
    assert.equal(first.waits[1], 500, 'then exponential backoff (jittered: half of 2 × 500 ms)');

    server.reset();
    server.fallback = { status: 429, headers: { 'retry-after': '1' } };
    const second = clientFor(server, { maxRetries: 1 });
    const result = await second.ask();
    assert.deepEqual(result, {
      outcome: 'unavailable', failure: 'rate_limited', usage: { inputTokens: 0, outputTokens: 0 },
      detail: 'HTTP 429: {"error":{"type":"fake_error","message":"status 429"}}',
    });
    const logged = second.log.lines.find((l) => l.level === 'warn')?.details.llm as Record<string, unknown> | undefined;
    assert.equal(logged?.failure, 'rate_limited');
    assert.match(String(logged?.detail), /^HTTP 429/, 'the provider\'s reason is logged');
    assert.equal(server.requests.length, 2);

    server.reset();
    server.fallback = { status: 429, headers: { 'retry-after': '120' } };
    assert.equal((await clientFor(server).ask()).outcome, 'unavailable');
    assert.equal(server.requests.length, 1, 'a pause longer than a request may wait is not waited for');

    server.reset();
    server.fallback = { status: 400, body: { error: { message: 'bad request' } } };
    const third = clientFor(server);
    assert.equal((await third.ask()).outcome, 'unavailable');
    assert.equal(server.requests.length, 1, 'a 400 is not retried');
  });

  test('an answer slower than the timeout is abandoned through its AbortSignal and retried', async () => {
    const server = fake('openai');
    server.fallback = { hang: true };
    const result = await clientFor(server, { timeoutMs: 150, maxRetries: 1 }).ask();
    assert.deepEqual(result, { outcome: 'unavailable', failure: 'timeout', usage: { inputTokens: 0, outputTokens: 0 }, detail: 'no answer within 150 ms' });
    assert.equal(server.requests.length, 2);
  });
});

describe('Anthropic Messages', () => {
  test('forces one tool whose input_schema is the answer schema and reads its tool_use input', async () => {
    const server = fake('anthropic');
    server.replies.push({ answer: { title: 'Senior Baker', years: null }, usage: { input: 200, output: 40 } });
    const result = await clientFor(server).ask();
    assert.deepEqual(result, { outcome: 'answered', value: { title: 'Senior Baker', years: null }, usage: { inputTokens: 200, outputTokens: 40 } });
    assert.deepEqual(server.shapeErrors, []);
    const [request] = server.requests;
    assert.ok(request);
    assert.equal(request.path, '/v1/messages');
    assert.equal(request.headers['x-api-key'], 'test-key');
    assert.equal(request.headers['anthropic-version'], '2023-06-01');
    assert.equal(request.headers.authorization, undefined);
    assert.equal(request.body.system, 'Extract.');
    assert.equal(request.body.max_tokens, 300);
    const tools = request.body.tools as { name: string; input_schema: { required: string[] } }[];
    assert.equal(tools[0]?.name, 'fields');
    assert.deepEqual(tools[0]?.input_schema.required, ['title', 'years']);
    assert.deepEqual(request.body.tool_choice, { type: 'tool', name: 'fields' });
  });

  test('a reply without the tool call, then one off the schema, falls back; 529 overloaded is retried', async () => {
    const server = fake('anthropic');
    server.replies.push({ text: 'Here is the JSON you asked for' }, { answer: { title: '', years: 99 } });
    assert.equal((await clientFor(server).ask()).outcome, 'invalid_answer');
    assert.equal(server.requests.length, 2);

    server.reset();
    server.replies.push({ status: 529, body: { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } } }, { answer: { title: 'Baker', years: 2 } });
    const { ask, waits } = clientFor(server);
    assert.equal((await ask()).outcome, 'answered');
    assert.equal(waits.length, 1);
  });
});

describe('before any text leaves the process', () => {
  test('emails and phone numbers are removed from what the server receives; amounts and dates are not', async () => {
    for (const protocol of ['openai', 'anthropic'] as const) {
      const server = fake(protocol);
      server.reset();
      server.replies.push({ answer: { title: 'Baker', years: 2 } });
      const contacts = ['ada.lovelace@bakery.example', 'jobs+bakers@bakery.example', '+44 20 7946 0958', '020 7946 0958', '(415) 555-0199', '0044 20 7946 0958', '+49 (0)30 1234567'];
      const text = `Baker wanted. Pay €2.400 – €2.800 per month, 60 000 - 80 000 EUR a year, apply by 2027-01-31. Contact ${contacts.join(' / ')}.`;
      await clientFor(server).ask(text);
      const raw = server.requests.map((r) => r.raw).join('\n');
      for (const contact of contacts) assert.equal(raw.includes(contact), false, `${protocol} received ${contact}`);
      for (const digits of ['79460958', '5550199', '1234567']) assert.equal(raw.replace(/\D/g, '').includes(digits), false, `${protocol} received the digits ${digits}`);
      for (const kept of ['€2.400 – €2.800', '60 000 - 80 000 EUR', '2027-01-31', '[email]', '[phone]']) assert.ok(raw.includes(kept), `${kept} is kept`);
    }
  });

  test('property: international and trunk-prefixed numbers in any common layout are removed; amounts and years are kept', () => {
    const separator = fc.constantFrom(' ', '-', '.', '  ', ' - ');
    const groups = fc.array(fc.stringMatching(/^\d{2,4}$/), { minLength: 2, maxLength: 4 });
    const phone = fc.tuple(fc.constantFrom('+', '00', '0'), fc.integer({ min: 1, max: 99 }), groups, separator)
      .map(([prefix, code, parts, sep]) => (prefix === '0' ? `0${code}` : `${prefix}${code}`) + sep + parts.join(sep))
      .filter((p) => p.replace(/\D/g, '').length >= 8 && p.replace(/\D/g, '').length <= 15)
      // A date such as 01.05.2026 is kept by design, whatever it could also be.
      .filter((p) => !/^\d{1,2}[./-]\d{1,2}[./-]\d{2,4}$/.test(p));
    fc.assert(fc.property(phone, fc.constantFrom('Call ', 'Tel: ', 'Phone (mobile): ', 'WhatsApp '), (number, label) => {
      const out = redactPersonalData(`${label}${number} today.`);
      assert.equal(out.text, `${label}[phone] today.`, number);
    }), { numRuns: 300 });
    const amount = fc.tuple(fc.integer({ min: 10, max: 999 }), fc.integer({ min: 10, max: 999 }), fc.constantFrom(' ', ',', '.'), fc.constantFrom('€', '$', '£', 'EUR ', ''))
      .map(([a, b, group, currency]) => `${currency}${a}${group}000 - ${currency}${b}${group}000 a year, 3-5 years, since 1998`);
    fc.assert(fc.property(amount, (text) => {
      assert.equal(redactPersonalData(text).text, text);
    }), { numRuns: 300 });
  });

  test('redaction keeps what postings need', () => {
    const { text, emails, phones } = redactPersonalData('Call 06 12 34 56 78 or mail rh@exemple.fr. Salaire 2 000 à 2 500 €, 35 h, depuis 1998, réf. 01.02.2026');
    assert.equal(text, 'Call [phone] or mail [email]. Salaire 2 000 à 2 500 €, 35 h, depuis 1998, réf. 01.02.2026');
    assert.deepEqual([emails, phones], [1, 1]);
  });
});

test('past the monthly budget the model is not asked at all; the next month starts afresh', async () => {
  const server = fake('openai');
  server.fallback = { answer: { title: 'Baker', years: 1 } };
  const { ask, ledger, log, client } = clientFor(server, { budget: 100 });
  ledger.spent.set('org_a/2026-12-01', { month: '2026-12-01', inputTokens: 90, outputTokens: 10, calls: 3 });
  assert.deepEqual(await ask(), { outcome: 'budget_exhausted', usage: { inputTokens: 0, outputTokens: 0 } });
  assert.equal(server.requests.length, 0);
  assert.ok(log.lines.some((l) => l.level === 'warn' && (l.details.llm as { outcome: string }).outcome === 'budget_exhausted'));
  const otherOrg = await client.extract('org_b', { name: 'fields', instructions: 'Extract.', text: 'x', schema: AnswerSchema });
  assert.equal(otherOrg.outcome, 'answered', 'the budget is per org');
  ledger.spent.clear();
  ledger.spent.set('org_a/2026-11-01', { month: '2026-11-01', inputTokens: 5000, outputTokens: 0, calls: 9 });
  assert.equal((await ask()).outcome, 'answered', 'last month does not count');
});

test('Retry-After as seconds or an HTTP date', () => {
  const now = Date.parse('2026-12-01T10:00:00Z');
  assert.equal(retryAfterMs('7', now), 7000);
  assert.equal(retryAfterMs('Tue, 01 Dec 2026 10:00:05 GMT', now), 5000);
  assert.equal(retryAfterMs('Tue, 01 Dec 2026 09:00:00 GMT', now), 0);
  assert.equal(retryAfterMs('soon', now), null);
  assert.equal(retryAfterMs(null, now), null);
});

test('configuration: none by default; a provider needs a model; defaults per provider; bad values are refused', () => {
  assert.equal(loadConfig({}).llm, null);
  assert.equal(loadConfig({ LLM_PROVIDER: 'none', LLM_MODEL: 'x' }).llm, null);
  const anthropic = loadConfig({ LLM_PROVIDER: 'anthropic', LLM_MODEL: 'claude-x', LLM_API_KEY: 'k' }).llm;
  assert.deepEqual(anthropic, {
    provider: 'anthropic', baseUrl: 'https://api.anthropic.com', apiKey: 'k', model: 'claude-x',
    timeoutMs: 30_000, maxRetries: 2, monthlyTokenBudget: 1_000_000, maxOutputTokens: 1024,
  });
  const local = loadConfig({ LLM_PROVIDER: 'openai', LLM_MODEL: 'llama', LLM_BASE_URL: 'http://127.0.0.1:8080/v1/' }).llm;
  assert.equal(local?.baseUrl, 'http://127.0.0.1:8080/v1');
  assert.equal(local?.apiKey, null, 'a local server needs no key');
  assert.equal(loadConfig({ LLM_PROVIDER: 'openai', LLM_MODEL: 'gpt' }).llm?.baseUrl, 'https://api.openai.com/v1');
  assert.throws(() => loadConfig({ LLM_PROVIDER: 'openai' }), (err: unknown) => err instanceof ConfigError && /LLM_MODEL/.test(err.message));
  assert.throws(() => loadConfig({ LLM_PROVIDER: 'gemini' }), /LLM_PROVIDER/);
  assert.throws(() => loadConfig({ LLM_PROVIDER: 'openai', LLM_MODEL: 'm', LLM_BASE_URL: 'https://user:secret@llm.example/v1x', LLM_TIMEOUT_MS: '5' }), (err: unknown) =>
    err instanceof ConfigError && /LLM_TIMEOUT_MS/.test(err.message));
  assert.throws(() => loadConfig({ LLM_PROVIDER: 'openai', LLM_MODEL: 'm', LLM_BASE_URL: 'ftp://user:secret@llm.example' }), (err: unknown) =>
    err instanceof ConfigError && /LLM_BASE_URL/.test(err.message) && !err.message.includes('secret'));
});
