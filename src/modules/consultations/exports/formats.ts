/**
 * The answer exports as streams: CSV (RFC 4180, UTF-8 with BOM), XLSX (core/exports/xlsx.ts,
 * as stocktaking's export) and JSON Lines, written batch by batch; the attachments as one
 * ZIP (fflate's streaming zip). A batch is read only when the client took the previous one, so
 * memory does not grow with the number of answers.
 */
import { once } from 'node:events';
import { PassThrough, Readable } from 'node:stream';
import { setImmediate as turn } from 'node:timers/promises';
import { Zip, ZipPassThrough } from 'fflate';
import { type SheetCell, xlsxSheetStream } from '../../../core/exports/xlsx.js';
import { CSV_BOM, csvLine } from '../../../core/exports/csv.js';
import { type ExportLabels, headerRow, metaOf, rowOf, valueText } from './columns.js';
import type { AnswerBatch } from './queries.js';

const BOM = CSV_BOM;

export const csvStream = (batches: AsyncIterable<AnswerBatch>, labels: ExportLabels): Readable =>
  Readable.from(
    (async function* () {
      yield BOM + csvLine(headerRow(labels));
      for await (const { answers, files } of batches) yield answers.map((a) => csvLine(rowOf(labels, a, files))).join('');
    })(),
    { highWaterMark: 1 },
  );

/** JSON Lines: one answer per line, metadata by name, values by question id ({ label, value }). */
export const jsonlStream = (batches: AsyncIterable<AnswerBatch>, labels: ExportLabels): Readable =>
  Readable.from(
    (async function* () {
      for await (const { answers, files } of batches)
        yield answers
          .map((a) => {
            const meta = metaOf(labels, a);
            const values = Object.fromEntries(
              labels.questions
                .filter((q) => a.values[q.id] !== undefined)
                .map((q) => [q.id, { label: labels.localize(q.label), value: valueText(labels, q, a.values[q.id], files), raw: a.values[q.id] }]),
            );
            return `${JSON.stringify({ answer: a.id, version: a.version, ...meta, stakeholderTypeCode: a.stakeholderType, countryCode: a.country, regionCode: a.region, genderCode: a.gender, submittedAt: a.submittedAt?.toISOString() ?? null, values })}\n`;
          })
          .join('');
    })(),
    { highWaterMark: 1 },
  );

/** Resolves once `out` has room again or is gone (see stocktaking/exports/xlsx.ts). */
const room = async (out: PassThrough) => {
  await turn();
  while (out.writableNeedDrain && !out.destroyed) await Promise.race([once(out, 'drain'), once(out, 'close')]);
};

/** The submission time's column (0-based): a date cell (UTC) in the workbook. */
const SUBMITTED_AT = 7;
const DATE_FORMATS = Array.from({ length: SUBMITTED_AT + 1 }, (_, i) => (i === SUBMITTED_AT ? 'yyyy-mm-dd hh:mm' : undefined));

/** The workbook (core/exports/xlsx.ts): memory does not grow with the number of answers. */
export const xlsxStream = (batches: AsyncIterable<AnswerBatch>, labels: ExportLabels): Readable =>
  xlsxSheetStream(
    (async function* () {
      for await (const { answers, files } of batches)
        yield answers.map((a) => {
          const cells: SheetCell[] = rowOf(labels, a, files);
          cells[SUBMITTED_AT] = a.submittedAt ?? null;
          return cells;
        });
    })(),
    { sheet: 'answers', header: headerRow(labels), dateFormats: DATE_FORMATS, rightToLeft: labels.locale === 'ar' },
  );

/** A file name safe in every unzip tool: no folder separators, no control characters. */
const safeName = (name: string) => name.replace(/[\\/\p{Cc}]/gu, '_').slice(0, 150) || 'file';

/**
 * Every attachment of the submitted answers as one ZIP, stored as they are (PDF and Office files
 * are compressed already), named `<answer>/<question>-<file name>`. Files are read a few at a time
 * and the next only when the client took the previous ones.
 */
export const attachmentsZip = (batches: AsyncIterable<{ id: number; answerId: number; questionId: string; fileName: string; data: Buffer }[]>): Readable => {
  const out = new PassThrough();
  const write = async () => {
    const zip = new Zip((error, chunk, final) => {
      if (error) return out.destroy(error);
      out.write(chunk);
      if (final) out.end();
    });
    const used = new Set<string>();
    for await (const files of batches) {
      for (const f of files) {
        let name = `${f.answerId}/${safeName(f.questionId)}-${safeName(f.fileName)}`;
        if (used.has(name)) name = `${f.answerId}/${f.id}-${safeName(f.fileName)}`;
        used.add(name);
        const entry = new ZipPassThrough(name);
        zip.add(entry);
        entry.push(new Uint8Array(f.data.buffer, f.data.byteOffset, f.data.byteLength), true);
      }
      await room(out);
      if (out.destroyed) return;
    }
    zip.end();
  };
  write().catch((error: unknown) => out.destroy(error instanceof Error ? error : new Error(String(error))));
  return out;
};
