import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Language } from '@epeople/contracts';
import { generate } from 'otplib';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ar } from '../src/i18n/ar.ts';
import { en } from '../src/i18n/en.ts';
import { fr } from '../src/i18n/fr.ts';
import { staffApiSession } from './support/api-session.ts';
import { launchChromium } from './support/browser.ts';
import { field, heading, smallPdf } from './support/journey.ts';
import { ensureWebBuild, type RunningServer, startServer } from './support/server.ts';

/**
 * Salma, a guest, files a petition about a hospital with a PDF attached and follows it with her
 * reference and access code. Youssef (officer) and Nadia (supervisor) of the Ministry of Health
 * handle it: Youssef takes and registers it, Nadia assigns it to him (his bell tells him), he asks
 * Salma for information, she replies, Nadia extends the deadline and, with Salma's consent, extends
 * it again; Youssef drafts from the ministry's model answer, Nadia approves, Youssef answers;
 * Salma reads the answer, rates it, downloads the signed letter and checks it on the verification
 * page. Then an anonymous notice: the reporter and Youssef write to
 * each other through the case. In Arabic and in French, against the real server (demo mode) in
 * Chromium; one server for the file, each staff member signed in once per language.
 */
type Texts = typeof ar;
const TEXTS: Record<Language, Texts> = { ar, fr, en };
const SCREENSHOTS = join(import.meta.dirname, 'screenshots');
const PASSWORD = 'Demo-password-2026';
// Youssef (officer) and Nadia (supervisor) of the Ministry of Health, demo accounts.
const STAFF = {
  supervisor: { email: 'demo-supervisor@epeople.tn', name: 'Nadia Gharbi' },
  officer: { email: 'demo-officer@epeople.tn', name: 'Youssef Mansouri' },
} as const;

const JOURNEYS = [
  {
    language: 'ar',
    name: 'سلمى الطرابلسي',
    title: 'طول الانتظار في قسم الاستعجالي بالمستشفى الجهوي',
    description: 'انتظرت أكثر من ست ساعات في قسم الاستعجالي يوم 3 مارس دون أن يفحصني طبيب. أطلب توضيحًا وتحسين التنظيم.',
    category: 'الصحة',
    question: 'ما هو رقم ملفك الطبي؟',
    reply: 'رقم ملفي الطبي H-2026-4411.',
    answer: 'نعتذر عن طول الانتظار؛ تمّ تعزيز فريق الاستعجالي.',
    answerMore: 'يمكنك الاتصال بمكتب العلاقات مع المواطن بالمستشفى.',
    extension: 'ننتظر تقرير إدارة المستشفى.',
    notice: {
      title: 'بيع أدوية مدعّمة خارج المسالك القانونية',
      description: 'تُباع أدوية مدعّمة من صيدلية المستشفى في محلّ مجاور بأسعار مرتفعة، كلّ يوم صباحًا.',
      place: 'نهج المستشفى، بجانب الباب الرئيسي',
      message: 'رأيت ذلك مجدّدًا هذا الصباح حوالي الساعة الثامنة.',
      reply: 'شكرًا، هل يمكنك تحديد اسم المحلّ؟',
    },
  },
  {
    language: 'fr',
    name: 'Salma Trabelsi',
    title: 'Attente excessive aux urgences de l’hôpital régional',
    description:
      'J’ai attendu plus de six heures aux urgences le 3 mars sans voir de médecin. Je demande des explications et une meilleure organisation.',
    category: 'Santé',
    question: 'Quel est votre numéro de dossier médical ?',
    reply: 'Mon numéro de dossier est H-2026-4411.',
    answer: 'Nous regrettons cette attente ; l’équipe des urgences a été renforcée.',
    answerMore: 'Le bureau des relations avec le citoyen de l’hôpital reste à votre disposition.',
    extension: 'Nous attendons le rapport de la direction de l’hôpital.',
    notice: {
      title: 'Vente de médicaments subventionnés hors circuit légal',
      description:
        'Des médicaments subventionnés de la pharmacie de l’hôpital sont revendus dans une boutique voisine, chaque matin.',
      place: 'Rue de l’hôpital, à côté de l’entrée principale',
      message: 'Je l’ai encore vu ce matin vers 8 heures.',
      reply: 'Merci. Pouvez-vous préciser le nom de la boutique ?',
    },
  },
] as const satisfies ReadonlyArray<{
  language: Language;
  name: string;
  title: string;
  description: string;
  category: string;
  question: string;
  reply: string;
  answer: string;
  answerMore: string;
  extension: string;
  notice: { title: string; description: string; place: string; message: string; reply: string };
}>;

