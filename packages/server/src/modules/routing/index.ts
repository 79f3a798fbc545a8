/**
 * Routing for the cases module: `resolveRoute({ db, requestType, categoryId, governorate })`.
 * Precedence, documented once: the matching rule with the most non-null criteria wins; ties go
 * to the rule naming a category, then a governorate, then a request type; a parent category's
 * rule matches its sub-categories and the nearest category wins; inactive units are skipped;
 * no match → the central office with `isTriage: true`.
 */

export { routingRoutes } from './routing.routes.ts';
/** Units and categories call it after committing a change: routing reads them from memory. */
export { invalidateRoutingCache } from './routing.snapshot.ts';
export { type RouteResolution, resolveRoute } from './routing.usecases.ts';
