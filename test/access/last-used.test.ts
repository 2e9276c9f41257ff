import assert from 'node:assert/strict';
import { test } from 'node:test';
import { throttleLastUsed } from '../../src/modules/access/index.ts';

const at = (ms: number) => new Date(Date.UTC(2030, 0, 1) + ms);

function recorder() {
  const writes: string[] = [];
  return { writes, write: async (id: string) => void writes.push(id) };
}

test('last-used writes are throttled per credential', () => {
  const { writes, write } = recorder();
  const touch = throttleLastUsed(write, { intervalMs: 60_000 });
  touch('a', at(0));
  touch('a', at(30_000));
  touch('b', at(30_000));
  touch('a', at(60_000));
  assert.deepEqual(writes, ['a', 'b'], 'within the interval a credential is written once');
  touch('a', at(60_001));
  assert.deepEqual(writes, ['a', 'b', 'a'], 'after the interval it is written again');
});

test('the throttle stays bounded after many distinct credentials, and still throttles the recent ones', () => {
  const { writes, write } = recorder();
  const touch = throttleLastUsed(write, { intervalMs: 60_000, maxTracked: 1_000 });
  for (let i = 0; i < 50_000; i++) touch(`key${i}`, at(i));
  assert.equal(writes.length, 50_000);
  assert.equal(touch.tracked, 1_000, 'at the cap, not one entry per credential ever seen');
  touch('key49999', at(50_000));
  assert.equal(writes.length, 50_000, 'a recent credential is still throttled');
  touch('key0', at(50_000));
  assert.equal(writes.length, 50_001, 'the oldest was forgotten: one early write is the price');
});

test('entries older than the interval are dropped, not kept until the cap', () => {
  const { write } = recorder();
  const touch = throttleLastUsed(write, { intervalMs: 60_000 });
  for (let i = 0; i < 100; i++) touch(`key${i}`, at(i));
  touch('late', at(10 * 60_000));
  assert.equal(touch.tracked, 1);
});

test('a failed write is forgotten, so the next use tries again', async () => {
  let attempts = 0;
  const touch = throttleLastUsed(async () => {
    attempts++;
    throw new Error('database away');
  });
  touch('a', at(0));
  await new Promise((resolve) => setImmediate(resolve));
  touch('a', at(1));
  assert.equal(attempts, 2);
});
