import { AppError } from '../../http/app-error.ts';

export const createUnitNotFoundError = () => new AppError('units.not_found');
export const createUnitCodeTakenError = () => new AppError('units.code_taken');
export const createUnitParentCycleError = () =>
  new AppError('units.parent_cycle', { detail: 'A unit cannot be moved under itself or one of its descendants.' });
export const createUnitParentNotFoundError = () => new AppError('units.parent_not_found');
