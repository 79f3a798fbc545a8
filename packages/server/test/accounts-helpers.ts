import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { generate } from 'otplib';
import { createMailRepository } from '../src/modules/mail/index.ts';
import type { startSmtpSink } from './smtp-sink.ts';
import type { TestContext } from './test-context.ts';

/**
 * Helpers for API tests that need signed-in people. They go through the real routes, read codes
 * from real e-mails (an SMTP sink, or the outbox when no SMTP is configured) and compute real
 * TOTP codes: nothing is faked.
 */

export type SmtpSink = Awaited<ReturnType<typeof startSmtpSink>>;
/** Where e-mails can be read: the SMTP sink the context sends to, or the context's outbox. */
export type MailSource = SmtpSink | TestContext;

export interface SignedInSession {
  cookie: string;
  csrfToken: string;
  /** The staff member's TOTP secret (enrolled during sign-in, or the one given). */
  totpSecret?: string | undefined;
}

interface MailLike {
  to: string[];
  subject: string;
  text: string;
}

const isSink = (source: MailSource): source is SmtpSink => 'messages' in source;

async function mailsTo(source: MailSource, address: string): Promise<MailLike[]> {
  const wanted = address.toLowerCase();
  if (isSink(source)) return source.messages.filter((mail) => mail.to.some((to) => to.toLowerCase() === wanted));
  const rows = await createMailRepository({ db: source.ctx.database.db }).listRecent(1000);
  return rows
    .filter((row) => row.to === wanted)
    .reverse()
    .map((row) => ({ to: [row.to], subject: row.subject, text: row.text }));
}

/** Runs `action` and waits for the next e-mail it causes to `address`. */
export async function captureMail(
  source: MailSource,
  address: string,
  action: () => Promise<unknown>,
  timeoutMs = 15_000,
): Promise<MailLike> {
  const before = (await mailsTo(source, address)).length;
  await action();
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const mails = await mailsTo(source, address);
    if (mails.length > before) return mails[mails.length - 1]!;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`no new e-mail to ${address} within ${timeoutMs} ms`);
}

export function codeIn(mail: MailLike): string {
  const match = /(?<!\d)(\d{6})(?!\d)/.exec(mail.text);
  if (!match?.[1]) throw new Error(`no 6-digit code in the e-mail "${mail.subject}"`);
  return match[1];
}

/** Runs `action` and answers the 6-digit code of the e-mail it causes. */
export async function captureCode(
  source: MailSource,
  address: string,
  action: () => Promise<unknown>,
): Promise<string> {
  return codeIn(await captureMail(source, address, action));
}

let counter = 0;
/** A unique address for a test (tests of one file share a database). */
export const uniqueEmail = (name = 'person'): string => `${name}.${Date.now().toString(36)}${counter++}@example.tn`;

export const STRONG_PASSWORD = 'olive-tree-jasmine-42';

export interface CitizenInput {
  email?: string;
  password?: string;
  fullName?: string;
  language?: 'ar' | 'fr' | 'en';
  governorate?: string;
  phone?: string;
}

/** Registers a citizen and verifies the address with the code from the e-mail. */
export async function registerAndVerifyCitizen(
  app: FastifyInstance,
  source: MailSource,
  input: CitizenInput = {},
): Promise<{ email: string; password: string }> {
  const email = input.email ?? uniqueEmail('citizen');
  const password = input.password ?? STRONG_PASSWORD;
  const code = await captureCode(source, email, async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/register',
      payload: {
        email,
        password,
        fullName: input.fullName ?? 'Amina Ben Salah',
        language: input.language ?? 'ar',
        ...(input.governorate ? { governorate: input.governorate } : {}),
        ...(input.phone ? { phone: input.phone } : {}),
      },
    });
    if (response.statusCode !== 202) throw new Error(`register answered ${response.statusCode}: ${response.body}`);
  });
  const verified = await app.inject({ method: 'POST', url: '/api/v1/auth/verify-email', payload: { email, code } });
  if (verified.statusCode !== 200) throw new Error(`verify-email answered ${verified.statusCode}: ${verified.body}`);
  return { email, password };
}

export function sessionCookieOf(response: LightMyRequestResponse): string {
  const cookie = response.cookies.find((c) => c.name === 'epeople_session');
  if (!cookie) throw new Error(`no session cookie in a ${response.statusCode} answer: ${response.body}`);
  return cookie.value;
}

/** A TOTP code for `secret` at the given time (the app's clock, when a test moved it). */
export const totpCode = (secret: string, at: Date = new Date()): Promise<string> =>
  generate({ secret, epoch: Math.floor(at.getTime() / 1000) });

/**
 * Signs in through the API. Staff pass their second factor too: enrolling a new TOTP secret if
 * they have none (answered as `totpSecret`), else with the `totpSecret` given. Give `now` when
 * the test moved the app's clock. A code already used in this 30-second window is refused (no
 * replay), so a second staff sign-in in the same window uses the next window's code.
 */
export async function signIn(
  app: FastifyInstance,
  email: string,
  password: string,
  options: { totpSecret?: string; now?: () => Date } = {},
): Promise<SignedInSession> {
  const now = options.now ?? (() => new Date());
  const response = await app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { email, password } });
  if (response.statusCode !== 200) throw new Error(`sign-in answered ${response.statusCode}: ${response.body}`);
  const body = response.json() as { status: string; needsEnrolment: boolean; csrfToken: string };
  let session: SignedInSession = { cookie: sessionCookieOf(response), csrfToken: body.csrfToken };
  if (body.status === 'signed_in') return session;

  let secret = options.totpSecret;
  let path = '/api/v1/auth/second-factor/verify';
  if (body.needsEnrolment) {
    const enrolment = await authed(app, session).post('/api/v1/auth/second-factor/enrol');
    if (enrolment.statusCode !== 200) throw new Error(`enrol answered ${enrolment.statusCode}: ${enrolment.body}`);
    secret = (enrolment.json() as { secret: string }).secret;
    path = '/api/v1/auth/second-factor/confirm';
  }
  if (!secret) throw new Error('a staff member with a second factor needs options.totpSecret');
  for (const offsetMs of [0, 30_000]) {
    const code = await totpCode(secret, new Date(now().getTime() + offsetMs));
    const passed = await authed(app, session).post(path, { code });
    if (passed.statusCode === 200) {
      session = { cookie: sessionCookieOf(passed), csrfToken: (passed.json() as { csrfToken: string }).csrfToken };
      return { ...session, totpSecret: secret };
    }
    if ((passed.json() as { code?: string }).code !== 'accounts.second_factor_invalid') {
      throw new Error(`second factor answered ${passed.statusCode}: ${passed.body}`);
    }
  }
  throw new Error('second factor refused both the current and the next TOTP code');
}

/** Requests as a signed-in person: the session cookie and the CSRF header are set. */
export function authed(app: FastifyInstance, session: Pick<SignedInSession, 'cookie' | 'csrfToken'>) {
  const send = (method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, body?: unknown) =>
    app.inject({
      method,
      url,
      cookies: { epeople_session: session.cookie },
      headers: { 'x-csrf-token': session.csrfToken },
      ...(body === undefined ? {} : { payload: body as object }),
    });
  return {
    get: (url: string) => send('GET', url),
    post: (url: string, body?: unknown) => send('POST', url, body),
    put: (url: string, body?: unknown) => send('PUT', url, body),
    patch: (url: string, body?: unknown) => send('PATCH', url, body),
    delete: (url: string, body?: unknown) => send('DELETE', url, body),
  };
}
