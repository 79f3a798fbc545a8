import { AppError } from '../../http/app-error.ts';

export const createFaqNotFoundError = () => new AppError('faq.not_found');
export const createFaqUnitNotFoundError = () => new AppError('faq.unit_not_found');
export const createFaqCategoryNotFoundError = () => new AppError('faq.category_not_found');
