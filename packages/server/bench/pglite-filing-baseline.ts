import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../src/db/client.ts';
import { migrate } from '../src/db/migrate.ts';
import { seedReferenceData } from '../src/modules/seed/index.ts';
import { DESCRIPTION } from './filing-request.ts';

/**
 * The embedded filing baseline: PGlite's own rate for the rows one filing writes (those of
 * filing-transaction.ts, keep them in step), one transaction each, in a fresh PGlite on a data
 * folder in this process, through the same handle the server uses and with no HTTP or application
 * work in between. PGlite has one connection, so one writer is its whole capacity.
 */
export async function measurePgliteFilingInserts(seconds: number): Promise<number> {
  const dataDir = await mkdtemp(join(tmpdir(), 'epeople-bench-pglite-'));
  const database = await openDatabase({ dataDir });
  try {
    await migrate(database);
    await seedReferenceData({ db: database.db });
    const { rows } = await database.query<{ id: string }>(`SELECT id FROM units WHERE code = 'cro-tn-61'`);
    const unitId = rows[0]!.id;
    let count = 0;
    const started = performance.now();
    const deadline = started + seconds * 1000;
    while (performance.now() < deadline) {
      await database.transaction(async (sql) => {
        const seq = (await sql.query<{ seq: string }>(`SELECT nextval('case_reference_petition_seq') AS seq`)).rows[0]!
          .seq;
        const caseId = (
          await sql.query<{ id: string }>(
            `INSERT INTO cases (reference, type, state, title, description, governorate, language, publish_consent,
               guest_name, guest_email, is_anonymous, access_code_hash, unit_id, is_triage, deadline_measure,
               clock_started_at, due_at, allotted_ms, submitter_key, created_at, updated_at)
             VALUES ('PGL-' || $1, 'petition', 'submitted', 'Water cut in our street since Monday', $2, 'TN-61', 'ar',
               false, 'Bench Guest', 'bench@example.tn', false, md5(random()::text), $3, false, 'working_days',
               now(), now() + interval '20 days', 453600000, 'guest', now(), now())
             RETURNING id`,
            [seq, DESCRIPTION, unitId],
          )
        ).rows[0]!.id;
        await sql.query(
          `INSERT INTO case_events (case_id, type, visibility, actor_kind, actor_id, data) VALUES
             ($1, 'CASE_SUBMITTED', 'public', 'guest', NULL, '{"type": "petition", "channel": "guest", "attachments": 0}'),
             ($1, 'CASE_ROUTED', 'public', 'system', NULL, '{"isTriage": false, "chosenByCitizen": false}')`,
          [caseId],
        );
        await sql.query(
          `INSERT INTO audit_log (actor_id, actor_kind, action, subject_type, subject_id, request_id, data)
           VALUES (NULL, 'guest', 'cases.filed', 'case', $1, md5(random()::text), '{"type": "petition", "channel": "guest"}')`,
          [caseId],
        );
        await sql.query(
          `INSERT INTO case_notifications (case_id, channel, recipient, language, template, data)
           VALUES ($1, 'email', 'bench@example.tn', 'ar', 'case_acknowledgement', '{"reference": "x"}')`,
          [caseId],
        );
      });
      count++;
    }
    return count / ((performance.now() - started) / 1000);
  } finally {
    await database.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}
