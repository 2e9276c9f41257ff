import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { openDatabase, queryRows } from '../../src/infra/db/database.ts';
import { migrationsCurrent, runMigrations } from '../../src/infra/db/migrations.ts';
import { pgliteTemplateFile } from '../../src/infra/db/pglite-template.ts';
import { profile } from '../helpers/database.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'hireline-template-'));
after(() => rmSync(dataDir, { recursive: true, force: true }));

test('a new PGlite data directory starts from the migrated dump, and keeps what is written to it', { skip: profile === 'postgres' && 'embedded profile' }, async () => {
  // What npm ci's postinstall runs (nothing to do when the dump exists).
  execFileSync(process.execPath, ['--import', 'tsx', 'scripts/pglite-template.ts'], { cwd: new URL('../../', import.meta.url) });
  assert.ok(existsSync(pgliteTemplateFile()));
  const options = { databaseUrl: null, dataDir: join(dataDir, 'new'), poolMax: 1, statementTimeoutMs: 30_000 };
  const database = await openDatabase(options);
  assert.ok(await migrationsCurrent(database), 'migrated before any migration ran here');
  assert.equal(await runMigrations(database), 0);
  await database.unscoped.execute(sql`insert into orgs (id, name, slug) values ('org_template_test', 'Template Test', 'template-test')`);
  await database.close();
  const reopened = await openDatabase(options);
  assert.deepEqual(await queryRows(reopened.unscoped, sql`select slug from orgs`), [{ slug: 'template-test' }], 'a directory made from the dump is an ordinary one: it reopens with its data');
  await reopened.close();
});
