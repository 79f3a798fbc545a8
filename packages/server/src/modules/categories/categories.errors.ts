import { AppError } from '../../http/app-error.ts';

export const createCategoryNotFoundError = () => new AppError('categories.not_found');
export const createCategoryCodeTakenError = () => new AppError('categories.code_taken');
export const createCategoryParentCycleError = () =>
  new AppError('categories.parent_cycle', {
    detail: 'A category cannot be moved under itself or one of its sub-categories.',
  });
export const createCategoryParentNotFoundError = () => new AppError('categories.parent_not_found');
