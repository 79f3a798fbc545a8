import { randomBytes } from 'node:crypto';
import type { DigestAlgorithm, TimestampAuthority } from '@libpdf/core';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { toArrayBuffer } from './cms-detached.ts';
import { OID } from './cms-oids.ts';

/**
 * An RFC 3161 time-stamping client (TSA_URL): POSTs a TimeStampReq as
 * application/timestamp-query and returns the DER TimeStampToken. It checks what it gets back (a
 * granted status, the imprint and the nonce it sent) so a misbehaving authority cannot slip an
 * unrelated token into a signature. Fits @libpdf/core's TimestampAuthority (PAdES B-T).
 */
export interface TimestampAuthorityOptions {
  /** Default 15 s: a signature waits for its timestamp. */
  timeoutMs?: number;
  /** Extra request headers (e.g. authorization for a commercial TSA). */
  headers?: Record<string, string>;
}

const DIGEST_OIDS: Record<DigestAlgorithm, string> = {
  'SHA-256': OID.sha256,
  'SHA-384': OID.sha384,
  'SHA-512': OID.sha512,
};
const GRANTED = 0;
const GRANTED_WITH_MODS = 1;

export function createTimestampAuthority(url: string, options: TimestampAuthorityOptions = {}): TimestampAuthority {
  const timeoutMs = options.timeoutMs ?? 15_000;
  return {
    async timestamp(digest, algorithm) {
      const hashAlgorithm = DIGEST_OIDS[algorithm];
      if (!hashAlgorithm) throw new Error(`timestamp authority: unsupported digest ${String(algorithm)}`);
      const nonce = randomBytes(8);
      nonce[0] = ((nonce[0] ?? 0) & 0x7f) | 0x40; // a positive INTEGER with no leading zero byte to trim
      const request = new pkijs.TimeStampReq({
        version: 1,
        messageImprint: new pkijs.MessageImprint({
          hashAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: hashAlgorithm }),
          hashedMessage: new asn1js.OctetString({ valueHex: toArrayBuffer(digest) }),
        }),
        nonce: new asn1js.Integer({ valueHex: toArrayBuffer(nonce) }),
        certReq: true,
      });
      const response = await fetch(url, {
        method: 'POST',
        headers: {
          ...options.headers,
          'content-type': 'application/timestamp-query',
          accept: 'application/timestamp-reply',
        },
        body: new Uint8Array(request.toSchema().toBER(false)),
        signal: AbortSignal.timeout(timeoutMs),
      });
      if (!response.ok) throw new Error(`timestamp authority answered HTTP ${response.status}`);
      return readTimestampReply(new Uint8Array(await response.arrayBuffer()), digest, hashAlgorithm, nonce);
    },
  };
}

function readTimestampReply(reply: Uint8Array, digest: Uint8Array, hashAlgorithm: string, nonce: Buffer): Uint8Array {
  let response: pkijs.TimeStampResp;
  try {
    response = pkijs.TimeStampResp.fromBER(toArrayBuffer(reply));
  } catch {
    throw new Error('timestamp authority: the reply is not a TimeStampResp');
  }
  const status = response.status.status;
  if (status !== GRANTED && status !== GRANTED_WITH_MODS) {
    const text = response.status.statusStrings?.map((item) => item.valueBlock.value).join('; ') ?? '';
    throw new Error(`timestamp authority refused (status ${status}${text ? `: ${text}` : ''})`);
  }
  if (!response.timeStampToken) throw new Error('timestamp authority: granted without a token');
  const tstInfo = readTstInfo(response.timeStampToken);
  const imprint = tstInfo.messageImprint;
  if (
    imprint.hashAlgorithm.algorithmId !== hashAlgorithm ||
    !Buffer.from(imprint.hashedMessage.valueBlock.valueHexView).equals(Buffer.from(digest))
  ) {
    throw new Error('timestamp authority: the token covers other data than requested');
  }
  if (!tstInfo.nonce || !Buffer.from(tstInfo.nonce.valueBlock.valueHexView).equals(nonce)) {
    throw new Error('timestamp authority: the token does not carry our nonce (a replayed reply?)');
  }
  return new Uint8Array(response.timeStampToken.toSchema().toBER(false));
}

function readTstInfo(token: pkijs.ContentInfo): pkijs.TSTInfo {
  const signedData = new pkijs.SignedData({ schema: token.content });
  const eContent = signedData.encapContentInfo.eContent;
  if (signedData.encapContentInfo.eContentType !== OID.tstInfo || !eContent) {
    throw new Error('timestamp authority: the token holds no TSTInfo');
  }
  return pkijs.TSTInfo.fromBER(eContent.getValue());
}
