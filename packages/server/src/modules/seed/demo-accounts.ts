import type { GovernorateCode, Language, RoleScope, StaffRole } from '@epeople/contracts';
import { CENTRAL_OFFICE_CODE } from '../units/index.ts';

/**
 * Demo accounts, created only in demo mode (embedded database, never production). The README's
 * table of demo accounts is checked against this list. Staff still enrol TOTP at first sign-in.
 */
export const DEMO_PASSWORD = 'Demo-password-2026';

export interface DemoAccount {
  email: string;
  fullName: string;
  language: Language;
  kind: 'citizen' | 'staff';
  /** Staff only: the one role the account holds. */
  role?: { role: StaffRole; unitCode: string; scope: RoleScope };
  governorate?: GovernorateCode;
}

export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  {
    email: 'demo-system-admin@epeople.tn',
    fullName: 'Sami Trabelsi',
    language: 'fr',
    kind: 'staff',
    role: { role: 'system_admin', unitCode: CENTRAL_OFFICE_CODE, scope: 'all' },
  },
  {
    email: 'demo-central-office@epeople.tn',
    fullName: 'Leila Ben Ammar',
    language: 'ar',
    kind: 'staff',
    role: { role: 'central_office', unitCode: CENTRAL_OFFICE_CODE, scope: 'all' },
  },
  {
    email: 'demo-agency-admin@epeople.tn',
    fullName: 'Karim Jaziri',
    language: 'ar',
    kind: 'staff',
    role: { role: 'agency_admin', unitCode: 'min-health', scope: 'subtree' },
  },
  {
    email: 'demo-supervisor@epeople.tn',
    fullName: 'Nadia Gharbi',
    language: 'fr',
    kind: 'staff',
    role: { role: 'supervisor', unitCode: 'min-health', scope: 'subtree' },
  },
  {
    email: 'demo-officer@epeople.tn',
    fullName: 'Youssef Mansouri',
    language: 'ar',
    kind: 'staff',
    role: { role: 'officer', unitCode: 'min-health', scope: 'unit' },
  },
  {
    email: 'demo-officer-sfax@epeople.tn',
    fullName: 'Mariem Chaabane',
    language: 'ar',
    kind: 'staff',
    role: { role: 'officer', unitCode: 'cro-tn-61', scope: 'unit' },
  },
  {
    email: 'demo-moderator@epeople.tn',
    fullName: 'Hichem Bouazizi',
    language: 'fr',
    kind: 'staff',
    role: { role: 'moderator', unitCode: CENTRAL_OFFICE_CODE, scope: 'all' },
  },
  {
    email: 'demo-auditor@epeople.tn',
    fullName: 'Rania Khelifi',
    language: 'en',
    kind: 'staff',
    role: { role: 'auditor', unitCode: CENTRAL_OFFICE_CODE, scope: 'all' },
  },
  {
    email: 'demo-citizen@epeople.tn',
    fullName: 'Amina Ben Salah',
    language: 'ar',
    kind: 'citizen',
    governorate: 'TN-61',
  },
];
