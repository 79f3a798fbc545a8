/**
 * What other modules may use from cases, and only that (npm run lint checks that no module reaches
 * past an index.ts: docs/ARCHITECTURE.md, "Module boundaries"). The answers module builds its
 * answer action on `performStaffAction` and signs through `recordCaseChange` (the one write path of
 * a case change); attachments and answers ask `locateCase` / `findCaseForViewer` who may see a case.
 */

export { recordCaseChange } from './case-change.ts';
export { casesRoutes } from './cases.routes.ts';
export { startDeadlineWork } from './deadlines/deadline-work.ts';
export { fileCase } from './filing/file-case.ts';
export { notifyCitizen } from './handling/case-handling.notify.ts';
export { releaseLocksHeldBy } from './handling/case-lock.ts';
export { latestApprovedDraft } from './handling/latest-approved-draft.ts';
export { performStaffAction, type StaffActionArgs } from './handling/perform-staff-action.ts';
export { citizenRecipients, startCaseNotifications } from './notifications/case-notifications.ts';
export { locateCase } from './tracking/case-access.ts';
export { findCaseForViewer } from './tracking/find-case-for-viewer.ts';
