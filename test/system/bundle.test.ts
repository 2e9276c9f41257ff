import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, statSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { profile } from '../helpers/database.ts';
import { startServe } from '../helpers/processes.ts';

// The bundle bin/hireline.js (and so `npm start` and the image) runs instead of the sources through tsx.
const bundle = fileURLToPath(new URL('../../dist/server/hireline.mjs', import.meta.url));
const dataDir = mkdtempSync(join(tmpdir(), 'hireline-bundle-'));
after(() => rmSync(dataDir, { recursive: true, force: true }));

test('a bundle older than a source file is rebuilt before it runs', async () => {
  const { serverBundle } = await import('../../scripts/server-bundle.mjs');
  assert.ok(await serverBundle());
  const past = new Date(Date.now() - 3_600_000);
  utimesSync(bundle, past, past);
  assert.equal(await serverBundle(), new URL(`file://${bundle}`).href);
  assert.ok(statSync(bundle).mtimeMs > past.getTime() + 60_000, 'rebuilt');
});

test('npm start (bin/hireline.js) serves from the bundle: migrations, data files read at load (email templates, careers CSS), the console and the PGlite thread are found', { skip: profile === 'postgres' && 'embedded profile' }, async (t) => {
  const server = await startServe({ DATA_DIR: join(dataDir, 'serve'), SEED_DEMO: 'false' }, (fn) => t.after(fn), ['bin/hireline.js']);
  assert.doesNotMatch(server.output(), /through tsx/, 'ran the bundle, not the fallback');
  const ready = await fetch(`${server.url}/ready`);
  assert.equal(ready.status, 200, await ready.text());
  const console = await fetch(`${server.url}/app/`);
  assert.equal(console.status, 200);
  assert.match(await console.text(), /<div id="root">/);
  assert.equal(await server.stop(), 0);
});
