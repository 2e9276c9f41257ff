import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { queryRows } from '../../src/infra/db/database.ts';
import { MAX_SEARCH_TEXT_LENGTH, MAX_WORD_LENGTH, searchText } from '../../src/modules/jobs/jobs.search-text.ts';
import { createJob, json, publishJob, startTestApp, type TestApp } from '../helpers/app.ts';
import { HOSTILE_LENGTH, hostileTexts } from '../helpers/hostile-text.ts';

const worst = hostileTexts;

/** What the parser may ever be handed: words of letters, marks, digits and joiners, single spaces between. */
const PLAIN = /^(?:[\p{L}\p{M}\p{N}.+#_-]+(?: [\p{L}\p{M}\p{N}.+#_-]+)*)?$/u;

function assertPlain(text: string): void {
  assert.match(text, PLAIN);
  assert.ok(text.length <= MAX_SEARCH_TEXT_LENGTH);
  for (const word of text.split(' ')) assert.ok([...word].length <= MAX_WORD_LENGTH, `word of ${word.length} characters`);
  assert.doesNotMatch(text, /[<>&@:/]/);
}

describe('search text handed to the text-search parser', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp({ BOARD_CACHE_TTL_MS: '0' });
  });
  after(() => t.close());

  const stored = async (id: string) => {
    const [row] = await queryRows<{ title: string; skills: string; description: string }>(t.container.database.unscoped, sql`
      select search_title as title, search_skills as skills, search_description as description from jobs where id = ${id}`);
    assert.ok(row, `job ${id} stored`);
    return row;
  };

  test('the search vector is generated from the sanitized columns alone, never from raw text', async () => {
    const [column] = await queryRows<{ expression: string }>(t.container.database.unscoped, sql`
      select generation_expression as expression from information_schema.columns where table_name = 'jobs' and column_name = 'search_vector'`);
    assert.ok(column);
    const read = [...column.expression.matchAll(/to_tsvector\('english'::regconfig, ([a-z_]+)\)/g)].map((m) => m[1]);
    assert.deepEqual(read, ['search_title', 'search_skills', 'search_description']);
  });

  test('the worst inputs found are created (201) and stored as plain, bounded words', async () => {
    for (const [name, description] of Object.entries(worst)) {
      const res = await t.app.inject({
        method: 'POST', url: '/v1/jobs', headers: t.org.auth,
        payload: { title: `<!--${name}<!--`, description: `${description.slice(0, HOSTILE_LENGTH - 20)} zebracorn`, skills: [{ name: '<!--c++<!--', required: true }] },
      });
      assert.equal(res.statusCode, 201, `${name}: ${res.body.slice(0, 200)}`);
      const row = await stored(json<{ id: string }>(res).id);
      for (const text of [row.title, row.skills, row.description]) assertPlain(text);
    }
  });

  test('a job whose description is adversarial is still found by the words it holds', async () => {
    const other = await t.createOrg('Adversarial');
    const job = await publishJob(t, other, {
      title: 'Quantum Gardener',
      description: `${'<!-- '.repeat(12_000)} Grow <b>heirloom</b> tomatoes &amp; Node.js services, see https://example.com/x.`,
      skills: [{ name: 'node.js', required: true }],
    });
    const found = async (q: string) => json<{ data: { id: string }[] }>(
      await t.app.inject({ method: 'GET', url: `/v1/boards/${other.slug}/jobs?q=${encodeURIComponent(q)}` }),
    ).data.map((j) => j.id);
    for (const q of ['heirloom', 'tomatoes', 'gardener', 'node.js', 'example.com']) assert.deepEqual(await found(q), [job.id], q);
    assert.deepEqual(await found('amp'), [], 'entities are not words');
  });

  test('random adversarial descriptions are stored as plain, bounded words', async () => {
    const piece = fc.constantFrom('<!--', '<!-- ', '-->', '<', '>', '<a ', 'b="', '&#x', '&amp;', '-', '.', '/', '@', 'http://', 'a', 'é', '日本', '\u0301', ' ', '\n', '🙂');
    await fc.assert(fc.asyncProperty(fc.array(piece, { minLength: 1, maxLength: 400 }), fc.integer({ min: 1, max: 250 }), async (pieces, times) => {
      const job = await createJob(t, t.org, { title: 'Probe', description: pieces.join('').repeat(times).slice(0, HOSTILE_LENGTH) });
      assertPlain((await stored(job.id)).description);
    }), { numRuns: 25 });
  });

  test('any string at all becomes plain, bounded words', () => {
    fc.assert(fc.property(fc.oneof(fc.string({ maxLength: 2000 }), fc.string({ unit: 'binary', maxLength: 2000 }), fc.string({ unit: 'grapheme', maxLength: 500 })), (text) => {
      assertPlain(searchText(text));
    }), { numRuns: 2000 });
    assert.equal(searchText('Build <b>APIs</b> in Node.js &amp; C#, see https://x.io/a-b.'), 'Build APIs in Node.js C see https x.io a-b');
    assert.equal(searchText('word '.repeat(30_000)).length, MAX_SEARCH_TEXT_LENGTH - 1, 'capped at a word boundary');
  });
});
