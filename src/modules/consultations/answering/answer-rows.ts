/**
 * The answer row in hand-written statements (the save's upsert, the respondent's row locked):
 * the query builder spends more processor time composing a statement of seventeen columns than
 * the database spends running it, and a save runs a few of them. The column list is composed once
 * from the table (core/db/statement.ts), and the row is read back through each column's own
 * mapping, so a column added to the table needs nothing here.
 */
import { fieldsText, rowOf } from '../../../core/db/statement.js';
import { answers } from '../tables.js';
import type { Answer } from './queries.js';

/** `"consultation_id" as "consultationId", …`: every column of the answer under its field name. */
export const ANSWER_FIELDS_TEXT = fieldsText(answers);

/** An answer row as the driver gave it (field names from ANSWER_FIELDS_TEXT) mapped as the query builder maps it. */
export const answerOfRow = (row: Record<string, unknown>): Answer => rowOf<Answer>(answers, row);
