/**
 * Makes the dump a new PGlite data directory starts from (src/infra/db/pglite-template.ts): an empty
 * database, migrated, dumped into dist/pglite/. Run by `npm ci` (postinstall) and the image build; does
 * nothing when the dump for this PGlite release and these migrations exists.
 */
import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { openDatabase } from '../src/infra/db/database.ts';
import { runMigrations } from '../src/infra/db/migrations.ts';
import { pgliteTemplateFile } from '../src/infra/db/pglite-template.ts';

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
    const client = await PGlite.create(dir);
    try {
      const dump = await client.dumpDataDir('none');
      mkdirSync(path.dirname(file), { recursive: true });
      // Written under a scratch name and renamed: a dump that exists is always whole.
      const scratch = `${file}.${process.pid}`;
      writeFileSync(scratch, Buffer.from(await dump.arrayBuffer()));
      renameSync(scratch, file);
    } finally {
      await client.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  process.stdout.write(`hireline: new PGlite data directories start from ${path.relative(process.cwd(), file)}\n`);
}
