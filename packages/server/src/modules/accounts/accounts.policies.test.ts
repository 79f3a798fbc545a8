import { describe, expect, it } from 'vitest';
import { type Actor, ANONYMOUS } from '../../auth/actor.ts';
import { requireSignedIn, requireStaff } from './accounts.policies.ts';

/**
 * The accounts policy matrix (accounts.policies.ts): every kind of caller against the two gates.
 * The rule (docs/access-control.md, RFC 9457 codes of docs/adr/0003-errors-rfc9457.md): a caller
 * not signed in is answered 401 `common.unauthenticated`; a signed-in citizen at a staff door 403
 * `common.forbidden`; a staff member passes both (the session plugin makes a staff member an
 * actor only once their second factor passed); jobs are nobody's session.
 */
const CALLERS: Record<string, Actor> = {
  guest: ANONYMOUS,
  citizen: { kind: 'citizen', userId: 'c0000000-0000-4000-8000-000000000001', language: 'ar' },
  staff: { kind: 'staff', userId: 'c0000000-0000-4000-8000-000000000002', language: 'fr', roles: [] },
  system: { kind: 'system', name: 'mail job' },
};
const MATRIX: Record<string, { signedIn: string | null; staff: string | null }> = {
  guest: { signedIn: 'common.unauthenticated', staff: 'common.unauthenticated' },
  citizen: { signedIn: null, staff: 'common.forbidden' },
  staff: { signedIn: null, staff: null },
  system: { signedIn: 'common.unauthenticated', staff: 'common.unauthenticated' },
};

const CELLS = Object.keys(CALLERS).flatMap((caller) =>
  (['signedIn', 'staff'] as const).map((gate) => ({ caller, gate, refusal: MATRIX[caller]![gate] })),
);

describe('accounts.policies.ts matrix', () => {
  it.each(CELLS)('$caller at the $gate gate → refused with: $refusal', ({ caller, gate, refusal }) => {
    const actor = CALLERS[caller]!;
    const pass = () => (gate === 'signedIn' ? requireSignedIn(actor) : requireStaff(actor));
    if (refusal === null) expect(pass).not.toThrow();
    else expect(pass).toThrow(expect.objectContaining({ code: refusal }));
  });
});
