import assert from 'node:assert/strict';
import { relative } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { ESLint, type Linter } from 'eslint';
import tseslint from 'typescript-eslint';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url)).replace(/\/$/, '');
const fixtureRoot = fileURLToPath(new URL('./fixtures', import.meta.url));
// A variable specifier: eslint.config.js is plain JavaScript, typed here by what the test uses.
const configPath = `${repoRoot}/eslint.config.js`;
const { boundaries } = (await import(configPath)) as { boundaries: (root: string) => Linter.Config };

/** `file:line rule` for every problem ESLint reports under `cwd`. */
async function problems(eslint: ESLint, cwd: string, patterns: string[]): Promise<string[]> {
  const results = await eslint.lintFiles(patterns);
  return results.flatMap((r) => r.messages.map((m) => `${relative(cwd, r.filePath)}:${m.line} ${m.ruleId ?? m.message}`)).sort();
}

test('the boundary rules refuse a cross-module import, an http→module import and a cycle, and nothing else in the fixtures', async () => {
  const eslint = new ESLint({
    cwd: fixtureRoot,
    overrideConfigFile: true,
    overrideConfig: [{ files: ['**/*.ts'], languageOptions: { parser: tseslint.parser } }, boundaries(fixtureRoot)],
  });
  assert.deepEqual(await problems(eslint, fixtureRoot, ['src']), [
    'src/http/gate.ts:2 import-x/no-restricted-paths',
    'src/modules/beta/beta.repo.ts:2 import-x/no-restricted-paths',
    'src/modules/beta/beta.service.ts:4 import-x/no-restricted-paths',
    'src/modules/gamma/first.ts:2 import-x/no-cycle',
    'src/modules/gamma/second.ts:1 import-x/no-cycle',
  ]);
});

// Lints the source tree, which is the same on both database profiles: the embedded suite runs it once.
const onServerProfile = { skip: process.env.TEST_PROFILE === 'postgres' ? 'database-independent; the embedded suite runs it' : false };

test('the project\'s own lint config applies the boundary rules, and the tree keeps them', onServerProfile, async () => {
  const eslint = new ESLint({ cwd: repoRoot });
  const [crossing] = await eslint.lintText("import { jobs } from '../jobs/jobs.table.ts';\n\nexport const all = jobs;\n", { filePath: `${repoRoot}/src/modules/orgs/orgs.extra.ts` });
  assert.deepEqual(crossing?.messages.map((m) => m.ruleId), ['import-x/no-restricted-paths']);
  // A module's area (jobs/board/) is used through its index.ts, from inside its module as from outside.
  const searchRepo = "import { createJobsSearchRepo } from './board/board.search.repo.ts';\n\nexport const repo = createJobsSearchRepo;\n";
  const [intoArea] = await eslint.lintText(searchRepo, { filePath: `${repoRoot}/src/modules/jobs/jobs.extra.ts` });
  assert.deepEqual(intoArea?.messages.map((m) => m.ruleId), ['import-x/no-restricted-paths']);
  const [throughIndex] = await eslint.lintText(searchRepo.replace('board.search.repo.ts', 'index.ts').replaceAll('createJobsSearchRepo', 'createBoardModule'), { filePath: `${repoRoot}/src/modules/jobs/jobs.extra.ts` });
  assert.deepEqual(throughIndex?.messages.map((m) => m.ruleId), []);
  const [back] = await eslint.lintText("import { createJobsModule } from '../modules/jobs/index.ts';\n\nexport const jobs = createJobsModule;\n", { filePath: `${repoRoot}/src/http/extra.ts` });
  assert.deepEqual(back?.messages.map((m) => m.ruleId), ['import-x/no-restricted-paths']);
  assert.deepEqual(await problems(eslint, repoRoot, ['src']), []);
});
