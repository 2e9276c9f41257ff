import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import fc from 'fast-check';
import { publishJob, startTestApp, type TestApp } from '../helpers/app.ts';

let t: TestApp;
before(async () => {
  t = await startTestApp({ BOARD_CACHE_TTL_MS: '0' });
  await publishJob(t, t.org, { title: 'Platform Engineer' });
});
after(() => t.close());

const text = fc.oneof(
  fc.string({ maxLength: 60 }),
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.constantFrom('"><script>alert(1)</script>', "' onfocus='alert(1)", '</textarea>', '&amp;', '%', '\u2028', '\uD800'),
);

/** What a search echoes back (the form's values) must never open an element or leave its attribute. */
test('the careers search answers any query string with an HTML page, 200 or 4xx, echoing nothing unescaped', async () => {
  await fc.assert(fc.asyncProperty(
    fc.record({
      q: fc.option(text, { nil: undefined }),
      location: fc.option(text, { nil: undefined }),
      department: fc.option(text, { nil: undefined }),
      workplace: fc.option(fc.oneof(fc.constantFrom('', 'remote', 'Remote'), fc.string({ maxLength: 8 })), { nil: undefined }),
      employmentType: fc.option(fc.oneof(fc.constantFrom('', 'FULL_TIME'), fc.string({ maxLength: 10 })), { nil: undefined }),
      cursor: fc.option(fc.oneof(fc.string({ maxLength: 40 }), fc.base64String({ maxLength: 40 })), { nil: undefined }),
    }),
    async (query) => {
      const params = new URLSearchParams();
      for (const [key, value] of Object.entries(query)) if (value !== undefined) params.set(key, value);
      const res = await t.app.inject({ method: 'GET', url: `/careers/${t.org.slug}?${params.toString()}` });
      assert.ok(res.statusCode === 200 || (res.statusCode >= 400 && res.statusCode < 500), `${res.statusCode} for ${params.toString()}: ${res.body.slice(0, 300)}`);
      assert.match(String(res.headers['content-type']), /^text\/html/);
      assert.doesNotMatch(res.body, /<script>|onfocus='|<\/textarea>/);
      for (const input of res.body.matchAll(/<input [^>]*>/g)) assert.match(input[0], /^<input( [a-z-]+(="[^"<]*")?)+>$/, input[0]);
    },
    // A failure reports its first counterexample at once: shrinking one that runs a search per step can take minutes.
  ), { numRuns: 200, endOnFailure: true });
});
