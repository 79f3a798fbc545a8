import type { AppContext } from '../../app-context.ts';
import type { Database } from '../../db/client.ts';
import { createFaqRepository } from './faq.repository.ts';
import { FAQ_SEED_VERSION, SEED_FAQ } from './faq.seed-data.ts';

const SEED_NAME = 'faq';

/** Loads the shipped FAQ entries once per data-set version; edited or deleted entries stay so. */
export async function seedFaq({ db }: { db: Database }): Promise<number> {
  return db.transaction(async (tx) => {
    const faq = createFaqRepository({ db: tx });
    if ((await faq.findSeedVersion(SEED_NAME)) >= FAQ_SEED_VERSION) return 0;
    const categoryIds = await faq.idsByCode(
      'categories',
      SEED_FAQ.flatMap((entry) => (entry.categoryCode ? [entry.categoryCode] : [])),
    );
    const inserted = await faq.insertSeeded(
      SEED_FAQ.map((entry) => ({
        seedKey: entry.key,
        categoryId: entry.categoryCode ? (categoryIds.get(entry.categoryCode) ?? null) : null,
        unitId: null,
        questionAr: entry.question[0],
        questionFr: entry.question[1],
        questionEn: entry.question[2],
        answerAr: entry.answer[0],
        answerFr: entry.answer[1],
        answerEn: entry.answer[2],
        isPublished: true,
      })),
    );
    await faq.saveSeedVersion(SEED_NAME, FAQ_SEED_VERSION);
    return inserted;
  });
}

export async function faqStartupHook(ctx: AppContext): Promise<undefined> {
  await seedFaq({ db: ctx.database.db });
  return undefined;
}
