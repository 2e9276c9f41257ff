import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { createIdempotencyStore, idempotencyKeys, requestHash } from '../../src/infra/idempotency/index.ts';
import { startTestApp, type TestApp } from '../helpers/app.ts';

describe('idempotency keys', () => {
  let t: TestApp;
  const store = createIdempotencyStore();
  before(async () => {
    t = await startTestApp();
  });
  after(() => t.close());

  test('a request hash ignores the order of fields but not their values', () => {
    assert.equal(requestHash({ a: 1, b: { c: [1, 2], d: 'x' } }), requestHash({ b: { d: 'x', c: [1, 2] }, a: 1 }));
    assert.notEqual(requestHash({ a: 1 }), requestHash({ a: '1' }));
    assert.notEqual(requestHash({ list: [1, 2] }), requestHash({ list: [2, 1] }));
    assert.equal(requestHash({ a: 1, gone: undefined }), requestHash({ a: 1 }));
  });

  test('claim is new once, then replays the stored answer; another hash with the key is a mismatch', async () => {
    const { id: orgId } = t.org;
    const first = await t.container.database.tenant(orgId, async (tx) => {
      const claim = await store.claim(tx, orgId, 'apply:job_a', 'key-1', 'hash-1');
      await store.complete(tx, orgId, 'apply:job_a', 'key-1', 201, { applicationId: 'app_1' });
      return claim;
    });
    assert.deepEqual(first, { state: 'new' });
    const again = await t.container.database.tenant(orgId, (tx) => store.claim(tx, orgId, 'apply:job_a', 'key-1', 'hash-1'));
    assert.deepEqual(again, { state: 'replay', statusCode: 201, response: { applicationId: 'app_1' } });
    const other = await t.container.database.tenant(orgId, (tx) => store.claim(tx, orgId, 'apply:job_a', 'key-1', 'hash-2'));
    assert.deepEqual(other, { state: 'mismatch' });
    const elsewhere = await t.container.database.tenant(orgId, (tx) => store.claim(tx, orgId, 'apply:job_b', 'key-1', 'hash-2'));
    assert.deepEqual(elsewhere, { state: 'new' }, 'a key is unique per scope');
  });

  test('a claim whose transaction rolls back leaves the key free', async () => {
    const { id: orgId } = t.org;
    await assert.rejects(t.container.database.tenant(orgId, async (tx) => {
      await store.claim(tx, orgId, 'apply:job_c', 'key-2', 'hash-1');
      throw new Error('the work failed');
    }), /the work failed/);
    const retry = await t.container.database.tenant(orgId, (tx) => store.claim(tx, orgId, 'apply:job_c', 'key-2', 'hash-1'));
    assert.deepEqual(retry, { state: 'new' });
  });

  test('the sweep deletes keys older than its cut-off in batches and keeps newer ones', async () => {
    const other = await t.createOrg('Sweepers');
    const old = new Date(Date.now() - 2 * 24 * 3600_000);
    await t.container.database.unscopedTransaction(async (tx) => {
      await tx.insert(idempotencyKeys).values(Array.from({ length: 5 }, (_, i) => ({ orgId: i % 2 ? t.org.id : other.id, scope: 'apply:old', key: `old-${i}`, requestHash: 'h', createdAt: old })));
      await tx.insert(idempotencyKeys).values({ orgId: other.id, scope: 'apply:new', key: 'fresh', requestHash: 'h' });
    });
    const cutoff = new Date(Date.now() - 24 * 3600_000);
    const first = await t.container.database.unscopedTransaction((tx) => store.sweep(tx, cutoff, 3));
    const second = await t.container.database.unscopedTransaction((tx) => store.sweep(tx, cutoff, 3));
    assert.deepEqual([first, second], [3, 2]);
    const left = await t.container.database.unscopedTransaction((tx) => tx.select({ key: idempotencyKeys.key }).from(idempotencyKeys).where(eq(idempotencyKeys.scope, 'apply:new')));
    assert.deepEqual(left, [{ key: 'fresh' }]);
  });

  test('the recruiting.idempotency-sweep task is registered', () => {
    assert.ok(t.container.tasks.some((task) => task.name === 'recruiting.idempotency-sweep'));
  });
});
