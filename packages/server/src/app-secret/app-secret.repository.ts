import { sql } from 'drizzle-orm';
import { type Database, queryRows } from '../db/client.ts';

/** The one stored fingerprint of APP_SECRET (migration 0016). */
export function createAppSecretRepository({ db }: { db: Database }) {
  return {
    /**
     * Keeps `fingerprint` unless one is already stored, and answers the stored one: two nodes
     * starting together on an empty table both end up comparing with the first one written.
     */
    async storeOrRead(fingerprint: string): Promise<string> {
      await db.execute(sql`
        INSERT INTO app_secret_fingerprint (singleton, fingerprint) VALUES (true, ${fingerprint})
        ON CONFLICT (singleton) DO NOTHING`);
      const [row] = await queryRows<{ fingerprint: string }>(
        db,
        sql`SELECT fingerprint FROM app_secret_fingerprint WHERE singleton`,
      );
      if (!row) throw new Error('app_secret_fingerprint is empty after an insert');
      return row.fingerprint;
    },
  };
}
