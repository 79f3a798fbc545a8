import type { AppContext } from '../../../app-context.ts';
import type { RawSql } from '../../../db/client.ts';
import { createAttachmentNotFoundError } from '../cases.errors.ts';
import { createCaseFilingRepository, type Filing } from './case-filing.repository.ts';

/**
 * Writes a built filing as one fixed statement (docs/ARCHITECTURE.md, "Hot paths"). Without
 * attachments the statement is its own transaction; with them, a transaction lets a refused
 * attachment (not the filer's, already linked, missing) undo the whole filing. Undefined when an
 * idempotent twin filed first (the caller answers with that one).
 */
export async function writeFiling(ctx: AppContext, filing: Filing) {
  const write = (sql: RawSql) => createCaseFilingRepository({ sql }).insertFiling(filing);
  const expected = filing.attachments.ids.length;
  if (expected === 0) return write(ctx.database);
  return ctx.database.transaction(async (sql) => {
    const result = await write(sql);
    if (result && result.linked !== expected) throw createAttachmentNotFoundError();
    return result;
  });
}
