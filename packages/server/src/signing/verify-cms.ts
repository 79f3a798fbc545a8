import { constants, createHash, verify, X509Certificate } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { type CertificateSummary, summarizeCertificate } from './certificate-summary.ts';

export { type CertificateSummary, summarizeCertificate } from './certificate-summary.ts';

import { toArrayBuffer } from './cms-detached.ts';
import { DIGEST_NAMES, OID } from './cms-oids.ts';

/**
 * Verifies a CMS SignedData over given content: ePeople's detached .p7s answer records and the
 * signatures inside PDF letters (content = the bytes the /ByteRange covers) alike. Never throws
 * on bad input: a verifier's answer to garbage is a verdict ("malformed"), not an error.
 */
export interface CmsVerification {
  /** False when the bytes are not a CMS SignedData at all (every other verdict is then false). */
  wellFormed: boolean;
  /** The content hashes to the messageDigest the signer signed. */
  digestValid: boolean;
  /** The signer's key made the signature over the signed attributes. */
  signatureValid: boolean;
  signer: CertificateSummary | null;
  /** From the signer up through its issuers, to and including the trust anchor when one was reached. */
  chain: CertificateSummary[];
  /** An unbroken path of valid CA signatures from the signer to one of the trust anchors. */
  chainTrusted: boolean;
  /** The signer certificate's validity covers the signing time (the timestamp's if any, else the claimed one). */
  signerValidAtSigningTime: boolean;
  /** The signingTime the signer claimed (not proof: see timestampTime). */
  signingTime?: string;
  /** The time an RFC 3161 authority vouched for, present only when its token is intact and covers this signature. */
  timestampTime?: string;
  timestamp?: TimestampVerification;
  /** Why a check failed, for logs and support (not shown verbatim to citizens). */
  problems: string[];
}

export interface TimestampVerification {
  time: string;
  /** The token's message imprint is the hash of this signature's value. */
  imprintValid: boolean;
  signatureValid: boolean;
  chainTrusted: boolean;
  authority: CertificateSummary | null;
}

export interface CmsToVerify {
  /** DER of the CMS ContentInfo (a .p7s, or a PDF signature's /Contents without its zero padding). */
  cms: Uint8Array;
  /** The signed bytes: the record's JSON, or the parts of the PDF its /ByteRange covers, in order
   * (views on the file: hashing them one after the other never copies the file). */
  content: Uint8Array | readonly Uint8Array[];
  /** DER root certificates the chain must reach (Signing.trustAnchors). */
  trustAnchors: Uint8Array[];
}

export async function verifyCms({ cms, content, trustAnchors }: CmsToVerify): Promise<CmsVerification> {
  const parsed = parseSignedData(cms);
  if (!parsed) return { ...NOTHING_VERIFIED, problems: ['not a CMS SignedData'] };
  const result = verifySignedData(parsed, content, trustAnchors);
  if (!result.signerInfo) return result.verdict;
  const verdict = result.verdict;
  const token = unsignedAttribute(result.signerInfo, OID.timeStampToken);
  if (token) {
    const timestamp = verifyTimestampToken(token, result.signerInfo.signature.valueBlock.valueHexView, trustAnchors);
    verdict.timestamp = timestamp;
    if (timestamp.imprintValid && timestamp.signatureValid) verdict.timestampTime = timestamp.time;
    else verdict.problems.push('the timestamp token does not verify');
  }
  verdict.signerValidAtSigningTime = isValidAt(verdict.signer, verdict.timestampTime ?? verdict.signingTime);
  return verdict;
}

const NOTHING_VERIFIED: CmsVerification = {
  wellFormed: false,
  digestValid: false,
  signatureValid: false,
  signer: null,
  chain: [],
  chainTrusted: false,
  signerValidAtSigningTime: false,
  problems: [],
};

function parseSignedData(cms: Uint8Array): pkijs.SignedData | undefined {
  try {
    const asn = asn1js.fromBER(toArrayBuffer(cms));
    if (asn.offset === -1) return undefined;
    const contentInfo = new pkijs.ContentInfo({ schema: asn.result });
    if (contentInfo.contentType !== OID.signedData) return undefined;
    return new pkijs.SignedData({ schema: contentInfo.content });
  } catch {
    return undefined;
  }
}

interface SignedDataResult {
  verdict: CmsVerification;
  signerInfo?: pkijs.SignerInfo;
}

