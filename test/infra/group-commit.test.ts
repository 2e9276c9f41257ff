import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createGroupCommit } from '../../src/infra/db/group-commit.ts';

/** A write whose groups are recorded and which finishes only when the test lets it. */
function heldWrites(answer: (item: string) => string | Error = (item) => item.toUpperCase()) {
  const groups: string[][] = [];
  const releases: (() => void)[] = [];
  let failNextGroup = false;
  const write = async (_group: string, items: readonly string[]) => {
    groups.push([...items]);
    await new Promise<void>((resolve) => releases.push(resolve));
    if (failNextGroup && items.length > 1) {
      failNextGroup = false;
      throw new Error('the group failed');
    }
    return items.map(answer);
  };
  const releaseAll = async () => {
    while (releases.length > 0) {
      releases.splice(0).forEach((release) => release());
      await new Promise((resolve) => setImmediate(resolve));
    }
  };
  return { groups, write, releaseAll, failNext: () => { failNextGroup = true; } };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('group commit', () => {
  test('a lone write goes at once; writes arriving while it runs are written together, in order', async () => {
    const held = heldWrites();
    const commit = createGroupCommit<string, string>({ maxItems: 10, maxInFlight: 1, keyOf: (item) => item, write: held.write });
    const first = commit.submit('org', 'a');
    await tick();
    assert.deepEqual(held.groups, [['a']], 'the first write did not wait for company');
    const rest = ['b', 'c', 'd'].map((item) => commit.submit('org', item));
    await tick();
    assert.equal(held.groups.length, 1, 'the others wait while the first is written');
    await held.releaseAll();
    assert.deepEqual(await Promise.all([first, ...rest]), ['A', 'B', 'C', 'D']);
    assert.deepEqual(held.groups, [['a'], ['b', 'c', 'd']]);
  });

  test('a group holds at most maxItems, never two items with one key, and groups of different keys do not wait for each other', async () => {
    const held = heldWrites();
    const commit = createGroupCommit<string, string>({ maxItems: 2, maxInFlight: 1, keyOf: (item) => item.slice(0, 1), write: held.write });
    const writes = [commit.submit('org', 'x0'), commit.submit('other-org', 'y0'), ...['a1', 'a2', 'b1', 'c1'].map((item) => commit.submit('org', item))];
    await tick();
    assert.deepEqual(held.groups, [['x0'], ['y0']], 'each group key has its own writer');
    await held.releaseAll();
    await Promise.all(writes);
    // a2 shares a1's key: it waits for the next group even though there is room.
    assert.deepEqual(held.groups.slice(2), [['a1', 'b1'], ['a2', 'c1']]);
  });

  test('an item\'s own error rejects it alone; a group that throws is written again item by item', async () => {
    const held = heldWrites((item) => (item === 'bad' ? new Error('bad item') : item.toUpperCase()));
    const commit = createGroupCommit<string, string>({ maxItems: 10, maxInFlight: 1, keyOf: (item) => item, write: held.write });
    const first = commit.submit('org', 'first');
    await tick();
    const grouped = ['p', 'bad', 'q'].map((item) => commit.submit('org', item));
    held.failNext();
    const settled = Promise.allSettled([first, ...grouped]);
    await held.releaseAll();
    const outcomes = await settled;
    assert.deepEqual(outcomes.map((o) => (o.status === 'fulfilled' ? o.value : (o.reason as Error).message)), ['FIRST', 'P', 'bad item', 'Q']);
    assert.deepEqual(held.groups, [['first'], ['p', 'bad', 'q'], ['p'], ['bad'], ['q']], 'after the group failed, each item was written alone');
  });

  test('a lone item whose write throws gets that error, and the commit goes on serving', async () => {
    const commit = createGroupCommit<string, string>({
      maxItems: 10, maxInFlight: 2, keyOf: (item) => item,
      write: async (_group, items) => {
        if (items.includes('boom')) throw new Error('database gone');
        return items.map((item) => item.toUpperCase());
      },
    });
    await assert.rejects(commit.submit('org', 'boom'), /database gone/);
    assert.equal(await commit.submit('org', 'fine'), 'FINE');
  });
});
