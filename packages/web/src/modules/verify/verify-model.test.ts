import { describe, expect, it } from 'vitest';
import { commonName, compareWithAnswer, letterFileProblem, MAX_LETTER_BYTES, pemFileName } from './verify-model.ts';

describe('the letter chosen for verification', () => {
  it('is accepted as a PDF by its type or by its name', () => {
    expect(letterFileProblem({ name: 'answer.pdf', type: '', size: 1000 })).toBeUndefined();
    expect(letterFileProblem({ name: 'ANSWER.PDF', type: '', size: 1000 })).toBeUndefined();
    expect(letterFileProblem({ name: 'download', type: 'application/pdf', size: 1000 })).toBeUndefined();
  });

  it('is refused when it is not a PDF, or larger than the verifier takes', () => {
    expect(letterFileProblem({ name: 'photo.jpg', type: 'image/jpeg', size: 1000 })).toBe('verify.not_a_pdf');
    expect(letterFileProblem({ name: 'answer.pdf', type: 'application/pdf', size: MAX_LETTER_BYTES + 1 })).toBe(
      'verify.document_too_large',
    );
    expect(letterFileProblem({ name: 'answer.pdf', type: 'application/pdf', size: MAX_LETTER_BYTES })).toBeUndefined();
  });
});

describe('an uploaded letter compared with the answer page it was uploaded on', () => {
  const pageId = '0b9c6c1e-3f0a-4d7e-9a55-0d6c1f2b3a4c';
  const answer = (id: string) => ({ id }) as Parameters<typeof compareWithAnswer>[0]['answer'];

  it('is the same answer only when the ids match and the verifier found it sound', () => {
    expect(compareWithAnswer({ verdict: 'valid', answer: answer(pageId) }, pageId)).toBe('same');
    expect(compareWithAnswer({ verdict: 'valid_pending_log', answer: answer(pageId) }, pageId)).toBe('same');
  });

  it('is altered when it names this answer but fails the checks', () => {
    expect(compareWithAnswer({ verdict: 'invalid', answer: answer(pageId) }, pageId)).toBe('altered');
  });

  it('is another answer, or unknown when ePeople never issued it', () => {
    expect(
      compareWithAnswer({ verdict: 'valid', answer: answer('f1d7a3f4-95a4-4c4f-8c51-3f7f3c0e9b11') }, pageId),
    ).toBe('other');
    expect(compareWithAnswer({ verdict: 'invalid', answer: null }, pageId)).toBe('unknown');
  });
});

describe('certificate names', () => {
  it('take the common name from either subject notation, unescaping commas', () => {
    expect(commonName('CN=ePeople Test Root CA,O=ePeople (TEST),C=TN')).toBe('ePeople Test Root CA');
    expect(commonName('C=TN, O=Ministère, CN=Bureau des relations\\, Tunis')).toBe('Bureau des relations, Tunis');
    expect(commonName('/C=TN/O=ePeople/CN=Unit cro-tn-61')).toBe('Unit cro-tn-61');
    expect(commonName('O=No common name')).toBe('O=No common name');
  });

  it('make a PEM file name of ASCII letters and digits, or a numbered one', () => {
    expect(pemFileName('CN=ePeople Test Root CA,O=ePeople', 0)).toBe('epeople-test-root-ca.pem');
    expect(pemFileName('CN=Autorité Racine', 0)).toBe('autorite-racine.pem');
    expect(pemFileName('CN=هيئة', 1)).toBe('trust-anchor-2.pem');
  });
});