function verifySignedData(
  signedData: pkijs.SignedData,
  content: Uint8Array | readonly Uint8Array[],
  trustAnchors: Uint8Array[],
): SignedDataResult {
  const problems: string[] = [];
  const verdict: CmsVerification = { ...NOTHING_VERIFIED, wellFormed: true, problems };
  const [signerInfo, ...otherSigners] = signedData.signerInfos;
  if (!signerInfo) return { verdict: { ...verdict, problems: ['no signer'] } };
  if (otherSigners.length > 0) problems.push('more than one signer: only the first is verified');

  const embeddedCertificates = (signedData.certificates ?? []).filter(
    (item): item is pkijs.Certificate => item instanceof pkijs.Certificate,
  );
  const embedded = embeddedCertificates.map((certificate) => new Uint8Array(certificate.toSchema().toBER(false)));
  const signerIndex = findSignerCertificate(signerInfo, embeddedCertificates);
  const signerDer = signerIndex === -1 ? undefined : embedded[signerIndex];
  if (!signerDer) {
    problems.push('the signer certificate is not embedded');
    return { verdict, signerInfo };
  }
  const signerCertificate = new X509Certificate(signerDer);
  verdict.signer = summarizeCertificate(signerDer);

  const digestName = DIGEST_NAMES[signerInfo.digestAlgorithm.algorithmId];
  if (!digestName) {
    problems.push(`unsupported digest ${signerInfo.digestAlgorithm.algorithmId}`);
    return { verdict, signerInfo };
  }
  const parts = content instanceof Uint8Array ? [content] : content;
  const hash = createHash(digestName);
  for (const part of parts) hash.update(part);
  const digest = hash.digest();
  const signature = Buffer.from(signerInfo.signature.valueBlock.valueHexView);
  if (signerInfo.signedAttrs) {
    const claimed = signedAttribute(signerInfo, OID.messageDigest);
    verdict.digestValid =
      claimed instanceof asn1js.OctetString && digest.equals(Buffer.from(claimed.valueBlock.valueHexView));
    if (!verdict.digestValid) problems.push('the content does not match the signed digest');
    const signedBytes = Buffer.from(signerInfo.signedAttrs.encodedValue);
    signedBytes[0] = 0x31; // signed as a SET, carried as [0] IMPLICIT
    verdict.signatureValid = verifySignature(
      signerInfo,
      digestName,
      signerCertificate,
      signedBytes,
      signature,
      problems,
    );
    const signingTime = signedAttribute(signerInfo, OID.signingTime);
    if (signingTime instanceof asn1js.UTCTime || signingTime instanceof asn1js.GeneralizedTime) {
      verdict.signingTime = signingTime.toDate().toISOString();
    }
  } else {
    verdict.signatureValid = verifySignature(
      signerInfo,
      digestName,
      signerCertificate,
      Buffer.concat(parts), // no signed attributes (rare): the signature is over the content itself
      signature,
      problems,
    );
    verdict.digestValid = verdict.signatureValid;
  }
  if (!verdict.signatureValid) problems.push('the signature does not verify with the signer certificate');

  const path = buildPath(signerCertificate, signerDer, embedded, trustAnchors);
  verdict.chain = path.chain.map(summarizeCertificate);
  verdict.chainTrusted = path.trusted;
  if (!path.trusted) problems.push('no path to a trust anchor');
  verdict.signerValidAtSigningTime = isValidAt(verdict.signer, verdict.signingTime);
  return { verdict, signerInfo };
}

/** The index of the embedded certificate the SignerInfo names, or -1. */
function findSignerCertificate(signerInfo: pkijs.SignerInfo, certificates: pkijs.Certificate[]): number {
  const sid = signerInfo.sid;
  if (sid instanceof pkijs.IssuerAndSerialNumber) {
    return certificates.findIndex(
      (certificate) => certificate.issuer.isEqual(sid.issuer) && certificate.serialNumber.isEqual(sid.serialNumber),
    );
  }
  // [0] IMPLICIT SubjectKeyIdentifier: match the certificates' subjectKeyIdentifier extension.
  if (!(sid instanceof asn1js.Primitive)) return -1;
  const keyIdentifier = Buffer.from(sid.valueBlock.valueHexView);
  return certificates.findIndex((certificate) => {
    const parsed = certificate.extensions?.find((item) => item.extnID === '2.5.29.14')?.parsedValue;
    return parsed instanceof asn1js.OctetString && keyIdentifier.equals(Buffer.from(parsed.valueBlock.valueHexView));
  });
}

const SIGNATURE_DIGESTS: Record<string, string> = {
  [OID.ecdsaWithSha256]: 'sha256',
  [OID.ecdsaWithSha384]: 'sha384',
  [OID.ecdsaWithSha512]: 'sha512',
  [OID.sha256WithRsa]: 'sha256',
  [OID.sha384WithRsa]: 'sha384',
  [OID.sha512WithRsa]: 'sha512',
};
const EC_PUBLIC_KEY = '1.2.840.10045.2.1';

