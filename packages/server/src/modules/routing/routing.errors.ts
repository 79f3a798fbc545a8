import { AppError } from '../../http/app-error.ts';

export const createRuleNotFoundError = () => new AppError('routing.rule_not_found');
export const createRuleExistsError = () =>
  new AppError('routing.rule_exists', { detail: 'A rule with the same type, category and governorate exists.' });
export const createRoutingUnitNotFoundError = () => new AppError('routing.unit_not_found');
export const createRoutingCategoryNotFoundError = () => new AppError('routing.category_not_found');
/** No rule matched and the central office unit is missing: the reference data was not seeded. */
export const createTriageUnitMissingError = () =>
  new AppError('common.unavailable', { detail: 'The central office unit is missing.' });
/** The rule would take cases that units outside the author's reach receive today. */
export const createRuleBeyondReachError = () =>
  new AppError('routing.rule_beyond_reach', {
    detail: 'This rule would take cases that units outside your reach receive today.',
  });
