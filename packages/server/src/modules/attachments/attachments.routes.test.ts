import { createHash, randomInt } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unitIdOf } from '../../../test/agencies-helpers.ts';
import { createTestContext, type TestContext } from '../../../test/test-context.ts';
import type { Actor } from '../../auth/actor.ts';
import { queryRows } from '../../db/client.ts';
import { formatReference, hashAccessCode, newAccessCode, normaliseAccessCode } from '../cases/cases.codes.ts';
import { cases } from '../cases/cases.table.ts';
import { findCaseForViewer } from '../cases/index.ts';
import { attachmentStorageFor } from './attachments.storage.ts';
import {
  minimalDocx,
  minimalJpeg,
  minimalPdf,
  minimalPng,
  multipartBody,
  windowsExecutable,
} from './attachments.test-files.ts';
import { linkAttachmentsToCase, ORPHAN_MAX_AGE_MS, removeOrphanAttachments } from './attachments.usecases.ts';

interface Uploaded {
  id: string;
  fileName: string;
  mediaType: string;
  size: number;
  sha256: string;
}

describe('attachments API', () => {
  let test: TestContext;
  let app: FastifyInstance;
  let dataDir: string;
  let healthUnitId: string;
  let sfaxUnitId: string;
  const sha256 = (content: Buffer) => createHash('sha256').update(content).digest('hex');

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'epeople-attachments-'));
    test = await createTestContext({ env: { DATA_DIR: dataDir } });
    app = await test.buildApp();
    healthUnitId = await unitIdOf(test.ctx.database.db, 'min-health');
    sfaxUnitId = await unitIdOf(test.ctx.database.db, 'cro-tn-61');
  });
  afterAll(async () => {
    await test.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  const upload = (files: Array<{ name: string; content: Buffer; type?: string }>) =>
    app.inject({ method: 'POST', url: '/api/v1/attachments', ...multipartBody(files) });

  const attachmentCount = async () =>
    Number((await queryRows<{ n: string }>(test.ctx.database.db, sql`SELECT count(*) AS n FROM attachments`))[0]?.n);

  /** A guest's petition in the health ministry's unit, with its access code. */
  async function fileGuestCase(citizenId: string | null = null) {
    const reference = formatReference('petition', 2026, randomInt(1, 999_999));
    const accessCode = newAccessCode();
    const [row] = await test.ctx.database.db
      .insert(cases)
      .values({
        reference,
        type: 'petition',
        state: 'submitted',
        title: 'Retard de remboursement',
        description: 'Description de test suffisamment longue.',
        language: 'fr',
        unitId: healthUnitId,
        citizenId,
        accessCodeHash: hashAccessCode(test.ctx.config, reference, normaliseAccessCode(accessCode) as string),
        clockStartedAt: new Date(),
        submitterKey: `test:${reference}`,
      })
      .returning();
    if (!row) throw new Error('no case');
    return { id: row.id, reference, accessCode };
  }

  it('accepts up to five files, sniffs their types, sanitises names and records SHA-256', async () => {
    const pdf = minimalPdf();
    const docx = minimalDocx();
    const response = await upload([
      { name: '../../شكوى\u202Egpj.pdf', content: pdf, type: 'image/gif' },
      { name: 'contrat.docx', content: docx },
      { name: 'photo.jpg', content: minimalJpeg() },
      { name: 'scan.png', content: minimalPng() },
    ]);
    expect(response.statusCode).toBe(201);
    const { attachments } = response.json() as { attachments: Uploaded[] };
    expect(attachments.map((a) => a.mediaType)).toEqual([
      'application/pdf',
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      'image/jpeg',
      'image/png',
    ]);
    expect(attachments[0]).toMatchObject({ fileName: 'شكوىgpj.pdf', size: pdf.length, sha256: sha256(pdf) });
    expect(attachments[1]?.sha256).toBe(sha256(docx));
  });

  it('refuses a renamed executable or web page, keeping nothing of the upload', async () => {
    const before = await attachmentCount();
    for (const file of [
      { name: 'invoice.pdf', content: windowsExecutable(), type: 'application/pdf' },
      { name: 'photo.png', content: Buffer.from('<html><script>alert(1)</script></html>'), type: 'image/png' },
    ]) {
      const response = await upload([{ name: 'ok.pdf', content: minimalPdf() }, file]);
      expect(response.statusCode).toBe(415);
      expect(response.json()).toMatchObject({ code: 'attachments.type_not_allowed' });
    }
    expect(await attachmentCount()).toBe(before);
  });

  it('refuses a sixth file and a file over 10 MB', async () => {
    const six = Array.from({ length: 6 }, (_, index) => ({ name: `f${index}.pdf`, content: minimalPdf() }));
    const tooMany = await upload(six);
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.json()).toMatchObject({ code: 'attachments.too_many' });

    const before = await attachmentCount();
    const big = Buffer.concat([minimalPdf(), Buffer.alloc(11 * 1024 * 1024, 0x20)]);
    const body = multipartBody([{ name: 'big.pdf', content: big }]);
    // Sent as a stream in 64 KB chunks, as a browser would: the parser cuts it at the limit.
    const chunks = Array.from({ length: Math.ceil(body.payload.length / 65536) }, (_, index) =>
      body.payload.subarray(index * 65536, (index + 1) * 65536),
    );
    const tooLarge = await app.inject({
      method: 'POST',
      url: '/api/v1/attachments',
      headers: body.headers,
      payload: Readable.from(chunks),
    });
    expect(tooLarge.statusCode).toBe(413);
    expect(tooLarge.json()).toMatchObject({ code: 'attachments.too_large' });
    expect(await attachmentCount()).toBe(before);
  });

  it('answers problem details for a body that is not multipart or has no file', async () => {
    const json = await app.inject({ method: 'POST', url: '/api/v1/attachments', payload: { file: 'x' } });
    expect(json.statusCode).toBe(415);
    expect(json.json()).toMatchObject({ code: 'common.unsupported_media_type' });
    const empty = await app.inject({ method: 'POST', url: '/api/v1/attachments', ...multipartBody([]) });
    expect(empty.statusCode).toBe(400);
    expect(empty.json()).toMatchObject({ code: 'attachments.no_files' });
  });

  it('a guest downloads a linked file with the access code; safe headers; nobody else can', async () => {
    const pdf = minimalPdf();
    const uploaded = (await upload([{ name: 'تقرير طبي.pdf', content: pdf }])).json() as { attachments: Uploaded[] };
    const id = uploaded.attachments[0]?.id as string;
    const theCase = await fileGuestCase();
    const linked = await linkAttachmentsToCase({
      db: test.ctx.database.db,
      actor: { kind: 'anonymous' },
      attachmentIds: [id],
      caseId: theCase.id,
      now: new Date(),
    });
    expect(linked).toEqual([id]);

    const url = `/api/v1/cases/${theCase.reference}/attachments/${id}`;
    const download = await app.inject({ method: 'GET', url, headers: { 'x-access-code': theCase.accessCode } });
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload.equals(pdf)).toBe(true);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.headers['x-content-type-options']).toBe('nosniff');
    expect(download.headers['content-disposition']).toBe(
      `attachment; filename="_____ ___.pdf"; filename*=UTF-8''${encodeURIComponent('تقرير طبي.pdf')}`,
    );

    const wrongCode = await app.inject({ method: 'GET', url, headers: { 'x-access-code': newAccessCode() } });
    expect(wrongCode.statusCode).toBe(404);
    expect(wrongCode.json()).toMatchObject({ code: 'cases.not_found' });
    expect((await app.inject({ method: 'GET', url })).json()).toMatchObject({ code: 'cases.not_found' });

    const other = await fileGuestCase();
    const crossCase = await app.inject({
      method: 'GET',
      url: `/api/v1/cases/${other.reference}/attachments/${id}`,
      headers: { 'x-access-code': other.accessCode },
    });
    expect(crossCase.statusCode).toBe(404);
    expect(crossCase.json()).toMatchObject({ code: 'attachments.not_found' });
  });

  it('staff of the case’s unit, the central office and the owner may see the case; others may not', async () => {
    const ownerId = (
      await queryRows<{ id: string }>(
        test.ctx.database.db,
        sql`INSERT INTO users (kind, email, full_name, language, password_hash, email_verified_at)
            VALUES ('citizen', ${`owner.${Date.now()}@example.tn`}, 'Amina', 'ar', 'x', now()) RETURNING id`,
      )
    )[0]?.id as string;
    const theCase = await fileGuestCase(ownerId);
    const staff = (role: 'officer' | 'central_office', unitId: string): Actor => ({
      kind: 'staff',
      userId: crypto.randomUUID(),
      language: 'fr',
      roles: [{ id: crypto.randomUUID(), role, unitId, scope: role === 'central_office' ? 'all' : 'unit' }],
    });
    const view = (actor: Actor) =>
      findCaseForViewer({ db: test.ctx.database.db, config: test.ctx.config, actor, reference: theCase.reference });
    await expect(view(staff('officer', healthUnitId))).resolves.toMatchObject({ id: theCase.id });
    await expect(view(staff('central_office', sfaxUnitId))).resolves.toMatchObject({ id: theCase.id });
    await expect(view({ kind: 'citizen', userId: ownerId, language: 'ar' })).resolves.toMatchObject({ id: theCase.id });
    await expect(view(staff('officer', sfaxUnitId))).rejects.toMatchObject({ code: 'cases.not_found' });
    await expect(view({ kind: 'citizen', userId: crypto.randomUUID(), language: 'ar' })).rejects.toMatchObject({
      code: 'cases.not_found',
    });
    await expect(view({ kind: 'anonymous' })).rejects.toMatchObject({ code: 'cases.not_found' });
  });

  it('links only the uploader’s own unlinked files, and removes unlinked ones after 24 hours', async () => {
    const storage = attachmentStorageFor(test.ctx);
    const db = test.ctx.database.db;
    const [kept, orphan] = (
      (await upload([
        { name: 'a.pdf', content: minimalPdf() },
        { name: 'b.pdf', content: minimalPdf() },
      ]).then((r) => r.json())) as { attachments: Uploaded[] }
    ).attachments as [Uploaded, Uploaded];
    const theCase = await fileGuestCase();
    const citizen: Actor = { kind: 'citizen', userId: crypto.randomUUID(), language: 'ar' };
    expect(
      await linkAttachmentsToCase({
        db,
        actor: citizen,
        attachmentIds: [kept.id],
        caseId: theCase.id,
        now: new Date(),
      }),
    ).toEqual([]);
    await linkAttachmentsToCase({
      db,
      actor: { kind: 'anonymous' },
      attachmentIds: [kept.id],
      caseId: theCase.id,
      now: new Date(),
    });
    const keys = await queryRows<{ id: string; storage_key: string }>(
      db,
      sql`SELECT id, storage_key FROM attachments WHERE id IN (${kept.id}, ${orphan.id})`,
    );
    const keyOf = (id: string) => keys.find((row) => row.id === id)?.storage_key as string;

    // Guests' uploads have a lifetime of their own (test/security/upload-bounds.test.ts); a day here.
    const withoutAccountMaxAgeMs = ORPHAN_MAX_AGE_MS;
    expect(
      await removeOrphanAttachments({
        db,
        storage,
        now: new Date(Date.now() + ORPHAN_MAX_AGE_MS - 60_000),
        withoutAccountMaxAgeMs,
      }),
    ).toBe(0);
    const removed = await removeOrphanAttachments({
      db,
      storage,
      now: new Date(Date.now() + ORPHAN_MAX_AGE_MS + 60_000),
      withoutAccountMaxAgeMs,
    });
    expect(removed).toBeGreaterThanOrEqual(1);
    expect(await storage.exists(keyOf(orphan.id))).toBe(false);
    expect(await storage.exists(keyOf(kept.id))).toBe(true);
    const left = await queryRows<{ id: string }>(
      db,
      sql`SELECT id FROM attachments WHERE id IN (${kept.id}, ${orphan.id})`,
    );
    expect(left.map((row) => row.id)).toEqual([kept.id]);
  });
});
