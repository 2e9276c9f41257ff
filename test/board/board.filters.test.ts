import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { json, problem, publishJob, startTestApp, type TestApp } from '../helpers/app.ts';

type Page = { data: { title: string }[] };

describe('board filters: salary within one currency, enum values in any case', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp();
    await publishJob(t, t.org, { title: 'Backend Engineer' }); // 60,000–80,000 EUR a year, hybrid, FULL_TIME
    await publishJob(t, t.org, {
      title: 'Design Intern', workplace: 'remote', employmentType: 'INTERN', locations: ['Pune, India'],
      salary: { min: 15_000, max: 15_000, currency: 'INR', unit: 'MONTH' }, // 180,000 INR a year
    });
  });
  after(() => t.close());

  const board = (query: string) => t.app.inject({ method: 'GET', url: `/v1/boards/${t.org.slug}/jobs?${query}` });
  const titles = async (query: string) => {
    const res = await board(query);
    assert.equal(res.statusCode, 200, res.body);
    return json<Page>(res).data.map((j) => j.title);
  };

  test('salaryMin compares only jobs paid in salaryCurrency: 15,000 INR a month is not 150,000 EUR a year', async () => {
    assert.deepEqual(await titles('salaryMin=150000&salaryCurrency=EUR'), []);
    assert.deepEqual(await titles('salaryMin=70000&salaryCurrency=EUR'), ['Backend Engineer']);
    assert.deepEqual(await titles('salaryMin=150000&salaryCurrency=inr'), ['Design Intern'], 'annualized, currency in any case');
    assert.deepEqual(await titles('salaryMin=200000&salaryCurrency=INR'), []);
    assert.deepEqual(await titles('salaryCurrency=INR'), ['Design Intern'], 'the currency alone filters too');
  });

  test('salaryMin without salaryCurrency is a 400 pointing at salaryCurrency', async () => {
    const body = problem(await board('salaryMin=150000'), 400, 'validation-failed');
    assert.deepEqual(body.errors, [{ in: 'querystring', pointer: '/salaryCurrency', detail: 'is required with salaryMin' }]);
    const bad = problem(await board('salaryMin=1&salaryCurrency=EURO'), 400, 'validation-failed');
    assert.equal(bad.errors?.[0]?.pointer, '/salaryCurrency');
  });

  test('enum filters accept any letter case and mean the same', async () => {
    for (const value of ['remote', 'Remote', 'REMOTE', 'rEmOtE']) assert.deepEqual(await titles(`workplace=${value}`), ['Design Intern'], value);
    for (const value of ['INTERN', 'intern', 'Intern']) assert.deepEqual(await titles(`employmentType=${value}`), ['Design Intern'], value);
    assert.deepEqual(await titles('employmentType=full_time&workplace=Hybrid'), ['Backend Engineer']);
  });

  test('an unknown enum value is still a 400 naming the allowed values', async () => {
    const body = problem(await board('workplace=Moon'), 400, 'validation-failed');
    assert.deepEqual(body.errors, [{ in: 'querystring', pointer: '/workplace', detail: 'must be one of: "remote", "hybrid", "onsite"' }]);
    const type = problem(await board('employmentType=fulltime'), 400, 'validation-failed');
    assert.match(type.errors?.[0]?.detail ?? '', /must be one of: "FULL_TIME"/);
  });

  test('the OpenAPI text says what the filters do', async () => {
    const spec = json<{ paths: Record<string, { get: { parameters: { name: string; description?: string }[] } }> }>(
      await t.app.inject({ method: 'GET', url: '/openapi.json' }),
    );
    const parameters = spec.paths['/v1/boards/{orgSlug}/jobs']?.get.parameters ?? [];
    const text = (name: string) => parameters.find((p) => p.name === name)?.description ?? '';
    assert.match(text('salaryMin'), /salaryCurrency.*required/);
    assert.match(text('salaryMin'), /never converted between currencies/);
    assert.match(text('salaryCurrency'), /Required with salaryMin/);
    assert.match(text('workplace'), /Any letter case/);
  });
});
