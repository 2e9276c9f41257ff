import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { createEventLoopLoad } from '../../src/infra/load/event-loop-load.ts';

test('the event loop reads as busy after a window spent working, and as quiet after one spent waiting', async () => {
  const load = createEventLoopLoad({ busyAbove: 0.7, windowMs: 100 });
  const until = performance.now() + 150;
  while (performance.now() < until) { /* the loop works, as under a burst of requests */ }
  assert.equal(load.busy(), true);
  await sleep(150);
  assert.equal(load.busy(), false);
});
