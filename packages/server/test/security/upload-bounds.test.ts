import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../src/db/client.ts';
import { minimalPdf, multipartBody } from '../../src/modules/attachments/attachments.test-files.ts';
import { attachmentStorageFor, removeOrphanAttachments } from '../../src/modules/attachments/index.ts';
import { registerAndVerifyCitizen, type SignedInSession, STRONG_PASSWORD, signIn } from '../accounts-helpers.ts';
import { createTestContext, type TestContext } from '../test-context.ts';

/**
 * Anyone may upload without an account, so what they may store is bounded
 * (docs/threat-model-anonymous-notice.md, "Bounds on uploads without an account"): before these
 * bounds one address could store 5 × 10 MB thirty times a minute, each kept a day.
 */
const MiB = 1024 * 1024;
/** A real PDF padded to `size` bytes (readers skip what follows %%EOF). */
const pdfOf = (size: number) => Buffer.concat([minimalPdf(), Buffer.alloc(size - minimalPdf().length, 0x20)]);

describe('uploads without an account are bounded', () => {
  let test: TestContext;
  let app: FastifyInstance;
  let citizen: SignedInSession;

  const upload = (content: Buffer, options: { from: string; as?: SignedInSession; anonymous?: boolean }) => {
    const body = multipartBody([{ name: 'piece.pdf', content }]);
    return app.inject({
      method: 'POST',
      url: `/api/v1/attachments${options.anonymous ? '?anonymous=true' : ''}`,
      payload: body.payload,
      headers: { ...body.headers, ...(options.as ? { 'x-csrf-token': options.as.csrfToken } : {}) },
      cookies: options.as ? { epeople_session: options.as.cookie } : {},
      remoteAddress: options.from,
    });
  };
  const unlinkedBytesWithoutAccount = async () =>
    Number(
      (
        await queryRows<{ total: string }>(
          test.ctx.database.db,
          sql`SELECT coalesce(sum(size_bytes), 0)::text AS total FROM attachments
               WHERE case_id IS NULL AND uploaded_by_id IS NULL`,
        )
      )[0]?.total,
    );

  beforeAll(async () => {
    test = await createTestContext({
      env: {
        UNAUTHENTICATED_UPLOAD_BYTES_PER_ADDRESS: String(2 * MiB),
        UNAUTHENTICATED_UPLOAD_BYTES_TOTAL: String(5 * MiB),
        UNAUTHENTICATED_UPLOAD_TTL_MINUTES: '60',
        AUTH_RATE_LIMIT_PER_MINUTE: '1000',
      },
    });
    app = await test.buildApp();
    const { email } = await registerAndVerifyCitizen(app, test);
    citizen = await signIn(app, email, STRONG_PASSWORD);
  });
  afterAll(async () => {
    await test.close();
  });

  it('one client address cannot store more than its allowance without an account, and no row keeps the address', async () => {
    const address = '203.0.113.41';
    expect((await upload(pdfOf(900 * 1024), { from: address })).statusCode).toBe(201);
    expect((await upload(pdfOf(900 * 1024), { from: address, anonymous: true })).statusCode).toBe(201);
    const refused = await upload(pdfOf(900 * 1024), { from: address });
    expect(refused.statusCode).toBe(429);
    expect(refused.json().code).toBe('attachments.address_quota_exceeded');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    // Another address, and a citizen from the same address, are not held back by it.
    expect((await upload(pdfOf(900 * 1024), { from: '203.0.113.42' })).statusCode).toBe(201);
    expect((await upload(pdfOf(900 * 1024), { from: address, as: citizen })).statusCode).toBe(201);

    // The allowance is counted in memory: no table, the job queue's included, holds the address.
    const tables = await queryRows<{ table_schema: string; table_name: string }>(
      test.ctx.database.db,
      sql`SELECT table_schema, table_name FROM information_schema.tables
           WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')`,
    );
    for (const { table_schema: schema, table_name: table } of tables) {
      const [found] = await queryRows<{ n: number }>(
        test.ctx.database.db,
        sql`SELECT count(*)::int AS n FROM ${sql.identifier(schema)}.${sql.identifier(table)} t
             WHERE to_jsonb(t)::text LIKE ${`%${address}%`}`,
      );
      expect(found?.n, `${schema}.${table}`).toBe(0);
    }
  });

  it('uploads without an account cannot together hold more than the total bound', async () => {
    // Fill up to the bound from many addresses, each within its own allowance.
    let address = 10;
    while ((await unlinkedBytesWithoutAccount()) + 900 * 1024 <= 5 * MiB) {
      expect((await upload(pdfOf(900 * 1024), { from: `198.51.100.${address++}` })).statusCode).toBe(201);
    }
    const refused = await upload(pdfOf(900 * 1024), { from: `198.51.100.${address++}` });
    expect(refused.statusCode).toBe(503);
    expect(refused.json().code).toBe('attachments.capacity_reached');
    expect(refused.headers['retry-after']).toBeDefined();
    expect(await unlinkedBytesWithoutAccount()).toBeLessThanOrEqual(5 * MiB);
    // A citizen's upload is not counted against it.
    expect((await upload(pdfOf(900 * 1024), { from: '198.51.100.200', as: citizen })).statusCode).toBe(201);
  });

  it('an unlinked upload without an account is removed after an hour, a citizen’s only after a day', async () => {
    const guest = (await upload(pdfOf(4096), { from: '192.0.2.61' })).json().attachments[0].id as string;
    const own = (await upload(pdfOf(4096), { from: '192.0.2.61', as: citizen })).json().attachments[0].id as string;
    const storage = attachmentStorageFor(test.ctx);
    const withoutAccountMaxAgeMs = test.ctx.config.UNAUTHENTICATED_UPLOAD_TTL_MINUTES * 60_000;
    const remaining = async () =>
      (
        await queryRows<{ id: string }>(
          test.ctx.database.db,
          sql`SELECT id FROM attachments WHERE id IN (${guest}, ${own})`,
        )
      ).map((row) => row.id);
    const [guestKey] = (
      await queryRows<{ storage_key: string }>(
        test.ctx.database.db,
        sql`SELECT storage_key FROM attachments WHERE id = ${guest}`,
      )
    ).map((row) => row.storage_key);

    const at = (minutes: number) => new Date(Date.now() + minutes * 60_000);
    await removeOrphanAttachments({ db: test.ctx.database.db, storage, now: at(59), withoutAccountMaxAgeMs });
    expect(await remaining()).toEqual(expect.arrayContaining([guest, own]));
    await removeOrphanAttachments({ db: test.ctx.database.db, storage, now: at(61), withoutAccountMaxAgeMs });
    expect(await remaining()).toEqual([own]);
    expect(await storage.exists(guestKey as string)).toBe(false);
    await removeOrphanAttachments({ db: test.ctx.database.db, storage, now: at(24 * 60 + 1), withoutAccountMaxAgeMs });
    expect(await remaining()).toEqual([]);
  });

  it('no upload is accepted while the disk holding attachments is nearly full', async () => {
    // The real free space of this machine's disks, measured by statfs, against a floor above it.
    const nearlyFull = await createTestContext({
      env: { UPLOAD_MIN_FREE_BYTES: String(Number.MAX_SAFE_INTEGER), AUTH_RATE_LIMIT_PER_MINUTE: '1000' },
    });
    try {
      const full = await nearlyFull.buildApp();
      const { email } = await registerAndVerifyCitizen(full, nearlyFull);
      const session = await signIn(full, email, STRONG_PASSWORD);
      for (const as of [undefined, session]) {
        const body = multipartBody([{ name: 'piece.pdf', content: pdfOf(4096) }]);
        const refused = await full.inject({
          method: 'POST',
          url: '/api/v1/attachments',
          payload: body.payload,
          headers: { ...body.headers, ...(as ? { 'x-csrf-token': as.csrfToken } : {}) },
          cookies: as ? { epeople_session: as.cookie } : {},
        });
        expect(refused.statusCode).toBe(507);
        expect(refused.json().code).toBe('attachments.storage_full');
      }
      const [stored] = await queryRows<{ n: number }>(
        nearlyFull.ctx.database.db,
        sql`SELECT count(*)::int AS n FROM attachments`,
      );
      expect(stored?.n).toBe(0);
    } finally {
      await nearlyFull.close();
    }
  });
});
