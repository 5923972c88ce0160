import { once } from 'node:events';
import { PassThrough, type Readable } from 'node:stream';
import { setImmediate as turn } from 'node:timers/promises';
import ExcelJS from 'exceljs';
import { COLUMN_NAMES, COLUMNS, type ExportLabels, sheetRowOf } from './columns.js';
import type { ExportEntry } from './queries.js';

/**
 * Resolves once `out` has room again (its reader took what was waiting) or is gone. The turn of
 * the event loop first lets exceljs' zip writer move what it holds into `out`: without it, rows
 * arriving without I/O in between would pile up in exceljs' buffers.
 */
const room = async (out: PassThrough) => {
  await turn();
  while (out.writableNeedDrain && !out.destroyed) await Promise.race([once(out, 'drain'), once(out, 'close')]);
};

/**
 * The Excel export as a stream (exceljs' streaming writer: rows are committed as they come, the
 * workbook is never held whole). Same columns as the CSV; text cells are typed text (no leading
 * apostrophe: a spreadsheet never runs a text cell as a formula), dates are date cells. The
 * header row is frozen. Batches are read only as fast as the client takes the file, and no more
 * once it has gone.
 */
export const xlsxStream = (batches: AsyncIterable<ExportEntry[]>, labels: ExportLabels): Readable => {
  const out = new PassThrough();
  const write = async () => {
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
    workbook.creator = 'WSIS Platform';
    const sheet = workbook.addWorksheet('entries', { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns = COLUMNS.map((c) => ({ key: c.name, style: c.date ? { numFmt: c.date.format } : {} }));
    const header = sheet.addRow(COLUMN_NAMES);
    header.font = { bold: true };
    header.commit();
    for await (const batch of batches) {
      for (const entry of batch) sheet.addRow(sheetRowOf(entry, labels)).commit();
      await room(out);
      // The client has gone: stop reading (leaving the loop ends the batches' query too).
      if (out.destroyed) return;
    }
    sheet.commit();
    await workbook.commit();
  };
  write().catch((error: unknown) => out.destroy(error instanceof Error ? error : new Error(String(error))));
  return out;
};
