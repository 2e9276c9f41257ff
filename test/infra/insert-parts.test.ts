import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { asc, like, sql } from 'drizzle-orm';
import { boolean, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { queryRows, type Database } from '../../src/infra/db/database.ts';
import { insertRows, rowsSelect, UNNEST_FROM_ROWS, rowsSource } from '../../src/infra/db/insert-parts.ts';
import { freshDatabase } from '../helpers/database.ts';

const things = pgTable('insert_parts_things', {
  id: text('id').primaryKey(),
  label: text('label'),
  tags: text('tags').array().notNull().default(sql`'{}'::text[]`),
  meta: jsonb('meta').$type<Record<string, unknown>>().notNull().default(sql`'{}'::jsonb`),
  at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  n: integer('n').notNull().default(7),
  made: text('made').notNull().$defaultFn(() => 'made by its function'),
  flag: boolean('flag'),
});
type NewThing = typeof things.$inferInsert;

/** Values a hand-rolled array encoding would get wrong: quotes, backslashes, braces, commas, NULL as text, empty strings. */
const awkward = ['say "hi"', 'back\\slash', '{braces}', 'a, b', 'NULL', '', 'naïve café 🙂', ' padded '];

const rowsNamed = (prefix: string): NewThing[] => [
  { id: `${prefix}1`, label: awkward[0], tags: awkward, meta: { quote: '"', nested: { list: [1, 'two', null] } }, at: new Date('2026-01-02T03:04:05.678Z'), n: 1, made: 'given', flag: true },
  { id: `${prefix}2`, label: null, tags: [], meta: {}, at: new Date('1999-12-31T23:59:59.999Z'), flag: false },
  { id: `${prefix}3`, label: awkward[1], tags: ['one'], meta: { empty: '' }, at: new Date('2026-06-01T00:00:00.000Z'), n: 0 },
];

describe('rows as array parameters (insert-parts)', () => {
  let database: Database;
  let drop: () => Promise<void>;
  before(async () => {
    ({ database, drop } = await freshDatabase());
    await database.unscoped.execute(sql`create table insert_parts_things (
      id text primary key, label text, tags text[] not null default '{}'::text[], meta jsonb not null default '{}'::jsonb,
      at timestamptz not null default now(), n integer not null default 7, made text not null, flag boolean)`);
  });
  after(() => drop());

  const read = (prefix: string, executor: Pick<Database['unscoped'], 'select'> = database.unscoped) => executor.select().from(things).where(like(things.id, `${prefix}%`)).orderBy(asc(things.id));
  const withoutId = (rows: (typeof things.$inferSelect)[]) => rows.map(({ id: _id, ...rest }) => rest);

  test('rowsSelect inserts exactly what values() inserts, defaults included', async () => {
    await database.unscopedTransaction(async (tx) => {
      await tx.insert(things).values(rowsNamed('v'));
      const returned = await tx.insert(things).select(rowsSelect(things, rowsNamed('u'))).returning();
      assert.deepEqual(returned.map((r) => r.id).sort(), ['u1', 'u2', 'u3']);
    });
    const [byValues, byArrays] = [await read('v'), await read('u')];
    assert.equal(byArrays.length, 3);
    assert.deepEqual(withoutId(byArrays), withoutId(byValues));
    assert.deepEqual(byArrays[0]?.tags, awkward);
    assert.equal(byArrays[1]?.n, 7, 'a column left out takes its default');
    assert.equal(byArrays[1]?.made, 'made by its function');
    assert.equal(byArrays[2]?.flag, null);
  });

  test('a column left out by every row takes its database default; one set by some rows only must be set by all', async () => {
    await database.unscopedTransaction(async (tx) => {
      await tx.insert(things).select(rowsSelect(things, [{ id: 'd1' }, { id: 'd2' }]));
      const [clock] = await queryRows<{ now: string }>(tx, sql`select now()::text as now`);
      const rows = await read('d', tx);
      assert.deepEqual(rows.map((r) => [r.tags, r.meta, r.n, r.made, r.label]), [[[], {}, 7, 'made by its function', null], [[], {}, 7, 'made by its function', null]]);
      assert.equal(rows[0]?.at.getTime(), new Date(clock?.now ?? '').getTime(), 'now(), as `default` gives');
    });
    assert.throws(() => rowsSelect(things, [{ id: 'x1', tags: ['a'] }, { id: 'x2' }]), /rows differ in whether they set tags/);
  });

  test('the statement does not grow with the rows', () => {
    const statement = (n: number) => database.unscoped.insert(things).select(rowsSelect(things, Array.from({ length: n }, (_, i) => ({ ...rowsNamed('s')[0]!, id: `s${i}` })))).toSQL();
    const [one, many] = [statement(1), statement(64)];
    assert.equal(many.sql, one.sql);
    assert.equal(many.params.length, one.params.length);
  });

  test('rowsSource reads rows back with their columns\' types, for an UPDATE … FROM, as a few rows and as many', async () => {
    for (const [prefix, count] of [['w', 2], ['m', UNNEST_FROM_ROWS + 2]] as const) {
      const ids = Array.from({ length: count }, (_, i) => `${prefix}${String(i).padStart(2, '0')}`);
      await database.unscoped.insert(things).values(ids.map((id) => ({ id, label: 'old' })));
      const values = rowsSource([things.id, things.label, things.meta, things.tags], ids.map((id, i) => (i % 2 === 0 ? [id, awkward[0], { a: i }, ['x', '"y"']] : [id, null, {}, []])));
      await database.unscoped.execute(sql`update ${things} t set label = v.label, meta = v.meta, tags = v.tags from ${values.source} as v where t.id = v.id`);
      assert.deepEqual((await read(prefix)).map((r) => [r.label, r.meta, r.tags]), ids.map((_, i) => (i % 2 === 0 ? [awkward[0], { a: i }, ['x', '"y"']] : [null, {}, []])));
    }
  });

  test('insertRows stores the same rows as a VALUES list below the threshold and as arrays from it on', async () => {
    const many = Array.from({ length: UNNEST_FROM_ROWS }, (_, i) => rowsNamed(`n${String(i).padStart(2, '0')}_`)[i % 3]!);
    const few = many.slice(0, 3).map((row, i) => ({ ...row, id: `f${String(i).padStart(2, '0')}` }));
    await database.unscopedTransaction(async (tx) => {
      await insertRows(tx, things, few);
      await insertRows(tx, things, many);
    });
    assert.deepEqual(withoutId(await read('f')), withoutId((await read('n')).slice(0, 3)));
    assert.equal((await read('n')).length, UNNEST_FROM_ROWS);
  });
});
