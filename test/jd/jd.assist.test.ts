import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { fieldsToAsk } from '../../src/modules/jd/jd.assist.ts';
import type { ParsedJobDescription } from '../../src/modules/jd/index.ts';
import { json, problem, startTestApp, type TestApp, type TestOrg } from '../helpers/app.ts';
import { startFakeLlm, type FakeLlmServer } from '../helpers/llm-servers.ts';

type Assisted = ParsedJobDescription & {
  sources?: Record<string, 'parser' | 'llm'>;
  assist?: { provider: string; model: string; asked: string[]; outcome: string; inputTokens: number; outputTokens: number };
};

const contacts = ['ada.lovelace@bakery.example', '+44 20 7946 0958', '(415) 555-0199'];
const posting = [
  'Job Title: Night Baker',
  '',
  'We need someone to bake sourdough bread overnight in our small kitchen.',
  `Questions? Write to ${contacts[0]} or call ${contacts[1]} (US office ${contacts[2]}).`,
].join('\n');

/** What the fake model says for any field it is asked about. */
const modelValues: Record<string, unknown> = {
  title: 'Night Baker (Sourdough)', company: 'Crumb & Co', employmentType: 'PART_TIME', workplace: 'onsite',
  locations: ['Leeds, England, United Kingdom'], salary: { min: 12, max: 14, currency: 'GBP', unit: 'HOUR' },
  experienceYearsMin: 2, applyDeadline: '2027-01-31',
};
const assistable = Object.keys(modelValues);
const isEmpty = (v: unknown) => v === null || (Array.isArray(v) && v.length === 0);
const emptyOf = (name: string): unknown => (name === 'locations' ? [] : null);
/** An answer with exactly the asked fields (the schema is closed): the model's values, or empties where `only` leaves them out. */
const answerTo = (asked: readonly string[], only?: readonly string[]) =>
  Object.fromEntries(asked.map((name) => [name, !only || only.includes(name) ? modelValues[name] : emptyOf(name)]));
const askedBy = (plain: ParsedJobDescription) => assistable.filter((name) => isEmpty(plain[name as keyof ParsedJobDescription]));

/** The answer to whatever the request's schema asks: its properties, and only those. */
function answerFor(fake: FakeLlmServer): string[] {
  const last = fake.requests.at(-1);
  const format = last?.body.response_format as { json_schema: { schema: { properties: Record<string, unknown> } } } | undefined;
  return Object.keys(format?.json_schema.schema.properties ?? {});
}

