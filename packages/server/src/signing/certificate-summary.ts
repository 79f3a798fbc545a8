import 'reflect-metadata';
import { createHash } from 'node:crypto';
import { X509Certificate } from '@peculiar/x509';

/** What the verification page shows of a certificate. */
export interface CertificateSummary {
  /** RFC 4514-style one-line names, e.g. "CN=Civil status office (TEST), OU=civil-status, O=…". */
  subject: string;
  issuer: string;
  /** Hexadecimal serial number, lower case. */
  serialNumber: string;
  notBefore: string;
  notAfter: string;
  /** SHA-256 of the certificate's DER, lower-case hex: its fingerprint. */
  sha256: string;
}

/** Summaries by fingerprint: the same few certificates come back in every signature verified. */
const summaries = new Map<string, CertificateSummary>();
const MAX_REMEMBERED = 1000;

export function summarizeCertificate(der: Uint8Array): CertificateSummary {
  const sha256 = createHash('sha256').update(der).digest('hex');
  const known = summaries.get(sha256);
  if (known) return { ...known };
  const certificate = new X509Certificate(new Uint8Array(der));
  const summary: CertificateSummary = {
    subject: certificate.subject,
    issuer: certificate.issuer,
    serialNumber: certificate.serialNumber.toLowerCase(),
    notBefore: certificate.notBefore.toISOString(),
    notAfter: certificate.notAfter.toISOString(),
    sha256,
  };
  if (summaries.size >= MAX_REMEMBERED) summaries.clear();
  summaries.set(sha256, summary);
  return { ...summary };
}
