import assert from 'node:assert/strict';
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import { createDiskFileStore, InvalidFileKeyError, type FileStore } from '../../src/infra/files/file-store.ts';

/** Every file under dir, as paths relative to it. */
async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => path.relative(dir, path.join(e.parentPath, e.name))).sort();
}

describe('disk file store', () => {
  let parent: string;
  let root: string;
  let store: FileStore;

  before(async () => {
    parent = await mkdtemp(path.join(os.tmpdir(), 'hireline-store-test-'));
    root = path.join(parent, 'files');
    store = createDiskFileStore(root);
  });
  after(async () => {
    await rm(parent, { recursive: true, force: true });
  });

  test('gives back the bytes it was given, under the key, and nothing else is left on disk', async () => {
    const bytes = new Uint8Array([0, 1, 2, 250, 255]);
    await store.put('org_a/att_1', bytes);
    assert.deepEqual(await store.get('org_a/att_1'), bytes);
    assert.deepEqual(await filesUnder(root), [path.join('org_a', 'att_1')]);
  });

  test('keeps the bytes private to the service account', async () => {
    await store.put('org_a/att_private', new Uint8Array([7]));
    assert.equal((await stat(path.join(root, 'org_a', 'att_private'))).mode & 0o077, 0);
  });

  test('answers null for a key that holds nothing', async () => {
    assert.equal(await store.get('org_a/att_never'), null);
  });

  test('replaces the bytes of a key written twice', async () => {
    await store.put('org_b/att_2', new Uint8Array([1, 1, 1, 1]));
    await store.put('org_b/att_2', new Uint8Array([9]));
    assert.deepEqual(await store.get('org_b/att_2'), new Uint8Array([9]));
  });

  test('leaves one whole version when the same key is written concurrently', async () => {
    const versions = Array.from({ length: 8 }, (_, i) => new Uint8Array(64 * 1024).fill(i));
    await Promise.all(versions.map((v) => store.put('org_c/att_race', v)));
    const stored = await store.get('org_c/att_race');
    assert.ok(stored && versions.some((v) => Buffer.from(v).equals(Buffer.from(stored))));
    assert.deepEqual(await filesUnder(path.join(root, 'org_c')), ['att_race']);
  });

  test('a burst of puts into one directory all land whole (they share directory syncs)', async () => {
    const keys = Array.from({ length: 60 }, (_, i) => `org_burst/att_${i}`);
    await Promise.all(keys.map((key, i) => store.put(key, new Uint8Array([i, i, i]))));
    const back = await Promise.all(keys.map((key) => store.get(key)));
    assert.deepEqual(back.map((bytes) => [...(bytes ?? [])]), keys.map((_, i) => [i, i, i]));
    assert.deepEqual(await readdir(path.join(root, 'org_burst')), keys.map((key) => key.split('/')[1]).sort());
  });

  test('a directory removed by hand after a put is made again by the next put', async () => {
    await store.put('org_gone/att_1', new Uint8Array([1]));
    await rm(path.join(root, 'org_gone'), { recursive: true });
    await store.put('org_gone/att_2', new Uint8Array([2]));
    assert.deepEqual([...(await store.get('org_gone/att_2')) ?? []], [2]);
  });

  test('deletes, and deleting again is not an error', async () => {
    await store.put('org_d/att_3', new Uint8Array([3]));
    await store.delete('org_d/att_3');
    await store.delete('org_d/att_3');
    assert.equal(await store.get('org_d/att_3'), null);
  });

  test('refuses keys that could reach outside its root, touching nothing', async () => {
    const hostile = ['../escape', 'org/../../escape', '/etc/passwd', 'org\\..\\escape', 'org/att\0x', '', 'org//att', '.hidden', 'org/.', 'org/..', 'C:/x', `${'a'.repeat(201)}`];
    for (const key of hostile) {
      await assert.rejects(store.put(key, new Uint8Array([1])), InvalidFileKeyError, `put ${JSON.stringify(key)}`);
      await assert.rejects(store.get(key), InvalidFileKeyError, `get ${JSON.stringify(key)}`);
      await assert.rejects(store.delete(key), InvalidFileKeyError, `delete ${JSON.stringify(key)}`);
    }
    assert.deepEqual((await readdir(parent)).sort(), ['files']);
  });

  test('any key is either refused or stored inside the root', async () => {
    const segment = fc.oneof(fc.constantFrom('..', '.', '', 'a', 'org_x', 'att_y', '\\', '\0', 'C:'), fc.string({ maxLength: 12 }));
    let run = 0;
    await fc.assert(fc.asyncProperty(fc.array(segment, { minLength: 1, maxLength: 4 }).map((parts) => parts.join('/')), async (key) => {
      // A root per run: on disk "a" and "a/b" cannot both be files, which is no concern of this property.
      const runRoot = path.join(parent, 'property', `run${++run}`);
      const runStore = createDiskFileStore(runRoot);
      try {
        await runStore.put(key, new Uint8Array([42]));
      } catch (err) {
        assert.ok(err instanceof InvalidFileKeyError, String(err));
        return;
      }
      assert.deepEqual(await runStore.get(key), new Uint8Array([42]));
      assert.deepEqual(await filesUnder(runRoot), [path.normalize(key)]);
      await runStore.delete(key);
    }), { numRuns: 300 });
    const outside = (await filesUnder(parent)).filter((f) => !f.startsWith(`files${path.sep}`));
    assert.deepEqual(outside, []);
  });
});
