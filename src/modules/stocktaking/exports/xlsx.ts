import { PassThrough, type Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { COLUMN_NAMES, type ExportLabels, rowOf } from './columns.js';
import type { ExportEntry } from './queries.js';

/**
 * The Excel export as a stream (exceljs' streaming writer: rows are committed as they come, the
 * workbook is never held whole). Same columns and cells as the CSV; the header row is frozen.
 */
export const xlsxStream = (batches: AsyncIterable<ExportEntry[]>, labels: ExportLabels): Readable => {
  const out = new PassThrough();
  const write = async () => {
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
    workbook.creator = 'WSIS Platform';
    const sheet = workbook.addWorksheet('entries', { views: [{ state: 'frozen', ySplit: 1 }] });
    const header = sheet.addRow(COLUMN_NAMES);
    header.font = { bold: true };
    header.commit();
    for await (const batch of batches) {
      for (const entry of batch) sheet.addRow(rowOf(entry, labels)).commit();
    }
    sheet.commit();
    await workbook.commit();
  };
  write().catch((error: unknown) => out.destroy(error instanceof Error ? error : new Error(String(error))));
  return out;
};
