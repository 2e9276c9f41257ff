import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import fc from 'fast-check';
import { publishJob, startTestApp, type TestApp } from '../helpers/app.ts';

let t: TestApp;
before(async () => {
  t = await startTestApp({ BOARD_CACHE_TTL_MS: '0' });
  await publishJob(t, t.org, { title: 'Platform Engineer' });
  await publishJob(t, t.org, { title: 'Support Specialist', workplace: 'remote', locations: [] });
});
after(() => t.close());

const text = fc.oneof(
  fc.string({ maxLength: 60 }),
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.constantFrom("' or 1=1 --", '<img src=x onerror=alert(1)>', '"', '\\', '%', '&|!():*', 'a <-> b', '-engineer', 'engineer OR support', 'engin', 'enginer', 'platfrm enginee', 'a b c d e f g h'),
);

test('board search answers any query string with 200 or a 4xx problem, never a 500', async () => {
  await fc.assert(fc.asyncProperty(
    fc.record({
      q: fc.option(text, { nil: undefined }),
      location: fc.option(text, { nil: undefined }),
      skill: fc.option(text, { nil: undefined }),
      department: fc.option(text, { nil: undefined }),
      salaryMin: fc.option(fc.oneof(fc.double(), fc.string({ maxLength: 5 })), { nil: undefined }),
      salaryCurrency: fc.option(fc.oneof(fc.constantFrom('EUR', 'eur', 'Gbp'), fc.string({ maxLength: 4 })), { nil: undefined }),
      workplace: fc.option(fc.oneof(fc.constantFrom('remote', 'Remote', 'HYBRID'), fc.string({ maxLength: 8 })), { nil: undefined }),
      employmentType: fc.option(fc.oneof(fc.constantFrom('FULL_TIME', 'full_time'), fc.string({ maxLength: 10 })), { nil: undefined }),
      postedWithinDays: fc.option(fc.oneof(fc.integer({ min: -5, max: 400 }), fc.string({ maxLength: 5 })), { nil: undefined }),
      limit: fc.option(fc.oneof(fc.integer({ min: -1, max: 200 }), fc.string({ maxLength: 4 })), { nil: undefined }),
      facets: fc.option(fc.oneof(fc.boolean(), fc.string({ maxLength: 5 })), { nil: undefined }),
      cursor: fc.option(fc.oneof(fc.string({ maxLength: 40 }), fc.base64String({ maxLength: 40 })), { nil: undefined }),
    }),
    async (query) => {
      const params = new URLSearchParams();
      for (const [key, value] of Object.entries(query)) if (value !== undefined) params.set(key, String(value));
      const res = await t.app.inject({ method: 'GET', url: `/v1/boards/${t.org.slug}/jobs?${params.toString()}` });
      if (res.statusCode === 200) {
        const body = res.json<{ data: unknown[] }>();
        assert.ok(Array.isArray(body.data));
      } else {
        assert.ok(res.statusCode >= 400 && res.statusCode < 500, `${res.statusCode} for ${params.toString()}: ${res.body}`);
        assert.match(String(res.headers['content-type']), /^application\/problem\+json/);
      }
    },
    // A failure reports its first counterexample at once: shrinking one that runs a search per step can take minutes.
  ), { numRuns: 300, endOnFailure: true });
  const check = await t.app.inject({ method: 'GET', url: `/v1/boards/${t.org.slug}/jobs` });
  assert.equal(check.json<{ data: unknown[] }>().data.length, 2, 'nothing was harmed');
});
