import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url)).replace(/\/$/, '');
const eslint = new ESLint({ cwd: repoRoot });

/** The rules ESLint reports for `code` as if it were the file at `path` in this repository. */
async function rulesFor(path: string, code: string): Promise<(string | null)[]> {
  const [result] = await eslint.lintText(code, { filePath: `${repoRoot}/${path}` });
  return result?.messages.map((m) => m.ruleId) ?? ['no result'];
}

const cursorImport = "import { encodeCursor } from '../../http/cursor.ts';\n\nexport const next = (id: string) => encodeCursor('jobs:title', ['t', id]);\n";
const locatedField = "import { AppError } from '../../app-error.ts';\n\n"
  + "export const bad = () => new AppError('validation-failed', 'x', { fields: [{ field: 'a', detail: 'b', in: 'body' }] });\n";
const namedField = "import { AppError } from '../../app-error.ts';\n\nexport const bad = () => new AppError('validation-failed', 'x', { fields: [{ field: 'salary.min', detail: 'b' }] });\n";

test('a service or repository that imports from src/http/ fails the lint; a route may', async () => {
  assert.deepEqual(await rulesFor('src/modules/jobs/jobs.extra.service.ts', cursorImport), ['import-x/no-restricted-paths']);
  assert.deepEqual(await rulesFor('src/modules/identity/sessions/extra.service.ts', cursorImport.replaceAll('../../', '../../../')), ['import-x/no-restricted-paths']);
  assert.deepEqual(await rulesFor('src/modules/jobs/jobs.extra.repo.ts', cursorImport), ['import-x/no-restricted-paths']);
  assert.deepEqual(await rulesFor('src/modules/jobs/jobs.extra.routes.ts', cursorImport), []);
  // No service is exempt, the events list included: its route encodes the cursor.
  assert.deepEqual(await rulesFor('src/modules/events/events.service.ts', cursorImport), ['import-x/no-restricted-paths']);
});

test('a service that says where in the request a field was fails the lint; one that names the field passes', async () => {
  assert.deepEqual(await rulesFor('src/modules/jobs/jobs.extra.service.ts', locatedField), ['no-restricted-syntax']);
  assert.deepEqual(await rulesFor('src/modules/jobs/jobs.extra.service.ts', namedField), []);
});

test('a service that picks a media type fails the lint; a module helper that locates a field does too', async () => {
  const body = "export const page = (json: string) => ({ body: json, contentType: 'application/json; charset=utf-8' });\n";
  assert.deepEqual(await rulesFor('src/modules/jobs/board/board.extra.service.ts', body), ['no-restricted-syntax']);
  const helper = "export const weak = (detail: string) => ({ in: 'body' as const, pointer: '/password', detail });\n";
  assert.deepEqual(await rulesFor('src/modules/identity/accounts/password-extra.ts', helper), ['no-restricted-syntax']);
});

test('a module file that adds a schema inside its route plugin fails the lint (it would drop the app\'s validator)', async () => {
  const plugin = "export const routes = async (app: { addSchema(s: object): void }) => {\n  app.addSchema({ $id: 'X' });\n};\n";
  assert.deepEqual(await rulesFor('src/modules/events/events.extra.routes.ts', plugin), ['no-restricted-syntax']);
  assert.deepEqual(await rulesFor('src/modules/events/index.ts', plugin), ['no-restricted-syntax']);
});
