export { type CategoryRow, createCategoriesRepository } from './categories.repository.ts';
