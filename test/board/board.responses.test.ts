import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { Page } from '../../src/http/schemas.ts';
import { makeAjv } from '../../src/http/validation.ts';
import { BoardJobSchema, BoardJobSummarySchema } from '../../src/modules/jobs/board/board.schemas.ts';
import { json, problem, publishJob, startTestApp, type TestApp } from '../helpers/app.ts';

type SearchPage = { data: { id: string }[]; nextCursor: string | null };

describe('board responses are the route\'s: its schema, its media type, an ETag of the bytes sent', () => {
  let t: TestApp;
  let jobId = '';
  before(async () => {
    t = await startTestApp();
    for (let i = 0; i < 3; i++) jobId = (await publishJob(t, t.org, { title: `Platform Engineer ${i}`, validThrough: new Date(Date.now() + 86_400_000).toISOString() })).id;
  });
  after(() => t.close());

  const get = (path: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url: `/v1/boards/${t.org.slug}${path}`, headers });
  const ajv = makeAjv(false);

  /** The headers every public answer carries, with a strong ETag that is the SHA-1 of exactly the bytes sent. */
  function assertPublic(res: Awaited<ReturnType<typeof get>>, contentType: string): void {
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['content-type'], contentType);
    assert.equal(res.headers['cache-control'], 'public, max-age=30, stale-while-revalidate=60');
    assert.equal(res.headers.etag, `"${createHash('sha1').update(res.rawPayload).digest('base64url')}"`);
  }

  test('search and job detail match their documented 200 schemas, and a repeat is the same bytes', async () => {
    const search = await get('/jobs?q=engineer&limit=2');
    assertPublic(search, 'application/json; charset=utf-8');
    const validPage = ajv.compile(Page(BoardJobSummarySchema));
    assert.ok(validPage(search.json()), JSON.stringify(validPage.errors));
    const again = await get('/jobs?q=engineer&limit=2');
    assert.equal(again.body, search.body);
    assert.equal(again.headers.etag, search.headers.etag);
    assert.equal((await get('/jobs?q=engineer&limit=2', { 'if-none-match': String(search.headers.etag) })).statusCode, 304);

    const detail = await get(`/jobs/${jobId}`);
    assertPublic(detail, 'application/json; charset=utf-8');
    const validJob = ajv.compile(BoardJobSchema);
    assert.ok(validJob(detail.json()), JSON.stringify(validJob.errors));
    assert.equal(detail.json<{ jsonLd: { '@type': string } }>().jsonLd['@type'], 'JobPosting');
  });

  test('the feed stays RSS with the same caching headers', async () => {
    const feed = await get('/feed.xml');
    assertPublic(feed, 'application/rss+xml; charset=utf-8');
    assert.match(feed.body, /^<\?xml version="1.0" encoding="UTF-8"\?>\n<rss version="2.0"/);
    assert.equal((feed.body.match(/<item>/g) ?? []).length, 3);
  });

  test('a cursor continues only the kind of listing that issued it, both ways', async () => {
    const recent = json<SearchPage>(await get('/jobs?limit=1'));
    const ranked = json<SearchPage>(await get('/jobs?q=engineer&limit=1'));
    assert.ok(recent.nextCursor && ranked.nextCursor);
    problem(await get(`/jobs?q=engineer&cursor=${recent.nextCursor}`), 400, 'invalid-cursor');
    problem(await get(`/jobs?cursor=${ranked.nextCursor}`), 400, 'invalid-cursor');
    problem(await get(`/jobs?q=%20%20&cursor=${ranked.nextCursor}`), 400, 'invalid-cursor');
    const next = json<SearchPage>(await get(`/jobs?q=engineer&limit=1&cursor=${ranked.nextCursor}`));
    assert.equal(next.data.length, 1);
    assert.notEqual(next.data[0]?.id, ranked.data[0]?.id);
  });
});
