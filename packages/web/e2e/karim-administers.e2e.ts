import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { generate } from 'otplib';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ar } from '../src/i18n/ar.ts';
import { launchChromium } from './support/browser.ts';
import { ensureWebBuild, type RunningServer, startServer } from './support/server.ts';

/**
 * Karim, an agency administrator (a demo account), signs in for the first time: he enrols his
 * authenticator app from the QR page, then opens the administration pages and asks where a
 * petition from Sfax would land. In Arabic, against the real server with its seeded data.
 */
const SCREENSHOTS = join(import.meta.dirname, 'screenshots');
// The demo accounts of the README (packages/server/src/modules/seed/demo-accounts.ts).
const KARIM = { email: 'demo-agency-admin@epeople.tn', password: 'Demo-password-2026' };

let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  ensureWebBuild();
  server = await startServer({ demo: true });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

function field(page: Page, label: string) {
  const escaped = label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return page.getByLabel(new RegExp(`^${escaped}(\\s*\\*)?$`));
}

const heading = (page: Page) => page.getByRole('heading', { level: 1 }).textContent();

describe('Karim administers', () => {
  it('enrols his second factor at first sign-in, then uses the administration pages', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    context.setDefaultTimeout(15_000);
    const page = await context.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    try {
      await page.goto(`${server.baseUrl}/sign-in`);
      await field(page, ar.accounts.fields.email).fill(KARIM.email);
      await field(page, ar.accounts.fields.password).fill(KARIM.password);
      await page.getByTestId('sign-in-submit').click();

      // Staff must enrol a second factor before anything else.
      await page.waitForURL('**/second-factor/enrol?next=*');
      await expect.poll(() => heading(page)).toBe(ar.accounts.secondFactor.enrolTitle);
      const qr = page.getByRole('img', { name: ar.accounts.secondFactor.qrAlt });
      expect(await qr.getAttribute('src')).toMatch(/^data:image\/svg\+xml/);
      const secret = ((await page.getByTestId('totp-secret').textContent()) ?? '').trim();
      expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
      await page.screenshot({ path: join(SCREENSHOTS, 'second-factor-enrol-ar.png'), fullPage: true });
      await field(page, ar.accounts.secondFactor.code).fill(await generate({ secret }));
      await page.getByRole('button', { name: ar.accounts.secondFactor.confirm }).click();
      await page.waitForURL('**/profile');

      // The administration: units of the seeded tree.
      await page.getByRole('link', { name: ar.common.nav.admin }).first().click();
      await page.waitForURL('**/admin/units');
      await expect.poll(() => heading(page)).toBe(ar.admin.units.title);
      await expect
        .poll(() => page.getByRole('list', { name: ar.admin.units.title }).getByRole('listitem').count())
        .toBeGreaterThan(0);
      await page.screenshot({ path: join(SCREENSHOTS, 'admin-units-ar.png') });

      // Staff and categories open without errors.
      await page.getByRole('tab', { name: ar.admin.layout.staff }).click();
      await expect.poll(() => heading(page)).toBe(ar.admin.staff.title);
      await expect.poll(() => page.getByRole('table').count()).toBe(1);
      await page.screenshot({ path: join(SCREENSHOTS, 'admin-staff-ar.png') });
      await page.getByRole('tab', { name: ar.admin.layout.categories }).click();
      await expect.poll(() => heading(page)).toBe(ar.admin.categories.title);

      // Routing: where would a petition from Sfax land?
      await page.getByRole('tab', { name: ar.admin.layout.routing }).click();
      await expect.poll(() => heading(page)).toBe(ar.admin.routing.title);
      const rows = page.getByRole('table').getByRole('row');
      // The seeded rules (over a hundred) must be in before counting, or the filter has nothing to cut.
      await expect.poll(() => rows.count()).toBeGreaterThan(20);
      const allRows = await rows.count();
      await page.getByRole('searchbox', { name: ar.admin.routing.filter }).fill('صفاقس');
      await expect.poll(() => rows.count()).toBeLessThan(allRows);
      expect(await rows.count()).toBeGreaterThan(1); // the header row and at least one rule for Sfax
      const preview = page.getByRole('region', { name: ar.admin.routing.previewTitle });
      await preview.getByRole('combobox', { name: ar.admin.fields.requestType }).click();
      await page.getByRole('option', { name: ar.admin.requestTypes.petition, exact: true }).click();
      await preview.getByRole('combobox', { name: ar.admin.fields.governorate }).click();
      await page.getByRole('option', { name: 'صفاقس', exact: true }).click();
      await preview.getByRole('button', { name: ar.admin.routing.previewSubmit }).click();
      await expect.poll(() => page.getByTestId('route-result').textContent()).toMatch(/سيُحال إلى: .+/);
      await page.screenshot({ path: join(SCREENSHOTS, 'admin-routing-ar.png'), fullPage: true });

      expect(pageErrors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
