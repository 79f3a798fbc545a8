import { Writable } from 'node:stream';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/app.ts';
import { queryRows } from '../../src/db/client.ts';
import { renderLetterPdf } from '../../src/letters/letter-pdf.ts';
import { arabicLetter, pdfText } from '../../src/letters/letters.test-helpers.ts';
import { createFaqRepository } from '../../src/modules/faq/faq.repository.ts';
import { createSearchRepository } from '../../src/modules/faq/search.repository.ts';
import { authed, type SignedInSession, uniqueEmail } from '../accounts-helpers.ts';
import { signInStaff, unitIdOf } from '../agencies-helpers.ts';
import { createTestContext, type TestContext } from '../test-context.ts';

/**
 * Issue 7 §4, hostile text (docs/text-input.md). Reproduced: a search for tatweel only answered
 * 500 (tsquery syntax error); FAQ, unit and template texts took NUL to the database (500, with
 * every bound parameter in the error log); a letter's "RTL" was drawn "LTR" after U+202E.
 */
const TATWEEL = 'ـ';
const RLO = '\u202e';
const PDF = '\u202c';
const LRI = '\u2066';
const PDI = '\u2069';
const ZWNJ = '\u200c';
const RLM = '\u200f';

describe('hostile text', () => {
  const lines: string[] = [];
  let test: TestContext;
  let app: FastifyInstance;
  let centralOffice: SignedInSession;
  let healthUnitId: string;

  beforeAll(async () => {
    const capture = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    test = await createTestContext({
      env: { FILING_RATE_LIMIT_PER_MINUTE: '1000', AUTH_RATE_LIMIT_PER_MINUTE: '1000' },
      logger: createLogger('trace', capture),
    });
    app = await test.buildApp();
    // A route that hands text to the database without any schema: what the database layer does
    // when something bypasses the clean-text rule. Registered before the app's first request.
    app.post('/api/v1/test-only/raw-text', async (request) => {
      const { text, tsquery } = request.body as { text: string; tsquery?: boolean };
      const db = test.ctx.database.db;
      await queryRows(db, tsquery ? sql`SELECT to_tsquery('english', ${text}) AS q` : sql`SELECT ${text}::text AS t`);
      return { ok: true };
    });
    const db = test.ctx.database.db;
    healthUnitId = await unitIdOf(db, 'min-health');
    centralOffice = await signInStaff(app, db, [
      { role: 'central_office', unitId: await unitIdOf(db, 'central-office'), scope: 'all' },
    ]);
  });
  afterAll(async () => test.close());

  const search = (q: string) => app.inject({ method: 'GET', url: `/api/v1/search/similar?q=${encodeURIComponent(q)}` });

  const fileGuestPetition = (fields: { title: string; description: string; name?: string }) =>
    app.inject({
      method: 'POST',
      url: '/api/v1/cases',
      payload: {
        type: 'petition',
        title: fields.title,
        description: fields.description,
        language: 'ar',
        unitId: healthUnitId,
        guest: { name: fields.name ?? 'أمينة بن صالح', email: uniqueEmail('guest') },
      },
    });

  const faqEntry = (question: string, answer: string) => ({
    question: { ar: question, fr: 'Question de test sur le texte', en: 'A test question about text' },
    answer: { ar: answer, fr: 'Réponse de test', en: 'A test answer' },
  });

  const caseCount = async () =>
    Number((await queryRows<{ n: number }>(test.ctx.database.db, sql`SELECT count(*)::int AS n FROM cases`))[0]?.n);

  it('a tatweel-only search answers an empty list, not a 500', async () => {
    for (const q of [
      TATWEEL.repeat(5),
      `${TATWEEL.repeat(3)} ${TATWEEL.repeat(4)} ${TATWEEL.repeat(6)}`,
      // Only diacritics (tashkeel), only Arabic punctuation, only symbols, and mixtures of them.
      'ًٌٍَُِّْ'.repeat(2),
      '،؛؟٪٫٬«»',
      "!!! ::: *** &&& ||| ((( ))) ''' \\\\\\",
      `${TATWEEL.repeat(4)} ْْْْ ؟؟؟ ...`,
    ]) {
      const response = await search(q);
      expect(response.statusCode, `${JSON.stringify(q)}: ${response.body}`).toBe(200);
      expect(response.json()).toEqual({ cases: [], faq: [] });
    }
  });

  it('a tatweel-padded word still finds what it names, next to a tatweel-only word', async () => {
    const response = await search(`بطاقـــة ${TATWEEL.repeat(5)} التعريف`);
    expect(response.statusCode, response.body).toBe(200);
    expect((response.json() as { faq: unknown[] }).faq.length).toBeGreaterThan(0);
  });

  it('the search repository cannot be made to raise by any word it is given, tsquery syntax included', async () => {
    const search = createSearchRepository({ db: test.ctx.database.db });
    const hostile = [TATWEEL.repeat(5), "'", "''", '\\', ':*', 'a & b', '!(', '|', 'ًٌٍ', 'x:*|y', "o'brien\\"];
    await expect(search.searchFaq({ arabic: hostile, latin: hostile }, {}, 5)).resolves.toBeInstanceOf(Array);
    await expect(search.searchPublicCases({ arabic: hostile, latin: hostile }, {}, 5)).resolves.toBeInstanceOf(Array);
  });

  it('a FAQ entry with NUL is refused with text.forbidden_character and nothing is logged of its parameters', async () => {
    const marker = 'nul-marker-4f1c9e';
    const response = await authed(app, centralOffice).post(
      '/api/v1/admin/faq',
      faqEntry(`سؤال ${marker}\u0000 عن النص`, `جواب ${marker} عن النص`),
    );
    expect(response.statusCode, response.body).toBe(400);
    expect(response.json()).toMatchObject({ code: 'text.forbidden_character', status: 400 });
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(lines.join('')).not.toContain(marker);
  });

  it("NUL and C0/C1 controls are refused in unit names, template titles and bodies, and people's names alike", async () => {
    const admin = authed(app, centralOffice);
    const refusals = [
      await admin.post('/api/v1/admin/units', {
        parentId: healthUnitId,
        kind: 'department',
        code: 'nul-unit',
        name: { ar: 'وحدة\u0000', fr: 'Unité', en: 'Unit' },
      }),
      await admin.post('/api/v1/admin/answer-templates', {
        unitId: healthUnitId,
        title: 'نموذج\u0085',
        body: { ar: 'نص', fr: 'Texte', en: 'Text' },
      }),
      await admin.post('/api/v1/admin/answer-templates', {
        unitId: healthUnitId,
        title: 'نموذج',
        body: { ar: 'نص\u0000', fr: 'Texte', en: 'Text' },
      }),
      await fileGuestPetition({
        title: 'طلب إصلاح الطريق',
        description: 'الطريق مقطوعة منذ شهر.',
        name: 'أمينة\u009b',
      }),
      await app.inject({
        method: 'POST',
        url: '/api/v1/auth/register',
        payload: {
          email: uniqueEmail('nul'),
          password: 'olive-tree-jasmine-42',
          fullName: 'Amina\u0007 Ben Ali',
          language: 'ar',
        },
      }),
    ];
    for (const response of refusals) {
      expect(response.statusCode, response.body).toBe(400);
      expect(response.json()).toMatchObject({ code: 'text.forbidden_character' });
    }
  });

  it('a right-to-left override cannot enter a case title', async () => {
    const before = await caseCount();
    for (const title of [
      `قرار ${RLO}RTL${PDF} نهائي`,
      `قرار ${LRI}RTL${PDI} نهائي`,
      'قرار \u202aRTL\u202c',
      'قرار \u2067RTL\u2069',
      'قرار \u2068RTL\u2069',
    ]) {
      const response = await fileGuestPetition({ title, description: 'الطريق مقطوعة منذ شهر.' });
      expect(response.statusCode, response.body).toBe(400);
      expect(response.json()).toMatchObject({ code: 'text.forbidden_character' });
    }
    const inDescription = await fileGuestPetition({
      title: 'طلب إصلاح الطريق',
      description: `الطريق مقطوعة ${RLO}منذ شهر.`,
    });
    expect(inDescription.json()).toMatchObject({ code: 'text.forbidden_character' });
    expect(await caseCount()).toBe(before);
  });

  it('a line break cannot enter a single-line field, but may enter a description', async () => {
    const title = await fileGuestPetition({ title: 'طلب\nإصلاح الطريق', description: 'الطريق مقطوعة منذ شهر.' });
    expect(title.json()).toMatchObject({ code: 'text.forbidden_character' });
    const description = await fileGuestPetition({
      title: 'طلب إصلاح الطريق',
      description: 'الطريق مقطوعة منذ شهر.\n\tوالمدرسة بعيدة.',
    });
    expect(description.statusCode, description.body).toBe(201);
  });

  it('Arabic punctuation, ZWNJ and RLM are accepted', async () => {
    const title = `طلب، هل يمكن؟ «نعم»؛ ٪٫٬ ١٢٣ ـــ مَدْرَسَة${ZWNJ}ها ${RLM}2026\u200d\u200e`;
    const description = `وصف؛ بالأرقام ١٢٣٤ و٪٥٠٫٥ «مقتبس» ${TATWEEL}${TATWEEL} ${ZWNJ}${RLM}\nسطر ثانٍ؟`;
    const response = await fileGuestPetition({ title, description });
    expect(response.statusCode, response.body).toBe(201);
    const reference = (response.json() as { case: { reference: string } }).case.reference;
    const [stored] = await queryRows<{ title: string; description: string }>(
      test.ctx.database.db,
      sql`SELECT title, description FROM cases WHERE reference = ${reference}`,
    );
    expect(stored).toEqual({ title, description });
    const faq = await authed(app, centralOffice).post(
      '/api/v1/admin/faq',
      faqEntry('كيف أجدّد بطاقة التعريف؟ «سؤال»', `بمركز الأمن؛ بعد ٣ أيام٫ تقريبًا${ZWNJ}${RLM}`),
    );
    expect(faq.statusCode, faq.body).toBe(201);
  });

  it('an entry stored before the rule, with a bidi override, is still served, not a 500', async () => {
    await createFaqRepository({ db: test.ctx.database.db }).insert({
      questionAr: `سؤال قديم ${RLO}LTR${PDF}`,
      questionFr: 'Ancienne question',
      questionEn: 'Old question',
      answerAr: 'جواب قديم',
      answerFr: 'Ancienne réponse',
      answerEn: 'Old answer',
      isPublished: true,
    });
    const response = await app.inject({ method: 'GET', url: '/api/v1/faq' });
    expect(response.statusCode, response.body.slice(0, 300)).toBe(200);
  });

  it('NUL that bypasses the schemas answers 400 from the database, and the log names the SQLSTATE, not the value', async () => {
    const marker = 'bypass-marker-7d2a';
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/test-only/raw-text',
      payload: { text: `${marker}\u0000` },
    });
    expect(response.statusCode, response.body).toBe(400);
    expect(response.json()).toMatchObject({ code: 'text.forbidden_character' });
    const log = lines.join('');
    expect(log).toContain('"sqlState":"22021"');
    expect(log).not.toContain(marker);
  });

  it('a database error that is a 500 logs its SQLSTATE and not the bound parameters', async () => {
    const marker = 'syntax-marker-91bd';
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/test-only/raw-text',
      payload: { text: `${marker} & :*`, tsquery: true },
    });
    expect(response.statusCode).toBe(500);
    expect(response.json()).toMatchObject({ code: 'common.internal' });
    const log = lines.join('');
    expect(log).toContain('"sqlState":"42601"');
    expect(log).not.toContain(marker);
  });

  it("a right-to-left override stored before the rule cannot turn a letter's RTL into LTR", async () => {
    const letter = arabicLetter({
      title: `قرار ${RLO}RTL${PDF} نهائي`,
      answerText: `تقرر ${RLO}ABC 123${PDF} نهائيًا\nسطر ${LRI}XYZ${PDI} ثانٍ`,
      unit: { name: `الإدارة ${RLO}DEF${PDF}` },
    });
    const text = await pdfText(await renderLetterPdf(letter));
    expect(text).toContain('RTL');
    expect(text).not.toContain('LTR');
    expect(text).toContain('ABC');
    expect(text).not.toContain('CBA');
    expect(text).toContain('DEF');
  });
});
