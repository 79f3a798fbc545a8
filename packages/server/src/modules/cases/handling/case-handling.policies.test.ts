import { CASE_ACTIONS, CASE_STATES, type CaseAction, type CaseState } from '@epeople/contracts';
import { describe, expect, it } from 'vitest';
import { CASE_ROLES, type CaseRole } from '../cases.state-machine.ts';
import type { CaseRow } from '../cases.table.ts';
import { LOCK_EFFECT, lockActionsFor } from './case-handling.policies.ts';

/**
 * The lock matrix of case-handling.policies.ts: which lock buttons each role has on a case, for
 * every state and every state of the lock. The rule (docs/PRODUCT.md §5, docs/access-control.md):
 * two officials never edit a case at once. Those who handle the case (its unit's officers and
 * supervisors, its assignee, the central office) take a free lock, and the holder may take it
 * again (renew) or release it; a lock held by someone else can only be broken, and only by a
 * supervisor or the central office. A closed, rejected or withdrawn case has no lock to take.
 * The citizen's side (owner, access-code holder), a contributing unit (its part is its own row)
 * and the system have no lock buttons.
 */
const ME = 'b0000000-0000-4000-8000-000000000001';
const SOMEONE_ELSE = 'b0000000-0000-4000-8000-000000000002';
const NOW = new Date('2026-03-02T10:00:00Z');
const LATER = new Date(NOW.getTime() + 5 * 60_000);
const EARLIER = new Date(NOW.getTime() - 60_000);

const LOCKS = {
  free: { lockHolderId: null, lockExpiresAt: null },
  mine: { lockHolderId: ME, lockExpiresAt: LATER },
  'mine, expired': { lockHolderId: ME, lockExpiresAt: EARLIER },
  "another's": { lockHolderId: SOMEONE_ELSE, lockExpiresAt: LATER },
  "another's, expired": { lockHolderId: SOMEONE_ELSE, lockExpiresAt: EARLIER },
} as const;
type Lock = keyof typeof LOCKS;

const CLOSED_FOR_GOOD: readonly CaseState[] = ['closed', 'rejected', 'withdrawn'];
const HANDLERS: readonly CaseRole[] = ['officer', 'assignee', 'supervisor', 'central_office'];
const BREAKERS: readonly CaseRole[] = ['supervisor', 'central_office'];
const ROLES: readonly CaseRole[] = CASE_ROLES;

function expected(role: CaseRole, state: CaseState, lock: Lock): string[] {
  if (CLOSED_FOR_GOOD.includes(state) || !HANDLERS.includes(role)) return [];
  if (lock === 'mine') return ['take', 'release'];
  if (lock === "another's") return BREAKERS.includes(role) ? ['break_lock'] : [];
  return ['take'];
}

const CELLS = ROLES.flatMap((role) =>
  CASE_STATES.flatMap((state) =>
    (Object.keys(LOCKS) as Lock[]).map((lock) => ({ role, state, lock, buttons: expected(role, state, lock) })),
  ),
);

describe('case-handling.policies.ts matrix: the lock buttons', () => {
  it.each(CELLS)('$role, $state case, lock $lock → $buttons', ({ role, state, lock, buttons }) => {
    const theCase = { state, ...LOCKS[lock] } as CaseRow;
    expect(lockActionsFor(theCase, new Set([role]), ME, NOW)).toEqual(buttons);
  });

  it('nobody without a role on the case has a lock button', () => {
    expect(lockActionsFor({ state: 'in_progress', ...LOCKS.free } as CaseRow, new Set(), ME, NOW)).toEqual([]);
  });

  it('an officer who is also a supervisor there may break a lock', () => {
    const theCase = { state: 'in_progress', ...LOCKS["another's"] } as CaseRow;
    expect(lockActionsFor(theCase, new Set<CaseRole>(['officer', 'supervisor']), ME, NOW)).toEqual(['break_lock']);
  });
});

/**
 * What each action does to the lock. Handing the case to someone else (a supervisor's review, the
 * citizen, another unit, the end of the case) releases it so the next person acts at once; work
 * on the case takes or renews it; the citizen's actions and a contributing unit's part leave it
 * alone.
 */
const HANDS_OVER: readonly CaseAction[] = [
  'assign',
  'transfer',
  'request_info',
  'submit_draft',
  'return_draft',
  'approve_draft',
  'answer',
  'reject',
  'close',
];
const CITIZEN_SIDE: readonly CaseAction[] = [
  'reply_info',
  'add_document',
  'withdraw',
  'rate',
  'request_follow_up',
  'consent_identity',
  'consent_extension',
  'send_message',
];

describe('case-handling.policies.ts matrix: what each action does to the lock', () => {
  it.each([...CASE_ACTIONS])('%s', (action) => {
    const effect = HANDS_OVER.includes(action)
      ? 'release'
      : CITIZEN_SIDE.includes(action) || action === 'contribute'
        ? 'ignore'
        : 'renew';
    expect(LOCK_EFFECT[action]).toBe(effect);
  });
});
