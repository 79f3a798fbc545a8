import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { AppContext } from '../../app-context.ts';
import { type Actor, ANONYMOUS } from '../../auth/actor.ts';
import { isAnonymousRequest, presentsAccessCode } from '../../http/anonymous-request.ts';
import { SESSION_COOKIE, setSessionCookie } from './accounts.cookies.ts';
import { constantTimeEquals } from './accounts.crypto.ts';
import { csrfInvalidError } from './accounts.errors.ts';
import { resolveSession, type SessionState, slideSession } from './accounts.sessions.ts';

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
  app.decorateRequest('isAnonymousRequest', null);
  /** When the session's use should slide it; done only once the request is known to be someone's. */
  const pendingSlides = new WeakMap<object, Date>();

  app.addHook('onRequest', async (request) => {
    request.actor = ANONYMOUS;
    request.session = null;
    request.isAnonymousRequest = null;
    // A holder's access code speaks for the request: the session is not even read
    // (docs/threat-model-anonymous-notice.md). Without one, no CSRF check is needed either.
    if (presentsAccessCode(request)) {
      request.isAnonymousRequest = true;
      return;
    }
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
    if (resolved.slideTo) pendingSlides.set(request, resolved.slideTo);
  });

  // After validation the route can tell an anonymous reporter's request (the body of a filing,
  // the query of an upload): it is then served as nobody's, and its session left untouched.
  app.addHook('preHandler', async (request, reply) => {
    request.isAnonymousRequest ??= isAnonymousRequest(request);
    if (request.isAnonymousRequest) {
      request.actor = ANONYMOUS;
      request.session = null;
      return;
    }
    const slideTo = pendingSlides.get(request);
    if (slideTo && request.session) {
      await slideSession(ctx, request.session, slideTo);
      setSessionCookie(reply, ctx.config, {
        token: request.cookies[SESSION_COOKIE] as string,
        expiresAt: slideTo,
        now: ctx.now(),
      });
    }
  });
}

export const sessionPlugin = fp(session, { name: 'session', dependencies: ['@fastify/cookie'] });
