import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../src/config.ts';
import { openDatabase } from '../src/db/client.ts';
import { migrate } from '../src/db/migrate.ts';
import { enqueueLogEntry, flushLog, logReceiptFor } from '../src/modules/transparency-log/index.ts';
import { createBenchDatabase } from './bench-database.ts';

/**
 * Transparency-log appends per second through the real writer (`flushLog`: batches of 1,000,
 * each with its stored hashes, a consistency check and a signed checkpoint) on PostgreSQL.
 * Two rounds: into an empty log, then into the log the first round left, to show the cost does
 * not grow with the tree. Entries are queued beforehand (that rate is reported apart), sized
 * like an answer's log entry. Receipts per second are measured on the final tree.
 * Run alone: `npx node packages/server/bench/log-appends.ts` (BENCH_DATABASE_URL, LOG_BENCH_ENTRIES).
 */
export interface LogAppendsMeasure {
  appendsPerSecond: number;
  /** The second round, into a log already holding `entries`. */
  appendsPerSecondOnGrownLog: number;
  enqueuesPerSecond: number;
  receiptsPerSecond: number;
  entries: number;
  treeSize: number;
}

const ENTRY_BYTES = 320;
const QUEUE_TRANSACTION = 500;
const RECEIPTS = 300;

function benchEntry(index: number): Uint8Array {
  const facts = JSON.stringify({
    answerId: randomUUID(),
    index,
    pdfSha256: 'ab'.repeat(32),
    recordSha256: 'cd'.repeat(32),
  });
  return new TextEncoder().encode(facts.padEnd(ENTRY_BYTES, ' '));
}

/** On the (migrated or empty) PostgreSQL database at `databaseUrl`. */
export async function measureLogAppends(databaseUrl: string, entries = 20_000): Promise<LogAppendsMeasure> {
  const dataDir = await mkdtemp(join(tmpdir(), 'epeople-bench-log-'));
  const database = await openDatabase({ databaseUrl, poolMax: 4 });
  try {
    await migrate(database);
    const config = loadConfig({ NODE_ENV: 'test', DATA_DIR: dataDir, DATABASE_URL: databaseUrl, LOG_LEVEL: 'silent' });
    const ctx = { config, database };
    await flushLog(ctx);
    const sources: string[] = [];

    const queue = async (count: number) => {
      for (let done = 0; done < count; done += QUEUE_TRANSACTION) {
        await database.db.transaction(async (tx) => {
          for (let i = done; i < Math.min(count, done + QUEUE_TRANSACTION); i++) {
            const sourceId = randomUUID();
            sources.push(sourceId);
            await enqueueLogEntry(tx, { sourceId, entry: benchEntry(sources.length) });
          }
        });
      }
    };
    const timed = async (work: () => Promise<unknown>) => {
      const started = performance.now();
      await work();
      return (performance.now() - started) / 1000;
    };

    const queueSeconds = await timed(() => queue(entries));
    const firstSeconds = await timed(() => flushLog(ctx));
    await queue(entries);
    let treeSize = 0;
    const secondSeconds = await timed(async () => {
      treeSize = (await flushLog(ctx)).treeSize;
    });
    const receiptSeconds = await timed(async () => {
      for (let i = 0; i < RECEIPTS; i++) {
        const found = await logReceiptFor(database.db, sources[(i * 7919) % sources.length] as string);
        if (!found) throw new Error('a logged entry has no receipt');
      }
    });
    return {
      appendsPerSecond: entries / firstSeconds,
      appendsPerSecondOnGrownLog: entries / secondSeconds,
      enqueuesPerSecond: entries / queueSeconds,
      receiptsPerSecond: RECEIPTS / receiptSeconds,
      entries,
      treeSize,
    };
  } finally {
    await database.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

if (import.meta.main) {
  const benchDatabase = await createBenchDatabase(
    process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
  );
  try {
    console.log(await measureLogAppends(benchDatabase.url, Number(process.env.LOG_BENCH_ENTRIES ?? 20_000)));
  } finally {
    await benchDatabase.drop();
  }
}
