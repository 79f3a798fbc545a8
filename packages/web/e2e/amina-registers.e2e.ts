import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Language } from '@epeople/contracts';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ar } from '../src/i18n/ar.ts';
import { en } from '../src/i18n/en.ts';
import { fr } from '../src/i18n/fr.ts';
import { launchChromium } from './support/browser.ts';
import { ensureWebBuild, type RunningServer, startServer } from './support/server.ts';

/**
 * Amina registers on ePeople, reads her code in the (development) mailbox, confirms her
 * e-mail, signs in, sees her account and switches the language. Once in Arabic, once in French.
 * Real server, real database, real browser: nothing is mocked.
 */
const TEXTS = { ar, fr, en } as const;
const SCREENSHOTS = join(import.meta.dirname, 'screenshots');
const PASSWORD = 'Jasmin de Sidi Bou Said 2011';

const JOURNEYS = [
  { language: 'ar', dir: 'rtl', switchTo: 'fr', fullName: 'أمينة بن علي', governorate: 'صفاقس' },
  { language: 'fr', dir: 'ltr', switchTo: 'ar', fullName: 'Amina Ben Ali', governorate: 'Sfax' },
] as const satisfies ReadonlyArray<{
  language: Language;
  dir: string;
  switchTo: Language;
  fullName: string;
  governorate: string;
}>;

let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  ensureWebBuild();
  server = await startServer();
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function expectDocumentLanguage(page: Page, language: Language, dir: 'rtl' | 'ltr') {
  await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe(language);
  expect(await page.evaluate(() => document.documentElement.dir)).toBe(dir);
  // Mantine mirrors its components from the same attribute.
  expect(await page.evaluate(() => getComputedStyle(document.body).direction)).toBe(dir);
}

/** A form field by its label, exactly (Mantine appends " *" to required fields' labels). */
function field(page: Page, label: string) {
  const escaped = label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return page.getByLabel(new RegExp(`^${escaped}(\\s*\\*)?$`));
}

async function switchLanguage(page: Page, language: Language) {
  await page.getByTestId('language-switcher').click();
  await page.getByRole('menuitem', { name: { ar: 'العربية', fr: 'Français', en: 'English' }[language] }).click();
}

/** The newest message to `email` in the development mailbox, waiting for the outbox job to keep it. */
async function readCodeFromMailbox(page: Page, email: string): Promise<{ code: string; text: string }> {
  const message = page.getByTestId('mailbox-message').filter({ hasText: email }).first();
  const deadline = Date.now() + 30_000;
  // Look only once the list has (re)loaded: a refresh empties it while it loads, and looking
  // straight after the click raced the reload (the message was missed on a busy machine).
  const shown = () =>
    message.waitFor({ state: 'visible', timeout: 2_000 }).then(
      () => true,
      () => false,
    );
  while (!(await shown())) {
    if (Date.now() > deadline) throw new Error(`no e-mail to ${email} in the mailbox after 30 s:\n${server.output()}`);
    await page.getByRole('button', { name: /refresh|actualiser|تحديث/i }).click();
  }
  const text = (await message.getByTestId('mailbox-message-text').textContent()) ?? '';
  const code = /\b(\d{6})\b/.exec(text)?.[1];
  if (!code) throw new Error(`no 6-digit code in the e-mail:\n${text}`);
  return { code, text };
}

