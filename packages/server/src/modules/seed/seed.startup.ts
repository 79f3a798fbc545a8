import type { AppContext } from '../../app-context.ts';
import { formatDemoAccounts, seedDemoAccounts } from './seed.demo.ts';
import { seedReferenceData } from './seed.reference-data.ts';

/**
 * At every start: reference data (one query once loaded), then, in demo mode only, the demo
 * accounts, whose table is printed so a first-time user can sign in.
 */
export async function seedStartupHook(ctx: AppContext): Promise<undefined> {
  const result = await seedReferenceData({ db: ctx.database.db });
  if (!result.skipped) ctx.logger.info({ inserted: result.inserted }, 'reference data loaded');
  if (ctx.config.DEMO_MODE) {
    const created = await seedDemoAccounts(ctx);
    if (created > 0) ctx.logger.info({ created }, 'demo accounts created');
    // One log line per row, so the table stays readable in JSON logs too.
    for (const line of formatDemoAccounts().split('\n')) ctx.logger.info(line);
  }
  return undefined;
}
