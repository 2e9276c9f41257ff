// Regenerates web/generated/ (scripts/console/openapi-types.ts) only when a source file of the API
// is newer than it: the install step has just written it, and building the whole app again to get
// the same document costs seconds on every type check.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import process from 'node:process';

const root = path.resolve(import.meta.dirname, '../..');
const generated = path.join(root, 'web/generated/openapi.d.ts');

function newest(dir) {
  return readdirSync(dir, { withFileTypes: true }).reduce((latest, entry) => {
    const full = path.join(dir, entry.name);
    return Math.max(latest, entry.isDirectory() ? newest(full) : statSync(full).mtimeMs);
  }, 0);
}

let writtenAt = 0;
try {
  writtenAt = statSync(generated).mtimeMs;
} catch {
  // Never generated: generate.
}
const sources = Math.max(newest(path.join(root, 'src')), newest(path.join(root, 'scripts/console')), statSync(path.join(root, 'package.json')).mtimeMs);
if (writtenAt <= sources) {
  const run = spawnSync(process.execPath, ['--import', 'tsx', path.join(root, 'scripts/console/openapi-types.ts')], { cwd: root, stdio: 'inherit' });
  process.exit(run.status ?? 1);
}
