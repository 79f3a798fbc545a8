import type { CurrentUser, GovernorateCode, RoleAssignment, SessionResponse } from '@epeople/contracts';
import type { UserRow } from './accounts.repository.ts';

export function toCurrentUser(user: UserRow, roles: RoleAssignment[]): CurrentUser {
  return {
    id: user.id,
    kind: user.kind,
    email: user.email,
    emailVerified: user.emailVerifiedAt !== null,
    phone: user.phone,
    fullName: user.fullName,
    governorate: user.governorate as GovernorateCode | null,
    language: user.language,
    roles,
    secondFactorEnrolled: user.totpEnrolledAt !== null,
    notifications: { email: user.notifyEmail, sms: user.notifySms },
  };
}

export function toSessionResponse(input: {
  user: UserRow;
  roles: RoleAssignment[];
  csrfToken: string;
  secondFactorDone: boolean;
}): SessionResponse {
  const isPending = input.user.kind === 'staff' && !input.secondFactorDone;
  return {
    status: isPending ? 'second_factor_pending' : 'signed_in',
    needsEnrolment: isPending && input.user.totpEnrolledAt === null,
    csrfToken: input.csrfToken,
    user: toCurrentUser(input.user, input.roles),
  };
}
