import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { inflateSync } from 'node:zlib';
import { fileCaseRequestSchema } from '@epeople/contracts';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/app.ts';
import { queryRows } from '../../src/db/client.ts';
import { poppler, withPdfFile } from '../../src/letters/letters.test-helpers.ts';
import { minimalDocx, multipartBody } from '../../src/modules/attachments/attachments.test-files.ts';
import { DEMO_PASSWORD, seedDemoAccounts } from '../../src/modules/seed/index.ts';
import { registerAndVerifyCitizen, type SignedInSession, signIn, uniqueEmail } from '../accounts-helpers.ts';
import { unitIdOf } from '../agencies-helpers.ts';
import { createTestContext, type TestContext } from '../test-context.ts';
import { jpegWithMetadata, pdfWithMetadata, pngWithMetadata, REPORTER } from './metadata-files.ts';

/**
 * One test per line of docs/threat-model-anonymous-notice.md, each named by what it stops.
 *
 * Sami Ben Trabelsi has a citizen account and is signed in when he reports bribes at a counter of
 * the Ministry of Health anonymously. His browser still sends its session cookie (an older page,
 * another client), his photos carry their EXIF, and his PDF its author and XMP. Nothing of what
 * ePeople keeps may lead back to him.
 */
type Json = Record<string, unknown>;
interface Attachment {
  id: string;
  fileName: string;
  mediaType: string;
  sha256: string;
}
interface Filed {
  id: string;
  reference: string;
  accessCode: string;
  attachments: Attachment[];
}

const REPORTER_ADDRESS = '198.51.100.23';
const SIGNED_IN_ADDRESS = '192.0.2.50';
const SEARCH_WORDS = 'guichet extraits naissance pourboire exigé';
const SEALED = {
  name: REPORTER.name,
  email: 'sami.lanceur@example.tn',
  phone: '+21698765432',
  details: 'Bureau 12, guichet des extraits',
};
/** What identifies the reporter in his files' metadata. */
const IDENTIFYING = [REPORTER.name, REPORTER.serial, REPORTER.camera, REPORTER.tool, 'Trabelsi'];

