import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { json, publishJob, startTestApp, type TestApp, type TestOrg } from '../helpers/app.ts';

type Page = { data: { title: string }[]; nextCursor: string | null };

describe('board search as people type: prefixes and typos', () => {
  let t: TestApp;
  let other: TestOrg;
  before(async () => {
    t = await startTestApp({ BOARD_CACHE_TTL_MS: '0' });
    const job = (title: string, description: string) => publishJob(t, t.org, { title, description, skills: [] });
    await job('Data Analyst', 'Reports and dashboards for the finance team.');
    await job('Senior Software Engineer', 'Build services in a small team.');
    await job('Night Nurse', 'Care for patients on the ward.');
    // Published last, so the newest: recency alone would list it first.
    await job('Database Administrator', 'Backups, replication and tuning.');
    other = await t.createOrg('Zoo');
    await publishJob(t, other, { title: 'Zookeeper', description: 'Feed the animals.', skills: [] });
  });
  after(() => t.close());

  const titles = async (org: TestOrg, q: string) => {
    const res = await t.app.inject({ method: 'GET', url: `/v1/boards/${org.slug}/jobs?q=${encodeURIComponent(q)}` });
    assert.equal(res.statusCode, 200, res.body);
    return json<Page>(res).data.map((j) => j.title);
  };

  test('a word being typed finds the words it begins', async () => {
    assert.deepEqual(await titles(t.org, 'engin'), ['Senior Software Engineer']);
    assert.deepEqual(await titles(t.org, 'softw'), ['Senior Software Engineer']);
    assert.deepEqual(await titles(t.org, 'senior softw'), ['Senior Software Engineer'], 'the last word is the one being typed');
    assert.deepEqual(await titles(t.org, 'dashb'), ['Data Analyst'], 'descriptions too');
  });

  test('a misspelt word of 5 or more letters finds the word it was meant to be', async () => {
    assert.deepEqual(await titles(t.org, 'enginer'), ['Senior Software Engineer'], 'one letter missing');
    assert.deepEqual(await titles(t.org, 'sofware engineer'), ['Senior Software Engineer'], 'any word of the query');
    assert.deepEqual(await titles(t.org, 'nurze'), ['Night Nurse'], 'one letter changed');
    assert.deepEqual(await titles(t.org, 'replcaton'), ['Database Administrator'], 'two edits in a word of 8 or more letters');
    assert.deepEqual(await titles(t.org, 'nuse'), [], 'a word under 5 letters is not corrected');
  });

  test('jobs matching the words as typed come before those found through a completion', async () => {
    assert.deepEqual(await titles(t.org, 'data'), ['Data Analyst', 'Database Administrator']);
  });

  test('search syntax asks for exactly what it says', async () => {
    assert.deepEqual(await titles(t.org, '"softw"'), []);
    assert.deepEqual(await titles(t.org, 'data -analyst'), [], 'an exclusion is not widened to database');
  });

  test('a word a job gains when edited is completed and corrected at once', async () => {
    const job = await publishJob(t, t.org, { title: 'Gardener', description: 'Lawns.', skills: [] });
    assert.deepEqual(await titles(t.org, 'horticult'), []);
    const current = await t.app.inject({ method: 'GET', url: `/v1/jobs/${job.id}`, headers: t.org.auth });
    const edited = await t.app.inject({
      method: 'PATCH', url: `/v1/jobs/${job.id}`, headers: { ...t.org.auth, 'if-match': String(current.headers.etag) },
      payload: { description: 'Lawns and horticulture.' },
    });
    assert.equal(edited.statusCode, 200, edited.body);
    assert.deepEqual(await titles(t.org, 'horticult'), ['Gardener']);
    assert.deepEqual(await titles(t.org, 'horticultrue'), ['Gardener']);
  });

  test('completions come from the org\'s own jobs only', async () => {
    assert.deepEqual(await titles(t.org, 'zookee'), []);
    assert.deepEqual(await titles(other, 'zookee'), ['Zookeeper']);
  });
});
