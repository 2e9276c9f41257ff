import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { buildApp } from '../../src/app.ts';
import { consoleContentSecurityPolicy, consoleRoutes } from '../../src/http/console.routes.ts';

/** The app with only the console's routes, over a build directory the test writes (or leaves empty). */
async function appServing(buildDir: string): Promise<FastifyInstance> {
  return buildApp({
    config: { bodyLimitBytes: 1_048_576, corsOrigins: [] }, version: 'test', routes: [consoleRoutes({ buildDir })],
    authenticate: async () => null, logger: pino({ level: 'silent' }),
  });
}

describe('the recruiter console at /app', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'hireline-console-'));
  const built = path.join(dir, 'built');
  const empty = path.join(dir, 'empty');
  const index = '<!doctype html><title>Hireline</title><script type="module" src="/app/assets/index-abc123.js"></script>';
  let app: FastifyInstance;
  let unbuilt: FastifyInstance;

  before(async () => {
    mkdirSync(path.join(built, 'assets'), { recursive: true });
    mkdirSync(empty);
    writeFileSync(path.join(built, 'index.html'), index);
    writeFileSync(path.join(built, 'assets', 'index-abc123.js'), 'console.log("hi")');
    writeFileSync(path.join(built, 'assets', 'index-abc123.css'), 'body{}');
    app = await appServing(built);
    unbuilt = await appServing(empty);
  });
  after(async () => {
    await app?.close();
    await unbuilt?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('every path under /app answers the page, so a reload or a shared link opens the right screen', async () => {
    for (const url of ['/app', '/app/', '/app/jobs', '/app/jobs/job_123', '/app/candidates/cand_1?tab=notes']) {
      const res = await app.inject({ url });
      assert.equal(res.statusCode, 200, url);
      assert.equal(res.body, index, url);
      assert.equal(res.headers['content-type'], 'text/html; charset=utf-8');
      assert.equal(res.headers['cache-control'], 'no-cache');
    }
  });

  test('the page may run only this server\'s scripts and styles and talk only to this server', async () => {
    const res = await app.inject({ url: '/app/jobs' });
    const policy = String(res.headers['content-security-policy']);
    assert.equal(policy, consoleContentSecurityPolicy);
    for (const directive of ["script-src 'self'", "style-src 'self'", "connect-src 'self'", "frame-ancestors 'none'", "object-src 'none'"]) {
      assert.ok(policy.split('; ').includes(directive), directive);
    }
    assert.doesNotMatch(policy, /unsafe-inline|unsafe-eval|https?:/);
  });

  test('built files are served with their type and cached for good (their names change with their content)', async () => {
    const script = await app.inject({ url: '/app/assets/index-abc123.js' });
    assert.equal(script.statusCode, 200);
    assert.equal(script.headers['content-type'], 'text/javascript; charset=utf-8');
    assert.equal(script.headers['cache-control'], 'public, max-age=31536000, immutable');
    assert.equal(script.body, 'console.log("hi")');
    const style = await app.inject({ url: '/app/assets/index-abc123.css' });
    assert.equal(style.headers['content-type'], 'text/css; charset=utf-8');
  });

  test('a file the build does not have is a 404 problem, not the page', async () => {
    for (const url of ['/app/assets/missing.js', '/app/assets/..%2Findex.html', '/app/assets/%2e%2e%2f%2e%2e%2fpackage.json']) {
      const res = await app.inject({ url });
      assert.equal(res.statusCode, 404, url);
      assert.equal(res.headers['content-type'], 'application/problem+json; charset=utf-8', url);
    }
  });

  test('without a build, /app says how to make one', async () => {
    const res = await unbuilt.inject({ url: '/app/jobs' });
    assert.equal(res.statusCode, 503);
    assert.equal(res.headers['content-type'], 'application/problem+json; charset=utf-8');
    assert.match(res.json<{ detail: string }>().detail, /not built: run `npm run build:web`/);
  });
});
