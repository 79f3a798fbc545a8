/** The public verification pages, loaded on demand by the router. */
export { VerifyAnswerPage } from './verify-answer-page.tsx';
export { VerifyPage } from './verify-page.tsx';
