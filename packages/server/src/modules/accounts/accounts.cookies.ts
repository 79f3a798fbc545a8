import type { CookieSerializeOptions } from '@fastify/cookie';
import type { FastifyReply } from 'fastify';
import type { Config } from '../../config.ts';

export const SESSION_COOKIE = 'epeople_session';

/** HttpOnly (no script reads it), SameSite=Lax (not sent on cross-site POSTs), Secure in production. */
function baseOptions(config: Config): CookieSerializeOptions {
  return { httpOnly: true, sameSite: 'lax', path: '/', secure: config.isProduction };
}

export function setSessionCookie(
  reply: FastifyReply,
  config: Config,
  session: { token: string; expiresAt: Date; now: Date },
): void {
  const maxAge = Math.max(1, Math.round((session.expiresAt.getTime() - session.now.getTime()) / 1000));
  reply.setCookie(SESSION_COOKIE, session.token, { ...baseOptions(config), maxAge });
}

export function clearSessionCookie(reply: FastifyReply, config: Config): void {
  reply.clearCookie(SESSION_COOKIE, baseOptions(config));
}