describe('Amina registers', () => {
  it.each(JOURNEYS)(
    'in $language: registers, confirms her e-mail from the mailbox, signs in and changes the language',
    async (journey) => {
      const t = TEXTS[journey.language];
      const other = TEXTS[journey.switchTo];
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'fr-TN' });
      context.setDefaultTimeout(15_000);
      const page = await context.newPage();
      const pageErrors: string[] = [];
      page.on('pageerror', (error) => pageErrors.push(error.message));
      const email = `amina.${journey.language}.${Date.now()}@example.tn`;

      try {
        // The home page opens in Arabic, right to left, whatever the browser's locale.
        await page.goto(`${server.baseUrl}/`);
        await expectDocumentLanguage(page, 'ar', 'rtl');
        await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe(ar.home.hero.title);
        if (journey.language !== 'ar') {
          await switchLanguage(page, journey.language);
          await expectDocumentLanguage(page, journey.language, journey.dir);
        }
        await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe(t.home.hero.title);
        await page.screenshot({ path: join(SCREENSHOTS, `home-${journey.language}.png`), fullPage: true });
        // The four request types and the forum are shown as entry points.
        for (const entry of ['petition', 'guidance', 'suggestion', 'notice', 'forum'] as const) {
          expect(await page.getByRole('heading', { name: t.home.entries[entry].title, exact: true }).count()).toBe(1);
        }

        // Register.
        await page.getByRole('main').getByRole('link', { name: t.home.hero.register }).click();
        await page.waitForURL('**/register');
        await field(page, t.accounts.fields.fullName).fill(journey.fullName);
        await field(page, t.accounts.fields.email).fill(email);
        await field(page, t.accounts.fields.phoneOptional).fill('20 123 456');
        await field(page, t.accounts.fields.password).fill(PASSWORD);
        await page.getByRole('combobox', { name: t.accounts.fields.governorateOptional }).click();
        await page.getByRole('option', { name: journey.governorate, exact: true }).click();
        await page.getByTestId('register-submit').click();
        await page.waitForURL('**/verify-email?email=*');
        await expect.poll(() => page.getByTestId('notice').textContent()).toBe(t.accounts.register.sent);

        // Read the code in the development mailbox, in another tab, as one reads mail.
        const mailbox = await context.newPage();
        await mailbox.goto(`${server.baseUrl}/dev/mailbox`);
        const { code, text } = await readCodeFromMailbox(mailbox, email);
        if (journey.language === 'ar') expect(text).toMatch(/[\u0600-\u06FF]/);
        await mailbox.close();

        // Confirm the e-mail address.
        expect(await field(page, t.accounts.fields.email).inputValue()).toBe(email);
        await field(page, t.accounts.verify.code).fill(code);
        await page.getByTestId('verify-submit').click();
        await page.waitForURL('**/sign-in?email=*');
        await expect.poll(() => page.getByTestId('notice').textContent()).toBe(t.accounts.verify.done);

        // A wrong password is refused with the problem's code, translated.
        await field(page, t.accounts.fields.password).fill(`${PASSWORD}!`);
        await page.getByTestId('sign-in-submit').click();
        await expect
          .poll(() => page.getByTestId('form-error').textContent())
          .toBe(t.errors.accounts.invalid_credentials);

        // Sign in and land on the account page.
        await field(page, t.accounts.fields.password).fill(PASSWORD);
        await page.getByTestId('sign-in-submit').click();
        await page.waitForURL('**/profile');
        await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe(t.accounts.profile.title);
        expect(await page.getByTestId('profile-email').textContent()).toBe(email);
        expect(await page.getByTestId('profile-full-name').inputValue()).toBe(journey.fullName);
        await expectDocumentLanguage(page, journey.language, journey.dir);
        await page.screenshot({ path: join(SCREENSHOTS, `profile-${journey.language}.png`), fullPage: true });
        await page.setViewportSize({ width: 390, height: 844 });
        await page.waitForTimeout(500); // the hidden side menu slides to its mobile position
        await page.screenshot({ path: join(SCREENSHOTS, `profile-${journey.language}-mobile.png`), fullPage: true });
        await page.setViewportSize({ width: 1280, height: 900 });

        // News of her requests: she adds SMS (her account has a phone); turning every channel off is refused.
        const preferences = page.getByTestId('notification-preferences');
        const savedPreferences = async () =>
          ((await (await page.request.get(`${server.baseUrl}/api/v1/me`)).json()) as { notifications?: unknown })
            .notifications;
        expect(await savedPreferences()).toEqual({ email: true, sms: false });
        await preferences.getByTestId('notify-sms').check();
        await preferences.getByTestId('notification-preferences-save').click();
        await expect.poll(() => preferences.getByRole('status').textContent()).toBe(t.accounts.notifications.saved);
        expect(await savedPreferences()).toEqual({ email: true, sms: true });
        await preferences.getByTestId('notify-email').uncheck();
        await preferences.getByTestId('notify-sms').uncheck();
        await preferences.getByTestId('notification-preferences-save').click();
        await expect
          .poll(() => preferences.getByTestId('form-error').textContent())
          .toBe(t.errors.accounts.notification_channel_required);
        expect(await savedPreferences()).toEqual({ email: true, sms: true });

        // Switch the language: the page and <html dir/lang> follow, and the account keeps the choice.
        await switchLanguage(page, journey.switchTo);
        await expectDocumentLanguage(page, journey.switchTo, journey.switchTo === 'ar' ? 'rtl' : 'ltr');
        await expect
          .poll(() => page.getByRole('heading', { level: 1 }).textContent())
          .toBe(other.accounts.profile.title);
        await expect
          .poll(
            async () =>
              ((await (await page.request.get(`${server.baseUrl}/api/v1/me`)).json()) as { language: string }).language,
          )
          .toBe(journey.switchTo);
        await page.screenshot({ path: join(SCREENSHOTS, `profile-${journey.language}-then-${journey.switchTo}.png`) });

        // After a reload the chosen language holds.
        await page.reload();
        await expectDocumentLanguage(page, journey.switchTo, journey.switchTo === 'ar' ? 'rtl' : 'ltr');
        await expect
          .poll(() => page.getByRole('heading', { level: 1 }).textContent())
          .toBe(other.accounts.profile.title);

        expect(pageErrors).toEqual([]);
      } finally {
        await context.close();
      }
    },
  );
});
