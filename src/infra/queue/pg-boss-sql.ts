import { param, sql, type SQL } from 'drizzle-orm';
import type PgBoss from 'pg-boss';
import { queryRows, type DbExecutor } from '../db/database.ts';

/** The schema pg-boss's tables live in (its default; named here so the SQL of this folder agrees). */
export const QUEUE_SCHEMA = 'pgboss';

/**
 * pg-boss's numbered placeholders ($1 … $19, some used twice) as Drizzle parameters, so its statements
 * run on any Drizzle executor: the pool, one connection, or the caller's transaction. Each value is
 * one parameter (an array stays one array parameter rather than becoming a list).
 */
export function boundStatement(text: string, values: readonly unknown[]): SQL {
  const chunks: SQL[] = [];
  let last = 0;
  for (const match of text.matchAll(/\$(\d+)/g)) {
    chunks.push(sql.raw(text.slice(last, match.index)));
    chunks.push(sql`${param(values[Number(match[1]) - 1] ?? null)}`);
    last = match.index + match[0].length;
  }
  chunks.push(sql.raw(text.slice(last)));
  return sql.join(chunks);
}

interface ScriptClient { exec(text: string): Promise<unknown> }

/**
 * Runs a script of several statements (pg-boss's schema plans, its locked maintenance commands).
 * PGlite answers several statements only through `exec` (its `query` is the extended protocol, one
 * statement); node-postgres sends a query without parameters as a simple query, which takes several.
 */
async function runScript(db: DbExecutor, text: string): Promise<void> {
  const client = (db as unknown as { $client?: unknown }).$client;
  if (client !== null && typeof client === 'object' && 'exec' in client && typeof client.exec === 'function') {
    await (client as ScriptClient).exec(text);
    return;
  }
  await db.execute(sql.raw(text));
}

/** pg-boss's database port over a Drizzle executor. */
export function bossDb(db: DbExecutor): PgBoss.Db {
  return {
    executeSql: async (text, values) => {
      if (values === undefined || values.length === 0) {
        // pg-boss reads rows only from single statements (versions, counts); its scripts answer nothing.
        if (!text.includes(';')) return { rows: await queryRows<unknown>(db, sql.raw(text)) };
        await runScript(db, text);
        return { rows: [] };
      }
      return { rows: await queryRows<unknown>(db, boundStatement(text, values)) };
    },
  };
}