/** A model answer of the ministry; the officer picks it by its title in the draft dialog. */
const TEMPLATE = {
  title: 'Urgences : attente / الاستعجالي: الانتظار',
  body: {
    ar: 'نعتذر عن طول الانتظار؛ تمّ تعزيز فريق الاستعجالي.',
    fr: 'Nous regrettons cette attente ; l’équipe des urgences a été renforcée.',
    en: 'We regret the wait; the emergency team has been reinforced.',
  },
};

let server: RunningServer;
let browser: Browser;
/** What the guest keeps from the receipt, per language, for the handling journey. */
const receipts: Partial<Record<Language, { reference: string; accessCode: string }>> = {};
/** TOTP secrets of the demo staff, enrolled at their first sign-in in this run. */
const secrets: Record<string, string> = {};
const lastCodes: Record<string, string> = {};
/** The language each demo account holds now (the switcher saves the journey's language on it). */
const accountLanguage: Record<string, Language> = {
  [STAFF.supervisor.email]: 'fr',
  [STAFF.officer.email]: 'ar',
};
type Staff = keyof typeof STAFF;
/** One signed-in browser context per staff member and language, shared by the journeys of that language. */
const staffPages: Partial<Record<`${Language}:${Staff}`, Opened>> = {};
type Opened = { context: BrowserContext; page: Page; errors: string[] };

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  ensureWebBuild();
  server = await startServer({ demo: true });
  browser = await launchChromium();
  // Karim (agency admin) writes the Ministry of Health's model answer the officer starts from.
  const karim = await staffApiSession(server.baseUrl, 'demo-agency-admin@epeople.tn', PASSWORD);
  const { units } = await (await fetch(`${server.baseUrl}/api/v1/units`)).json();
  const health = (units as { id: string; code: string }[]).find((unit) => unit.code === 'min-health');
  await karim.post('/admin/answer-templates', {
    unitId: health?.id,
    requestType: 'petition',
    outcome: 'partly_upheld',
    title: TEMPLATE.title,
    body: TEMPLATE.body,
  });
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function newPage(language: Language): Promise<Opened> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  context.setDefaultTimeout(15_000);
  await context.addInitScript((lang) => window.localStorage.setItem('epeople.language', lang), language);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  return { context, page, errors };
}

