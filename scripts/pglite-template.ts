/**
 * Makes the dump a new PGlite data directory starts from (src/infra/db/pglite-template.ts): an empty
 * database, migrated, dumped into dist/pglite/. Run by `npm ci` (postinstall) and the image build; does
 * nothing when the dump for this PGlite release and these migrations exists.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { writeMigratedDump } from '../src/infra/db/pglite-dump.ts';
import { pgliteTemplateFile } from '../src/infra/db/pglite-template.ts';

const file = pgliteTemplateFile();
if (!existsSync(file)) {
  await writeMigratedDump(file);
  process.stdout.write(`hireline: new PGlite data directories start from ${path.relative(process.cwd(), file)}\n`);
}