describe('an anonymous notice leaves no link to its reporter', () => {
  const logLines: string[] = [];
  const capture = new Writable({
    write(chunk, _encoding, done) {
      logLines.push(String(chunk));
      done();
    },
  });
  let test: TestContext;
  let app: FastifyInstance;
  let health: string;
  let sami: SignedInSession;
  let samiEmail: string;
  let samiId: string;
  const staff: Record<string, SignedInSession> = {};
  const originals: Record<string, Buffer> = {};
  let filingBody: Json;
  let notice: Filed;
  let rowsBefore: string[];
  let rowsAfter: string[];
  const anonymousRequestIds: string[] = [];

  const db = () => test.ctx.database.db;
  const withSession = (session: SignedInSession) => ({
    cookies: { epeople_session: session.cookie },
    headers: { 'x-csrf-token': session.csrfToken },
  });

  /** Uploads files as a client that still sends the session cookie; `anonymous` adds ?anonymous=true. */
  async function upload(
    files: Array<{ name: string; content: Buffer }>,
    options: { anonymous: boolean; as?: SignedInSession },
  ) {
    const body = multipartBody(files);
    const session = options.as ? withSession(options.as) : { cookies: {}, headers: {} };
    return app.inject({
      method: 'POST',
      url: `/api/v1/attachments${options.anonymous ? '?anonymous=true' : ''}`,
      payload: body.payload,
      headers: { ...body.headers, ...session.headers },
      cookies: session.cookies,
      // A signed-in upload logs its address: it comes from elsewhere than the reporter's here.
      remoteAddress: options.anonymous ? REPORTER_ADDRESS : SIGNED_IN_ADDRESS,
    });
  }

  const noticeBody = (extra: Json = {}): Json => ({
    type: 'notice',
    title: 'Pots-de-vin au guichet des extraits',
    description: 'Un agent exige 20 dinars pour délivrer un extrait de naissance, chaque matin.',
    language: 'fr',
    unitId: health,
    anonymous: true,
    ...extra,
  });

  async function fileNotice(body: Json, as?: SignedInSession, idempotencyKey?: string) {
    const session = as ? withSession(as) : { cookies: {}, headers: {} };
    return app.inject({
      method: 'POST',
      url: '/api/v1/cases',
      payload: body,
      headers: { ...session.headers, ...(idempotencyKey ? { 'idempotency-key': idempotencyKey } : {}) },
      cookies: session.cookies,
      remoteAddress: REPORTER_ADDRESS,
    });
  }

  /** A notice filed without any session, with one anonymous upload: for tests that change it. */
  async function freshNotice(extra: Json = {}): Promise<Filed> {
    const uploaded = await upload([{ name: 'photo.jpg', content: await jpegWithMetadata() }], { anonymous: true });
    expect(uploaded.statusCode, uploaded.body).toBe(201);
    const ids = (uploaded.json() as { attachments: Attachment[] }).attachments.map((a) => a.id);
    const filed = await fileNotice(noticeBody({ attachmentIds: ids, ...extra }));
    expect(filed.statusCode, filed.body).toBe(201);
    const { case: theCase, accessCode } = filed.json() as { case: Filed; accessCode: string };
    return { ...theCase, accessCode };
  }

  const staffGet = (role: string, url: string) =>
    app.inject({ method: 'GET', url, ...withSession(staff[role] as SignedInSession) });
  const staffPage = (role: string, caseId: string) => staffGet(role, `/api/v1/inbox/cases/${caseId}`);
  const download = (role: string, theCase: Filed, attachmentId: string) =>
    staffGet(role, `/api/v1/cases/${theCase.reference}/attachments/${attachmentId}`);

  /**
   * Every row of every table (the job queue's included) that names the account: its id, e-mail
   * address or name, without the audit chain's columns, which the sealer fills in later.
   */
  async function rowsNamingTheAccount(): Promise<string[]> {
    const tables = await queryRows<{ table_schema: string; table_name: string }>(
      db(),
      sql`SELECT table_schema, table_name FROM information_schema.tables
           WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')`,
    );
    const found: string[] = [];
    for (const { table_schema: schema, table_name: table } of tables) {
      const rows = await queryRows<{ row: string }>(
        db(),
        sql`SELECT (to_jsonb(t) - 'seal_seq' - 'prev_hash' - 'hash')::text AS row
              FROM ${sql.identifier(schema)}.${sql.identifier(table)} t
             WHERE to_jsonb(t)::text LIKE ${`%${samiId}%`}
                OR to_jsonb(t)::text ILIKE ${`%${samiEmail}%`}
                OR to_jsonb(t)::text LIKE ${`%${REPORTER.name}%`}`,
      );
      found.push(...rows.map(({ row }) => `${schema}.${table} ${row}`));
    }
    return found.sort();
  }

  /** The rows, once background work (mail delivery, audit sealing) has stopped changing them. */
  async function settledRowsNamingTheAccount(): Promise<string[]> {
    let previous = await rowsNamingTheAccount();
    for (let attempt = 0; attempt < 20; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 1000));
      const current = await rowsNamingTheAccount();
      if (JSON.stringify(current) === JSON.stringify(previous)) return current;
      previous = current;
    }
    throw new Error('rows naming the account kept changing');
  }

  beforeAll(async () => {
    test = await createTestContext({
      env: { AUTH_RATE_LIMIT_PER_MINUTE: '1000' },
      logger: createLogger('info', capture),
    });
    app = await test.buildApp();
    await seedDemoAccounts(test.ctx);
    health = await unitIdOf(db(), 'min-health');
    for (const [role, email] of Object.entries({
      officer: 'demo-officer@epeople.tn',
      supervisor: 'demo-supervisor@epeople.tn',
      centralOffice: 'demo-central-office@epeople.tn',
      agencyAdmin: 'demo-agency-admin@epeople.tn',
      moderator: 'demo-moderator@epeople.tn',
      auditor: 'demo-auditor@epeople.tn',
      systemAdmin: 'demo-system-admin@epeople.tn',
      sfaxOfficer: 'demo-officer-sfax@epeople.tn',
    })) {
      staff[role] = await signIn(app, email, DEMO_PASSWORD);
    }
    samiEmail = uniqueEmail('sami.trabelsi');
    await registerAndVerifyCitizen(app, test, { email: samiEmail, fullName: REPORTER.name, language: 'fr' });
    sami = await signIn(app, samiEmail, 'olive-tree-jasmine-42');
    samiId = (await queryRows<{ id: string }>(db(), sql`SELECT id FROM users WHERE email = ${samiEmail}`))[0]?.id ?? '';
    expect(samiId).not.toBe('');

    // Long enough for any use of Sami's session to slide it and write its last-seen time.
    test.advanceClock(5 * 60_000);
    rowsBefore = await settledRowsNamingTheAccount();

    originals.jpeg = await jpegWithMetadata();
    originals.png = await pngWithMetadata();
    originals.pdf = await pdfWithMetadata();
    const uploaded = await upload(
      [
        { name: 'Sami_Trabelsi_recu.jpg', content: originals.jpeg },
        { name: 'Sami_Trabelsi_guichet.png', content: originals.png },
        { name: 'Sami_Trabelsi_plainte.pdf', content: originals.pdf },
      ],
      { anonymous: true, as: sami },
    );
    expect(uploaded.statusCode, uploaded.body).toBe(201);
    anonymousRequestIds.push(uploaded.headers['x-request-id'] as string);
    const attachmentIds = (uploaded.json() as { attachments: Attachment[] }).attachments.map((a) => a.id);

    filingBody = noticeBody({ attachmentIds, sealedIdentity: SEALED });
    const filed = await fileNotice(filingBody, sami, 'sami-notice-0001-key');
    expect(filed.statusCode, filed.body).toBe(201);
    anonymousRequestIds.push(filed.headers['x-request-id'] as string);
    const { case: theCase, accessCode } = filed.json() as { case: Filed; accessCode: string };
    notice = { ...theCase, accessCode };

    // Sami follows his notice and writes in its thread from the same signed-in browser.
    const holder = { ...withSession(sami), remoteAddress: REPORTER_ADDRESS };
    const tracked = await app.inject({
      method: 'GET',
      url: `/api/v1/cases/${notice.reference}`,
      cookies: holder.cookies,
      headers: { ...holder.headers, 'x-access-code': notice.accessCode },
      remoteAddress: REPORTER_ADDRESS,
    });
    expect(tracked.statusCode, tracked.body).toBe(200);
    anonymousRequestIds.push(tracked.headers['x-request-id'] as string);
    const message = await app.inject({
      method: 'POST',
      url: `/api/v1/cases/${notice.reference}/messages`,
      cookies: holder.cookies,
      headers: { ...holder.headers, 'x-access-code': notice.accessCode },
      payload: { body: 'L’agent reçoit les usagers au guichet 3.' },
      remoteAddress: REPORTER_ADDRESS,
    });
    expect(message.statusCode, message.body).toBe(200);
    anonymousRequestIds.push(message.headers['x-request-id'] as string);
    rowsAfter = await settledRowsNamingTheAccount();
  }, 180_000);

  afterAll(async () => {
    await test.close();
  });

  it("a handler's case page of a signed-in citizen's anonymous notice names no account, contact, uploader or file name of his", async () => {
    for (const role of ['officer', 'supervisor', 'centralOffice']) {
      const page = await staffPage(role, notice.id);
      expect(page.statusCode, `${role}: ${page.body}`).toBe(200);
      const body = page.json() as Json & { submitter: Json; timeline: Json[]; revealedIdentity: unknown };
      expect(body.submitter).toEqual({ kind: 'anonymous', name: null, email: null, phone: null });
      expect(body.revealedIdentity).toBeNull();
      for (const event of body.timeline.filter((item) => item.actorKind !== 'staff')) {
        expect(event.actorId ?? null).toBeNull();
      }
      // The files' names as uploaded (Sami_Trabelsi_recu.jpg) would name him too.
      for (const trace of [samiId, samiEmail, 'Trabelsi', SEALED.phone, SEALED.email]) {
        expect(page.body, `${role} sees ${trace}`).not.toContain(trace);
      }
    }
  });

  it("a handler sees the anonymous notice's files as attachment-1, attachment-2..., not the names they were uploaded with", async () => {
    const page = (await staffPage('officer', notice.id)).json() as { attachments: Attachment[] };
    expect(page.attachments.map((attachment) => attachment.fileName)).toEqual([
      'attachment-1.jpg',
      'attachment-2.png',
      'attachment-3.pdf',
    ]);
    const stored = await queryRows<{ file_name: string }>(
      db(),
      sql`SELECT file_name FROM attachments WHERE case_id = ${notice.id}`,
    );
    expect(stored.map((row) => row.file_name).join(' ')).not.toMatch(/Sami|Trabelsi|recu|guichet|plainte/);
    for (const attachment of page.attachments) {
      const file = await download('officer', notice, attachment.id);
      expect(file.headers['content-disposition']).toContain(attachment.fileName);
    }
  });

  it("a handler downloading an anonymous notice's photos finds no GPS position, artist, camera serial, XMP, IPTC or text chunk", async () => {
    // The files as uploaded do carry all of it, as libvips reads them.
    for (const original of [originals.jpeg, originals.png] as Buffer[]) {
      const metadata = await sharp(original).metadata();
      expect(metadata.exif, 'the test photo carries EXIF').toBeDefined();
      expect(metadata.xmp, 'the test photo carries XMP').toBeDefined();
    }
    expect(originals.jpeg?.includes(Buffer.from('Photoshop 3.0'))).toBe(true);

    const [jpeg, png] = notice.attachments as [Attachment, Attachment];
    for (const [attachment, original] of [
      [jpeg, originals.jpeg],
      [png, originals.png],
    ] as const) {
      const file = await download('officer', notice, attachment.id);
      expect(file.statusCode).toBe(200);
      const bytes = file.rawPayload;
      for (const trace of [
        ...IDENTIFYING,
        'Exif',
        'http://ns.adobe.com/xap',
        'Photoshop 3.0',
        'eXIf',
        'tEXt',
        'iTXt',
      ]) {
        expect(bytes.includes(Buffer.from(trace, 'latin1')), `${attachment.fileName} holds ${trace}`).toBe(false);
      }
      const metadata = await sharp(bytes).metadata();
      expect(metadata.exif).toBeUndefined();
      expect(metadata.xmp).toBeUndefined();
      expect(metadata.iptc).toBeUndefined();
      expect(metadata.comments).toBeUndefined();
      // Still the same picture.
      const before = await sharp(original).metadata();
      expect([metadata.width, metadata.height, metadata.format]).toEqual([before.width, before.height, before.format]);
    }
  });

  it("a handler downloading an anonymous notice's PDF finds no author, creator tool, XMP, earlier revision or photo EXIF in it", async () => {
    const original = originals.pdf as Buffer;
    const originalInfo = await withPdfFile(original, (path) => poppler('pdfinfo', [path]));
    expect(originalInfo).toContain(`Author:          ${REPORTER.name}`);
    expect(originalInfo).toContain('Metadata Stream: yes');
    expect(everyByteOf(original)).toContain(`${REPORTER.name}</rdf:li>`);

    const pdf = notice.attachments[2] as Attachment;
    const file = await download('officer', notice, pdf.id);
    expect(file.statusCode).toBe(200);
    const bytes = file.rawPayload;
    const info = await withPdfFile(bytes, (path) => poppler('pdfinfo', [path]));
    expect(info).toContain('Metadata Stream: no');
    expect(info).not.toMatch(/^(Author|Creator|Producer|Title|Subject|Keywords):/m);
    // Raw and inflated bytes: an incremental update or a compressed object stream would show here.
    const content = everyByteOf(bytes);
    for (const trace of [...IDENTIFYING, 'Second revision', '/Info', 'xmpmeta', 'Exif', 'Photoshop 3.0']) {
      expect(content, `the PDF holds ${trace}`).not.toContain(trace);
    }
    expect(content.match(/%%EOF/g)).toHaveLength(1);
    // The page itself is kept: its text, and its photo (without EXIF).
    expect(await withPdfFile(bytes, (path) => poppler('pdftotext', [path, '-']))).toContain('Receipt 42');
    expect(await withPdfFile(bytes, (path) => poppler('pdfimages', ['-list', path]))).toMatch(/ jpeg /);
  });

  it('an office document is refused for an anonymous notice rather than passed on with its author', async () => {
    const count = async () =>
      (await queryRows<{ n: number }>(db(), sql`SELECT count(*)::int AS n FROM attachments`))[0]?.n;
    const before = await count();
    const refused = await upload([{ name: 'Sami_Trabelsi_plainte.docx', content: minimalDocx() }], { anonymous: true });
    expect(refused.statusCode).toBe(415);
    expect(refused.json().code).toBe('attachments.type_not_allowed_anonymous');
    expect(await count()).toBe(before);
  });

  it('the sealed identity reaches handlers only after the reporter consents, and then their case page shows it', async () => {
    const reported = await freshNotice({ sealedIdentity: SEALED });
    const before = await staffPage('officer', reported.id);
    expect(before.statusCode).toBe(200);
    expect(before.json()).toMatchObject({ hasSealedIdentity: true, revealedIdentity: null });
    expect(before.body).not.toContain(SEALED.phone);

    const consent = await app.inject({
      method: 'POST',
      url: `/api/v1/cases/${reported.reference}/identity-consent`,
      headers: { 'x-access-code': reported.accessCode },
      payload: {},
    });
    expect(consent.statusCode, consent.body).toBe(200);
    for (const role of ['officer', 'supervisor', 'centralOffice']) {
      const after = await staffPage(role, reported.id);
      expect(after.statusCode, `${role}: ${after.body}`).toBe(200);
      expect(after.json().revealedIdentity).toEqual(SEALED);
    }
  });

  it('a document the reporter adds later must be uploaded for the anonymous notice, and is renamed after the first ones', async () => {
    const reported = await freshNotice();
    const addDocument = (ids: string[]) =>
      app.inject({
        method: 'POST',
        url: `/api/v1/cases/${reported.reference}/documents`,
        headers: { 'x-access-code': reported.accessCode },
        payload: { attachmentIds: ids },
      });
    const fromSession = await upload([{ name: 'Sami_Trabelsi_2.pdf', content: copyOf(originals.pdf) }], {
      anonymous: false,
      as: sami,
    });
    expect(fromSession.statusCode).toBe(201);
    const refused = await addDocument([
      (fromSession.json() as { attachments: Attachment[] }).attachments[0]?.id as string,
    ]);
    expect(refused.statusCode).toBe(400);
    expect(refused.json().code).toBe('cases.attachment_not_anonymous');

    const anonymous = await upload([{ name: 'Sami_Trabelsi_2.pdf', content: copyOf(originals.pdf) }], {
      anonymous: true,
    });
    const added = await addDocument([(anonymous.json() as { attachments: Attachment[] }).attachments[0]?.id as string]);
    expect(added.statusCode, added.body).toBe(200);
    expect((added.json() as { attachments: Attachment[] }).attachments.map((a) => a.fileName)).toEqual([
      'attachment-1.jpg',
      'attachment-2.pdf',
    ]);
  });

  it("staff whose role does not reach the notice's unit are told it does not exist", async () => {
    for (const role of ['agencyAdmin', 'moderator', 'auditor', 'systemAdmin', 'sfaxOfficer']) {
      const page = await staffPage(role, notice.id);
      expect(page.statusCode, role).toBe(404);
      const file = await download(role, notice, (notice.attachments[0] as Attachment).id);
      expect(file.statusCode, role).toBe(404);
      expect(file.body).not.toContain('Exif');
    }
  });

  it("the audit rows of a signed-in citizen's anonymous notice name no account and no request", async () => {
    const subjects = [notice.id, ...notice.attachments.map((attachment) => attachment.id)];
    const rows = await queryRows<{
      action: string;
      actor_id: string | null;
      actor_kind: string;
      request_id: string | null;
    }>(
      db(),
      sql`SELECT action, actor_id, actor_kind, request_id FROM audit_log
           WHERE subject_id IN (${sql.join(subjects, sql`, `)}) AND actor_kind <> 'staff' ORDER BY id`,
    );
    expect(rows.map((row) => row.action)).toEqual([
      'attachments.uploaded',
      'attachments.uploaded',
      'attachments.uploaded',
      'cases.filed',
      'cases.send_message',
    ]);
    for (const row of rows) {
      expect(row.actor_id, row.action).toBeNull();
      expect(row.actor_kind, row.action).toBe('guest');
    }
    // The upload and the filing keep no request id: it would join them to their log lines.
    expect(rows.filter((row) => row.action !== 'cases.send_message').map((row) => row.request_id)).toEqual([
      null,
      null,
      null,
      null,
    ]);
  });

  it("the rows naming a citizen's account are the same before and after they file an anonymous notice from their signed-in browser", async () => {
    expect(rowsBefore.length).toBeGreaterThan(0);
    expect(rowsAfter).toEqual(rowsBefore);
    // The session, in particular: neither its last-seen time nor its expiry moved.
    const sessions = await queryRows<{ last_seen_at: Date }>(
      db(),
      sql`SELECT last_seen_at FROM sessions WHERE user_id = ${samiId}`,
    );
    expect(sessions).toHaveLength(1);
  });

  it("a file uploaded from a citizen's session cannot be attached to an anonymous notice", async () => {
    const fromSession = await upload([{ name: 'Sami_Trabelsi_recu.jpg', content: copyOf(originals.jpeg) }], {
      anonymous: false,
      as: sami,
    });
    expect(fromSession.statusCode).toBe(201);
    const id = (fromSession.json() as { attachments: Attachment[] }).attachments[0]?.id as string;
    for (const as of [sami, undefined]) {
      const refused = await fileNotice(noticeBody({ attachmentIds: [id] }), as);
      expect(refused.statusCode).toBe(400);
      expect(refused.json().code).toBe('cases.attachment_not_anonymous');
    }
    const [row] = await queryRows<{ case_id: string | null }>(
      db(),
      sql`SELECT case_id FROM attachments WHERE id = ${id}`,
    );
    expect(row?.case_id).toBeNull();
  });

  it('a database administrator finds the sealed identity only encrypted', async () => {
    const [row] = await queryRows<{ sealed_identity: string }>(
      db(),
      sql`SELECT sealed_identity FROM cases WHERE id = ${notice.id}`,
    );
    expect(row?.sealed_identity).toMatch(/^v1\./);
    const tables = await queryRows<{ table_schema: string; table_name: string }>(
      db(),
      sql`SELECT table_schema, table_name FROM information_schema.tables
           WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')`,
    );
    for (const { table_schema: schema, table_name: table } of tables) {
      const rows = await queryRows<{ n: number }>(
        db(),
        sql`SELECT count(*)::int AS n FROM ${sql.identifier(schema)}.${sql.identifier(table)} t
             WHERE to_jsonb(t)::text LIKE ${`%${SEALED.phone}%`} OR to_jsonb(t)::text LIKE ${`%${SEALED.details}%`}
                OR to_jsonb(t)::text LIKE ${`%${SEALED.email}%`}`,
      );
      expect(rows[0]?.n, `${schema}.${table}`).toBe(0);
    }
  });

  it("a database administrator cannot confirm a guess of the reporter's identity from the filing's fingerprint", async () => {
    const [row] = await queryRows<{ request_fingerprint: string | null }>(
      db(),
      sql`SELECT request_fingerprint FROM cases WHERE id = ${notice.id}`,
    );
    expect(row?.request_fingerprint).toMatch(/^[0-9a-f]{64}$/);
    // Whoever guesses the sealed identity rebuilds the request exactly as the server parsed it.
    const guessed = JSON.stringify(fileCaseRequestSchema.parse(filingBody));
    expect(row?.request_fingerprint).not.toBe(createHash('sha256').update(guessed).digest('hex'));
  });

  it("the log lines of an anonymous notice's upload, filing and tracking carry no client address and no reference", async () => {
    // A request known to be someone's does log its address: the filter is what is tested here.
    const control = await app.inject({ method: 'GET', url: '/api/v1/auth/session', remoteAddress: '192.0.2.77' });
    const lines = logLines.map((line) => JSON.parse(line) as { reqId?: string; req?: { remoteAddress?: string } });
    expect(lines.some((line) => line.reqId === control.headers['x-request-id'] && line.req?.remoteAddress)).toBe(true);

    expect(anonymousRequestIds).toHaveLength(4);
    for (const requestId of anonymousRequestIds) {
      const ofRequest = lines.filter((line) => line.reqId === requestId);
      expect(ofRequest.length, requestId).toBeGreaterThan(0);
      for (const line of ofRequest) expect(line.req?.remoteAddress).toBeUndefined();
    }
    const log = logLines.join('');
    expect(log).not.toContain(REPORTER_ADDRESS);
    expect(log).not.toContain(notice.reference);
  });

  it('the words a reporter types before filing (similar-answers search) never reach the log', async () => {
    const search = await app.inject({
      method: 'GET',
      url: `/api/v1/search/similar?q=${encodeURIComponent(SEARCH_WORDS)}&type=notice`,
      remoteAddress: REPORTER_ADDRESS,
    });
    expect(search.statusCode).toBe(200);
    const log = logLines.join('');
    for (const word of SEARCH_WORDS.split(' ')) expect(log).not.toContain(word);
    expect(log).not.toContain(encodeURIComponent(SEARCH_WORDS));
  });

  it('the hosting provider finds only the rewritten files: the bytes as uploaded and their hash are kept nowhere', async () => {
    // Uploads without ?anonymous=true keep their bytes as they came (other tests make some): only
    // the anonymous ones are looked at, and every file left in the temporary upload folders.
    const keys = await queryRows<{ storage_key: string }>(
      db(),
      sql`SELECT storage_key FROM attachments WHERE case_id = ${notice.id}`,
    );
    expect(keys.length).toBeGreaterThanOrEqual(3);
    const stored = keys.map(({ storage_key: key }) => join(test.ctx.config.DATA_DIR, 'attachments', key));
    const spool = (await readdir(tmpdir())).filter((name) => name.startsWith('epeople-upload-'));
    const onDisk = [...stored, ...(await Promise.all(spool.map((name) => filesUnder(join(tmpdir(), name))))).flat()];
    for (const path of onDisk) {
      // Other test processes on the machine spool their uploads there too, and remove them.
      const bytes = await readFile(path).catch(() => Buffer.alloc(0));
      for (const trace of [REPORTER.serial, REPORTER.camera, REPORTER.tool]) {
        expect(bytes.includes(Buffer.from(trace, 'latin1')), `${path} holds ${trace}`).toBe(false);
      }
    }
    // A hash of the original could be matched against the photo still on the reporter's phone.
    const originalHashes = Object.values(originals).map((bytes) => createHash('sha256').update(bytes).digest('hex'));
    for (const hash of originalHashes) {
      const [matches] = await queryRows<{ n: number }>(
        db(),
        sql`SELECT (SELECT count(*) FROM audit_log WHERE data::text LIKE ${`%${hash}%`})
                 + (SELECT count(*) FROM attachments WHERE sha256 = ${hash}) AS n`,
      );
      expect(Number(matches?.n)).toBe(0);
    }
  });

  it('another citizen with the reference but not the access code can open neither the notice nor its files', async () => {
    const otherEmail = uniqueEmail('curious');
    await registerAndVerifyCitizen(app, test, { email: otherEmail, fullName: 'Curieux Voisin' });
    const other = await signIn(app, otherEmail, 'olive-tree-jasmine-42', { now: test.ctx.now });
    const attempts = [
      { url: `/api/v1/cases/${notice.reference}`, headers: {} },
      { url: `/api/v1/cases/${notice.reference}`, headers: { 'x-access-code': 'AAAA-BBBB-CCCC-DDDD' } },
      { url: `/api/v1/cases/${notice.reference}/attachments/${notice.attachments[0]?.id}`, headers: {} },
    ];
    for (const attempt of attempts) {
      const response = await app.inject({
        method: 'GET',
        url: attempt.url,
        cookies: { epeople_session: other.cookie },
        headers: attempt.headers,
      });
      expect(response.statusCode, attempt.url).toBe(404);
      expect(response.json().code).toBe('cases.not_found');
    }
  });
});

