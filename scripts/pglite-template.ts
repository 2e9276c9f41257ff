/**
 * Makes the dump a new PGlite data directory starts from (src/infra/db/pglite-template.ts): an empty
 * database, migrated, dumped into dist/pglite/. Run by `npm ci` (postinstall) and the image build; does
 * nothing when the dump for this PGlite release and these migrations exists.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openDatabase } from '../src/infra/db/database.ts';
import { runMigrations } from '../src/infra/db/migrations.ts';
import { pgliteTemplateFile, saveDump } from '../src/infra/db/pglite-template.ts';

const file = pgliteTemplateFile();
if (!existsSync(file)) {
  const dir = mkdtempSync(path.join(tmpdir(), 'hireline-pglite-template-'));
  try {
    const database = await openDatabase({ databaseUrl: null, dataDir: dir, poolMax: 1, statementTimeoutMs: 120_000, pgliteThread: false });
    try {
      await runMigrations(database);
    } finally {
      await database.close();
    }
    await saveDump(dir, file);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  process.stdout.write(`hireline: new PGlite data directories start from ${path.relative(process.cwd(), file)}\n`);
}
