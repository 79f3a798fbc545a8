export { createStaffRepository } from './staff.repository.ts';
export { staffRoutes } from './staff.routes.ts';
