import { randomInt, randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authed } from '../../../test/accounts-helpers.ts';
import { signInStaff, unitIdOf } from '../../../test/agencies-helpers.ts';
import { createTestContext, type TestContext } from '../../../test/test-context.ts';
import { queryRows } from '../../db/client.ts';
import { formatReference } from '../cases/cases.codes.ts';
import { cases } from '../cases/cases.table.ts';

interface Results {
  faq: Array<{ id: string; question: { ar: string; fr: string; en: string } }>;
  cases: Array<Record<string, unknown>>;
}

describe('pre-filing search and the FAQ', () => {
  let test: TestContext;
  let app: FastifyInstance;
  let healthUnitId: string;

  beforeAll(async () => {
    test = await createTestContext();
    app = await test.buildApp();
    healthUnitId = await unitIdOf(test.ctx.database.db, 'min-health');
  });
  afterAll(async () => test.close());

  const search = async (q: string, extra = '') => {
    const response = await app.inject({
      method: 'GET',
      url: `/api/v1/search/similar?q=${encodeURIComponent(q)}${extra}`,
    });
    expect(response.statusCode).toBe(200);
    return response.json() as Results;
  };

  async function insertCase(fields: {
    title: string;
    description?: string;
    language: 'ar' | 'fr';
    publishConsent: boolean;
    answered: boolean;
  }) {
    const reference = formatReference('petition', 2025, randomInt(1, 999_999));
    await test.ctx.database.db.insert(cases).values({
      reference,
      type: 'petition',
      state: fields.answered ? 'answered' : 'in_progress',
      title: fields.title,
      description: fields.description ?? 'Une description sans rapport avec le titre.',
      language: fields.language,
      publishConsent: fields.publishConsent,
      unitId: healthUnitId,
      clockStartedAt: new Date(),
      submitterKey: `test:${reference}`,
      ...(fields.answered ? { outcome: 'upheld' as const, answerText: 'Réponse', answeredAt: new Date() } : {}),
    });
    return reference;
  }

  it('finds the seeded FAQ entry from Arabic written with other letter forms and diacritics', async () => {
    // Seeded: "ما هي الوثائق المطلوبة لاستخراج بطاقة التعريف الوطنية؟" — here with hamza-less
    // alef, taa marbuta written as haa, tashkeel and tatweel.
    const results = await search('بطاقـه التَّعريف الوطنيه');
    expect(results.faq[0]?.question.fr).toBe('Quels documents pour obtenir la carte d’identité nationale ?');
  });

  it('finds it in French without accents and with other word forms', async () => {
    const results = await search('carte identite nationale perdue');
    expect(results.faq[0]?.question.ar).toBe('ما هي الوثائق المطلوبة لاستخراج بطاقة التعريف الوطنية؟');
    const water = await search('contester facture eau SONEDE');
    expect(water.faq[0]?.question.en).toBe('My water bill is unusually high. How do I dispute it?');
  });

  it('answers earlier cases only when published with consent and answered; title, outcome and reference only', async () => {
    const visible = await insertCase({
      title: 'Remboursement CNAM bloqué depuis trois mois',
      language: 'fr',
      publishConsent: true,
      answered: true,
    });
    await insertCase({
      title: 'Remboursement CNAM refusé sans motif',
      language: 'fr',
      publishConsent: false,
      answered: true,
    });
    await insertCase({
      title: 'Remboursement CNAM jamais traité',
      language: 'fr',
      publishConsent: true,
      answered: false,
    });
    // A match in the description only must not surface the case (descriptions hold personal data).
    await insertCase({
      title: 'Autre sujet',
      description: 'remboursement CNAM de Monsieur X, né le 1/1/1970',
      language: 'fr',
      publishConsent: true,
      answered: true,
    });
    const results = await search('remboursement CNAM');
    expect(results.cases.map((c) => c.reference)).toEqual([visible]);
    expect(Object.keys(results.cases[0] ?? {}).sort()).toEqual(['answeredAt', 'outcome', 'reference', 'title', 'type']);
    const arabic = await insertCase({
      title: 'تأخّر استرجاع مصاريف العلاج',
      language: 'ar',
      publishConsent: true,
      answered: true,
    });
    expect((await search('استرجاع المصاريف')).cases.map((c) => c.reference)).toEqual([arabic]);
    expect((await search('remboursement CNAM', '&type=notice')).cases).toEqual([]);
  });

  it('does not answer unpublished FAQ entries; the central office publishes them', async () => {
    const central = await signInStaff(app, test.ctx.database.db, [
      { role: 'central_office', unitId: await unitIdOf(test.ctx.database.db, 'central-office'), scope: 'all' },
    ]);
    const created = await authed(app, central).post('/api/v1/admin/faq', {
      question: {
        ar: 'كيف أجدد جواز السفر؟',
        fr: 'Comment renouveler mon passeport ?',
        en: 'How do I renew my passport?',
      },
      answer: { ar: 'بمركز الشرطة.', fr: 'Au poste de police.', en: 'At the police station.' },
    });
    expect(created.statusCode).toBe(201);
    const id = (created.json() as { id: string; isPublished: boolean }).id;
    expect((await search('renouveler passeport')).faq.map((f) => f.id)).not.toContain(id);
    const published = await authed(app, central).patch(`/api/v1/admin/faq/${id}`, { isPublished: true });
    expect(published.statusCode).toBe(200);
    expect((await search('جواز السفر')).faq.map((f) => f.id)).toContain(id);
    const audit = await queryRows<{ action: string }>(
      test.ctx.database.db,
      sql`SELECT action FROM audit_log WHERE subject_id = ${id} ORDER BY id`,
    );
    expect(audit.map((row) => row.action)).toEqual(['faq.created', 'faq.updated']);
  });

  it('an agency admin keeps the entries of their own units only, never national ones', async () => {
    const db = test.ctx.database.db;
    const admin = await signInStaff(app, db, [{ role: 'agency_admin', unitId: healthUnitId, scope: 'subtree' }]);
    const entry = {
      question: { ar: 'سؤال عن المستشفيات', fr: 'Question sur les hôpitaux', en: 'Question about hospitals' },
      answer: { ar: 'جواب عن المستشفيات', fr: 'Réponse sur les hôpitaux', en: 'Answer about hospitals' },
    };
    const own = await authed(app, admin).post('/api/v1/admin/faq', { ...entry, unitId: healthUnitId });
    expect(own.statusCode).toBe(201);
    const national = await authed(app, admin).post('/api/v1/admin/faq', entry);
    expect(national.json()).toMatchObject({ code: 'common.forbidden' });
    const otherMinistry = await authed(app, admin).post('/api/v1/admin/faq', {
      ...entry,
      unitId: await unitIdOf(db, 'cro-tn-61'),
    });
    expect(otherMinistry.json()).toMatchObject({ code: 'common.forbidden' });
    const seeded = await queryRows<{ id: string }>(db, sql`SELECT id FROM faq_entries WHERE seed_key = 'water-bill'`);
    const editNational = await authed(app, admin).patch(`/api/v1/admin/faq/${seeded[0]?.id}`, { isPublished: false });
    expect(editNational.json()).toMatchObject({ code: 'faq.not_found' });
    const listed = (await authed(app, admin).get('/api/v1/admin/faq')).json() as { entries: Array<{ id: string }> };
    expect(listed.entries.map((e) => e.id)).toEqual([(own.json() as { id: string }).id]);
    const unknownUnit = await authed(app, admin).post('/api/v1/admin/faq', { ...entry, unitId: randomUUID() });
    expect(unknownUnit.json()).toMatchObject({ code: 'faq.unit_not_found' });
  });

  it('citizens and guests see published entries but cannot manage them', async () => {
    const list = await app.inject({ method: 'GET', url: '/api/v1/faq' });
    expect((list.json() as { entries: unknown[] }).entries.length).toBeGreaterThanOrEqual(10);
    const anonymous = await app.inject({ method: 'GET', url: '/api/v1/admin/faq' });
    expect(anonymous.json()).toMatchObject({ code: 'common.unauthenticated' });
  });
});
