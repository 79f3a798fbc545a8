import { createHash } from 'node:crypto';

/** The seal of the first row links to this. */
export const GENESIS_HASH = '0'.repeat(64);

/** What a seal covers: every column of the row except the seal itself, plus its place. */
export interface SealableRow {
  sealSeq: number;
  id: number;
  occurredAt: string;
  actorId: string | null;
  actorKind: string;
  action: string;
  subjectType: string;
  subjectId: string | null;
  requestId: string | null;
  data: unknown;
}

/**
 * JSON with object keys sorted at every depth, so the same row always hashes the same however
 * the database (jsonb reorders keys) or the driver hands it back.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** hash_n = SHA-256(hash_{n-1} ‖ "\n" ‖ canonical(row_n)), hex. */
export function computeSealHash(prevHash: string, row: SealableRow): string {
  const covered = {
    sealSeq: row.sealSeq,
    id: row.id,
    occurredAt: row.occurredAt,
    actorId: row.actorId,
    actorKind: row.actorKind,
    action: row.action,
    subjectType: row.subjectType,
    subjectId: row.subjectId,
    requestId: row.requestId,
    data: row.data,
  };
  return createHash('sha256')
    .update(`${prevHash}\n${canonicalJson(covered)}`)
    .digest('hex');
}
