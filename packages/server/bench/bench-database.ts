import pg from 'pg';

/** A fresh database for one bench run on the PostgreSQL server of BENCH_DATABASE_URL. */
export async function createBenchDatabase(
  serverUrl: string,
  purpose = 'server',
): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `epeople_bench_${purpose}_${process.pid}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}
