import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { json, publishJob, startTestApp, type TestApp } from '../helpers/app.ts';

type FacetValue = { value: string; count: number };
type Facets = { counted: number; complete: boolean; location: FacetValue[]; workplace: FacetValue[]; employmentType: FacetValue[]; department: FacetValue[] };
type Page = { data: { title: string }[]; nextCursor: string | null; facets?: Facets };

describe('board search facets: open jobs per location, workplace, type and department for the current search', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp({ BOARD_CACHE_TTL_MS: '0' });
    const job = (title: string, fields: Record<string, unknown>) => publishJob(t, t.org, { title, description: 'A role.', skills: [], ...fields });
    await job('Backend Engineer', { locations: ['Berlin, Germany'], workplace: 'hybrid', employmentType: 'FULL_TIME', department: 'Engineering' });
    await job('Frontend Engineer', { locations: ['Munich, Germany'], workplace: 'remote', employmentType: 'FULL_TIME', department: 'engineering' });
    await job('Data Engineer', { locations: ['Pune, India'], workplace: 'remote', employmentType: 'CONTRACTOR', department: 'Data' });
    await job('Night Nurse', { locations: ['Leeds, United Kingdom'], workplace: 'onsite', employmentType: 'PART_TIME', department: 'Clinical' });
    const closed = await job('Closed Engineer', { locations: ['Berlin, Germany'], workplace: 'onsite', department: 'Engineering' });
    await t.app.inject({ method: 'POST', url: `/v1/jobs/${closed.id}/close`, headers: t.org.auth });
  });
  after(() => t.close());

  const search = async (query: string) => {
    const res = await t.app.inject({ method: 'GET', url: `/v1/boards/${t.org.slug}/jobs?facets=true&${query}` });
    assert.equal(res.statusCode, 200, res.body);
    return json<Page>(res);
  };
  const counts = (values: FacetValue[] | undefined) => Object.fromEntries((values ?? []).map(({ value, count }) => [value, count]));

  test('counts follow the words of the search, open jobs only', async () => {
    const { facets } = await search('q=engineer');
    assert.ok(facets);
    assert.equal(facets.counted, 3);
    assert.equal(facets.complete, true);
    // Location terms as the `location` filter takes them: the whole location and each of its parts.
    assert.deepEqual(counts(facets.location), { germany: 2, berlin: 1, 'berlin, germany': 1, munich: 1, 'munich, germany': 1, india: 1, pune: 1, 'pune, india': 1 });
    assert.deepEqual(counts(facets.workplace), { remote: 2, hybrid: 1 });
    assert.deepEqual(counts(facets.employmentType), { FULL_TIME: 2, CONTRACTOR: 1 });
    assert.equal(facets.department.length, 2, 'departments differing only in case are one');
    assert.equal(facets.department.find((d) => d.value.toLowerCase() === 'engineering')?.count, 2);
    assert.equal(facets.location[0]?.value, 'germany', 'most first');
  });

  test('counts follow the filters, and a facet value narrows the search to its count', async () => {
    const { facets } = await search('q=engineer&workplace=remote');
    assert.deepEqual(counts(facets?.location), { germany: 1, munich: 1, 'munich, germany': 1, india: 1, pune: 1, 'pune, india': 1 });
    assert.deepEqual(counts(facets?.workplace), { remote: 2 });
    const germany = await search('q=engineer&location=germany');
    assert.equal(germany.data.length, 2);
    assert.equal(germany.facets?.counted, 2);
  });

  test('a listing without words counts the whole board; a search matching nothing counts nothing', async () => {
    const all = await search('');
    assert.equal(all.facets?.counted, 4);
    assert.deepEqual(counts(all.facets?.workplace), { remote: 2, hybrid: 1, onsite: 1 });
    const none = await search('q=zyzzogeton');
    assert.deepEqual(none.facets, { counted: 0, complete: true, location: [], workplace: [], employmentType: [], department: [] });
  });

  test('facets come only when asked for', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/v1/boards/${t.org.slug}/jobs?q=engineer` });
    assert.equal(json<Page>(res).facets, undefined);
    assert.equal(json<Page>(res).data.length, 3);
  });

  test('later pages leave facets out; the first page\'s already counted every match', async () => {
    const first = await search('q=engineer&limit=1');
    assert.equal(first.facets?.counted, 3);
    assert.ok(first.nextCursor);
    const second = await search(`q=engineer&limit=1&cursor=${encodeURIComponent(first.nextCursor)}`);
    assert.equal(second.facets, undefined);
  });

  test('the OpenAPI document describes the facets', async () => {
    const spec = json<{ paths: Record<string, { get: { responses: Record<string, unknown> } }> }>(await t.app.inject({ method: 'GET', url: '/openapi.json' }));
    assert.match(JSON.stringify(spec.paths['/v1/boards/{orgSlug}/jobs']?.get.responses['200']), /facets/);
  });
});
