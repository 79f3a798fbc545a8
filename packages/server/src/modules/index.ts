import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../app-context.ts';
import { accountsRoutes } from './accounts/index.ts';
import { mailRoutes } from './mail/index.ts';

/**
 * Each domain module contributes one Fastify plugin, mounted under /api/v1.
 * Add a module here with one line; the module registers its own routes.
 */
export type ModuleRoutes = (app: FastifyInstance, options: { ctx: AppContext }) => Promise<void>;

export const API_MODULES: ReadonlyArray<{ name: string; routes: ModuleRoutes }> = [
  { name: 'accounts', routes: accountsRoutes },
  { name: 'mail', routes: mailRoutes },
];
