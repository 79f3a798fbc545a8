import { HASH_SIZE } from './tlog.merkle.ts';
import { strictBase64 } from './tlog.signed-note.ts';

/**
 * C2SP tlog-checkpoint: the text a log signs, one item a line: the origin (the log's identity),
 * the tree size in decimal, the root hash in base64, then optional extension lines.
 */
export interface Checkpoint {
  origin: string;
  size: number;
  root: Uint8Array;
  extensions: string[];
}

export class CheckpointError extends Error {
  override name = 'CheckpointError';
}

export function formatCheckpoint(checkpoint: Checkpoint): string {
  if (!checkpoint.origin || checkpoint.origin.includes('\n')) throw new CheckpointError('invalid origin');
  if (!Number.isSafeInteger(checkpoint.size) || checkpoint.size < 0) throw new CheckpointError('invalid size');
  if (checkpoint.root.length !== HASH_SIZE) throw new CheckpointError('invalid root hash');
  for (const line of checkpoint.extensions) {
    if (!line || line.includes('\n')) throw new CheckpointError('invalid extension line');
  }
  const lines = [checkpoint.origin, String(checkpoint.size), Buffer.from(checkpoint.root).toString('base64')];
  return `${[...lines, ...checkpoint.extensions].join('\n')}\n`;
}

export function parseCheckpoint(text: string): Checkpoint {
  if (!text.endsWith('\n')) throw new CheckpointError('a checkpoint ends with a newline');
  const [origin, sizeText, rootText, ...extensions] = text.slice(0, -1).split('\n');
  if (!origin) throw new CheckpointError('missing origin');
  if (!sizeText || !/^(0|[1-9][0-9]*)$/.test(sizeText) || !Number.isSafeInteger(Number(sizeText))) {
    throw new CheckpointError('malformed tree size');
  }
  const root = rootText ? strictBase64(rootText) : null;
  if (!root || root.length !== HASH_SIZE) throw new CheckpointError('malformed root hash');
  if (extensions.some((line) => line === '')) throw new CheckpointError('empty extension line');
  return { origin, size: Number(sizeText), root, extensions };
}
