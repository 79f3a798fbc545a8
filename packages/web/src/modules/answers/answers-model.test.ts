import type { SignedAnswer } from '@epeople/contracts';
import { describe, expect, it } from 'vitest';
import { answerFileName, isAnswerSettled, needsPolling, newestFirst } from './answers-model.ts';

function answer(overrides: Partial<SignedAnswer> = {}): SignedAnswer {
  return {
    id: '0b9c6c1e-3f0a-4d7e-9a55-0d6c1f2b3a4c',
    status: 'signed',
    outcome: 'accepted',
    language: 'ar',
    issuedAt: '2026-03-01T09:00:00.000Z',
    signedAt: '2026-03-01T09:00:03.000Z',
    logIndex: 41,
    downloads: {
      letter: '/api/v1/cases/PET-2026-000001-K/answers/x/letter.pdf',
      record: '/api/v1/cases/PET-2026-000001-K/answers/x/record.json',
      recordSignature: '/api/v1/cases/PET-2026-000001-K/answers/x/record.p7s',
      receipt: '/api/v1/cases/PET-2026-000001-K/answers/x/receipt.tlog-proof',
    },
    verificationUrl: 'http://localhost:3000/verify/0b9c6c1e-3f0a-4d7e-9a55-0d6c1f2b3a4c',
    ...overrides,
  } as SignedAnswer;
}

const signing = answer({ status: 'signing', signedAt: null, logIndex: null, downloads: null });
const awaitingLog = answer({
  logIndex: null,
  downloads: { letter: '/l.pdf', record: '/r.json', recordSignature: '/r.p7s', receipt: null },
});

describe('when the answer block keeps asking', () => {
  it('an answer being signed, or signed without its log receipt, is not settled', () => {
    expect(isAnswerSettled(signing)).toBe(false);
    expect(isAnswerSettled(awaitingLog)).toBe(false);
    expect(isAnswerSettled(answer())).toBe(true);
  });

  it('polls while any answer is unsettled, and stops once all are signed and logged', () => {
    expect(needsPolling([answer(), signing])).toBe(true);
    expect(needsPolling([awaitingLog])).toBe(true);
    expect(needsPolling([answer(), answer({ id: 'f1d7a3f4-95a4-4c4f-8c51-3f7f3c0e9b11' })])).toBe(false);
    expect(needsPolling([])).toBe(false);
  });
});

describe('saved file names', () => {
  const first = answer({ id: 'aaaaaaaa-0000-4000-8000-000000000001', issuedAt: '2026-03-01T09:00:00Z' });
  const second = answer({ id: 'aaaaaaaa-0000-4000-8000-000000000002', issuedAt: '2026-04-01T09:00:00Z' });

  it('name the files after the case, keeping the record and its signature side by side', () => {
    const name = (kind: Parameters<typeof answerFileName>[3]) =>
      answerFileName('PET-2026-000001-K', first, [first], kind);
    expect(name('letter')).toBe('PET-2026-000001-K-answer.pdf');
    expect(name('record')).toBe('PET-2026-000001-K-answer.json');
    expect(name('recordSignature')).toBe('PET-2026-000001-K-answer.json.p7s');
    expect(name('receipt')).toBe('PET-2026-000001-K-answer.tlog-proof');
  });

  it('number a case’s answers in the order they were issued, whatever order the list has', () => {
    expect(answerFileName('R', second, [second, first], 'letter')).toBe('R-answer-2.pdf');
    expect(answerFileName('R', first, [second, first], 'letter')).toBe('R-answer-1.pdf');
  });

  it('show the newest answer first', () => {
    expect(newestFirst([first, second]).map((item) => item.id)).toEqual([second.id, first.id]);
  });
});
