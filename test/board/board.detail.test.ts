import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { publishJob, problem, startTestApp, type TestApp, type TestOrg } from '../helpers/app.ts';
import { putQuestions } from '../recruiting/applying.helpers.ts';

type Page = {
  title: string;
  questions: { id: string; label: string }[];
  equalOpportunity: { id: string; label: string; choices: string[]; voluntary: boolean }[];
  jsonLd: { description: string };
};

/**
 * The job page with the board cache off reads the job and its form as single statements outside a tenant
 * transaction (bench/breakdown.ts): whatever another process commits shows at once, with no event reaching
 * this one, and the org named in the URL still bounds what the page can show.
 */
describe('job page, cache off', () => {
  let t: TestApp;
  let org: TestOrg;
  let other: TestOrg;
  before(async () => {
    t = await startTestApp({ BOARD_CACHE_TTL_MS: '0' });
    org = t.org;
    other = await t.createOrg('Other');
  });
  after(() => t.close());

  const page = (o: TestOrg, id: string) => t.app.inject({ url: `/v1/boards/${o.slug}/jobs/${id}` });
  // Writes on the owner's connection, as another API process would commit them: no event reaches this process.
  const elsewhere = (statement: ReturnType<typeof sql>) => t.container.database.unscoped.execute(statement);

  test('questions, equal-opportunity questions and a closing committed elsewhere show at once, in order', async () => {
    const job = await publishJob(t, org, { title: 'Harbour Pilot' });
    const [notice] = await putQuestions(t, org, job.id, [{ label: 'Notice period?', kind: 'short_text' }]);
    const first = (await page(org, job.id)).json<Page>();
    assert.deepEqual(first.questions.map((q) => q.id), [notice?.id]);
    assert.deepEqual(first.equalOpportunity, []);

    await elsewhere(sql`insert into application_questions (id, org_id, job_id, position, label, kind) values
      ('qst_elsewhere_b', ${org.id}, ${job.id}, 2, 'Licence number', 'short_text'), ('qst_elsewhere_a', ${org.id}, ${job.id}, 1, 'Boat size', 'short_text')`);
    await elsewhere(sql`insert into eeo_questions (id, org_id, position, label, choices) values
      ('eeoq_elsewhere_2', ${org.id}, 2, 'Veteran status', array['Yes', 'No', 'Prefer not to say']), ('eeoq_elsewhere_1', ${org.id}, 1, 'Gender', array['Woman', 'Man', 'Prefer not to say'])`);
    const second = (await page(org, job.id)).json<Page>();
    assert.deepEqual(second.questions.map((q) => q.label), ['Notice period?', 'Boat size', 'Licence number']);
    assert.deepEqual(second.equalOpportunity, [
      { id: 'eeoq_elsewhere_1', label: 'Gender', choices: ['Woman', 'Man', 'Prefer not to say'], voluntary: true },
      { id: 'eeoq_elsewhere_2', label: 'Veteran status', choices: ['Yes', 'No', 'Prefer not to say'], voluntary: true },
    ]);

    await elsewhere(sql`update jobs set status = 'closed', closed_at = now() where id = ${job.id}`);
    problem(await page(org, job.id), 404, 'not-found');
  });

  test('a description changed elsewhere is rendered anew in the JSON-LD at once', async () => {
    const job = await publishJob(t, org, { title: 'Lock Keeper', description: 'Opens **gates**.' });
    assert.match((await page(org, job.id)).json<Page>().jsonLd.description, /<strong>gates<\/strong>/);
    await elsewhere(sql`update jobs set description = 'Closes *locks*.' where id = ${job.id}`);
    const html = (await page(org, job.id)).json<Page>().jsonLd.description;
    assert.match(html, /<em>locks<\/em>/);
    assert.doesNotMatch(html, /gates/);
  });

  test('another org\'s job, and its form, are not on this org\'s board', async () => {
    const theirs = await publishJob(t, other, { title: 'Their Role' });
    await putQuestions(t, other, theirs.id, [{ label: 'Their question', kind: 'short_text' }]);
    await elsewhere(sql`insert into eeo_questions (id, org_id, position, label, choices) values ('eeoq_theirs', ${other.id}, 1, 'Their EEO', array['A', 'Prefer not to say'])`);
    problem(await page(org, theirs.id), 404, 'not-found');
    const ours = await publishJob(t, org, { title: 'Our Role' });
    const mine = (await page(org, ours.id)).json<Page>();
    assert.deepEqual(mine.questions, []);
    assert.ok(!mine.equalOpportunity.some((q) => q.id === 'eeoq_theirs'), 'another org\'s equal-opportunity questions stay on its own pages');
    assert.deepEqual((await page(other, theirs.id)).json<Page>().questions.map((q) => q.label), ['Their question']);
  });
});
