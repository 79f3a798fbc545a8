import { randomUUID } from 'node:crypto';
import type { RoleScope, StaffRole } from '@epeople/contracts';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { type Actor, ANONYMOUS } from '../src/auth/actor.ts';
import { type Database, queryRows } from '../src/db/client.ts';
import { createUserWithPassword } from '../src/modules/accounts/index.ts';
import { createStaffRepository } from '../src/modules/staff/index.ts';
import { type SignedInSession, STRONG_PASSWORD, signIn, uniqueEmail } from './accounts-helpers.ts';

/**
 * Helpers for agencies tests (units, staff, categories, routing) on the seeded reference data.
 * Use-case tests act through Actor values; API tests sign in through accounts-helpers.ts.
 */

export const STAFF_ROLES_UNDER_TEST: readonly StaffRole[] = [
  'system_admin',
  'central_office',
  'agency_admin',
  'supervisor',
  'officer',
  'moderator',
  'auditor',
];

/** Every kind of caller of the policy matrices: the seven roles, a citizen and a guest. */
export type Caller = StaffRole | 'citizen' | 'anonymous';
export const CALLERS: readonly Caller[] = [...STAFF_ROLES_UNDER_TEST, 'citizen', 'anonymous'];

/**
 * Where a caller may act in a policy matrix: on what belongs to its own ministry ("own"), to another
 * ministry ("other"), or to no unit at all ("national").
 */
export type Places = { own: boolean; other: boolean; national: boolean };
export const EVERYWHERE: Places = { own: true, other: true, national: true };
export const OWN_ONLY: Places = { own: true, other: false, national: false };
export const NOWHERE: Places = { own: false, other: false, national: false };
export const PLACES = ['own', 'other', 'national'] as const;
export type Place = (typeof PLACES)[number];

export function staffActor(roles: Array<{ role: StaffRole; unitId: string; scope: RoleScope }>, userId = randomUUID()) {
  return {
    kind: 'staff',
    userId,
    language: 'fr',
    roles: roles.map((role) => ({ id: randomUUID(), ...role })),
  } satisfies Actor;
}

/** A caller of the matrix: a staff role held in `unitId` (scope subtree), or a citizen or guest. */
export function callerActor(caller: Caller, unitId: string): Actor {
  if (caller === 'anonymous') return ANONYMOUS;
  if (caller === 'citizen') return { kind: 'citizen', userId: randomUUID(), language: 'ar' };
  return staffActor([{ role: caller, unitId, scope: 'subtree' }]);
}

export const SYSTEM: Actor = { kind: 'system', name: 'test' };

export async function unitIdOf(db: Database, code: string): Promise<string> {
  const rows = await queryRows<{ id: string }>(db, sql`SELECT id FROM units WHERE code = ${code}`);
  if (!rows[0]) throw new Error(`no unit ${code}`);
  return rows[0].id;
}

export async function unitCodeOf(db: Database, id: string): Promise<string | undefined> {
  const rows = await queryRows<{ code: string }>(db, sql`SELECT code FROM units WHERE id = ${id}`);
  return rows[0]?.code;
}

export async function categoryIdOf(db: Database, code: string): Promise<string> {
  const rows = await queryRows<{ id: string }>(db, sql`SELECT id FROM categories WHERE code = ${code}`);
  if (!rows[0]) throw new Error(`no category ${code}`);
  return rows[0].id;
}

/** A fingerprint of the agencies tables and the audit log: equal before and after = nothing changed. */
export async function agenciesSnapshot(db: Database): Promise<string> {
  const rows = await queryRows<{ snapshot: string }>(
    db,
    sql`SELECT concat_ws('|',
          (SELECT md5(coalesce(string_agg(u::text, ',' ORDER BY u.id), '')) FROM units u),
          (SELECT md5(coalesce(string_agg(c::text, ',' ORDER BY c.id), '')) FROM categories c),
          (SELECT md5(coalesce(string_agg(r::text, ',' ORDER BY r.id), '')) FROM routing_rules r),
          (SELECT md5(coalesce(string_agg(a::text, ',' ORDER BY a.id), '')) FROM role_assignments a),
          (SELECT md5(coalesce(string_agg(s.id::text || s.full_name || s.is_active::text, ',' ORDER BY s.id), ''))
             FROM users s),
          (SELECT count(*)::text FROM audit_log)) AS snapshot`,
  );
  return rows[0]!.snapshot;
}

/** The expected outcome of one matrix cell. */
export const expectedFailure = (caller: Caller): 'common.unauthenticated' | 'common.forbidden' =>
  caller === 'anonymous' ? 'common.unauthenticated' : 'common.forbidden';

let counter = 0;
/** A unique slug for codes made by a test (tests of one file share a database). */
export const uniqueCode = (prefix: string): string => `${prefix}-${Date.now().toString(36)}${counter++}`;

/**
 * A staff member with a known password and these roles, signed in through the API (TOTP enrolled
 * on the way, as at a real first sign-in). Answers the session and the member's id. Give `now`
 * when the test moved the app's clock.
 */
export async function signInStaff(
  app: FastifyInstance,
  db: Database,
  roles: Array<{ role: StaffRole; unitId: string; scope: RoleScope }>,
  options: { now?: () => Date } = {},
): Promise<SignedInSession & { userId: string }> {
  const email = uniqueEmail('staff');
  const { userId } = await createUserWithPassword({
    db,
    kind: 'staff',
    email,
    password: STRONG_PASSWORD,
    fullName: 'Hela Ayari',
    language: 'fr',
  });
  for (const role of roles) await createStaffRepository({ db }).insertRoleAssignment({ userId, ...role });
  return { ...(await signIn(app, email, STRONG_PASSWORD, options)), userId };
}
