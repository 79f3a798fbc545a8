import canonicalize from 'canonicalize';
import { signDetachedCms } from './cms-detached.ts';
import type { Signer } from './signer.ts';

/**
 * The answer record: the facts of one signed answer as RFC 8785 canonical JSON (so anyone can
 * recompute the exact bytes from the fields), with a detached CMS signature (.p7s) over those
 * bytes. It binds the answer text, the signed letter and the certificate together; its hash is
 * what goes into the transparency log.
 */
export interface AnswerRecordFields {
  answerId: string;
  caseReference: string;
  /** The signing unit's code. */
  unit: string;
  outcome: string;
  /** Lower-case hex SHA-256 digests. */
  answerTextSha256: string;
  signedPdfSha256: string;
  signerCertificateSha256: string;
  /** ISO 8601 instant. */
  issuedAt: string;
}

export interface AnswerRecord {
  /** The canonical JSON, UTF-8: the content the signature covers, byte for byte. */
  json: Uint8Array;
  /** DER of the detached CMS SignedData (application/pkcs7-signature, .p7s). */
  signature: Uint8Array;
}

const FIELD_NAMES = [
  'answerId',
  'caseReference',
  'unit',
  'outcome',
  'answerTextSha256',
  'signedPdfSha256',
  'signerCertificateSha256',
  'issuedAt',
] as const satisfies readonly (keyof AnswerRecordFields)[];

export function canonicalAnswerRecord(fields: AnswerRecordFields): Uint8Array {
  // Only the record's own fields: a caller passing a larger object must not sign extra data.
  const record = Object.fromEntries(FIELD_NAMES.map((name) => [name, fields[name]]));
  for (const name of FIELD_NAMES) {
    if (typeof record[name] !== 'string') throw new Error(`answer record field ${name} must be a string`);
  }
  const text = canonicalize(record);
  if (text === undefined) throw new Error('answer record could not be canonicalized');
  return new TextEncoder().encode(text);
}

export async function createAnswerRecord(
  fields: AnswerRecordFields,
  signer: Signer,
  signingTime: Date = new Date(),
): Promise<AnswerRecord> {
  const json = canonicalAnswerRecord(fields);
  return { json, signature: await signDetachedCms(json, signer, signingTime) };
}
