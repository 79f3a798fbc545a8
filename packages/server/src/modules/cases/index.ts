/**
 * What other modules may use from cases, and only that (npm run lint checks that no module reaches
 * past an index.ts: docs/ARCHITECTURE.md, "Module boundaries"). The answers module builds its
 * answer action on `performStaffAction` and signs through `recordCaseChange` (the one write path of
 * a case change); attachments and answers ask `locateCase` / `findCaseForViewer` who may see a case.
 */

export { recordCaseChange } from './case-change.ts';
export { notifyCitizen } from './case-handling.notify.ts';
export { citizenRecipients, startCaseNotifications } from './cases.notifications.ts';
export { casesRoutes } from './cases.routes.ts';
export { locateCase } from './usecases/case-access.ts';
export { releaseLocksHeldBy } from './usecases/case-lock.ts';
export { startDeadlineWork } from './usecases/deadline-work.ts';
export { fileCase } from './usecases/file-case.ts';
export { findCaseForViewer } from './usecases/find-case-for-viewer.ts';
export { latestApprovedDraft } from './usecases/latest-approved-draft.ts';
export { performStaffAction, type StaffActionArgs } from './usecases/perform-staff-action.ts';