describe('assisted parsing with a language model (OpenAI-compatible fake)', () => {
  let t: TestApp;
  let fake: FakeLlmServer;
  before(async () => {
    fake = await startFakeLlm('openai');
    t = await startTestApp({
      LLM_PROVIDER: 'openai', LLM_BASE_URL: fake.baseUrl, LLM_API_KEY: 'test-key', LLM_MODEL: 'fake-model-1',
      LLM_MAX_RETRIES: '0', LLM_TIMEOUT_MS: '1500', LLM_MONTHLY_TOKEN_BUDGET: '1000',
    });
  });
  after(async () => {
    await t.close();
    await fake.close();
  });
  beforeEach(() => {
    fake.reset();
    fake.fallback = { answer: modelValues };
  });

  const parse = (query = '?assist=llm', org: TestOrg = t.org, headers: Record<string, string> = org.auth) =>
    t.app.inject({ method: 'POST', url: `/v1/job-descriptions/parse${query}`, headers, payload: { text: posting } });

  test('asks only for what the parser left empty, merges the answer, says per field where each value came from, and never sends contact details', async () => {
    const plain = json<Assisted>(await parse(''));
    assert.equal(plain.sources, undefined, 'without assist the answer is the parser\'s alone');
    assert.equal(fake.requests.length, 0, 'and the model is not asked');
    const expectedAsked = askedBy(plain);
    assert.ok(expectedAsked.includes('salary') && expectedAsked.includes('applyDeadline'));
    assert.ok(!expectedAsked.includes('title'), 'the labelled title was found by the parser');

    fake.fallback = { answer: answerTo(expectedAsked), usage: { input: 300, output: 60 } };
    const res = await parse();
    assert.equal(res.statusCode, 200, res.body);
    const assisted = json<Assisted>(res);
    assert.deepEqual(fake.shapeErrors, []);
    assert.equal(fake.requests.length, 1);
    assert.deepEqual(answerFor(fake), expectedAsked, 'the schema sent holds the asked fields only');
    assert.deepEqual(assisted.assist, { provider: 'openai', model: 'fake-model-1', asked: expectedAsked, outcome: 'answered', inputTokens: 300, outputTokens: 60 });
    for (const name of assistable) {
      const key = name as keyof ParsedJobDescription;
      if (expectedAsked.includes(name)) {
        assert.deepEqual(assisted[key], modelValues[name], name);
        assert.equal(assisted.sources?.[name], 'llm', name);
      } else {
        assert.deepEqual(assisted[key], plain[key], name);
        assert.equal(assisted.sources?.[name], 'parser', name);
      }
    }
    assert.deepEqual(assisted.skills, plain.skills, 'skills stay the parser\'s');
    assert.ok(!assisted.warnings.includes('salary_not_found'), 'a warning the model answered is cleared');

    const sent = fake.requests[0]?.raw ?? '';
    for (const contact of contacts) assert.equal(sent.includes(contact), false, `the model received ${contact}`);
    assert.ok(sent.includes('bake sourdough bread'), 'the posting itself was sent');
  });

  test('answers that never match the schema, errors and timeouts leave the parser\'s result with a warning', async () => {
    const plain = json<Assisted>(await parse(''));
    fake.fallback = { answer: { salary: { min: 'twelve' } } };
    const invalid = json<Assisted>(await parse());
    assert.equal(fake.requests.length, 2, 'one retry after the invalid answer');
    assert.equal(invalid.assist?.outcome, 'invalid_answer');
    assert.deepEqual(invalid.warnings, [...plain.warnings, 'llm_invalid_answer']);
    assert.ok(Object.values(invalid.sources ?? {}).every((s) => s === 'parser'));
    assert.deepEqual({ ...invalid, warnings: [], sources: undefined, assist: undefined }, { ...plain, warnings: [], sources: undefined, assist: undefined });

    fake.reset();
    fake.fallback = { status: 500 };
    const failed = await parse();
    assert.equal(failed.statusCode, 200);
    assert.equal(json<Assisted>(failed).assist?.outcome, 'unavailable');
    assert.ok(json<Assisted>(failed).warnings.includes('llm_unavailable'));

    fake.reset();
    fake.fallback = { hang: true };
    const slow = json<Assisted>(await parse());
    assert.equal(slow.assist?.outcome, 'unavailable');
    assert.ok(slow.warnings.includes('llm_unavailable'));
  });

  test('each org has its own monthly token budget; past it the model is not asked', async () => {
    const spender = await t.createOrg('Spender');
    fake.fallback = { answer: {}, usage: { input: 990, output: 20 } };
    // {} does not validate (every asked field is required): two answers, 2020 tokens, over the 1000 budget.
    assert.equal(json<Assisted>(await parse('?assist=llm', spender)).assist?.outcome, 'invalid_answer');
    assert.equal(fake.requests.length, 2);

    const exhausted = json<Assisted>(await parse('?assist=llm', spender));
    assert.equal(exhausted.assist?.outcome, 'budget_exhausted');
    assert.ok(exhausted.warnings.includes('llm_budget_exhausted'));
    assert.equal(fake.requests.length, 2, 'no request once the budget is spent');

    const other = await t.createOrg('Other');
    fake.fallback = { answer: answerTo(askedBy(json<Assisted>(await parse('', other)))) };
    const fresh = json<Assisted>(await parse('?assist=llm', other));
    assert.equal(fresh.assist?.outcome, 'answered', 'another org is not charged for it');
    assert.equal(fake.requests.length, 3);

    const usage = (org: TestOrg) => t.app.inject({ method: 'GET', url: '/v1/job-descriptions/llm-usage', headers: org.auth });
    const spent = json<Record<string, unknown>>(await usage(spender));
    assert.deepEqual({ ...spent, month: undefined }, {
      provider: 'openai', model: 'fake-model-1', month: undefined, inputTokens: 1980, outputTokens: 40, calls: 1, monthlyTokenBudget: 1000, remainingTokens: 0,
    });
    assert.match(String(spent.month), /^\d{4}-\d{2}-01$/);
    const others = json<Record<string, unknown>>(await usage(other));
    assert.deepEqual([others.inputTokens, others.outputTokens, others.calls], [12, 8, 1], 'each org sees its own count');
  });

  test('the job import takes assist=llm too: the draft job gets the model\'s values and says where they came from', async () => {
    const plain = json<Assisted>(await parse(''));
    fake.fallback = { answer: answerTo(askedBy(plain)) };
    const res = await t.app.inject({ method: 'POST', url: '/v1/jobs/import?assist=llm', headers: t.org.auth, payload: { text: posting } });
    assert.equal(res.statusCode, 201, res.body);
    const body = json<{ job: { title: string; salary: unknown; validThrough: string | null }; warnings: string[]; sources: Record<string, string> }>(res);
    assert.equal(body.job.title, plain.title);
    assert.deepEqual(body.job.salary, modelValues.salary);
    assert.equal(body.job.validThrough, '2027-01-31T23:59:59.999Z');
    assert.equal(body.sources.salary, 'llm');
    assert.equal(body.sources.title, 'parser');
    const plainImport = json<{ sources?: unknown }>(await t.app.inject({ method: 'POST', url: '/v1/jobs/import', headers: t.org.auth, payload: { text: posting } }));
    assert.equal(plainImport.sources, undefined);
    assert.equal(fake.requests.length, 1, 'the import without assist asks nothing');
  });

  test('callers without the permission get 403 and spend no tokens; a bad assist value is a 400', async () => {
    const created = await t.app.inject({ method: 'POST', url: '/v1/api-keys', headers: t.org.auth, payload: { name: 'reader', scopes: ['jobs:read'] } });
    const reader = { authorization: `Bearer ${json<{ apiKey: string }>(created).apiKey}` };
    problem(await parse('?assist=llm', t.org, reader), 403, 'forbidden');
    problem(await t.app.inject({ method: 'POST', url: '/v1/jobs/import?assist=llm', headers: reader, payload: { text: posting } }), 403, 'forbidden');
    problem(await parse('?assist=gpt'), 400, 'validation-failed');
    problem(await parse('?assist=llm', t.org, {}), 401, 'unauthenticated');
    problem(await t.app.inject({ method: 'GET', url: '/v1/job-descriptions/llm-usage', headers: reader }), 403, 'forbidden');
    assert.equal(fake.requests.length, 0);
  });
});

