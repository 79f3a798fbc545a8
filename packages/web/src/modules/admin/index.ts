/** The administration area, loaded only when a staff member opens it (kept out of the main bundle). */
export { AdminArea } from './admin-area.tsx';
export { CategoriesPage } from './categories/categories-page.tsx';
export { RoutingRulesPage } from './routing/routing-rules-page.tsx';
export { StaffPage } from './staff/staff-page.tsx';
export { UnitsPage } from './units/units-page.tsx';
