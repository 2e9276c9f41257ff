// The test files `npm run test:unit` runs, one per line. On the server profile (TEST_PROFILE=postgres)
// it leaves out the files that cannot reach a server: those whose imports, followed through the
// repository's own files, reach none of the helpers that open PostgreSQL, Redis, RabbitMQ or NATS.
// They behave the same on both profiles, and the embedded run has them.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import process from 'node:process';

const root = path.resolve(import.meta.dirname, '..');
const serverHelpers = new Set(['test/helpers/database.ts', 'test/helpers/redis.ts', 'test/helpers/amqp.ts', 'test/helpers/nats.ts', 'src/infra/db/database.ts']
  .map((file) => path.join(root, file)));
// Value imports and re-exports of relative paths; `import type` is erased, so it opens nothing.
const IMPORT = /(?:^|\n)\s*(?:import|export)\s+(?!type\s)[^'";]*?from\s*['"](\.[^'"]+)['"]|import\(\s*['"](\.[^'"]+)['"]\s*\)/g;

function testFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return testFiles(full);
    return entry.name.endsWith('.test.ts') ? [full] : [];
  });
}

const reaches = new Map();
function reachesServer(file) {
  if (serverHelpers.has(file)) return true;
  if (reaches.has(file)) return reaches.get(file);
  reaches.set(file, false); // an import cycle adds nothing
  let source = '';
  try {
    source = readFileSync(file, 'utf8');
  } catch {
    return false;
  }
  const found = [...source.matchAll(IMPORT)].some((m) => {
    const target = path.resolve(path.dirname(file), m[1] ?? m[2]);
    return target.endsWith('.ts') && reachesServer(target);
  });
  reaches.set(file, found);
  return found;
}

// The runner starts files in the order given, a few at a time: files that start other processes (the
// CLI, `serve`, a browser) or generate many cases run longest, so they go first rather than last,
// where one of them would leave the run waiting on it alone.
// Processes first (each start is seconds of loading), then browsers and generated cases.
const SPAWNS = /helpers\/processes|node:child_process/;
const LONG = /browser\.helpers|console\.helpers|fast-check|from 'eslint'/;
const weight = new Map(testFiles(path.join(root, 'test')).map((file) => {
  const source = readFileSync(file, 'utf8');
  return [file, SPAWNS.test(source) ? 2 : LONG.test(source) ? 1 : 0];
}));

const all = [...weight.keys()].sort((a, b) => (weight.get(b) ?? 0) - (weight.get(a) ?? 0) || a.localeCompare(b));
const chosen = process.env.TEST_PROFILE === 'postgres' ? all.filter(reachesServer) : all;
process.stdout.write(`${chosen.map((file) => path.relative(root, file)).join('\n')}\n`);
