import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { AppContext } from '../../app-context.ts';
import { type Actor, ANONYMOUS } from '../../auth/actor.ts';
import { SESSION_COOKIE, setSessionCookie } from './accounts.cookies.ts';
import { constantTimeEquals } from './accounts.crypto.ts';
import { csrfInvalidError } from './accounts.errors.ts';
import { resolveSession, type SessionState } from './accounts.sessions.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** Who is calling; `anonymous` without a session or before a staff member's second factor. */
    actor: Actor;
    /** The caller's session, also while a staff member's second factor is pending. */
    session: SessionState | null;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Sessions and CSRF for every route of the app.
 *
 * CSRF: a request that changes something (POST, PATCH, PUT, DELETE) and carries a valid session
 * cookie must send `x-csrf-token` equal to that session's token, which only our own page can
 * read (from the sign-in answer or GET /auth/session). Requests without a session need none:
 * register and sign-in are exposed to "login CSRF" only, which SameSite=Lax blunts and which
 * requiring a JSON body closes, since a cross-site form cannot send application/json and a
 * script needs a CORS preflight that this server never grants.
 */
async function session(app: FastifyInstance, { ctx }: { ctx: AppContext }): Promise<void> {
  // Set by the hook below on every request; null only before it runs.
  app.decorateRequest<Actor>('actor', null as unknown as Actor);
  app.decorateRequest('session', null);

  app.addHook('onRequest', async (request, reply) => {
    request.actor = ANONYMOUS;
    request.session = null;
    const token = request.cookies[SESSION_COOKIE];
    if (!token) return;
    const resolved = await resolveSession(ctx, token);
    if (!resolved) return;
    if (!SAFE_METHODS.has(request.method)) {
      const sent = request.headers['x-csrf-token'];
      if (typeof sent !== 'string' || !constantTimeEquals(sent, resolved.session.csrfToken)) throw csrfInvalidError();
    }
    request.session = resolved.session;
    request.actor = resolved.actor;
    if (resolved.slidTo) setSessionCookie(reply, ctx.config, { token, expiresAt: resolved.slidTo, now: ctx.now() });
  });
}

export const sessionPlugin = fp(session, { name: 'session', dependencies: ['@fastify/cookie'] });
