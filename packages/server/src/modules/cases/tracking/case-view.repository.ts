import type { RawSql } from '../../../db/client.ts';
import { rowFromJson } from '../../../db/json-rows.ts';
import { sqlText } from '../../../db/sql-text.ts';
import { type AttachmentRow, attachments, caseAttachmentsJsonSql } from '../../attachments/index.ts';
import { type CaseEventRow, type CaseRow, caseEvents, cases } from '../cases.table.ts';

/**
 * Tracking is the hot read: a case, its timeline and its attachments in one named statement
 * (one round trip, parsed and planned once per connection) instead of three queries. The whole
 * timeline comes back; the caller keeps what the viewer may see.
 */
let caseViewSql: string | undefined;
const CASE_VIEW_SQL = () =>
  (caseViewSql ??= `
SELECT to_jsonb(c) - 'search_vector' AS case_row,
       (SELECT coalesce(jsonb_agg(to_jsonb(e) ORDER BY e.seq), '[]'::jsonb) FROM case_events e WHERE e.case_id = c.id)
         AS event_rows,
       ${caseAttachmentsJsonSql(sqlText`c.id`)} AS attachment_rows
  FROM cases c
 WHERE c.reference = $1`);

export interface CaseWithTimeline {
  theCase: CaseRow;
  /** Public and internal events, oldest first. */
  events: CaseEventRow[];
  attachments: AttachmentRow[];
}

export function createCaseViewRepository({ sql }: { sql: RawSql }) {
  return {
    async findByReference(reference: string): Promise<CaseWithTimeline | undefined> {
      const { rows } = await sql.query<{
        case_row: Record<string, unknown>;
        event_rows: Array<Record<string, unknown>>;
        attachment_rows: Array<Record<string, unknown>>;
      }>(CASE_VIEW_SQL(), [reference], { name: 'cases_view_by_reference' });
      const [row] = rows;
      if (!row) return undefined;
      return {
        theCase: rowFromJson(cases, row.case_row),
        events: row.event_rows.map((event) => rowFromJson(caseEvents, event)),
        attachments: row.attachment_rows.map((attachment) => rowFromJson(attachments, attachment)),
      };
    },
  };
}
