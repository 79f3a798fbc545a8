import { afterEach, describe, expect, it } from 'vitest';
import { type DatabaseHandle, openDatabase } from './client.ts';
import { sqlStateOf } from './database-error.ts';

/**
 * Named statements on the embedded database (pglite-named-statements.ts): parsed once, then only
 * bound and run, with the same answers, errors and transactions as an unnamed query.
 */
describe('named statements on the embedded database', () => {
  let database: DatabaseHandle | undefined;
  afterEach(async () => database?.close());

  const preparedNames = async (handle: DatabaseHandle) =>
    (await handle.query<{ name: string }>('SELECT name FROM pg_prepared_statements ORDER BY name')).rows.map(
      (row) => row.name,
    );

  it('prepares a named statement once and answers the rows an unnamed query answers', async () => {
    database = await openDatabase({});
    await database.exec('CREATE TABLE notes (id int PRIMARY KEY, body text, data jsonb, at timestamptz)');
    const insert = 'INSERT INTO notes VALUES ($1, $2, $3, $4) RETURNING id, body, data, at';
    const at = new Date('2026-03-02T09:00:00Z');
    const named = await database.query(insert, [1, 'أمينة', JSON.stringify({ a: 1 }), at], { name: 'notes_insert' });
    await database.query(insert, [2, null, null, null], { name: 'notes_insert' });
    const unnamed = await database.query(insert, [3, 'أمينة', JSON.stringify({ a: 1 }), at]);
    expect(named.rows).toEqual([{ id: 1, body: 'أمينة', data: { a: 1 }, at }]);
    expect(unnamed.rows).toEqual([{ ...named.rows[0], id: 3 }]);
    expect(await preparedNames(database)).toEqual(['notes_insert']);
    expect((await database.query('SELECT count(*)::int AS n FROM notes')).rows).toEqual([{ n: 3 }]);
  });

  it('raises the SQLSTATE of a failed execution and runs the next call normally', async () => {
    database = await openDatabase({});
    await database.exec('CREATE TABLE notes (id int PRIMARY KEY)');
    const insert = 'INSERT INTO notes VALUES ($1) RETURNING id';
    await database.query(insert, [1], { name: 'notes_insert' });
    const duplicate = await database.query(insert, [1], { name: 'notes_insert' }).catch((error: unknown) => error);
    expect(sqlStateOf(duplicate)).toBe('23505');
    expect((await database.query(insert, [2], { name: 'notes_insert' })).rows).toEqual([{ id: 2 }]);
    // A statement that cannot be prepared is not kept under its name.
    const broken = await database.query('SELECT * FROM missing', [], { name: 'broken' }).catch((e: unknown) => e);
    expect(sqlStateOf(broken)).toBe('42P01');
    expect(await preparedNames(database)).toEqual(['notes_insert']);
  });

  it('runs inside a transaction and is rolled back with it; one name never runs another text', async () => {
    database = await openDatabase({});
    await database.exec('CREATE TABLE notes (id int PRIMARY KEY)');
    const insert = 'INSERT INTO notes VALUES ($1) RETURNING id';
    const failed = await database
      .transaction(async (sql) => {
        await sql.query(insert, [1], { name: 'notes_insert' });
        throw new Error('rolled back');
      })
      .catch((error: unknown) => error);
    expect(failed).toEqual(new Error('rolled back'));
    await database.transaction((sql) => sql.query(insert, [2], { name: 'notes_insert' }));
    expect((await database.query('SELECT id FROM notes')).rows).toEqual([{ id: 2 }]);
    await expect(database.query('SELECT 1', [], { name: 'notes_insert' })).rejects.toThrow(/another text/);
  });
});
