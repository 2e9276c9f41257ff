import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { FastifyPluginAsync } from 'fastify';
import { pino } from 'pino';
import { buildApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { problem } from '../helpers/app.ts';

// How the drivers report a statement_timeout: a query error wrapping the server's SQLSTATE 57014.
const timeout = () => new Error('Failed query: select ...', { cause: Object.assign(new Error('canceling statement due to statement timeout'), { code: '57014' }) });

// A deadlock, as PostgreSQL reports it to the transaction it rolled back.
const deadlock = () => new Error('Failed query: update ...', { cause: Object.assign(new Error('deadlock detected'), { code: '40P01' }) });

test('a database timeout or deadlock is a 503 problem that invites a retry, not a 500', async () => {
  const routes: FastifyPluginAsync = async (app) => {
    app.get('/slow', { config: { access: { public: true } } }, async () => {
      throw timeout();
    });
    app.get('/deadlock', { config: { access: { public: true } } }, async () => {
      throw deadlock();
    });
    app.get('/bug', { config: { access: { public: true } } }, async () => {
      throw new TypeError('undefined is not a function');
    });
  };
  const app = await buildApp({ config: loadConfig({}), version: 'test', routes: [routes], authenticate: async () => null, logger: pino({ level: 'silent' }) });
  try {
    const slow = await app.inject({ method: 'GET', url: '/slow' });
    problem(slow, 503, 'service-unavailable');
    assert.equal(slow.headers['retry-after'], '1');
    assert.doesNotMatch(slow.body, /Failed query|select/);
    const locked = await app.inject({ method: 'GET', url: '/deadlock' });
    problem(locked, 503, 'service-unavailable');
    assert.equal(locked.headers['retry-after'], '1');
    assert.doesNotMatch(locked.body, /deadlock detected|update/);
    const bug = await app.inject({ method: 'GET', url: '/bug' });
    problem(bug, 500, 'internal-error');
    assert.doesNotMatch(bug.body, /undefined is not a function/);
  } finally {
    await app.close();
  }
});
