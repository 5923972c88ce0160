/**
 * The streamed workbook: read back by openpyxl as a spreadsheet user's tools would, and its
 * memory bounded: four times the rows do not take more memory.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { columnName, MAX_CELL_LENGTH, type SheetCell, xlsxSheetStream } from './xlsx.js';

const bytesOf = async (stream: Readable) => {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks);
};

const openpyxl = (body: Buffer) => {
  const dir = mkdtempSync(join(tmpdir(), 'wsis-xlsx-'));
  try {
    const file = join(dir, 'sheet.xlsx');
    writeFileSync(file, body);
    const code = `
import json, sys, datetime, openpyxl
ws = openpyxl.load_workbook(sys.argv[1]).active
def v(c):
    return c.isoformat() if isinstance(c, datetime.datetime) else c
print(json.dumps({"title": ws.title, "rtl": ws.sheet_view.rightToLeft, "frozen": ws.freeze_panes, "bold": ws["A1"].font.b,
  "formats": [c.number_format for c in ws[2]], "rows": [[v(c) for c in r] for r in ws.iter_rows(values_only=True)]}))
`;
    return JSON.parse(execFileSync('/usr/bin/python3', ['-c', code, file], { encoding: 'utf8' }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};

async function* batchesOf(rows: SheetCell[][], size: number) {
  for (let i = 0; i < rows.length; i += size) yield rows.slice(i, i + size);
}

describe('xlsxSheetStream', () => {
  it('cuts a text longer than an Excel cell holds, with an ellipsis, so Excel opens the file', async () => {
    const long = `${'€'.repeat(MAX_CELL_LENGTH - 2)}😀😀😀`;
    const sheet = openpyxl(await bytesOf(xlsxSheetStream(batchesOf([[long, 'short']], 1), { sheet: 'long', header: ['text', 'other'] })));
    const [cell, other] = sheet.rows[1] as [string, string];
    expect(other).toBe('short');
    expect(cell.endsWith('…')).toBe(true);
    expect(cell.slice(0, MAX_CELL_LENGTH - 2)).toBe('€'.repeat(MAX_CELL_LENGTH - 2));
    // Python counts code points: at most 32,767 UTF-16 units means no more code points than that.
    expect([...cell].length).toBeLessThanOrEqual(MAX_CELL_LENGTH);
    expect(cell).not.toMatch(/[\uD800-\uDFFF]/u);
  });

  it('writes text, numbers and dates that openpyxl reads back, the header bold and frozen, right to left', async () => {
    const rows: SheetCell[][] = [
      [1, 'النطاق العريض للجميع', new Date('2027-03-01T10:30:00Z'), new Date('2027-03-01T00:00:00Z')],
      [2, '=HYPERLINK("http://evil.example") & <b>', null, undefined],
      [3.5, 'a\u0000b\u000bc\ttab\nline', new Date('1999-12-31T00:00:00Z'), ''],
    ];
    const body = await bytesOf(
      xlsxSheetStream(batchesOf(rows, 2), {
        sheet: 'answers',
        header: ['id', 'texte « libre »', 'submitted_at', 'day'],
        dateFormats: [undefined, undefined, 'yyyy-mm-dd hh:mm', 'yyyy-mm-dd'],
        rightToLeft: true,
      }),
    );
    const sheet = openpyxl(body);
    expect(sheet.title).toBe('answers');
    expect(sheet.rtl).toBe(true);
    expect(sheet.frozen).toBe('A2');
    expect(sheet.bold).toBe(true);
    expect(sheet.formats.slice(2)).toEqual(['yyyy-mm-dd hh:mm', 'yyyy-mm-dd']);
    expect(sheet.rows).toEqual([
      ['id', 'texte « libre »', 'submitted_at', 'day'],
      [1, 'النطاق العريض للجميع', '2027-03-01T10:30:00', '2027-03-01T00:00:00'],
      // A formula stays text: never run by a spreadsheet.
      [2, '=HYPERLINK("http://evil.example") & <b>', null, null],
      // Characters XML cannot hold are dropped, tabs and line breaks kept.
      [3.5, 'abc\ttab\nline', '1999-12-31T00:00:00', null],
    ]);
  });

  it('names columns as a spreadsheet does', () => {
    expect([0, 25, 26, 51, 52, 701, 702].map(columnName)).toEqual(['A', 'Z', 'AA', 'AZ', 'BA', 'ZZ', 'AAA']);
  });

  it('takes no more memory for four times the rows', async () => {
    // Rows of about 3 KB of text that deflate keeps large (random words), 100 a batch.
    const words = Array.from({ length: 5000 }, (_, i) => `w${(i * 7919) % 100_003}x`);
    const text = (seed: number) => Array.from({ length: 300 }, (_, i) => words[(seed * 31 + i * i * 17) % words.length]).join(' ');
    const used = () => {
      const m = process.memoryUsage();
      return m.heapUsed + m.arrayBuffers;
    };
    // What the writer keeps alive, sampled after a collection at ten points of each export: the
    // garbage not yet collected made the peak vary from run to run (+2 to +37 MB for the same
    // rows, whatever their number), which says nothing of what the export holds.
    const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
    const measure = async (count: number) => {
      gc();
      const before = used();
      let peak = before;
      let bytes = 0;
      const batches = (async function* () {
        for (let i = 0; i < count; i += 100) {
          if ((i / 100) % (count / 1000) === 0) {
            gc();
            peak = Math.max(peak, used());
          }
          yield Array.from({ length: 100 }, (_, j): SheetCell[] => [i + j, text(i + j), text(i + j + 1), new Date(Date.UTC(2027, 0, 1 + ((i + j) % 365)))]);
        }
      })();
      for await (const chunk of xlsxSheetStream(batches, { sheet: 'entries', header: ['id', 'a', 'b', 'day'], dateFormats: [undefined, undefined, undefined, 'yyyy-mm-dd'] })) {
        bytes += (chunk as Uint8Array).byteLength;
      }
      return { growth: (peak - before) / 2 ** 20, mib: bytes / 2 ** 20 };
    };
    const small = await measure(5_000);
    const large = await measure(20_000);
    // The file grows fourfold (about 4.6 → 18 MiB zipped, 30 → 120 MB of XML); what stays alive
    // does not: 8 MB more at most (measured: within 1 MB); a writer that kept its XML would hold
    // up to 120 MB more.
    expect(large.mib).toBeGreaterThan(small.mib * 3.5);
    expect(large.growth).toBeLessThan(Math.max(small.growth * 1.5, small.growth + 8));
  }, 300_000);
});
