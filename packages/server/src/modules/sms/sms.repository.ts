import { desc } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { outboundSms } from './sms.table.ts';

/** The development stand-in's store of messages. */
export function createSmsRepository({ db }: { db: Database }) {
  return {
    async keep(recipient: string, body: string, now: Date): Promise<string> {
      const [row] = await db
        .insert(outboundSms)
        .values({ recipient, body, createdAt: now })
        .returning({ id: outboundSms.id });
      if (!row) throw new Error('kept SMS was not inserted');
      return row.id;
    },

    async listRecent(limit: number) {
      return db.select().from(outboundSms).orderBy(desc(outboundSms.createdAt)).limit(limit);
    },
  };
}
