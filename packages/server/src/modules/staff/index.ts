export { createStaffRepository } from './staff.repository.ts';