/**
 * The same file with one more byte at its end (readers ignore it): a test that uploads it again
 * must not give it the hash of the notice's own file, which must be found nowhere.
 */
const copyOf = (bytes: Buffer | undefined) => Buffer.concat([bytes as Buffer, Buffer.from('\n')]);

/** The PDF's bytes, with every Flate stream inflated after them, as one latin1 string. */
function everyByteOf(pdf: Buffer): string {
  const parts = [pdf.toString('latin1')];
  const text = pdf.toString('latin1');
  for (const match of text.matchAll(/stream\r?\n/g)) {
    const start = (match.index ?? 0) + match[0].length;
    const end = text.indexOf('endstream', start);
    if (end < 0) continue;
    try {
      parts.push(inflateSync(pdf.subarray(start, end)).toString('latin1'));
    } catch {
      // Not a Flate stream (a JPEG, raw data): its raw bytes are in the first part already.
    }
  }
  return parts.join('\n');
}

async function filesUnder(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
}

describe('the threat model (docs/threat-model-anonymous-notice.md)', () => {
  it('a line added to the threat model without its test is caught: every line names a test of these files', async () => {
    const doc = await readFile(new URL('../../../../docs/threat-model-anonymous-notice.md', import.meta.url), 'utf8');
    const table = doc.slice(doc.indexOf('## Who could learn what'), doc.indexOf('## What ePeople does not prevent'));
    const lines = table.split('\n').filter((line) => line.startsWith('| ') && !line.startsWith('| who'));
    expect(lines.length).toBeGreaterThanOrEqual(15);
    const sources = await Promise.all(
      ['anonymity.test.ts', 'upload-bounds.test.ts'].map((name) => readFile(new URL(name, import.meta.url), 'utf8')),
    );
    for (const line of lines) {
      const name = (line.split('|').at(-2) ?? '').trim().replace(/^`upload-bounds\.test\.ts`: /, '');
      const named = sources.some(
        (source) => source.includes(`it(${JSON.stringify(name)}`) || source.includes(`it('${name}'`),
      );
      expect(named, `no test named "${name}"`).toBe(true);
    }
  });
});
