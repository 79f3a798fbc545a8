import { createHash } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { OID } from './cms-oids.ts';
import type { Signer } from './signer.ts';

/**
 * A detached CMS SignedData (a .p7s) over `content`: SHA-256, signed attributes contentType,
 * messageDigest, signingTime and ESS signing-certificate-v2 (binding the signature to the
 * certificate, as CAdES requires), the certificate chain embedded. The key is used only through
 * Signer.sign, so any backend, a token included, can make one.
 */
export async function signDetachedCms(
  content: Uint8Array,
  signer: Signer,
  signingTime: Date = new Date(),
): Promise<Uint8Array> {
  const certificate = parseCertificate(signer.certificate);
  const messageDigest = createHash('sha256').update(content).digest();
  const signedAttributes = sortedForDer([
    attribute(OID.contentType, new asn1js.ObjectIdentifier({ value: OID.data })),
    attribute(OID.signingTime, timeValue(signingTime)),
    attribute(OID.messageDigest, new asn1js.OctetString({ valueHex: toArrayBuffer(messageDigest) })),
    attribute(OID.signingCertificateV2, signingCertificateV2(signer.certificate, certificate)),
  ]);
  const signedAttrs = new pkijs.SignedAndUnsignedAttributes({ type: 0, attributes: signedAttributes });
  // The signature covers the attributes encoded as a DER SET (tag 0x31), not the [0] they travel in.
  const toBeSigned = new asn1js.Set({ value: signedAttributes.map((item) => item.toSchema()) }).toBER(false);
  const signature = await signer.sign(new Uint8Array(toBeSigned), 'SHA-256');

  const signerInfo = new pkijs.SignerInfo({
    version: 1,
    sid: new pkijs.IssuerAndSerialNumber({ issuer: certificate.issuer, serialNumber: certificate.serialNumber }),
    digestAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: OID.sha256 }),
    signedAttrs,
    signatureAlgorithm: signatureAlgorithmOf(signer),
    signature: new asn1js.OctetString({ valueHex: toArrayBuffer(signature) }),
  });
  const signedData = new pkijs.SignedData({
    version: 1,
    digestAlgorithms: [new pkijs.AlgorithmIdentifier({ algorithmId: OID.sha256 })],
    encapContentInfo: new pkijs.EncapsulatedContentInfo({ eContentType: OID.data }),
    certificates: [certificate, ...signer.certificateChain.map(parseCertificate)],
    signerInfos: [signerInfo],
  });
  const contentInfo = new pkijs.ContentInfo({ contentType: OID.signedData, content: signedData.toSchema(true) });
  return new Uint8Array(contentInfo.toSchema().toBER(false));
}

function attribute(type: string, value: asn1js.AsnType): pkijs.Attribute {
  return new pkijs.Attribute({ type, values: [value] });
}

/** DER orders a SET OF by the encodings of its members; verifiers re-encode and would disagree otherwise. */
function sortedForDer(attributes: pkijs.Attribute[]): pkijs.Attribute[] {
  const encoded = attributes.map((item) => ({ item, der: Buffer.from(item.toSchema().toBER(false)) }));
  encoded.sort((a, b) => Buffer.compare(a.der, b.der));
  return encoded.map(({ item }) => item);
}

/** RFC 5652 §11.3: UTCTime through 2049, GeneralizedTime after. */
function timeValue(date: Date): asn1js.AsnType {
  const whole = new Date(Math.floor(date.getTime() / 1000) * 1000);
  return whole.getUTCFullYear() < 2050
    ? new asn1js.UTCTime({ valueDate: whole })
    : new asn1js.GeneralizedTime({ valueDate: whole });
}

/** SigningCertificateV2 { certs: [ ESSCertIDv2 { certHash (SHA-256, the default), issuerSerial } ] } (RFC 5035). */
function signingCertificateV2(der: Uint8Array, certificate: pkijs.Certificate): asn1js.Sequence {
  const certificateHash = createHash('sha256').update(der).digest();
  const issuerSerial = new asn1js.Sequence({
    value: [
      new asn1js.Sequence({
        // GeneralNames holding one directoryName: [4] EXPLICIT Name.
        value: [
          new asn1js.Constructed({ idBlock: { tagClass: 3, tagNumber: 4 }, value: [certificate.issuer.toSchema()] }),
        ],
      }),
      certificate.serialNumber,
    ],
  });
  const essCertIdV2 = new asn1js.Sequence({
    value: [new asn1js.OctetString({ valueHex: toArrayBuffer(certificateHash) }), issuerSerial],
  });
  return new asn1js.Sequence({ value: [new asn1js.Sequence({ value: [essCertIdV2] })] });
}

function signatureAlgorithmOf(signer: Signer): pkijs.AlgorithmIdentifier {
  if (signer.signatureAlgorithm === 'ECDSA') return new pkijs.AlgorithmIdentifier({ algorithmId: OID.ecdsaWithSha256 });
  // RFC 3370 §3.2: rsaEncryption with NULL parameters, the form every verifier accepts.
  return new pkijs.AlgorithmIdentifier({ algorithmId: OID.rsaEncryption, algorithmParams: new asn1js.Null() });
}

/** Parsed once per certificate object: a Signer hands the same bytes to every signature. */
const parsedCertificates = new WeakMap<Uint8Array, pkijs.Certificate>();

export function parseCertificate(der: Uint8Array): pkijs.Certificate {
  let certificate = parsedCertificates.get(der);
  if (!certificate) {
    certificate = pkijs.Certificate.fromBER(toArrayBuffer(der));
    parsedCertificates.set(der, certificate);
  }
  return certificate;
}

export function toArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}
