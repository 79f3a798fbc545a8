import { createHash } from 'node:crypto';
import type { TimestampAuthority } from '@libpdf/core';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { toArrayBuffer } from './cms-detached.ts';
import { OID } from './cms-oids.ts';

/**
 * Adds an RFC 3161 timestamp over the signature value of a CMS SignedData's signer, as the
 * unsigned attribute id-aa-timeStampToken (CAdES-T): proof from a third party that the signature
 * existed at that time. The signed part is untouched, so the signature stays valid.
 */
export async function addTimestampToCms(cms: Uint8Array, authority: TimestampAuthority): Promise<Uint8Array> {
  const contentInfo = pkijs.ContentInfo.fromBER(toArrayBuffer(cms));
  if (contentInfo.contentType !== OID.signedData) throw new Error('not a CMS SignedData');
  const signedData = new pkijs.SignedData({ schema: contentInfo.content });
  const [signerInfo] = signedData.signerInfos;
  if (!signerInfo) throw new Error('the CMS SignedData has no signer');

  const imprint = createHash('sha256').update(signerInfo.signature.valueBlock.valueHexView).digest();
  const token = await authority.timestamp(new Uint8Array(imprint), 'SHA-256');
  const tokenSchema = asn1js.fromBER(toArrayBuffer(token));
  if (tokenSchema.offset === -1) throw new Error('the timestamp token is not DER');
  const attribute = new pkijs.Attribute({ type: OID.timeStampToken, values: [tokenSchema.result] });
  const others = signerInfo.unsignedAttrs?.attributes.filter((item) => item.type !== OID.timeStampToken) ?? [];
  signerInfo.unsignedAttrs = new pkijs.SignedAndUnsignedAttributes({ type: 1, attributes: [...others, attribute] });

  const updated = new pkijs.ContentInfo({ contentType: OID.signedData, content: signedData.toSchema(true) });
  return new Uint8Array(updated.toSchema().toBER(false));
}
