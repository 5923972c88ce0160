import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { CSV_BOM, csvLine } from './csv.js';

describe('CSV fields (every export)', () => {
  it('reads back with an independent parser: quotes, line breaks, exact decimals, days, and formulas neutralized', () => {
    const text =
      CSV_BOM +
      csvLine(['Donor', 'Amount', 'Day']) +
      csvLine(['=HYPERLINK("http://x")', { decimal: '9007199254740993.50' }, new Date('2026-01-20T00:00:00Z')]) +
      csvLine(['Ligne, "citée"\nsuite', -12, null]);
    const rows = parse(text, { bom: true }) as string[][];
    expect(rows).toEqual([
      ['Donor', 'Amount', 'Day'],
      ['\'=HYPERLINK("http://x")', '9007199254740993.50', '2026-01-20'],
      ['Ligne, "citée"\nsuite', '-12', ''],
    ]);
  });
});
