export { type CategoryRow, createCategoriesRepository } from './categories.repository.ts';
export { categoriesRoutes } from './categories.routes.ts';
