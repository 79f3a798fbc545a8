import type { RequestType } from '@epeople/contracts';
import { getTableColumns } from 'drizzle-orm';
import type { RawSql } from '../../db/client.ts';
import { rowFromJson, rowToJson } from '../../db/json-rows.ts';
import { linkAttachmentsSql } from '../attachments/index.ts';
import { type AuditEntry, auditInsertFromJson, auditJsonRows } from '../audit/index.ts';
import { REFERENCE_SEQUENCES } from './cases.repository.ts';
import { type CaseEventRow, type CaseRow, caseEvents, cases, type NewCaseRow } from './cases.table.ts';

/**
 * Filing is the hot write (docs/PRODUCT.md §10: thousands per second at peaks), so it is one fixed
 * statement sent as a named prepared statement: PostgreSQL parses and plans it once per
 * connection, the server builds no query per request, and a filing without attachments needs no
 * BEGIN/COMMIT round trips (one statement is one transaction). The case, its events, the audit
 * record, the notification outbox rows and the linked attachments are written together, or,
 * when the idempotency key was already used, nothing is.
 */

/** The columns a new case sets; every other column keeps its default. */
const FILED_COLUMNS = [
  'id',
  'reference',
  'type',
  'state',
  'title',
  'description',
  'categoryId',
  'governorate',
  'location',
  'language',
  'publishConsent',
  'citizenId',
  'guestName',
  'guestEmail',
  'guestPhone',
  'isAnonymous',
  'accessCodeHash',
  'accessCodeSealed',
  'sealedIdentity',
  'unitId',
  'isTriage',
  'deadlineMeasure',
  'clockStartedAt',
  'dueAt',
  'allottedMs',
  'pausedAt',
  'remainingMs',
  'acknowledgeDueAt',
  'submitterKey',
  'idempotencyKey',
  'requestFingerprint',
  'createdAt',
  'updatedAt',
] as const satisfies ReadonlyArray<keyof NewCaseRow>;

/** Every filed column given (null where empty), so the row also serves where a case is read. */
export type FiledCaseRow = {
  [Key in (typeof FILED_COLUMNS)[number]]-?: Exclude<NewCaseRow[Key], undefined>;
} & { id: string };

export interface FiledEvent {
  type: string;
  visibility: 'public' | 'internal';
  actorKind: 'citizen' | 'guest' | 'staff' | 'system';
  actorId: string | null;
  data: Record<string, unknown>;
  createdAt: Date;
}

export interface FiledNotification {
  id: string;
  channel: 'email' | 'sms' | 'in_app';
  recipient: string;
  language: 'ar' | 'fr' | 'en';
  template: string;
  data: Record<string, unknown>;
  /** Absent: pending, for delivery. `suppressed` rows are written only to be seen, never sent. */
  status?: 'suppressed';
  /** Why a suppressed row was held back (the rule's name, never the content). */
  lastError?: string;
}

const columns = getTableColumns(cases);
const n = FILED_COLUMNS.length;
const param = {
  events: `$${n + 1}`,
  notifications: `$${n + 2}`,
  audit: `$${n + 3}`,
  attachmentIds: `$${n + 4}`,
  uploadedById: `$${n + 5}`,
  now: `$${n + 6}`,
  anonymous: `$${n + 7}`,
};

/** Built on first use: the modules it borrows fragments from import this one in turn. */
let fileCaseSql: string | undefined;
const FILE_CASE_SQL = () =>
  (fileCaseSql ??= `
WITH new_case AS (
  INSERT INTO cases (${FILED_COLUMNS.map((key) => columns[key].name).join(', ')})
  VALUES (${FILED_COLUMNS.map((_, index) => `$${index + 1}`).join(', ')})
  ON CONFLICT (submitter_key, idempotency_key) WHERE idempotency_key IS NOT NULL DO NOTHING
  RETURNING *
), linked AS (
  ${linkAttachmentsSql({ caseId: '(SELECT id FROM new_case)', ids: param.attachmentIds, uploadedById: param.uploadedById, anonymous: param.anonymous, now: `${param.now}::timestamptz` })}
), new_audit AS (
  ${auditInsertFromJson(param.audit, 'EXISTS (SELECT 1 FROM new_case)')}
), new_notifications AS (
  INSERT INTO case_notifications (id, case_id, channel, recipient, language, template, data, status, last_error)
  SELECT o.id, new_case.id, o.channel, o.recipient, o.language, o.template, o.data,
         coalesce(o.status, 'pending'), o."lastError"
    FROM new_case, jsonb_to_recordset(${param.notifications}::jsonb)
      AS o(id uuid, channel text, recipient text, language text, template text, data jsonb, status text, "lastError" text)
), new_events AS (
  INSERT INTO case_events (case_id, type, visibility, actor_kind, actor_id, data, created_at)
  SELECT new_case.id, e.type, e.visibility, e.actor_kind, e.actor_id, e.data, e.created_at
    FROM new_case, jsonb_to_recordset(${param.events}::jsonb)
      AS e(type text, visibility text, actor_kind text, actor_id uuid, data jsonb, created_at timestamptz, position int)
   ORDER BY e.position
  RETURNING *
)
SELECT to_jsonb(new_case) - 'search_vector' AS case_row,
       (SELECT coalesce(jsonb_agg(to_jsonb(e) ORDER BY e.seq), '[]'::jsonb) FROM new_events e) AS event_rows,
       (SELECT count(*)::int FROM linked) AS linked
  FROM new_case`);

export function createCaseFilingRepository({ sql }: { sql: RawSql }) {
  return {
    async nextReferenceSequence(type: RequestType): Promise<number> {
      const { rows } = await sql.query<{ value: string }>(
        'SELECT nextval($1::regclass)::text AS value',
        [REFERENCE_SEQUENCES[type]],
        { name: 'cases_next_reference' },
      );
      return Number(rows[0]?.value);
    },

    /**
     * Writes the filing; undefined when the submitter already used the idempotency key (a
     * concurrent twin won). `linked` counts the attachments linked: the caller compares it with
     * those asked for, inside a transaction it then rolls back.
     */
    async insertFiling(filing: {
      theCase: FiledCaseRow;
      events: readonly FiledEvent[];
      notifications: readonly FiledNotification[];
      audit: AuditEntry;
      /** `anonymous`: only uploads made for an anonymous notice may be linked (and they are renamed). */
      attachments: { ids: readonly string[]; uploadedById: string | null; anonymous: boolean };
    }): Promise<{ theCase: CaseRow; events: CaseEventRow[]; linked: number } | undefined> {
      const values: unknown[] = FILED_COLUMNS.map((key) => {
        const value = filing.theCase[key];
        return value === null || value === undefined ? null : columns[key].mapToDriverValue(value);
      });
      values.push(
        JSON.stringify(
          // The timeline's order is the insert's: seq follows `position`.
          filing.events.map((event, position) => ({ position, ...rowToJson(caseEvents, event) })),
        ),
        JSON.stringify(filing.notifications),
        auditJsonRows([filing.audit]),
        [...filing.attachments.ids],
        filing.attachments.uploadedById,
        filing.theCase.createdAt.toISOString(),
        filing.attachments.anonymous,
      );
      const { rows } = await sql.query<{
        case_row: Record<string, unknown>;
        event_rows: Array<Record<string, unknown>>;
        linked: number;
      }>(FILE_CASE_SQL(), values, { name: 'cases_file' });
      const [row] = rows;
      if (!row) return undefined;
      return {
        theCase: rowFromJson(cases, row.case_row),
        events: row.event_rows.map((event) => rowFromJson(caseEvents, event)),
        linked: row.linked,
      };
    },
  };
}
