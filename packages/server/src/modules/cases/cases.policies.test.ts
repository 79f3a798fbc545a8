import type { StaffRole } from '@epeople/contracts';
import { describe, expect, it } from 'vitest';
import { type Actor, ANONYMOUS } from '../../auth/actor.ts';
import { canSeeCase, caseRolesOf, isCitizenView } from './cases.policies.ts';
import type { CaseRole } from './cases.state-machine.ts';

/**
 * The roles matrix of cases.policies.ts: which roles (the state machine's `by` column) each kind
 * of caller holds on a case. The rule (docs/PRODUCT.md §2 and §11, docs/access-control.md): a case
 * is handled by the officers and supervisors whose role reaches its unit, and by the central
 * office everywhere; being its assignee counts only alongside an officer or supervisor role that
 * still reaches it; administrators, moderators and auditors handle no case; a citizen owns the
 * cases filed from their account; whoever gives the right access code holds the case; jobs act
 * as the system. Staff roles here are held on the case's ministry (scope subtree) when they
 * "reach" it, on another ministry when they do not.
 */
const MINISTRY = 'a0000000-0000-4000-8000-000000000001';
const DIRECTORATE = 'a0000000-0000-4000-8000-000000000002';
const OTHER_MINISTRY = 'a0000000-0000-4000-8000-000000000003';
const CASE_PATH = [DIRECTORATE, MINISTRY];
const OWNER = 'c0000000-0000-4000-8000-000000000001';
const STAFF_ID = 'c0000000-0000-4000-8000-000000000002';

const HANDLING: Partial<Record<StaffRole, CaseRole>> = { officer: 'officer', supervisor: 'supervisor' };
const STAFF_ROLES: readonly StaffRole[] = [
  'system_admin',
  'central_office',
  'agency_admin',
  'supervisor',
  'officer',
  'moderator',
  'auditor',
];

function expectedStaffRoles(role: StaffRole, reachesCase: boolean, isAssignee: boolean): CaseRole[] {
  if (role === 'central_office') return ['central_office'];
  const handling = HANDLING[role];
  if (!handling || !reachesCase) return [];
  return isAssignee ? [handling, 'assignee'] : [handling];
}

const STAFF_CELLS = STAFF_ROLES.flatMap((role) =>
  [true, false].flatMap((reachesCase) =>
    [true, false].map((isAssignee) => ({
      role,
      reachesCase,
      isAssignee,
      roles: expectedStaffRoles(role, reachesCase, isAssignee),
    })),
  ),
);

const sorted = (roles: Iterable<CaseRole>) => [...roles].sort();

describe('cases.policies.ts matrix: the roles a caller holds on a case', () => {
  it.each(STAFF_CELLS)(
    'staff $role, reaching the case: $reachesCase, its assignee: $isAssignee → $roles',
    ({ role, reachesCase, isAssignee, roles }) => {
      const actor: Actor = {
        kind: 'staff',
        userId: STAFF_ID,
        language: 'fr',
        roles: [
          {
            id: 'd0000000-0000-4000-8000-000000000001',
            role,
            unitId: reachesCase ? MINISTRY : OTHER_MINISTRY,
            scope: 'subtree',
          },
        ],
      };
      const theCase = { citizenId: OWNER, assigneeId: isAssignee ? STAFF_ID : null };
      expect(sorted(caseRolesOf(actor, theCase, CASE_PATH))).toEqual(sorted(roles));
    },
  );

  const citizen = (userId: string): Actor => ({ kind: 'citizen', userId, language: 'ar' });
  const SYSTEM: Actor = { kind: 'system', name: 'deadline job' };
  it.each([
    { who: 'the citizen who filed it', actor: citizen(OWNER), code: false, roles: ['owner'] },
    { who: 'another citizen', actor: citizen(STAFF_ID), code: false, roles: [] },
    { who: 'another citizen with the access code', actor: citizen(STAFF_ID), code: true, roles: ['holder'] },
    { who: 'a guest', actor: ANONYMOUS, code: false, roles: [] },
    { who: 'a guest with the access code', actor: ANONYMOUS, code: true, roles: ['holder'] },
    { who: 'the system', actor: SYSTEM, code: false, roles: ['system'] },
  ] as const)('$who (access code: $code) → $roles', ({ actor, code, roles }) => {
    const theCase = { citizenId: OWNER, assigneeId: null };
    const held = caseRolesOf(actor, theCase, CASE_PATH, { hasValidAccessCode: code });
    expect(sorted(held)).toEqual(sorted(roles));
    // Whoever holds a role sees the case; every other caller is told it does not exist.
    expect(canSeeCase(held)).toBe(roles.length > 0);
  });

  it('a guest case (no account) has no owner, whoever asks', () => {
    expect(sorted(caseRolesOf(citizen(OWNER), { citizenId: null, assigneeId: null }, CASE_PATH))).toEqual([]);
  });

  it.each([
    [['owner'], true],
    [['holder'], true],
    [['officer'], false],
    [['assignee'], false],
    [['supervisor'], false],
    [['central_office'], false],
    [['system'], false],
    [['owner', 'officer'], false],
  ] as const)('roles %j see the citizen view (public timeline only): %s', (roles, citizenView) => {
    expect(isCitizenView(new Set<CaseRole>(roles))).toBe(citizenView);
  });
});
