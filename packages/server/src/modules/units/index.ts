/** What other modules may use: unit ancestry and reach (cases filter by it), and the policy reader. */
export {
  assertAllowed,
  assertStaffOrSystem,
  type Extent,
  isAllowedByTable,
  type PolicyTable,
} from './units.access.ts';
export { createUnitsRepository, type UnitRow } from './units.repository.ts';
export { buildUnitTree, reachableUnitIds, reaches, type UnitPath, type UnitTree } from './units.tree.ts';

/** The central office's unit code: where unrouted cases land for triage (seeded at start). */
export const CENTRAL_OFFICE_CODE = 'central-office';
export { unitsRoutes } from './units.routes.ts';
