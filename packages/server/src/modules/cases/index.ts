/**
 * What other modules may use from cases. The back office builds its actions on
 * `performCaseAction` (the one way a case changes state) and `locateCase` (who may see it).
 */

export { recordCaseChange } from './case-change.ts';
export { hashAccessCode, normaliseAccessCode, parseReference } from './cases.codes.ts';
export * from './cases.errors.ts';
export { CASE_EVENT_VISIBILITY, type CaseEventType } from './cases.events.ts';
export {
  CASE_NOTIFY_JOB,
  citizenRecipients,
  dispatchCaseNotifications,
  startCaseNotifications,
} from './cases.notifications.ts';
export { canSeeCase, caseRolesOf, FOLLOW_UP_WINDOW_DAYS, isActionApplicable, isCitizenView } from './cases.policies.ts';
export { toCaseDto, toCaseSummary, toCitizenCaseDto, toStaffCaseDto } from './cases.presenter.ts';
export { type CasePatch, createCasesRepository, type NewCaseNotification } from './cases.repository.ts';
export { casesRoutes } from './cases.routes.ts';
export * from './cases.state-machine.ts';
export type { CaseRow } from './cases.table.ts';
export { type CaseLocator, loadCaseView, locateCase } from './usecases/case-access.ts';
export { releaseLocksHeldBy } from './usecases/case-lock.ts';
export { closeAnsweredCase } from './usecases/close-answered-case.ts';
export {
  AUTO_CLOSE_AFTER_DAYS,
  type DeadlineScanResult,
  escalateCase,
  escalateUnacknowledgedNotice,
  PROGRESS_NOTICE_EVERY_DAYS,
  runDeadlineScan,
  sendProgressNotice,
  startDeadlineWork,
  warnCase,
} from './usecases/deadline-work.ts';
export { fileCase } from './usecases/file-case.ts';
export { type ActionEffects, type CaseActionArgs, performCaseAction } from './usecases/perform-case-action.ts';
export { staffRecipients } from './usecases/staff-recipients.ts';
export { listMyCases, presentCase, trackCase } from './usecases/track-case.ts';
