/** Answer templates per unit: kept by agency admins, offered to handlers drafting an answer. */
export { answerTemplatesRoutes } from './answer-templates.routes.ts';
export { listAnswerTemplates } from './answer-templates.usecases.ts';
