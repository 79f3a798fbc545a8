import { mkdtemp } from 'node:fs/promises';
import { loadConfig } from '../src/config.ts';
import { openDatabase } from '../src/db/client.ts';
import { startServer } from '../src/server.ts';
import { filingBody } from './filing-request.ts';

const dir = await mkdtemp('/tmp/w8-q-');
process.env.DATA_DIR = dir;
process.env.LOG_LEVEL = 'warn';
process.env.DEMO_MODE = 'false';
process.env.FILING_RATE_LIMIT_PER_MINUTE = '1000000';
const config = loadConfig();
const database = await openDatabase({ dataDir: dir });
const pg = database.pglite!;
const stats = new Map<string, { n: number; ms: number }>();
let on = false;
for (const m of ['query', 'exec'] as const) {
  const orig = (pg as any)[m].bind(pg);
  (pg as any)[m] = async (sql: string, ...rest: unknown[]) => {
    const t = performance.now();
    try {
      return await orig(sql, ...rest);
    } finally {
      if (on) {
        const k = sql.replace(/\s+/g, ' ').slice(0, 110);
        const s = stats.get(k) ?? { n: 0, ms: 0 };
        s.n++;
        s.ms += performance.now() - t;
        stats.set(k, s);
      }
    }
  };
}
const origTx = pg.transaction.bind(pg);
(pg as any).transaction = (cb: any) =>
  origTx((tx: any) => {
    for (const m of ['query', 'exec']) {
      const o = tx[m].bind(tx);
      tx[m] = async (sql: string, ...rest: unknown[]) => {
        const t = performance.now();
        try {
          return await o(sql, ...rest);
        } finally {
          if (on) {
            const k = 'TX ' + sql.replace(/\s+/g, ' ').slice(0, 107);
            const s = stats.get(k) ?? { n: 0, ms: 0 };
            s.n++;
            s.ms += performance.now() - t;
            stats.set(k, s);
          }
        }
      };
    }
    return cb(tx);
  });
const server = await startServer(config, { database, listen: false });
for (let i = 0; i < 20; i++)
  await server.app.inject({
    method: 'POST',
    url: '/api/v1/cases',
    headers: { 'content-type': 'application/json' },
    payload: filingBody(),
  });
on = true;
const N = 200;
const t0 = performance.now();
for (let i = 0; i < N; i++) {
  const r = await server.app.inject({
    method: 'POST',
    url: '/api/v1/cases',
    headers: { 'content-type': 'application/json' },
    payload: filingBody(),
  });
  if (r.statusCode !== 201) console.log(r.statusCode, r.body.slice(0, 200));
}
const wall = performance.now() - t0;
on = false;
let tot = 0,
  cnt = 0;
for (const s of stats.values()) {
  tot += s.ms;
  cnt += s.n;
}
console.log(
  'filings/s',
  ((N / wall) * 1000).toFixed(0),
  'queries/filing',
  (cnt / N).toFixed(1),
  'db ms/filing',
  (tot / N).toFixed(2),
  'wall ms/filing',
  (wall / N).toFixed(2),
);
for (const [k, s] of [...stats].sort((a, b) => b[1].ms - a[1].ms).slice(0, 25))
  console.log((s.ms / N).toFixed(2).padStart(6), (s.n / N).toFixed(2).padStart(5), k);
await server.shutdown();
