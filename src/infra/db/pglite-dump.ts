import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { openDatabase } from './database.ts';
import { runMigrations } from './migrations.ts';
import { pgliteExtensions } from './pglite-extensions.ts';

/**
 * An empty PGlite database with every migration applied, dumped into `file`: what a new data directory
 * starts from (pglite-template.ts, made by scripts/pglite-template.ts) and what each test file starts from.
 * Written under a scratch name and renamed, so a dump that exists is always whole.
 */
export async function writeMigratedDump(file: string): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'hireline-pglite-template-'));
  try {
    const database = await openDatabase({ databaseUrl: null, dataDir: dir, poolMax: 1, statementTimeoutMs: 120_000, pgliteThread: false });
    try {
      await runMigrations(database);
    } finally {
      await database.close();
    }
    const client = await PGlite.create(dir, { extensions: pgliteExtensions });
    try {
      const dump = await client.dumpDataDir('none');
      mkdirSync(path.dirname(file), { recursive: true });
      const scratch = `${file}.${process.pid}`;
      writeFileSync(scratch, Buffer.from(await dump.arrayBuffer()));
      renameSync(scratch, file);
    } finally {
      await client.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
