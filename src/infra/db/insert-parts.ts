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

/**
 * Rows for a `(values …) as v (…)` list that a hand-written INSERT … SELECT filters: each value cast
 * to its column's type, since PostgreSQL types a VALUES list on its own (an untyped parameter there is
 * text, which it will not assign to a timestamp or jsonb column).
 */
export function valueRows(columns: readonly PgColumn[], rows: readonly (readonly unknown[])[]): { columns: SQL; rows: SQL } {
  return {
    columns: sql`(${sql.join(columns.map((column) => sql.identifier(column.name)), sql`, `)})`,
    rows: sql.join(rows.map((row) => sql`(${sql.join(columns.map((column, i) => sql`${sql.param(row[i], column)}::${sql.raw(column.getSQLType())}`), sql`, `)})`), sql`, `),
  };
}
