import type { PublicAnswerVerification, TrustAnchors, VerificationResult } from '@epeople/contracts';
import { apiRequest } from '../../api/client.ts';

/** Sends the letter's bytes as they are: the verifier hashes exactly what the citizen holds. */
export const verifyLetter = (file: Blob) =>
  apiRequest<VerificationResult>('POST', '/verify', { body: file, headers: { 'content-type': 'application/pdf' } });

export const verifyByReference = (body: { reference: string; accessCode: string }) =>
  apiRequest<VerificationResult>('POST', '/verify', { body });

export const loadPublicAnswer = (answerId: string, signal?: AbortSignal) =>
  apiRequest<PublicAnswerVerification>('GET', `/verify/answers/${encodeURIComponent(answerId)}`, { signal });

export const loadTrustAnchors = (signal?: AbortSignal) =>
  apiRequest<TrustAnchors>('GET', '/verify/trust-anchors', { signal });
