/** What other modules may use: the routes, the start-up hook, and signing/verification for the CLI and tests. */
export { answersRoutes } from './answers.routes.ts';
export { answersStartupHook } from './answers.startup.ts';
export { type OfflineVerification, verifyOffline } from './offline-verify.ts';
export { answerCase } from './usecases/answer-case.ts';
export { signAnswer } from './usecases/sign-answer.ts';
export { verifyDocument } from './usecases/verify-document.ts';
export { verifyRoutes } from './verify.routes.ts';
