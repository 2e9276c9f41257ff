import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { shippedMigrations } from './migrations-shipped.ts';

/**
 * A new PGlite data directory starts from a dump of an empty, migrated one when one was made for this
 * PGlite release and these migrations (`npm ci` and the image build make it: scripts/pglite-template.ts).
 * Creating a directory runs initdb and then every migration (measured: 3–8 s of a first start); loading
 * the dump takes a fraction of that. The migrations still run after it, so the dump only saves time.
 */
const folder = fileURLToPath(new URL('../../../dist/pglite/', import.meta.url));

function pgliteVersion(): string {
  // The package's exports hide package.json; its entry sits in dist/ beside it.
  const entry = createRequire(import.meta.url).resolve('@electric-sql/pglite');
  return (JSON.parse(readFileSync(path.join(path.dirname(entry), '..', 'package.json'), 'utf8')) as { version: string }).version;
}

/** Another PGlite release may not read this one's dump; other migrations make another database. */
export function pgliteTemplateFile(): string {
  const { count, newestMillis } = shippedMigrations();
  return path.join(folder, `empty-${pgliteVersion()}-${count}-${newestMillis}.tar`);
}

/** The dump to load into dataDir, when it holds no database yet and a dump for this release exists. */
export function pgliteTemplateFor(dataDir: string): Blob | undefined {
  if (dataDir.startsWith('memory://') || existsSync(path.join(dataDir, 'PG_VERSION'))) return undefined;
  const file = pgliteTemplateFile();
  return existsSync(file) ? new Blob([readFileSync(file)]) : undefined;
}
