/** What other modules may import from accounts. */

export { deliverQueuedMail } from '../mail/index.ts';
export { SESSION_COOKIE } from './accounts.cookies.ts';
export { hashCounterKey } from './accounts.crypto.ts';
export {
  type CitizenActor,
  requireSignedIn,
  requireStaff,
  type SignedInActor,
  type StaffActor,
} from './accounts.policies.ts';
export { accountsRoutes } from './accounts.routes.ts';
export type { SessionState } from './accounts.sessions.ts';
export { type AttemptCounterRow, createAttemptsRepository } from './attempts.repository.ts';
export { sessionPlugin } from './session.plugin.ts';
export { createStaffAccount, createUserWithPassword } from './usecases/create-accounts.ts';
