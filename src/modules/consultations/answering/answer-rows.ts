/**
 * The answer row in hand-written statements (the save's upsert, the respondent's row locked):
 * the query builder spends more processor time composing a statement of seventeen columns than
 * the database spends running it, and a save runs a few of them. The column list is composed once
 * from the table, and the row is read back through each column's own mapping, so a column added to
 * the table needs nothing here.
 */
import { getTableColumns, type SQL, sql } from 'drizzle-orm';
import { toSnakeCase } from 'drizzle-orm/casing';
import { answers } from '../tables.js';
import type { Answer } from './queries.js';

const columns = Object.entries(getTableColumns(answers));

/** `"consultation_id" as "consultationId", …`: every column of the answer under its field name (the database's names are snake_case, core/db/client.ts). */
export const ANSWER_FIELDS: SQL = sql.raw(columns.map(([field, column]) => `"${column.keyAsName ? toSnakeCase(column.name) : column.name}" as "${field}"`).join(', '));

/** An answer row as the driver gave it (field names from ANSWER_FIELDS) mapped as the query builder maps it. */
export const answerOfRow = (row: Record<string, unknown>): Answer => {
  const out: Record<string, unknown> = {};
  for (const [field, column] of columns) {
    const value = row[field];
    out[field] = value === null || value === undefined ? null : column.mapFromDriverValue(value);
  }
  return out as Answer;
};