/** A TOTP code not used before in this run (the server refuses a replayed code). */
async function freshCode(email: string): Promise<string> {
  for (;;) {
    const code = await generate({ secret: secrets[email] as string });
    if (code !== lastCodes[email]) {
      lastCodes[email] = code;
      return code;
    }
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

/**
 * The staff member's page in this language: signed in once (TOTP enrolled at the first sign-in of
 * the run, a fresh code after), then the interface switched to the journey's language, which the
 * account keeps.
 */
async function staffPage(language: Language, who: Staff): Promise<Page> {
  const key = `${language}:${who}` as const;
  const known = staffPages[key];
  if (known) return known.page;
  const opened = await newPage(language);
  staffPages[key] = opened;
  const { page } = opened;
  const { email } = STAFF[who];
  const t = TEXTS[language];
  await page.goto(`${server.baseUrl}/sign-in?next=${encodeURIComponent('/inbox')}`);
  await field(page, t.accounts.fields.email).fill(email);
  await field(page, t.accounts.fields.password).fill(PASSWORD);
  await page.getByTestId('sign-in-submit').click();
  await page.waitForURL(/second-factor\/(enrol|verify)/);
  // The second-factor page speaks the account's language.
  const accountTexts = TEXTS[accountLanguage[email] ?? language];
  if (page.url().includes('/enrol')) {
    secrets[email] = ((await page.getByTestId('totp-secret').textContent()) ?? '').trim();
    await field(page, accountTexts.accounts.secondFactor.code).fill(await freshCode(email));
    await page.getByRole('button', { name: accountTexts.accounts.secondFactor.confirm }).click();
  } else {
    await field(page, accountTexts.accounts.secondFactor.code).fill(await freshCode(email));
    await page.getByRole('button', { name: accountTexts.accounts.secondFactor.verify }).click();
  }
  await page.waitForURL('**/inbox');
  if (accountLanguage[email] !== language) {
    await page.getByTestId('language-switcher').click();
    await page.getByTestId(`language-option-${language}`).click();
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe(language);
    accountLanguage[email] = language;
  }
  await expect.poll(() => heading(page)).toBe(t.inbox.list.title);
  return page;
}

async function closeStaffPages(language: Language): Promise<string[]> {
  const errors: string[] = [];
  for (const who of Object.keys(STAFF) as Staff[]) {
    const opened = staffPages[`${language}:${who}`];
    if (!opened) continue;
    errors.push(...opened.errors);
    await opened.context.close();
  }
  return errors;
}

/** Opens the case from the inbox list (the staff member "receives" it there). */
async function openCase(page: Page, reference: string) {
  await page.goto(`${server.baseUrl}/inbox`);
  await page.getByRole('link', { name: reference }).click();
  await page.waitForURL('**/inbox/cases/*');
  await expect.poll(() => page.getByTestId('case-reference').textContent()).toBe(reference);
}

/** Runs one action through its dialog, and waits for the dialog to close (the API said yes). */
async function staffAction(page: Page, action: string, fill?: (dialog: Locator) => Promise<void>) {
  await page.getByTestId(`action-${action}`).click();
  const dialog = page.getByRole('dialog');
  await expect.poll(() => dialog.getByTestId('action-submit').isVisible()).toBe(true);
  if (fill) await fill(dialog);
  await dialog.getByTestId('action-submit').click();
  await expect.poll(() => dialog.count()).toBe(0);
}

/** Picks an option of a select in a dialog (Mantine renders its options in a portal). */
async function choose(page: Page, dialog: Locator, label: string, option: string) {
  await dialog
    .getByRole('textbox', { name: label })
    .or(dialog.getByRole('combobox', { name: label }))
    .click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

/** Tracks a case with its reference and access code, in a page of its own. */
async function track(page: Page, t: Texts, receipt: { reference: string; accessCode: string }) {
  await page.goto(`${server.baseUrl}/track`);
  await field(page, t.cases.track.reference).fill(receipt.reference);
  await field(page, t.cases.track.accessCode).fill(receipt.accessCode);
  await page.getByTestId('track-submit').click();
  await expect.poll(() => page.getByTestId('case-reference').textContent()).toBe(receipt.reference);
}

/** Clicks an attachment's link and checks that what arrives is the PDF that was filed. */
async function downloadsThePdf(page: Page, fileName: string) {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('case-attachments').getByRole('button', { name: fileName }).click(),
  ]);
  expect(download.suggestedFilename()).toBe(fileName);
  const path = await download.path();
  expect(readFileSync(path).subarray(0, 5).toString('latin1')).toBe('%PDF-');
}

describe.each(JOURNEYS)('a guest petition in $language', (journey) => {
  const t = TEXTS[journey.language];

  it('a guest files a petition with a PDF and tracks it with the reference and access code', async () => {
    const { context, page, errors } = await newPage(journey.language);
    try {
      await page.goto(`${server.baseUrl}/`);
      await page.getByTestId('file-petition').click();
      await page.waitForURL('**/file?type=petition');
      await expect.poll(() => heading(page)).toBe(t.cases.file.title);

      // Details; a too-short title is refused before anything is sent.
      await field(page, t.cases.fields.title).fill('abc');
      await field(page, t.cases.fields.description).fill(journey.description);
      await page.getByTestId('file-next').click();
      await expect.poll(() => page.getByText(t.cases.validation.title).count()).toBe(1);
      await field(page, t.cases.fields.title).fill(journey.title);
      await page.getByRole('combobox', { name: t.cases.fields.category }).fill(journey.category);
      await page.getByRole('option', { name: journey.category, exact: true }).click();
      await page.screenshot({ path: join(SCREENSHOTS, `file-details-${journey.language}.png`), fullPage: true });
      await page.getByTestId('file-next').click();

      // Identity: a guest needs a name and a contact.
      await field(page, t.accounts.fields.fullName).fill(journey.name);
      await page.getByTestId('file-next').click();
      await expect.poll(() => page.getByText(t.errors.cases.contact_required).count()).toBeGreaterThan(0);
      await field(page, t.cases.identity.email).fill(`salma.${journey.language}@example.tn`);
      await page.getByTestId('file-next').click();

      // A real PDF, checked by content on the server; a named request keeps the file's name.
      await expect.poll(() => page.getByTestId('step-title').textContent()).toBe(t.cases.file.steps.attachments);
      await page.locator('input[type=file]').setInputFiles({
        name: 'justificatif.pdf',
        mimeType: 'application/pdf',
        buffer: smallPdf('Rendez-vous 3 mars'),
      });
      await expect.poll(() => page.getByTestId('attachments-list').textContent()).toContain('justificatif.pdf');
      await page.getByTestId('file-next').click();

      // Review, then a double click files one case.
      await expect.poll(() => page.getByTestId('review').textContent()).toContain(journey.title);
      await page.screenshot({ path: join(SCREENSHOTS, `file-review-${journey.language}.png`), fullPage: true });
      await page.getByTestId('file-submit').dblclick();
      await expect.poll(() => heading(page)).toBe(t.cases.receipt.title);
      const reference = ((await page.getByTestId('receipt-reference').textContent()) ?? '').trim();
      const accessCode = ((await page.getByTestId('receipt-access-code').textContent()) ?? '').trim();
      expect(reference).toMatch(/^PET-\d{4}-/);
      expect(accessCode.length).toBeGreaterThanOrEqual(6);
      expect(await page.getByTestId('code-warning').isVisible()).toBe(true);
      await page.screenshot({ path: join(SCREENSHOTS, `file-receipt-${journey.language}.png`), fullPage: true });
      receipts[journey.language] = { reference, accessCode };

      // Track in a fresh visit: a wrong code is refused like an unknown reference.
      const visit = await context.newPage();
      await visit.goto(`${server.baseUrl}/track`);
      await field(visit, t.cases.track.reference).fill(reference);
      await field(visit, t.cases.track.accessCode).fill('WRONG-CODE-0000');
      await visit.getByTestId('track-submit').click();
      await expect.poll(() => visit.getByTestId('form-error').textContent()).toBe(t.errors.cases.not_found);
      await field(visit, t.cases.track.accessCode).fill(accessCode);
      await visit.getByTestId('track-submit').click();
      await expect.poll(() => visit.getByTestId('case-reference').textContent()).toBe(reference);
      expect(await heading(visit)).toBe(journey.title);
      expect(await visit.getByTestId('case-state').textContent()).toBe(t.cases.states.submitted);
      expect(await visit.getByTestId('timeline-event').first().isVisible()).toBe(true);
      expect(await visit.locator('[data-visibility="internal"]').count()).toBe(0);
      await visit.screenshot({ path: join(SCREENSHOTS, `track-${journey.language}.png`), fullPage: true });
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('the ministry takes it, assigns it, asks for information, the guest replies and consents to a second extension, the answer is drafted, approved and sent, and the guest rates it', async () => {
    const receipt = receipts[journey.language];
    if (!receipt) throw new Error('the filing journey did not run');
    const { reference } = receipt;
    const guest = await newPage(journey.language);
    try {
      // Youssef (officer) finds it in his inbox, takes it (the lock) and registers it.
      const officer = await staffPage(journey.language, 'officer');
      await openCase(officer, reference);
      await officer.getByTestId('lock-take').click();
      await expect.poll(() => officer.getByTestId('lock-release').isVisible()).toBe(true);
      await downloadsThePdf(officer, 'justificatif.pdf');
      await officer.screenshot({ path: join(SCREENSHOTS, `inbox-case-${journey.language}.png`), fullPage: true });
      await staffAction(officer, 'register');
      await expect.poll(() => officer.getByTestId('case-state').textContent()).toBe(t.cases.states.registered);
      await officer.getByTestId('lock-release').click();
      await expect.poll(() => officer.getByTestId('lock-take').isVisible()).toBe(true);

      // Nadia (supervisor) assigns it to Youssef, chosen by name from the unit's staff.
      const supervisor = await staffPage(journey.language, 'supervisor');
      await openCase(supervisor, reference);
      await staffAction(supervisor, 'assign', (dialog) =>
        choose(supervisor, dialog, t.inbox.actions.assign.field, STAFF.officer.name),
      );
      await expect.poll(() => supervisor.getByTestId('case-state').textContent()).toBe(t.cases.states.assigned);

      // Youssef's bell tells him (the in-app notice is delivered by a job); it leads to the case.
      const assigned = officer.getByTestId('notification').filter({ hasText: reference });
      await expect
        .poll(async () => {
          await officer.reload();
          await officer.getByTestId('notifications-bell').click();
          return assigned.count();
        })
        .toBe(1);
      expect(await assigned.textContent()).toContain(t.common.notifications.kinds.case_assigned);
      expect(await officer.getByTestId('notifications-bell').getAttribute('aria-label')).not.toBe(
        t.common.notifications.bell.replace('{{count}}', '0'),
      );
      await officer.screenshot({
        path: join(SCREENSHOTS, `inbox-bell-${journey.language}.png`),
        animations: 'disabled',
      });
      await assigned.click();
      await expect.poll(() => officer.getByTestId('case-reference').textContent()).toBe(reference);
      // Opening it marked it read.
      await expect
        .poll(async () => {
          const list = (await (await officer.request.get(`${server.baseUrl}/api/v1/me/notifications`)).json()) as {
            items: { template: string; data: { reference?: string }; readAt: string | null }[];
          };
          return list.items.find((item) => item.data.reference === reference && item.template === 'case_assigned')
            ?.readAt;
        })
        .toBeTruthy();

      // Youssef starts and asks the guest a question.
      await staffAction(officer, 'start');
      await staffAction(officer, 'request_info', (dialog) => dialog.getByRole('textbox').fill(journey.question));
      await expect.poll(() => officer.getByTestId('case-state').textContent()).toBe(t.cases.states.awaiting_citizen);

      // The guest sees the question on the tracking page and replies; the file is there too.
      await track(guest.page, t, receipt);
      await expect.poll(() => guest.page.getByTestId('pending-question').textContent()).toContain(journey.question);
      await downloadsThePdf(guest.page, 'justificatif.pdf');
      await guest.page.screenshot({
        path: join(SCREENSHOTS, `track-question-${journey.language}.png`),
        fullPage: true,
      });
      await guest.page.getByTestId('action-reply_info').click();
      await guest.page.getByRole('dialog').getByRole('textbox').fill(journey.reply);
      await guest.page.getByRole('dialog').getByTestId('action-submit').click();
      await expect.poll(() => guest.page.getByTestId('case-state').textContent()).toBe(t.cases.states.in_progress);

      // Nadia extends the deadline once, with a reason the guest reads; a second extension needs
      // the guest's consent, which the guest gives on the tracking page.
      await openCase(supervisor, reference);
      await staffAction(supervisor, 'extend_deadline', (dialog) => dialog.getByRole('textbox').fill(journey.extension));
      await track(guest.page, t, receipt);
      await expect.poll(() => guest.page.getByTestId('case-timeline').textContent()).toContain(journey.extension);
      await guest.page.getByTestId('action-consent_extension').click();
      await guest.page.getByRole('dialog').getByTestId('action-submit').click();
      await expect.poll(() => guest.page.locator('[data-event-type="EXTENSION_CONSENTED"]').count()).toBe(1);
      expect(await guest.page.getByTestId('action-consent_extension').count()).toBe(0);
      await openCase(supervisor, reference);
      await staffAction(supervisor, 'extend_deadline', (dialog) => dialog.getByRole('textbox').fill(journey.extension));
      await expect.poll(() => supervisor.locator('[data-event-type="DEADLINE_EXTENDED"]').count()).toBe(2);
      await supervisor.getByTestId('lock-release').click();
      await expect.poll(() => supervisor.getByTestId('lock-take').isVisible()).toBe(true);

      // Youssef reads the reply, drafts the answer and sends it for approval.
      await openCase(officer, reference);
      await expect.poll(() => officer.getByTestId('case-timeline').textContent()).toContain(journey.reply);
      await staffAction(officer, 'submit_draft', async (dialog) => {
        // The unit's model answer fills the text (in the case's language) and the outcome; the officer adds a line.
        await choose(officer, dialog, t.inbox.actions.template, TEMPLATE.title);
        const text = dialog.getByRole('textbox', { name: t.inbox.actions.answerText });
        await expect.poll(() => text.inputValue()).toBe(journey.answer);
        await text.fill(`${journey.answer}\n${journey.answerMore}`);
        // The template's outcome is chosen with it.
        expect(
          await dialog
            .getByRole('textbox', { name: t.inbox.actions.outcome })
            .or(dialog.getByRole('combobox', { name: t.inbox.actions.outcome }))
            .inputValue(),
        ).toBe(t.cases.outcomes.partly_upheld);
        await officer.screenshot({
          path: join(SCREENSHOTS, `inbox-draft-${journey.language}.png`),
          animations: 'disabled',
        });
      });
      await expect.poll(() => officer.getByTestId('case-state').textContent()).toBe(t.cases.states.answer_drafted);

      // Nadia approves the draft.
      await openCase(supervisor, reference);
      await expect.poll(() => supervisor.getByTestId('draft').first().textContent()).toContain(journey.answer);
      await staffAction(supervisor, 'approve_draft');
      await expect.poll(() => supervisor.getByTestId('case-state').textContent()).toBe(t.cases.states.answer_approved);

      // Youssef sends the approved answer.
      await openCase(officer, reference);
      await staffAction(officer, 'answer');
      await expect.poll(() => officer.getByTestId('case-state').textContent()).toBe(t.cases.states.answered);
      await officer.screenshot({ path: join(SCREENSHOTS, `inbox-answered-${journey.language}.png`), fullPage: true });

      // The guest reads the answer and rates it.
      await track(guest.page, t, receipt);
      await expect
        .poll(() => guest.page.getByTestId('case-outcome').textContent())
        .toBe(t.cases.outcomes.partly_upheld);
      expect(await guest.page.getByTestId('case-answer').textContent()).toBe(
        `${journey.answer}\n${journey.answerMore}`,
      );
      await guest.page.getByTestId('action-rate').click();
      const dialog = guest.page.getByRole('dialog');
      // Mantine's stars: a hidden radio, then its label (the star drawn).
      await dialog.locator('input[value="4"] + label').first().click();
      await dialog.getByTestId('action-submit').click();
      await expect.poll(() => guest.page.getByTestId('case-rating').isVisible()).toBe(true);
      await expect.poll(() => dialog.count()).toBe(0);
      await guest.page.screenshot({
        path: join(SCREENSHOTS, `track-rated-${journey.language}.png`),
        fullPage: true,
        animations: 'disabled',
      });

      // The answer is also a signed letter: once signed and in the public log, the guest downloads
      // it and checks it on the verification page, as anyone holding only the PDF would.
      const letterBox = guest.page.getByTestId('answer-letter');
      await expect.poll(() => letterBox.getByTestId('answer-status').getAttribute('data-status')).toBe('signed');
      const [download] = await Promise.all([
        guest.page.waitForEvent('download'),
        letterBox.getByTestId('answer-download-letter').click(),
      ]);
      const letter = readFileSync(await download.path());
      expect(letter.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      const answerId = await letterBox.getAttribute('data-answer-id');
      await guest.page.goto(`${server.baseUrl}/verify`);
      await guest.page
        .getByTestId('verify-upload-input')
        .setInputFiles({ name: download.suggestedFilename(), mimeType: 'application/pdf', buffer: letter });
      await guest.page.getByTestId('verify-submit').click();
      await expect.poll(() => guest.page.getByTestId('verify-verdict').getAttribute('data-verdict')).toBe('valid');
      expect(await guest.page.getByTestId('verify-signer').textContent()).toContain('(TEST)');
      await guest.page.screenshot({
        path: join(SCREENSHOTS, `verify-letter-${journey.language}.png`),
        fullPage: true,
        animations: 'disabled',
      });

      // The page the letter's QR code opens: the answer's public facts; the same letter uploaded
      // there is recognised as this answer, and its facts are not shown a second time.
      await guest.page.goto(`${server.baseUrl}/verify/${answerId}`);
      await expect.poll(() => guest.page.getByTestId('verify-answer-facts').count()).toBe(1);
      await guest.page
        .getByTestId('verify-upload-input')
        .setInputFiles({ name: download.suggestedFilename(), mimeType: 'application/pdf', buffer: letter });
      await guest.page.getByTestId('verify-submit').click();
      await expect.poll(() => guest.page.getByTestId('verify-match').getAttribute('data-match')).toBe('same');
      expect(await guest.page.getByTestId('verify-verdict').getAttribute('data-verdict')).toBe('valid');
      expect(await guest.page.getByTestId('verify-answer-facts').count()).toBe(1);
      expect(await guest.page.getByTestId('verify-log-index').count()).toBe(1);
      expect(guest.errors).toEqual([]);
    } finally {
      await guest.context.close();
    }
  });

  it('an anonymous notice: the reporter and the office write to each other through the case', async () => {
    const notice = journey.notice;
    const reporter = await newPage(journey.language);
    try {
      // No account, no name, no contact: only the reference and the access code link the reporter to it.
      const { page } = reporter;
      await page.goto(`${server.baseUrl}/file?type=notice`);
      await expect.poll(() => heading(page)).toBe(t.cases.file.title);
      await field(page, t.cases.fields.title).fill(notice.title);
      await field(page, t.cases.fields.description).fill(notice.description);
      // Typed into the searchable list, so the option is in view whatever the list's scroll.
      await page.getByRole('combobox', { name: t.cases.fields.category }).fill(journey.category);
      await page.getByRole('option', { name: journey.category, exact: true }).click();
      await field(page, t.cases.fields.location).fill(notice.place);
      await page.getByTestId('file-next').click();
      await page.getByRole('radio', { name: t.cases.identity.anonymous }).check();
      await expect.poll(() => page.getByTestId('anonymous-explanation').isVisible()).toBe(true);
      await page.getByTestId('file-next').click();
      // The files of an anonymous notice: the form says what is removed and what is not, and the
      // server renames them (docs/threat-model-anonymous-notice.md).
      await expect.poll(() => page.getByTestId('step-title').textContent()).toBe(t.cases.file.steps.attachments);
      await expect
        .poll(() => page.getByTestId('attachments-anonymous-notice').textContent())
        .toContain(t.cases.attachments.anonymous.kept);
      await page.locator('input[type=file]').setInputFiles({
        name: 'Sami_Trabelsi_recu.pdf',
        mimeType: 'application/pdf',
        buffer: smallPdf('Recu 350 dinars'),
      });
      await expect.poll(() => page.getByTestId('attachments-list').textContent()).toContain('attachment-1.pdf');
      await page.screenshot({ path: join(SCREENSHOTS, `file-notice-files-${journey.language}.png`), fullPage: true });
      await page.getByTestId('file-next').click();
      await expect.poll(() => page.getByTestId('review').textContent()).toContain(t.cases.review.anonymous);
      expect(await page.getByTestId('review').textContent()).not.toContain('Sami_Trabelsi');
      await page.getByTestId('file-submit').click();
      await expect.poll(() => heading(page)).toBe(t.cases.receipt.title);
      const receipt = {
        reference: ((await page.getByTestId('receipt-reference').textContent()) ?? '').trim(),
        accessCode: ((await page.getByTestId('receipt-access-code').textContent()) ?? '').trim(),
      };
      expect(receipt.reference).toMatch(/^[A-Z]{3}-\d{4}-/);

      // The reporter writes in the notice's thread.
      await track(page, t, receipt);
      expect(await page.getByTestId('case-place').textContent()).toBe(notice.place);
      await page.getByTestId('action-send_message').click();
      await page.getByRole('dialog').getByRole('textbox').fill(notice.message);
      await page.getByRole('dialog').getByTestId('action-submit').click();
      const mine = page.locator('[data-event-type="MESSAGE_POSTED"]').filter({ hasText: notice.message });
      await expect.poll(() => mine.textContent()).toContain(t.cases.timeline.messageFromYou);

      // Youssef reads it: the place as given, no identity, the reporter's message; he writes back.
      const officer = await staffPage(journey.language, 'officer');
      await openCase(officer, receipt.reference);
      expect(await officer.getByTestId('case-place').textContent()).toBe(notice.place);
      expect(await officer.getByTestId('case-submitter').textContent()).toBe(t.inbox.case.submitterKinds.anonymous);
      await expect.poll(() => officer.getByTestId('case-timeline').textContent()).toContain(notice.message);
      await staffAction(officer, 'send_message', (dialog) => dialog.getByRole('textbox').fill(notice.reply));
      await expect.poll(() => officer.getByTestId('case-timeline').textContent()).toContain(notice.reply);
      await officer.screenshot({ path: join(SCREENSHOTS, `inbox-notice-${journey.language}.png`), fullPage: true });

      // The reporter, back with the reference and the code, reads the office's message.
      await track(page, t, receipt);
      const fromOffice = page.locator('[data-event-type="MESSAGE_POSTED"]').filter({ hasText: notice.reply });
      await expect.poll(() => fromOffice.textContent()).toContain(t.cases.timeline.messageFromStaff);
      await page.screenshot({ path: join(SCREENSHOTS, `track-notice-${journey.language}.png`), fullPage: true });
      expect(reporter.errors).toEqual([]);
    } finally {
      await reporter.context.close();
      expect(await closeStaffPages(journey.language)).toEqual([]);
    }
  });
});
