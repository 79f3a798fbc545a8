import { randomUUID } from 'node:crypto';
import type { FileCaseRequest } from '@epeople/contracts';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../config.ts';
import { checkedAuditData } from '../cases.audit.ts';
import { checkedEventData } from '../cases.events.ts';
import { buildFiling, type FilingFacts } from './build-filing.ts';

// A fixed secret: the access code is hashed under it (cases.codes.ts).
const config = { ...loadConfig({}), APP_SECRET: 'a-test-secret-of-at-least-thirty-two-characters' };
const now = new Date('2026-03-02T09:00:00Z');
const input: FileCaseRequest = {
  type: 'notice',
  title: 'A broken water main',
  description: 'Water has run down the street for two days.',
  language: 'ar',
  publishConsent: false,
  anonymous: true,
  attachmentIds: [randomUUID()],
} as FileCaseRequest;

const facts = (overrides: Partial<FilingFacts>): FilingFacts => ({
  config,
  actor: { kind: 'anonymous' },
  submitter: { kind: 'anonymous' },
  input,
  route: { unitId: randomUUID(), isTriage: false, chosenByCitizen: false },
  deadlines: {
    deadlineMeasure: 'working_days',
    clockStartedAt: now,
    dueAt: new Date('2026-04-01T15:00:00Z'),
    allottedMs: 1,
    pausedAt: null,
    remainingMs: null,
    acknowledgeDueAt: null,
  },
  id: randomUUID(),
  reference: 'NOT-2026-000001-7',
  accessCode: 'ABCD-EFGH-JKLM',
  idempotencyKey: undefined,
  submitterKey: 'guest',
  fingerprint: 'f',
  requestId: 'req-1',
  now,
  ...overrides,
});

describe('buildFiling', () => {
  it('builds an anonymous notice whose audit row names no actor and no request', () => {
    const filing = buildFiling(facts({}));
    expect(filing.audit).toMatchObject({ actorId: null, actorKind: 'guest', requestId: null });
    expect(filing.attachments).toEqual({ ids: input.attachmentIds, uploadedById: null, anonymous: true });
    expect(filing.theCase).toMatchObject({ isAnonymous: true, citizenId: null, guestEmail: null, state: 'submitted' });
    expect(filing.theCase.accessCodeHash).toMatch(/\S/);
    // Without an Idempotency-Key the access code is not kept, even sealed.
    expect(filing.theCase.accessCodeSealed).toBeNull();
  });

  it('builds a citizen’s filing with events and audit data that fit their schemas', () => {
    const userId = randomUUID();
    const filing = buildFiling(
      facts({
        actor: { kind: 'citizen', userId, language: 'ar' },
        submitter: { kind: 'citizen', userId },
        input: { ...input, anonymous: false },
        accessCode: null,
      }),
    );
    expect(filing.theCase).toMatchObject({ citizenId: userId, accessCodeHash: null, isAnonymous: false });
    expect(filing.events.map((event) => [event.type, event.actorKind, event.actorId])).toEqual([
      ['CASE_SUBMITTED', 'citizen', userId],
      ['CASE_ROUTED', 'system', null],
    ]);
    for (const event of filing.events) {
      expect(() => checkedEventData({ type: event.type, data: event.data } as never)).not.toThrow();
    }
    expect(filing.audit).toMatchObject({ actorId: userId, action: 'cases.filed', requestId: 'req-1' });
    expect(() => checkedAuditData('cases.filed', filing.audit.data ?? {})).not.toThrow();
  });
});
