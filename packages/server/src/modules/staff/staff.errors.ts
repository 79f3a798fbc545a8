import { AppError } from '../../http/app-error.ts';

export const createStaffNotFoundError = () => new AppError('staff.not_found');
export const createStaffEmailTakenError = () => new AppError('staff.email_taken');
export const createRoleAssignmentNotFoundError = () => new AppError('staff.role_assignment_not_found');
export const createRoleAssignmentExistsError = () => new AppError('staff.role_assignment_exists');
export const createStaffUnitNotFoundError = () => new AppError('staff.unit_not_found');
export const createCannotRemoveOwnAdminRoleError = () =>
  new AppError('staff.cannot_remove_own_admin_role', {
    detail: 'You cannot remove your own last administrator role; ask another administrator.',
  });
export const createCannotDeactivateSelfError = () => new AppError('staff.cannot_deactivate_self');
/** No one grants a role to themselves (docs/access-control.md): another administrator does. */
export const createCannotGrantSelfError = () => new AppError('staff.cannot_grant_self');
