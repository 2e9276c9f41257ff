import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const migrationsFolder = fileURLToPath(new URL('../../../drizzle', import.meta.url));

export interface ShippedMigrations {
  count: number;
  /** Time of the newest (drizzle's `folderMillis`): drizzle applies those newer than the newest applied. */
  newestMillis: number;
}

let shipped: ShippedMigrations | undefined;

/** What drizzle/ ships, read from its journal (the SQL files need not be read or hashed for this). */
export function shippedMigrations(): ShippedMigrations {
  if (!shipped) {
    const journal = JSON.parse(readFileSync(`${migrationsFolder}/meta/_journal.json`, 'utf8')) as { entries: { when: number }[] };
    shipped = { count: journal.entries.length, newestMillis: Math.max(0, ...journal.entries.map((entry) => entry.when)) };
  }
  return shipped;
}
