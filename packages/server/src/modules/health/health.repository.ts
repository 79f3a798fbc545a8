import type { DatabaseHandle } from '../../db/client.ts';
import { pendingMigrationCount } from '../../db/migrate.ts';

export function createHealthRepository({ database }: { database: DatabaseHandle }) {
  return {
    /** Reachable and fully migrated; throws when the database cannot be queried. */
    async readDatabaseState(): Promise<{ pendingMigrations: number }> {
      return { pendingMigrations: await pendingMigrationCount(database) };
    },
  };
}
