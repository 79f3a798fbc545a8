import { getTableColumns, type InferInsertModel, type InferSelectModel, type Table } from 'drizzle-orm';

/**
 * A row a statement answered as JSON (`to_jsonb(row)`, keys are column names), read into the
 * shape Drizzle gives the same table's rows, each value through its column's own mapping (a
 * timestamp's text becomes a Date, a bigint's number stays a number). Columns the table does
 * not declare (a generated search vector) are left out.
 */
export function rowFromJson<T extends Table>(table: T, json: Record<string, unknown>): InferSelectModel<T> {
  const row: Record<string, unknown> = {};
  for (const [key, column] of Object.entries(getTableColumns(table))) {
    const value = json[column.name];
    row[key] = value === null || value === undefined ? null : column.mapFromDriverValue(value);
  }
  return row as InferSelectModel<T>;
}

/**
 * The other way: a row in Drizzle's shape as a JSON object keyed by column names, for a
 * statement that reads rows from a jsonb parameter (`jsonb_to_recordset`). Dates become ISO text;
 * JSON columns stay objects (their own mapping would turn them into text).
 */
export function rowToJson<T extends Table>(table: T, row: Partial<InferInsertModel<T>>): Record<string, unknown> {
  const json: Record<string, unknown> = {};
  for (const [key, column] of Object.entries(getTableColumns(table))) {
    if (!(key in row)) continue;
    const value = (row as Record<string, unknown>)[key];
    json[column.name] = value instanceof Date ? value.toISOString() : (value ?? null);
  }
  return json;
}