function verifySignature(
  signerInfo: pkijs.SignerInfo,
  digestName: string,
  certificate: X509Certificate,
  signed: Buffer,
  signature: Buffer,
  problems: string[],
): boolean {
  const algorithm = signerInfo.signatureAlgorithm.algorithmId;
  const key = certificate.publicKey;
  try {
    if (algorithm === OID.rsaPss) {
      const params = new pkijs.RSASSAPSSParams({ schema: signerInfo.signatureAlgorithm.algorithmParams });
      const hash = DIGEST_NAMES[params.hashAlgorithm.algorithmId] ?? 'sha1';
      return verify(
        hash,
        signed,
        { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: params.saltLength },
        signature,
      );
    }
    const hash =
      SIGNATURE_DIGESTS[algorithm] ??
      (algorithm === OID.rsaEncryption || algorithm === EC_PUBLIC_KEY ? digestName : undefined);
    if (!hash) {
      problems.push(`unsupported signature algorithm ${algorithm}`);
      return false;
    }
    return verify(hash, signed, { key, dsaEncoding: 'der' }, signature);
  } catch (error) {
    problems.push(`signature check failed: ${(error as Error).message}`);
    return false;
  }
}

/**
 * Walks from the signer up through the embedded certificates until a trust anchor vouches for
 * the last one. Every issuer must be a CA and its signature must verify.
 */
function buildPath(
  signer: X509Certificate,
  signerDer: Uint8Array,
  embedded: Uint8Array[],
  trustAnchors: Uint8Array[],
): { chain: Uint8Array[]; trusted: boolean } {
  const anchors = trustAnchors.map((der) => ({ der, certificate: new X509Certificate(der) }));
  const candidates = embedded.map((der) => ({ der, certificate: new X509Certificate(der) }));
  const chain: Uint8Array[] = [signerDer];
  const isIssuer = (child: X509Certificate, parent: X509Certificate) =>
    parent.ca && child.checkIssued(parent) && child.verify(parent.publicKey);
  if (anchors.some(({ der }) => Buffer.from(der).equals(Buffer.from(signerDer)))) return { chain, trusted: true };

  let current = signer;
  const seen = new Set<string>([current.fingerprint256]);
  for (let depth = 0; depth < 10; depth++) {
    const anchor = anchors.find(({ certificate }) => isIssuer(current, certificate));
    if (anchor) {
      chain.push(anchor.der);
      return { chain, trusted: true };
    }
    const next = candidates.find(
      ({ certificate }) => !seen.has(certificate.fingerprint256) && isIssuer(current, certificate),
    );
    if (!next) break;
    chain.push(next.der);
    seen.add(next.certificate.fingerprint256);
    current = next.certificate;
  }
  return { chain, trusted: false };
}

function verifyTimestampToken(
  token: asn1js.AsnType,
  signatureValue: Uint8Array,
  trustAnchors: Uint8Array[],
): TimestampVerification {
  const failed: TimestampVerification = {
    time: '',
    imprintValid: false,
    signatureValid: false,
    chainTrusted: false,
    authority: null,
  };
  try {
    const signedData = new pkijs.SignedData({ schema: new pkijs.ContentInfo({ schema: token }).content });
    const eContent = signedData.encapContentInfo.eContent;
    if (signedData.encapContentInfo.eContentType !== OID.tstInfo || !eContent) return failed;
    const tstInfoBytes = new Uint8Array(eContent.getValue());
    const tstInfo = pkijs.TSTInfo.fromBER(toArrayBuffer(tstInfoBytes));
    const imprintDigest = DIGEST_NAMES[tstInfo.messageImprint.hashAlgorithm.algorithmId];
    const imprintValid =
      imprintDigest !== undefined &&
      createHash(imprintDigest)
        .update(signatureValue)
        .digest()
        .equals(Buffer.from(tstInfo.messageImprint.hashedMessage.valueBlock.valueHexView));
    const { verdict } = verifySignedData(signedData, tstInfoBytes, trustAnchors);
    return {
      time: tstInfo.genTime.toISOString(),
      imprintValid,
      signatureValid: verdict.digestValid && verdict.signatureValid,
      chainTrusted: verdict.chainTrusted,
      authority: verdict.signer,
    };
  } catch {
    return failed;
  }
}

function signedAttribute(signerInfo: pkijs.SignerInfo, type: string): asn1js.AsnType | undefined {
  return signerInfo.signedAttrs?.attributes.find((item) => item.type === type)?.values[0];
}

function unsignedAttribute(signerInfo: pkijs.SignerInfo, type: string): asn1js.AsnType | undefined {
  return signerInfo.unsignedAttrs?.attributes.find((item) => item.type === type)?.values[0];
}

function isValidAt(certificate: CertificateSummary | null, time: string | undefined): boolean {
  if (!certificate) return false;
  const at = time ? Date.parse(time) : Date.now();
  return Date.parse(certificate.notBefore) <= at && at <= Date.parse(certificate.notAfter);
}