describe('assisted parsing with Anthropic Messages (fake)', () => {
  test('the same route over the other wire protocol', async () => {
    const fake = await startFakeLlm('anthropic');
    const t = await startTestApp({ LLM_PROVIDER: 'anthropic', LLM_BASE_URL: fake.baseUrl, LLM_API_KEY: 'test-key', LLM_MODEL: 'claude-fake' });
    try {
      const plain = json<Assisted>(await t.app.inject({ method: 'POST', url: '/v1/job-descriptions/parse', headers: t.org.auth, payload: { text: posting } }));
      fake.fallback = { answer: answerTo(askedBy(plain), ['salary']) };
      const res = await t.app.inject({ method: 'POST', url: '/v1/job-descriptions/parse?assist=llm', headers: t.org.auth, payload: { text: posting } });
      const assisted = json<Assisted>(res);
      assert.deepEqual(fake.shapeErrors, []);
      assert.equal(fake.requests[0]?.path, '/v1/messages');
      assert.equal(assisted.assist?.provider, 'anthropic');
      assert.deepEqual(assisted.salary, modelValues.salary);
      assert.equal(assisted.sources?.salary, 'llm');
      assert.equal(assisted.sources?.company, 'parser', 'a null answer keeps the parser\'s (empty) value and source');
      for (const contact of contacts) assert.equal(fake.requests[0]?.raw.includes(contact), false);
    } finally {
      await t.close();
      await fake.close();
    }
  });
});

describe('without a language model', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp();
  });
  after(() => t.close());

  test('assist=llm is a 409 llm-not-configured problem on parse and import; without it parsing works as always', async () => {
    const refused = problem(await t.app.inject({ method: 'POST', url: '/v1/job-descriptions/parse?assist=llm', headers: t.org.auth, payload: { text: posting } }), 409, 'llm-not-configured');
    assert.match(String(refused.detail), /LLM_PROVIDER/);
    problem(await t.app.inject({ method: 'POST', url: '/v1/jobs/import?assist=llm', headers: t.org.auth, payload: { text: posting } }), 409, 'llm-not-configured');
    problem(await t.app.inject({ method: 'GET', url: '/v1/job-descriptions/llm-usage', headers: t.org.auth }), 409, 'llm-not-configured');
    const list = json<{ data: unknown[] }>(await t.app.inject({ method: 'GET', url: '/v1/jobs', headers: t.org.auth }));
    assert.equal(list.data.length, 0, 'the refused import created nothing');
    const plain = await t.app.inject({ method: 'POST', url: '/v1/job-descriptions/parse', headers: t.org.auth, payload: { text: posting } });
    assert.equal(plain.statusCode, 200);
    assert.equal(json<Assisted>(plain).title, 'Night Baker');
  });
});

test('fields to ask: the empty ones and those a warning flags', () => {
  const parsed: ParsedJobDescription = {
    title: 'Pastry Intern', company: 'Crumb & Co', employmentType: 'INTERN', workplace: null, locations: [], salary: null,
    experienceYearsMin: 0, skills: [], competencies: [], languages: [], applyDeadline: '2027-01-31',
    sections: { about: null, responsibilities: null, requirements: null, niceToHave: null, benefits: null },
    warnings: ['employment_type_conflict', 'salary_not_found'],
  };
  assert.deepEqual(fieldsToAsk(parsed), ['employmentType', 'workplace', 'locations', 'salary']);
  assert.deepEqual(fieldsToAsk({ ...parsed, warnings: [] }), ['workplace', 'locations', 'salary']);
  assert.deepEqual(fieldsToAsk({ ...parsed, title: null, warnings: ['text_empty'] }), [], 'nothing is asked about an empty text');
});
