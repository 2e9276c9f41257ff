// What `npm run test:unit` hands the test runner, one path per line. On the server profile
// (TEST_PROFILE=postgres) it leaves out the files that cannot reach a server: those whose imports,
// followed through the repository's own files, reach none of the helpers that open PostgreSQL, Redis,
// RabbitMQ or NATS. They behave the same on both profiles, and the embedded run has them.
//
// The runner starts a process per path, and loading the app's modules in a new process costs seconds
// of CPU, more than most files' tests. So files that share a folder run in one process, a few to a
// group (`.test-groups/`, written here; a group imports its files, whose tests then run one file after
// another as in their own process); files that start processes or a browser keep a process each. `--files` prints the test files themselves.
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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
// Processes and browsers first (each start is seconds of loading), then generated cases.
const SPAWNS = /helpers\/processes|node:child_process|browser\.helpers|console\.helpers/;
const LONG = /fast-check|from 'eslint'/;
const weight = new Map(testFiles(path.join(root, 'test')).map((file) => {
  const source = readFileSync(file, 'utf8');
  return [file, SPAWNS.test(source) ? 2 : LONG.test(source) ? 1 : 0];
}));

const all = [...weight.keys()].sort((a, b) => (weight.get(b) ?? 0) - (weight.get(a) ?? 0) || a.localeCompare(b));
const chosen = process.env.TEST_PROFILE === 'postgres' ? all.filter(reachesServer) : all;
const relative = (file) => path.relative(root, file);

if (process.argv.includes('--files')) {
  process.stdout.write(`${chosen.map(relative).join('\n')}\n`);
} else {
  const GROUP_SIZE = 8;
  // Files that start processes or a browser run alone; the others share a process with their folder.
  const runsAlone = (file) => weight.get(file) === 2;
  const alone = chosen.filter(runsAlone);
  const byFolder = new Map();
  for (const file of chosen.filter((f) => !runsAlone(f))) {
    const folder = relative(path.dirname(file));
    byFolder.set(folder, [...(byFolder.get(folder) ?? []), file]);
  }
  const groupsDir = path.join(root, '.test-groups', process.env.TEST_PROFILE === 'postgres' ? 'server' : 'embedded');
  rmSync(groupsDir, { recursive: true, force: true });
  mkdirSync(groupsDir, { recursive: true });
  const entries = [...alone.map(relative)];
  for (const [folder, files] of byFolder) {
    for (let i = 0; i < files.length; i += GROUP_SIZE) {
      const group = path.join(groupsDir, `${folder.replaceAll('/', '-')}-${i / GROUP_SIZE + 1}.test.mjs`);
      writeFileSync(group, files.slice(i, i + GROUP_SIZE).map((file) => `import ${JSON.stringify(path.relative(groupsDir, file))};\n`).join(''));
      entries.push(relative(group));
    }
  }
  process.stdout.write(`${entries.join('\n')}\n`);
}
