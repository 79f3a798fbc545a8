import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../app-context.ts';
import { accountsRoutes } from './accounts/index.ts';
import { answerTemplatesRoutes } from './answer-templates/index.ts';
import { answerCase, answersRoutes, verifyRoutes } from './answers/index.ts';
import { attachmentsRoutes } from './attachments/index.ts';
import { calendarRoutes } from './calendar/index.ts';
import { caseHandlingRoutes } from './cases/cases.handling.routes.ts';
import { casesRoutes, findCaseForViewer } from './cases/index.ts';
import { staffNotificationsRoutes } from './cases/staff-notifications.routes.ts';
import { categoriesRoutes } from './categories/index.ts';
import { faqRoutes } from './faq/index.ts';
import { mailRoutes } from './mail/index.ts';
import { routingRoutes } from './routing/index.ts';
import { smsRoutes } from './sms/index.ts';
import { staffRoutes } from './staff/index.ts';
import { transparencyLogProofRoutes } from './transparency-log/index.ts';
import { unitsRoutes } from './units/index.ts';

/**
 * Each domain module contributes one Fastify plugin, mounted under /api/v1.
 * Add a module here with one line; the module registers its own routes.
 */
export type ModuleRoutes = (app: FastifyInstance, options: { ctx: AppContext }) => Promise<void>;

export const API_MODULES: ReadonlyArray<{ name: string; routes: ModuleRoutes }> = [
  { name: 'accounts', routes: accountsRoutes },
  { name: 'mail', routes: mailRoutes },
  { name: 'sms', routes: smsRoutes },
  { name: 'units', routes: unitsRoutes },
  { name: 'staff', routes: staffRoutes },
  { name: 'categories', routes: categoriesRoutes },
  { name: 'routing', routes: routingRoutes },
  // Downloads ask the cases module who may see a case, without attachments importing cases.
  { name: 'attachments', routes: (app, { ctx }) => attachmentsRoutes(app, { ctx, findCaseForViewer }) },
  { name: 'faq', routes: faqRoutes },
  { name: 'calendar', routes: calendarRoutes },
  { name: 'cases', routes: casesRoutes },
  // The back office's answer action is the answers module's use case, given to the cases routes.
  { name: 'case-handling', routes: (app, { ctx }) => caseHandlingRoutes(app, { ctx, answerCase }) },
  { name: 'staff-notifications', routes: staffNotificationsRoutes },
  { name: 'answer-templates', routes: answerTemplatesRoutes },
  { name: 'transparency-log', routes: transparencyLogProofRoutes },
  { name: 'answers', routes: answersRoutes },
  { name: 'verify', routes: verifyRoutes },
];
