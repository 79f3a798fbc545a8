import type { StaffMember } from '@epeople/contracts';
import type { StaffRecord } from './staff.repository.ts';

export function toStaffMemberDto(record: StaffRecord): StaffMember {
  return {
    id: record.id,
    email: record.email,
    fullName: record.fullName,
    language: record.language,
    isActive: record.isActive,
    secondFactorEnrolled: record.secondFactorEnrolled,
    roles: record.roles.map(({ id, role, unitId, scope }) => ({ id, role, unitId, scope })),
  };
}
