import { AppError } from '../../http/app-error.ts';

export const createHolidayNotFoundError = () => new AppError('calendar.holiday_not_found');
export const createHolidayExistsError = () =>
  new AppError('calendar.holiday_exists', { detail: 'An exceptional holiday already exists on this date.' });
export const createHolidayOutsideYearError = () =>
  new AppError('calendar.holiday_outside_year', { detail: 'A holiday is moved within its own year.' });
export const createDeadlineSettingNotFoundError = () => new AppError('calendar.deadline_setting_not_found');
export const createMilestoneNotApplicableError = () =>
  new AppError('calendar.milestone_not_applicable', {
    detail: 'Only the notice has an acknowledgement deadline.',
  });
export const createCalendarUnitNotFoundError = () => new AppError('calendar.unit_not_found');
