import type { Database } from './client.ts';

/**
 * Named prepared statements for hot queries (tracking, filing). Building a Drizzle query costs
 * more CPU than PostgreSQL spends running a primary-key look-up, and a named statement is parsed
 * once per connection instead of on every call. Built once per database handle (a transaction is
 * a different handle: its statements are built per transaction, still named on the server).
 *
 *   const byReference = preparedQuery((db) =>
 *     db.select().from(cases).where(eq(cases.reference, sql.placeholder('reference'))).prepare('cases_by_reference'));
 *   const rows = await byReference(db).execute({ reference });
 */
export function preparedQuery<Prepared>(build: (db: Database) => Prepared): (db: Database) => Prepared {
  const built = new WeakMap<Database, Prepared>();
  return (db) => {
    let prepared = built.get(db);
    if (!prepared) {
      prepared = build(db);
      built.set(db, prepared);
    }
    return prepared;
  };
}
