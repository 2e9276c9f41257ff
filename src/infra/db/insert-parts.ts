import { sql, type SQL } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';

/**
 * The column list `(a, b)` and the values `$1, $2` of a hand-written INSERT (one the query builder
 * cannot express, such as an insert guarded by a CTE), each value encoded as its column encodes it.
 */
export function insertParts(pairs: readonly (readonly [PgColumn, unknown])[]): { columns: SQL; values: SQL } {
  return {
    columns: sql`(${sql.join(pairs.map(([column]) => sql.identifier(column.name)), sql`, `)})`,
    values: sql.join(pairs.map(([column, value]) => sql.param(value, column)), sql`, `),
  };
}
