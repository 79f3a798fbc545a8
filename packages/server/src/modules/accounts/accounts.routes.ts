import {
  acceptedResponseSchema,
  type ErrorCode,
  emailOnlyRequestSchema,
  registerRequestSchema,
  resetPasswordRequestSchema,
  sessionResponseSchema,
  signInRequestSchema,
  totpCodeRequestSchema,
  totpEnrolmentSchema,
  verifiedResponseSchema,
  verifyEmailRequestSchema,
} from '@epeople/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../app-context.ts';
import { clearSessionCookie, setSessionCookie } from './accounts.cookies.ts';
import { unauthenticatedError } from './accounts.errors.ts';
import { profileRoutes } from './profile.routes.ts';
import { registerCitizen, resendVerification, verifyEmail } from './usecases/register.ts';
import { requestPasswordReset, resetPassword } from './usecases/reset-password.ts';
import { enrolSecondFactor, passSecondFactor } from './usecases/second-factor.ts';
import { describeSession, signIn, signOut } from './usecases/sign-in.ts';

const noContent = z.null().describe('No content');
/** What confirming or passing the second factor can answer (usecases/second-factor.ts). */
const SECOND_FACTOR_PROBLEMS: readonly ErrorCode[] = [
  'common.unauthenticated',
  'common.forbidden',
  'accounts.account_locked',
  'accounts.second_factor_invalid',
  'accounts.second_factor_already_enrolled',
  'accounts.second_factor_enrolment_required',
];
/** Routes that act on the session alone: a body, if any, is ignored (an empty JSON object is fine). */
const NO_BODY = {
  required: false,
  description: 'None needed; an empty JSON object is accepted',
  content: { 'application/json': { schema: { type: 'object', maxProperties: 0 } } },
};

