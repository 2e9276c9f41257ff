import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createJob, publishJob, startTestApp, type TestApp, type TestOrg } from '../helpers/app.ts';
import { htmlOf, jobIdsOn, jsonLdOf } from './careers.helpers.ts';

describe('careers pages', () => {
  let t: TestApp;
  let org: TestOrg;
  const jobs: Record<string, { id: string }> = {};

  before(async () => {
    t = await startTestApp();
    org = t.org;
    jobs.berlin = await publishJob(t, org, { title: 'Backend Engineer', locations: ['Berlin, Germany'], workplace: 'hybrid', department: 'Engineering' });
    jobs.remote = await publishJob(t, org, {
      title: 'Remote Designer', locations: ['Portugal'], workplace: 'remote', department: 'Design', employmentType: 'PART_TIME',
      description: 'Design **things**. [Portfolio](https://example.test/p) and [bad](javascript:alert(1)) links. ![A tracking pixel](https://tracker.example/p.png)',
    });
    jobs.paris = await publishJob(t, org, { title: 'Sales Lead', locations: ['Paris, France'], workplace: 'onsite', department: 'Sales', salary: null });
  });
  after(async () => t.close());

  const get = (url: string) => t.app.inject({ url });

  test('the results page lists open jobs as light, self-contained HTML that needs no script', async () => {
    const res = await get(`/careers/${org.slug}`);
    assert.equal(res.statusCode, 200);
    const page = htmlOf(res);
    assert.match(page, /^<!doctype html>\n<html lang="en">/);
    assert.match(page, /<title>Jobs at Acme<\/title>/);
    assert.match(page, /<a class="skip" href="#main">/);
    assert.match(page, new RegExp(`<link rel="alternate" type="application/rss\\+xml" title="Jobs at Acme" href="/careers/${org.slug}/feed.xml">`));
    assert.deepEqual(new Set(jobIdsOn(page, org)), new Set([jobs.berlin?.id, jobs.remote?.id, jobs.paris?.id]));
    assert.doesNotMatch(page, /<script(?! type="application\/ld\+json")/, 'no script runs on the page');
    assert.doesNotMatch(page, /(src|href)="(https?:)?\/\/(?!jobs\.example\.test)/, 'nothing loads from another host');
    for (const label of ['Keywords', 'Location', 'Workplace', 'Employment type', 'Department']) assert.match(page, new RegExp(`<label for="f-[a-zA-Z]+">${label}</label>`));
    const csp = String(res.headers['content-security-policy']);
    assert.match(csp, /default-src 'none'/);
    assert.doesNotMatch(csp, /script-src/);
    assert.match(String(res.headers['cache-control']), /^public/);
    assert.ok(res.headers.etag);

    const cssUrl = /<link rel="stylesheet" href="([^"]+)">/.exec(page)?.[1];
    assert.ok(cssUrl?.startsWith(`/careers/${org.slug}/style.css?v=`));
    const css = await get(cssUrl ?? '');
    assert.equal(css.statusCode, 200);
    assert.match(String(css.headers['content-type']), /^text\/css/);
    assert.match(String(css.headers['cache-control']), /immutable/);
    assert.match(css.body, /:focus-visible\{outline:3px solid/);
    assert.ok(Buffer.byteLength(page) + Buffer.byteLength(css.body) < 50 * 1024, `HTML + CSS is ${Buffer.byteLength(page) + Buffer.byteLength(css.body)} bytes`);
    assert.equal((await t.app.inject({ url: `/careers/${org.slug}`, headers: { 'if-none-match': String(res.headers.etag) } })).statusCode, 304);
  });

  test('the search form filters by keywords, location, workplace, employment type and department; empty fields mean any', async () => {
    const ids = async (query: string) => jobIdsOn(htmlOf(await get(`/careers/${org.slug}?${query}`)), org);
    assert.equal((await ids('q=&location=&workplace=&employmentType=&department=')).length, 3, 'an untouched form lists everything');
    assert.deepEqual(await ids('q=designer&location=&workplace=&employmentType=&department='), [jobs.remote?.id]);
    assert.deepEqual(await ids('location=Berlin'), [jobs.berlin?.id]);
    assert.deepEqual(await ids('workplace=remote'), [jobs.remote?.id]);
    assert.deepEqual(await ids('employmentType=PART_TIME'), [jobs.remote?.id]);
    assert.deepEqual(await ids('department=sales'), [jobs.paris?.id]);
    const none = htmlOf(await get(`/careers/${org.slug}?q=zzzzunmatched`));
    assert.match(none, /No open jobs match your search/);
    assert.match(none, /<input type="search" id="f-q" name="q" value="zzzzunmatched"/, 'the form shows what was searched');
    const selected = htmlOf(await get(`/careers/${org.slug}?workplace=remote`));
    assert.match(selected, /<option value="remote" selected>Remote<\/option>/);
    const bad = await get(`/careers/${org.slug}?workplace=moon`);
    assert.equal(bad.statusCode, 400);
    assert.match(htmlOf(bad), /could not be shown/);
    const badCursor = await get(`/careers/${org.slug}?cursor=nonsense`);
    assert.equal(badCursor.statusCode, 400);
    htmlOf(badCursor);
  });

  test('results are paged with the board\'s cursor, the filters kept on the next page', async () => {
    const other = await t.createOrg('Pager');
    for (let i = 0; i < 23; i++) await publishJob(t, other, { title: `Engineer ${i}`, workplace: 'remote' });
    await publishJob(t, other, { title: 'Office job', workplace: 'onsite' });
    const first = htmlOf(await get(`/careers/${other.slug}?workplace=remote`));
    const firstIds = jobIdsOn(first, other);
    assert.equal(firstIds.length, 20);
    const css = (await get(/<link rel="stylesheet" href="([^"]+)">/.exec(first)?.[1] ?? '')).body;
    assert.ok(Buffer.byteLength(first) + Buffer.byteLength(css) < 50 * 1024, 'a full page of results with its stylesheet stays under 50 KB');
    const next = /<a href="([^"]+)" rel="next">Next page<\/a>/.exec(first)?.[1]?.replaceAll('&amp;', '&');
    assert.ok(next?.includes('workplace=remote') && next.includes('cursor='), next);
    const second = htmlOf(await get(next ?? ''));
    const secondIds = jobIdsOn(second, other);
    assert.equal(secondIds.length, 3);
    assert.equal(new Set([...firstIds, ...secondIds]).size, 23);
    assert.doesNotMatch(second, /rel="next"/);
    assert.match(second, />First page<\/a>/);
  });

  test('the job page shows description, pay and location, with JSON-LD that parses and matches the job', async () => {
    const res = await get(`/careers/${org.slug}/jobs/${jobs.berlin?.id}`);
    assert.equal(res.statusCode, 200);
    const page = htmlOf(res);
    assert.match(page, /<h1 id="job-title">Backend Engineer<\/h1>/);
    assert.match(page, /€60,000–€80,000 per year/);
    assert.match(page, /Berlin, Germany · Hybrid/);
    assert.match(page, /<strong>Node.js<\/strong>/);
    const [ld, ...rest]: (Record<string, unknown> | undefined)[] = jsonLdOf(page);
    assert.equal(rest.length, 0);
    assert.equal(ld?.['@type'], 'JobPosting');
    assert.equal(ld?.title, 'Backend Engineer');
    const api = (await get(`/v1/boards/${org.slug}/jobs/${jobs.berlin?.id}`)).json<{ jsonLd: Record<string, unknown> }>().jsonLd;
    assert.deepEqual(ld, { ...api, url: `https://jobs.example.test/careers/${org.slug}/jobs/${jobs.berlin?.id}`, directApply: true });
  });

  test('values that look like markup stay text, in the page and in the JSON-LD, and description links keep only web schemes (images their alt text)', async () => {
    const title = 'Lead </script><script>alert(1)</script> & "Co" <b>';
    const job = await publishJob(t, org, { title });
    const page = htmlOf(await get(`/careers/${org.slug}/jobs/${job.id}`));
    assert.doesNotMatch(page, /<script>alert/);
    assert.match(page, /<h1 id="job-title">Lead &lt;\/script&gt;&lt;script&gt;alert\(1\)&lt;\/script&gt; &amp; &quot;Co&quot; &lt;b&gt;<\/h1>/);
    assert.equal(jsonLdOf(page)[0]?.title, title);
    const remote = htmlOf(await get(`/careers/${org.slug}/jobs/${jobs.remote?.id}`));
    assert.match(remote, /<a href="https:\/\/example.test\/p" rel="nofollow noopener">Portfolio<\/a>/);
    assert.match(remote, /and bad links/);
    assert.doesNotMatch(remote, /javascript:/, 'neither the page nor its JSON-LD keeps a script link');
    assert.doesNotMatch(remote, /tracker\.example/, 'an image stays its alt text: the page requests nothing from another host');
    assert.match(remote, /A tracking pixel/);
  });

  test('an unknown org, an unknown or draft job, and unknown careers paths are HTML 404 pages; a closed job says so', async () => {
    for (const url of [`/careers/no-such-org`, `/careers/no-such-org/jobs/job_x`, `/careers/${org.slug}/jobs/job_unknown`, `/careers/${org.slug}/nothing/here`]) {
      const res = await get(url);
      assert.equal(res.statusCode, 404, url);
      assert.match(htmlOf(res), /<h1>(Page|Job) not found<\/h1>/, url);
    }
    const draft = await createJob(t, org, { title: 'Secret draft' });
    const res = await get(`/careers/${org.slug}/jobs/${draft.id}`);
    assert.equal(res.statusCode, 404);
    assert.doesNotMatch(htmlOf(res), /Secret draft/);
    const closed = await publishJob(t, org, { title: 'Filled role' });
    await t.app.inject({ method: 'POST', url: `/v1/jobs/${closed.id}/close`, headers: org.auth });
    const gone = await get(`/careers/${org.slug}/jobs/${closed.id}`);
    assert.equal(gone.statusCode, 410);
    assert.match(htmlOf(gone), /This job is closed/);
    const api = await get(`/v1/boards/no-such-org/jobs`);
    assert.equal(api.statusCode, 404);
    assert.match(String(api.headers['content-type']), /^application\/problem\+json/, 'the API keeps problem+json');
  });

  test('sitemap.xml lists the open jobs, robots.txt points at it, and the feed links to the careers pages', async () => {
    const sitemap = await get(`/careers/${org.slug}/sitemap.xml`);
    assert.equal(sitemap.statusCode, 200);
    assert.match(String(sitemap.headers['content-type']), /^application\/xml/);
    assert.match(sitemap.body, /<urlset xmlns="http:\/\/www.sitemaps.org\/schemas\/sitemap\/0.9">/);
    for (const job of Object.values(jobs)) assert.match(sitemap.body, new RegExp(`<loc>https://jobs.example.test/careers/${org.slug}/jobs/${job.id}</loc><lastmod>`));
    const robots = await get(`/careers/${org.slug}/robots.txt`);
    assert.equal(robots.statusCode, 200);
    assert.match(robots.body, new RegExp(`^Sitemap: https://jobs.example.test/careers/${org.slug}/sitemap.xml$`, 'm'));
    assert.match(robots.body, /^User-agent: \*$/m);
    const feed = await get(`/careers/${org.slug}/feed.xml`);
    assert.equal(feed.statusCode, 200);
    assert.match(String(feed.headers['content-type']), /^application\/rss\+xml/);
    assert.match(feed.body, new RegExp(`<link>https://jobs.example.test/careers/${org.slug}/jobs/${jobs.berlin?.id}</link>`));
    assert.equal((await get('/careers/no-such-org/sitemap.xml')).statusCode, 404);
  });
});
