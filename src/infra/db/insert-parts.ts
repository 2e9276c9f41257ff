import { getTableColumns, is, sql, SQL, type InferInsertModel } from 'drizzle-orm';
import { PgArray, type PgColumn, type PgTable } from 'drizzle-orm/pg-core';
import type { DbExecutor } from './database.ts';

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
 * One array parameter of a column's values, each encoded as the column encodes it, and the expression
 * that reads an element back as the column's type. An array column's values travel as their array
 * literals (`{a,b}`) in a text array, since PostgreSQL has no array of arrays of different lengths.
 */
function columnArray(column: PgColumn, values: readonly unknown[], alias: string): { param: SQL; read: SQL } {
  const type = column.getSQLType();
  const encoded = values.map((value) => {
    if (value === null || value === undefined) return null;
    if (is(value, SQL)) throw new Error(`column ${column.name}: an SQL expression cannot travel in an array parameter`);
    return column.mapToDriverValue(value);
  });
  return is(column, PgArray)
    ? { param: sql`${sql.param(encoded)}::text[]`, read: sql`${sql.raw(alias)}::${sql.raw(type)}` }
    : { param: sql`${sql.param(encoded)}::${sql.raw(type)}[]`, read: sql.raw(alias) };
}

/**
 * From this many rows on, rows travel as one array parameter per column (`unnest`); below it, as a
 * VALUES list. Unnest's text and parameters do not grow with the rows, so drizzle (which visits every
 * value of a VALUES list several times) builds it in the same time for 64 rows as for one; but
 * PostgreSQL plans it more slowly, which costs more than it saves for a few rows (measured: one-row
 * commits 5,700/s with VALUES against 4,000/s with unnest, 4 rows 3,300 against 2,600, 16 rows 1,470
 * against 1,760; client and server on the same 2 cores).
 */
export const UNNEST_FROM_ROWS = 8;

/**
 * Rows for a hand-written INSERT … SELECT or UPDATE … FROM that filters or joins them, as a subquery
 * with the columns' names: `from ${source} as v`. Each value is cast to its column's type, since
 * PostgreSQL types a VALUES list or an array on its own. Many rows go as one array parameter per
 * column (see UNNEST_FROM_ROWS).
 */
export function rowsSource(columns: readonly PgColumn[], rows: readonly (readonly unknown[])[]): { columns: SQL; source: SQL } {
  const names = sql.join(columns.map((column) => sql.identifier(column.name)), sql`, `);
  if (rows.length < UNNEST_FROM_ROWS) {
    const values = sql.join(rows.map((row) => sql`(${sql.join(columns.map((column, i) => sql`${sql.param(row[i], column)}::${sql.raw(column.getSQLType())}`), sql`, `)})`), sql`, `);
    return { columns: sql`(${names})`, source: sql`(select * from (values ${values}) as t (${names}))` };
  }
  const arrays = columns.map((column, i) => columnArray(column, rows.map((row) => row[i]), `c${i}`));
  return {
    columns: sql`(${names})`,
    source: sql`(select ${sql.join(arrays.map((a, i) => sql`${a.read} as ${sql.identifier(columns[i]?.name ?? '')}`), sql`, `)}
      from unnest(${sql.join(arrays.map((a) => a.param), sql`, `)}) as u (${sql.raw(columns.map((_, i) => `c${i}`).join(', '))}))`,
  };
}

/**
 * `insert into table …` of these rows: a VALUES list for a few, one array parameter per column for many
 * (see UNNEST_FROM_ROWS). `into` is a transaction, or one with CTEs (`tx.with(…)`).
 */
export function insertRows<T extends PgTable>(into: Pick<DbExecutor, 'insert'>, table: T, rows: readonly InferInsertModel<T>[]) {
  return rows.length < UNNEST_FROM_ROWS
    ? into.insert(table).values([...rows])
    : into.insert(table).select(rowsSelect(table, rows));
}

/**
 * The SELECT for `tx.insert(table).select(…)` that inserts these rows, as one array parameter per
 * column (see UNNEST_FROM_ROWS): what `.values(rows)` inserts, at a cost that does not grow with the rows.
 * Every insertable column is selected in the table's order, as drizzle's INSERT … SELECT lists them; a
 * column no row sets takes its declared default, as `default` in a VALUES list would. Rows must agree
 * on which columns they set, unless the column's default can be computed here.
 */
export function rowsSelect<T extends PgTable>(table: T, rows: readonly InferInsertModel<T>[]): SQL {
  if (rows.length === 0) throw new Error('rowsSelect takes at least one row');
  const arrays: SQL[] = [];
  const reads: SQL[] = [];
  for (const [key, column] of Object.entries(getTableColumns(table)) as [string, PgColumn][]) {
    // A generated column (not one generated only by default) is left to the database, as drizzle's own insert does.
    if (column.generated !== undefined && column.generated.type !== 'byDefault') continue;
    const given = rows.map((row) => (row as Record<string, unknown>)[key]);
    const unset = given.filter((value) => value === undefined).length;
    // A value computed here for each row that leaves the column out, as drizzle's VALUES list does.
    const computed = column.defaultFn ?? (!column.default ? column.onUpdateFn : undefined);
    if (unset === rows.length && !computed) {
      // Nobody set it: the declared default, once, for every row (a column with none is null).
      reads.push(column.default === undefined ? sql`null::${sql.raw(column.getSQLType())}`
        : is(column.default, SQL) ? sql`(${column.default})` : sql`${sql.param(column.default, column)}::${sql.raw(column.getSQLType())}`);
      continue;
    }
    const fill = computed ?? (column.default === undefined ? () => null : is(column.default, SQL) ? undefined : () => column.default);
    if (unset > 0 && !fill) throw new Error(`rowsSelect: rows differ in whether they set ${key}, whose default is computed by the database`);
    const values = fill ? given.map((value) => (value === undefined ? fill() : value)) : given;
    const alias = `c${arrays.length}`;
    const array = columnArray(column, values, alias);
    arrays.push(array.param);
    reads.push(array.read);
  }
  const aliases = arrays.map((_, i) => `c${i}`).join(', ');
  return arrays.length === 0
    ? sql`select ${sql.join(reads, sql`, `)} from generate_series(1, ${rows.length})`
    : sql`select ${sql.join(reads, sql`, `)} from unnest(${sql.join(arrays, sql`, `)}) as u (${sql.raw(aliases)})`;
}
