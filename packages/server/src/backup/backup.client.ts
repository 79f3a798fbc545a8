import { createWriteStream } from 'node:fs';
import { request } from 'node:http';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { backupSocketPath, DATABASE_DUMP_PATH } from './backup.channel.ts';
import type { Progress } from './backup.progress.ts';

/**
 * Asks the server running on `dataDir` for a dump of its embedded database and writes it to
 * `target`. Answers false when no server listens there (no socket, or one a dead server left).
 */
export async function fetchDumpFromRunningServer({
  dataDir,
  target,
  progress,
}: {
  dataDir: string;
  target: string;
  progress: Progress;
}): Promise<boolean> {
  const response = await new Promise<import('node:http').IncomingMessage | undefined>((resolve, reject) => {
    const outgoing = request({ socketPath: backupSocketPath(dataDir), path: DATABASE_DUMP_PATH, method: 'GET' });
    outgoing.on('response', resolve);
    outgoing.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT' || error.code === 'ECONNREFUSED') resolve(undefined);
      else reject(error);
    });
    outgoing.end();
  });
  if (!response) return false;
  if (response.statusCode !== 200) {
    let text = '';
    for await (const chunk of response) text += String(chunk);
    throw new Error(`the running server could not dump its database (${response.statusCode}): ${text.trim()}`);
  }
  const step = progress.step('database', Number(response.headers['content-length'] ?? 0), 'bytes');
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      step.advance(chunk.length);
      callback(null, chunk);
    },
  });
  await pipeline(response, counter, createWriteStream(target, { flags: 'wx', mode: 0o600 }));
  step.done();
  return true;
}
