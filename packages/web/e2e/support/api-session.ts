import { generate } from 'otplib';

/**
 * A staff member signed in over the HTTP API (password, then TOTP enrolment with otplib), for
 * setting up what a journey needs but does not show, such as an administrator's answer template.
 */
export async function staffApiSession(baseUrl: string, email: string, password: string) {
  let cookie = '';
  let csrf = '';
  async function call<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${baseUrl}/api/v1${path}`, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(cookie ? { cookie } : {}),
        ...(csrf && method !== 'GET' ? { 'x-csrf-token': csrf } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const setCookie = response.headers.getSetCookie().map((line) => line.split(';')[0]);
    if (setCookie.length > 0) cookie = setCookie.join('; ');
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${text}`);
    const parsed = text ? JSON.parse(text) : undefined;
    if (parsed && typeof parsed.csrfToken === 'string') csrf = parsed.csrfToken;
    return parsed as T;
  }
  const session = await call<{ needsEnrolment: boolean }>('POST', '/auth/sign-in', { email, password });
  if (!session.needsEnrolment) throw new Error(`${email} is already enrolled: this helper expects a first sign-in`);
  const { secret } = await call<{ secret: string }>('POST', '/auth/second-factor/enrol', {});
  await call('POST', '/auth/second-factor/confirm', { code: await generate({ secret }) });
  return { post: <T>(path: string, body: unknown) => call<T>('POST', path, body) };
}
