import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';

/**
 * The audit chain's head, anchored in the public transparency log (docs/adr/0005-audit-hash-chain.md).
 * A hash chain kept in the database it protects can be recomputed by whoever can write the
 * database: edit a row, recompute every later seal, and the chain holds again; cut the tail and
 * nothing says it was longer. So every sealing round also queues the new head (its sequence
 * number and hash) as an entry of the transparency log, whose signed checkpoints are public and
 * mirrored: an anchored head can no longer change or disappear without the log's signed tree
 * disagreeing. The entry holds no personal data: a position in the chain, a hash, a time.
 */
export const AUDIT_HEAD_ENTRY_TYPE = 'epeople.audit-head/v1';

export interface AuditHead {
  sealSeq: number;
  hash: string;
  sealedAt: string;
}

export function auditHeadEntry(head: AuditHead): Uint8Array {
  const text = canonicalize({
    type: AUDIT_HEAD_ENTRY_TYPE,
    sealSeq: head.sealSeq,
    hash: head.hash,
    sealedAt: head.sealedAt,
  });
  if (text === undefined) throw new Error('audit head entry did not canonicalise');
  return new TextEncoder().encode(text);
}

/** The head an entry anchors, or null for an entry of another type (answers share the log). */
export function parseAuditHeadEntry(entry: Uint8Array): AuditHead | null {
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(entry));
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const { type, sealSeq, hash, sealedAt } = value as Record<string, unknown>;
  if (type !== AUDIT_HEAD_ENTRY_TYPE) return null;
  if (!Number.isSafeInteger(sealSeq) || typeof hash !== 'string' || !/^[0-9a-f]{64}$/.test(hash)) return null;
  if (typeof sealedAt !== 'string') return null;
  return { sealSeq: sealSeq as number, hash, sealedAt };
}

/**
 * The log's source id of the anchor at `sealSeq`: a UUID derived from it, so queuing the same head
 * twice (a retried sealing round) logs it once.
 */
export function anchorSourceId(sealSeq: number): string {
  const hex = createHash('sha256').update(`${AUDIT_HEAD_ENTRY_TYPE}:${sealSeq}`).digest('hex');
  // RFC 9562 UUIDv8 (custom): version and variant bits set over the hash's first 128 bits.
  const variant = ((Number.parseInt(hex[16] ?? '0', 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