/** /auth/*: registration, verification, sign-in with the staff second factor, password reset. */
export async function accountsRoutes(app: FastifyInstance, { ctx }: { ctx: AppContext }): Promise<void> {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const rateLimit = { rateLimit: { max: ctx.config.AUTH_RATE_LIMIT_PER_MINUTE, timeWindow: '1 minute' } };
  const tags = ['auth'];
  const accepted = { status: 'accepted' as const };

  typed.post(
    '/auth/register',
    {
      config: rateLimit,
      schema: {
        openapi: {
          problems: [
            'accounts.password_too_common',
            'accounts.password_too_short',
            'contact.phone_country_not_allowed',
          ],
        },
        tags,
        summary: 'Register a citizen account (answers the same whether or not the address is known)',
        body: registerRequestSchema,
        response: { 202: acceptedResponseSchema },
      },
    },
    async (request, reply) => {
      await registerCitizen({ ctx, input: request.body, requestId: request.id });
      return reply.status(202).send(accepted);
    },
  );

  typed.post(
    '/auth/verify-email',
    {
      config: rateLimit,
      schema: {
        openapi: { problems: ['accounts.invalid_code', 'accounts.too_many_attempts'] },
        tags,
        summary: 'Verify an e-mail address with the 6-digit code sent to it',
        body: verifyEmailRequestSchema,
        response: { 200: verifiedResponseSchema },
      },
    },
    async (request) => {
      await verifyEmail({ ctx, email: request.body.email, code: request.body.code, requestId: request.id });
      return { status: 'verified' as const };
    },
  );

  typed.post(
    '/auth/resend-verification',
    {
      config: rateLimit,
      schema: {
        tags,
        summary: 'Send a new verification code',
        body: emailOnlyRequestSchema,
        response: { 202: acceptedResponseSchema },
      },
    },
    async (request, reply) => {
      await resendVerification({ ctx, email: request.body.email });
      return reply.status(202).send(accepted);
    },
  );

  typed.post(
    '/auth/sign-in',
    {
      config: rateLimit,
      schema: {
        openapi: {
          problems: [
            'accounts.account_locked',
            'accounts.email_not_verified',
            'accounts.invalid_credentials',
            'accounts.too_many_attempts',
          ],
        },
        tags,
        summary: 'Sign in with e-mail and password (staff then pass their second factor)',
        body: signInRequestSchema,
        response: { 200: sessionResponseSchema },
      },
    },
    async (request, reply) => {
      const { session, response } = await signIn({
        ctx,
        email: request.body.email,
        password: request.body.password,
        client: request.ip,
        replacingSessionId: request.session?.id,
        requestId: request.id,
      });
      setSessionCookie(reply, ctx.config, { token: session.token, expiresAt: session.expiresAt, now: ctx.now() });
      return response;
    },
  );

  typed.post(
    '/auth/second-factor/enrol',
    {
      config: rateLimit,
      schema: {
        tags,
        summary: 'Start TOTP enrolment (staff, first sign-in): a new secret and its otpauth URI',
        response: { 200: totpEnrolmentSchema },
        openapi: {
          problems: ['accounts.second_factor_already_enrolled', 'common.forbidden', 'common.unauthenticated'],
          requestBody: NO_BODY,
        },
      },
    },
    async (request) => enrolSecondFactor({ ctx, session: request.session }),
  );

  for (const [path, mode, summary] of [
    ['/auth/second-factor/confirm', 'confirm', 'Confirm TOTP enrolment with a first code; signs in'],
    ['/auth/second-factor/verify', 'verify', 'Pass the second factor with a TOTP code; signs in'],
  ] as const) {
    typed.post(
      path,
      {
        config: rateLimit,
        schema: {
          tags,
          summary,
          body: totpCodeRequestSchema,
          response: { 200: sessionResponseSchema },
          openapi: { problems: SECOND_FACTOR_PROBLEMS },
        },
      },
      async (request, reply) => {
        const { session, response } = await passSecondFactor({
          ctx,
          session: request.session,
          code: request.body.code,
          mode,
          requestId: request.id,
        });
        setSessionCookie(reply, ctx.config, { token: session.token, expiresAt: session.expiresAt, now: ctx.now() });
        return response;
      },
    );
  }

  typed.post(
    '/auth/sign-out',
    {
      schema: {
        tags,
        summary: 'Sign out (ends this session)',
        response: { 204: noContent },
        openapi: { requestBody: NO_BODY },
      },
    },
    async (request, reply) => {
      const session = request.session;
      if (session) {
        await signOut({
          ctx,
          sessionId: session.id,
          userId: session.userId,
          kind: session.kind,
          requestId: request.id,
        });
      }
      clearSessionCookie(reply, ctx.config);
      return reply.status(204).send(null);
    },
  );

  typed.get(
    '/auth/session',
    {
      schema: {
        openapi: { problems: ['common.unauthenticated'] },
        tags,
        summary: 'The current session, its CSRF token and account',
        response: { 200: sessionResponseSchema },
      },
    },
    async (request) => {
      const session = request.session;
      const described = session
        ? await describeSession({
            ctx,
            userId: session.userId,
            csrfToken: session.csrfToken,
            secondFactorDone: session.secondFactorDone,
          })
        : null;
      if (!described) throw unauthenticatedError();
      return described;
    },
  );

  typed.post(
    '/auth/password/forgot',
    {
      config: rateLimit,
      schema: {
        tags,
        summary: 'E-mail a password reset code (answers the same whether or not the address is known)',
        body: emailOnlyRequestSchema,
        response: { 202: acceptedResponseSchema },
      },
    },
    async (request, reply) => {
      await requestPasswordReset({ ctx, email: request.body.email });
      return reply.status(202).send(accepted);
    },
  );

  typed.post(
    '/auth/password/reset',
    {
      config: rateLimit,
      schema: {
        openapi: { problems: ['accounts.invalid_code', 'accounts.password_too_short', 'accounts.too_many_attempts'] },
        tags,
        summary: 'Set a new password with a reset code; ends every session of the account',
        body: resetPasswordRequestSchema,
        response: { 204: noContent },
      },
    },
    async (request, reply) => {
      const { email, code, newPassword } = request.body;
      await resetPassword({ ctx, email, code, newPassword, requestId: request.id });
      return reply.status(204).send(null);
    },
  );

  await app.register(profileRoutes, { ctx });
}
