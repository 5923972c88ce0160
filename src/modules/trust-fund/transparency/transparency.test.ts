/**
 * The public Trust Fund pages against the ledger: every figure of the page, the statement (HTML,
 * JSON, DOCX), the exports (CSV, XLSX read back) and the IATI organisation file (the official
 * schema) equals sums of the ledger's lines computed here in BigInt; opening + movements = closing
 * for random periods; bad periods are a localized 400.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCALES } from '../../../core/i18n/locales.js';
import { cellText } from '../../../core/reports/document.js';
import { createTestKit, type TestKit } from '../../../test/app.js';
import { decimalOf, formatChf } from './money.js';
import { reportPeriod } from './report-section.js';
import { periodLabel } from './views/StatementTables.js';
import { insertDonor, insertTask, postAllocation, postExpenditure, postPsc, postReceipt, postReversal } from './test-helpers.js';

let kit: TestKit;
let dir: string;
const ids = { france: 0, foundation: 0, kenya: 0, taskC2: 0, taskC5: 0 };
type Line = { account: string; donor_id: number | null; amount: bigint; value_date: string };
let lines: Line[] = [];

const IATI = join(import.meta.dirname, '../../../../test/vendor/iati/iati-organisations-schema.xsd');

/** Sums of the ledger's lines, computed here (not by the module's queries). */
const sum = (pred: (l: Line) => boolean) => lines.filter(pred).reduce((s, l) => s + l.amount, 0n);
const expected = (from: string, to: string) => {
  const fund = (l: Line) => l.account === 'unallocated' || l.account === 'allocated';
  const inPeriod = (l: Line) => l.value_date >= from && l.value_date <= to;
  const opening = sum((l) => fund(l) && l.value_date < from);
  const receipts = -sum((l) => l.account === 'contributions' && inPeriod(l));
  const psc = sum((l) => l.account === 'psc' && inPeriod(l));
  const expenditures = sum((l) => l.account === 'expenditure' && inPeriod(l));
  const closing = sum((l) => fund(l) && l.value_date <= to);
  const allocations = sum((l) => l.account === 'allocated' && inPeriod(l)) + expenditures;
  return { opening, receipts, psc, expenditures, closing, allocations };
};

const python = (code: string, ...args: string[]) => execFileSync('/usr/bin/python3', ['-c', code, ...args], { encoding: 'utf8' });

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'wsis-trust-fund-'));
  kit = await createTestKit();
  const { db } = kit.database;
  ids.france = await insertDonor(db, { kind: 'member-state', countryCode: 'FR' });
  ids.kenya = await insertDonor(db, { kind: 'member-state', countryCode: 'KE' });
  ids.foundation = await insertDonor(db, { kind: 'organization', name: { en: 'Digital Futures Foundation', fr: 'Fondation Avenirs numériques' } });
  ids.taskC2 = await insertTask(db, { actionLine: 'C2', title: { en: 'Rural broadband study', fr: 'Étude sur le haut débit rural' } });
  ids.taskC5 = await insertTask(db, { actionLine: 'C5', title: { en: 'Cybersecurity workshops' } });
  // Three years of movements, amounts with odd cents, a reversal of a receipt.
  await postReceipt(db, { donorId: ids.france, amount: 10_000_000n, valueDate: '2024-02-15' });
  await postPsc(db, { amount: 700_000n, valueDate: '2024-02-15', donorId: ids.france });
  await postReceipt(db, { donorId: ids.foundation, amount: 2_500_033n, valueDate: '2024-11-30' });
  await postAllocation(db, { taskId: ids.taskC2, amount: 4_000_000n, valueDate: '2025-01-10' });
  await postAllocation(db, { taskId: ids.taskC5, amount: 1_234_567n, valueDate: '2025-03-01' });
  await postExpenditure(db, { taskId: ids.taskC2, amount: 1_500_001n, valueDate: '2025-06-30' });
  const wrong = await postReceipt(db, { donorId: ids.kenya, amount: 999_999n, valueDate: '2025-07-01' });
  await postReversal(db, { entryId: wrong, valueDate: '2025-07-02', reason: 'Entered twice' });
  await postReceipt(db, { donorId: ids.kenya, amount: 99_999n, valueDate: '2025-07-03' });
  await postReceipt(db, { donorId: ids.france, amount: 12_345_678_901_234n, valueDate: '2026-01-05' });
  await postExpenditure(db, { taskId: ids.taskC5, amount: 234_567n, valueDate: '2026-02-01' });
  const { rows } = await db.execute<{ account: string; donor_id: number | null; amount: string; value_date: string }>(
    sql`select account, donor_id, amount_chf::text as amount, value_date::text as value_date from trust_fund_lines`,
  );
  lines = rows.map((r) => ({ ...r, donor_id: r.donor_id === null ? null : Number(r.donor_id), amount: BigInt(r.amount) }));
}, 180_000);

afterAll(async () => {
  await kit?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('the statement', () => {
  it('gives the sums of the ledger lines of the period as decimal strings', async () => {
    const res = await kit.app.inject({ url: '/api/v1/trust-fund/statement?from=2025-01-01&to=2025-12-31&lang=fr' });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    const e = expected('2025-01-01', '2025-12-31');
    expect(body.opening.total).toBe(decimalOf(e.opening));
    expect(body.receiptsTotal).toBe(decimalOf(e.receipts));
    expect(body.psc).toBe(decimalOf(e.psc));
    expect(body.allocations).toBe(decimalOf(e.allocations));
    expect(body.expenditures).toBe(decimalOf(e.expenditures));
    expect(body.closing.total).toBe(decimalOf(e.closing));
    // The reversed receipt counts for nothing; Kenya's name is the country list's, in French.
    expect(body.receipts).toEqual([{ donor: { id: ids.kenya, kind: 'member-state', countryCode: 'KE', name: 'Kenya' }, amount: '999.99' }]);
    expect(body.allocations).toBe('52345.67');
    expect(typeof body.closing.total).toBe('string');
  });

  it('keeps opening + receipts − psc − expenditures = closing, and matches the lines, for random periods', async () => {
    let seed = 7;
    const next = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed / 2_147_483_648;
    };
    const day = () => new Date(Date.UTC(2023, 6, 1) + Math.floor(next() * 1000) * 86_400_000).toISOString().slice(0, 10);
    for (let i = 0; i < 12; i++) {
      const [from, to] = [day(), day()].sort() as [string, string];
      const body = (await kit.app.inject({ url: `/api/v1/trust-fund/statement?from=${from}&to=${to}` })).json();
      const big = (s: string) => BigInt(s.replace('.', ''));
      expect(big(body.opening.total) + big(body.receiptsTotal) - big(body.psc) - big(body.expenditures)).toBe(big(body.closing.total));
      expect(big(body.opening.unallocated) + big(body.receiptsTotal) - big(body.psc) - big(body.allocations)).toBe(big(body.closing.unallocated));
      const e = expected(from, to);
      expect([body.opening.total, body.closing.total, body.receiptsTotal]).toEqual([decimalOf(e.opening), decimalOf(e.closing), decimalOf(e.receipts)]);
      expect(body.receipts.reduce((s: bigint, r: { amount: string }) => s + big(r.amount), 0n)).toBe(big(body.receiptsTotal));
    }
  });

  it.each([
    ['from=2025-12-31&to=2025-01-01', 'to'],
    ['from=2025-02-30&to=2025-12-31', 'from'],
    ['from=yesterday&to=2025-12-31', 'from'],
    ['from=1950-01-01&to=2025-12-31', 'to'],
  ])('refuses %s with a localized 400 (API, page, DOCX)', async (query) => {
    const api = await kit.app.inject({ url: `/api/v1/trust-fund/statement?${query}`, headers: { 'accept-language': 'fr' } });
    expect(api.statusCode).toBe(400);
    expect(api.headers['content-type']).toContain('application/problem+json');
    const page = await kit.app.inject({ url: `/fr/trust-fund/statement?${query}` });
    expect(page.statusCode).toBe(400);
    expect(page.body).toMatch(/Saisissez une date qui existe|La fin de la période ne peut précéder son début|Un état couvre au plus 50 ans/);
    expect(page.body).toContain('aria-invalid="true"');
    const docx = await kit.app.inject({ url: `/es/trust-fund/statement.docx?${query}` });
    expect(docx.statusCode).toBe(400);
  });

  it('shows the statement page with the figures formatted in the reader language', async () => {
    const e = expected('2024-01-01', '2024-12-31');
    for (const locale of LOCALES) {
      const res = await kit.app.inject({ url: `/${locale}/trust-fund/statement?from=2024-01-01&to=2024-12-31` });
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain(formatChf(e.closing, locale));
      expect(res.body).toContain(formatChf(e.receipts, locale));
    }
    const fr = await kit.app.inject({ url: '/fr/trust-fund/statement?from=2024-01-01&to=2024-12-31' });
    expect(fr.body).toContain('France');
    expect(fr.body).toContain('Fondation Avenirs numériques');
  });

  it('is a DOCX in six languages with the same figures, right to left in Arabic', async () => {
    const e = expected('2025-01-01', '2026-12-31');
    for (const locale of LOCALES) {
      const res = await kit.app.inject({ url: `/${locale}/trust-fund/statement.docx?from=2025-01-01&to=2026-12-31` });
      expect(res.statusCode).toBe(200);
      const file = join(dir, `statement-${locale}.docx`);
      writeFileSync(file, res.rawPayload);
      const xml = python('import sys, zipfile; print(zipfile.ZipFile(sys.argv[1]).read("word/document.xml").decode())', file);
      const text = xml.replace(/<[^>]+>/g, '');
      expect(text).toContain(formatChf(e.closing, locale));
      expect(text).toContain(formatChf(e.opening, locale));
      expect(text).toContain(formatChf(e.receipts, locale));
      if (locale === 'ar') expect(xml).toContain('<w:bidi/>');
      else expect(xml).not.toContain('<w:bidi/>');
    }
  });

  it('is the Trust Fund section of the reports, as blocks: real tables of exact amounts equal to the ledger, a chart of receipts by donor', async () => {
    const module = kit.app.platform.modules.find((m) => m.id === 'trust-fund');
    expect(module?.contributes?.reportSections?.map((s) => s.id)).toEqual(['trust-fund.statement']);
    const section = module?.contributes?.reportSections?.[0];
    if (!section) throw new Error('no section');
    const from = new Date('2025-01-01T00:00:00Z');
    const to = new Date('2026-01-01T00:00:00Z');
    expect(reportPeriod({ from, to })).toEqual({ from: '2025-01-01', to: '2025-12-31' });
    const e = expected('2025-01-01', '2025-12-31');
    const build = (db: Parameters<typeof section.build>[0], asOf: Date, locale: 'en' | 'ar' = 'en') => section.build(db, { from, to, asOf, locale, options: {} });
    const later = new Date(Date.now() + 3_600_000);
    const { blocks } = await build(kit.database.db, later);
    const tables = blocks.filter((b) => b.type === 'table');
    const period = periodLabel({ from: '2025-01-01', to: '2025-12-31' }, 'en');
    expect(period).toMatch(/^January 1\s–\sDecember 31, 2025$/);
    expect(tables.map((t) => t.caption)).toEqual([`Statement of the fund, ${period}`, `Contributions received by donor, ${period}`, `Unallocated and allocated funds, ${period}`]);
    const [summary, receipts, funds] = tables;
    expect(summary?.rowHeader).toBe(true);
    expect(summary?.columns).toEqual([{ label: 'Item' }, { label: 'Amount', numeric: true }]);
    expect(summary?.rows.map((r) => r[1])).toEqual(
      [e.opening, e.receipts, -e.psc, -e.expenditures, e.closing].map((a) => ({ text: formatChf(a, 'en'), value: Number(decimalOf(a)) })),
    );
    expect(summary?.rows[0]?.[0]).toEqual([{ text: 'Opening balance', bold: true }]);
    // Kenya's receipt net of its reversal; the total in bold.
    expect(receipts?.rows.map((r) => r.map(cellText))).toEqual([
      ['Kenya', formatChf(99_999n, 'en')],
      ['Total', formatChf(e.receipts, 'en')],
    ]);
    expect(funds?.rows.at(-1)?.map(cellText)).toEqual([
      'Closing balance',
      ...[e.closing - sum((l) => l.account === 'allocated' && l.value_date <= '2025-12-31'), sum((l) => l.account === 'allocated' && l.value_date <= '2025-12-31'), e.closing].map(
        (a) => formatChf(a, 'en'),
      ),
    ]);
    const chart = blocks.find((b) => b.type === 'chart');
    expect(chart).toEqual({
      type: 'chart',
      title: `Contributions received by donor, ${period}`,
      labelHeading: 'Donor',
      valueHeading: 'Amount',
      data: [{ label: 'Kenya', value: 999.99, display: formatChf(99_999n, 'en') }],
    });
    expect(blocks[0]).toMatchObject({ type: 'paragraph' });
    // Arabic: the same figures, in Arabic formatting.
    const ar = await build(kit.database.db, later, 'ar');
    const arSummary = ar.blocks.find((b) => b.type === 'table');
    expect(arSummary?.type === 'table' && arSummary.rows.at(-1)?.[1]).toEqual({ text: formatChf(e.closing, 'ar'), value: Number(decimalOf(e.closing)) });
    // The ledger as posted before the cut-off: an entry posted after it is left out (rolled back here).
    const cut = new Date();
    await new Promise((resolve) => setTimeout(resolve, 20));
    const rollback = new Error('rollback');
    await expect(
      kit.database.db.transaction(async (tx) => {
        await postReceipt(tx, { donorId: ids.kenya, amount: 777n, valueDate: '2025-05-05' });
        const closing = async (asOf: Date) => {
          const found = (await build(tx, asOf)).blocks.find((b) => b.type === 'table');
          return found?.type === 'table' ? found.rows.at(-1)?.[1] : null;
        };
        expect(await closing(cut)).toEqual({ text: formatChf(e.closing, 'en'), value: Number(decimalOf(e.closing)) });
        expect(await closing(later)).toEqual({ text: formatChf(e.closing + 777n, 'en'), value: Number(decimalOf(e.closing + 777n)) });
        throw rollback;
      }),
    ).rejects.toBe(rollback);
  });
});

describe('the public page', () => {
  it('shows contributions by donor and year, allocations by task, the balance by month, each chart with its table', async () => {
    const res = await kit.app.inject({ url: '/en/trust-fund' });
    expect(res.statusCode).toBe(200);
    const body = res.body;
    expect(body.match(/<div class="bar-chart" role="img"/g)?.length).toBe(3);
    expect(body.match(/<table>/g)?.length).toBe(3);
    // France in 2026: the large amount is exact to the centime.
    expect(body).toContain(formatChf(12_345_678_901_234n, 'en'));
    expect(body).toContain(formatChf(-sum((l) => l.account === 'contributions' && l.donor_id === ids.france && l.value_date.startsWith('2024')), 'en'));
    expect(body).toContain('Rural broadband study');
    expect(body).toContain(formatChf(4_000_000n, 'en'));
    // Spent and remaining of C2's task.
    expect(body).toContain(formatChf(1_500_001n, 'en'));
    expect(body).toContain(formatChf(2_499_999n, 'en'));
    // The balance today is the sum of the fund's lines.
    expect(body).toContain(
      formatChf(
        sum((l) => l.account === 'unallocated' || l.account === 'allocated'),
        'en',
      ),
    );
    // Kenya's first receipt (9,999.99) was reversed: only the second (999.99) counts.
    expect(body).not.toContain('9,999.99');
  });

  it('is right to left in Arabic with the country names of the reference list', async () => {
    const res = await kit.app.inject({ url: '/ar/trust-fund' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('dir="rtl"');
    // The bars grow leftwards: each ends at the right end of its track.
    const bars = [...res.body.matchAll(/<rect x="([\d.]+)" y="0" width="([\d.]+)"/g)].map((m) => Number(m[1]) + Number(m[2]));
    expect(bars.length).toBeGreaterThan(0);
    for (const end of bars) expect(end).toBeCloseTo(100, 5);
    expect(res.body).toContain(new Intl.DisplayNames(['ar'], { type: 'region' }).of('FR'));
    expect(res.body).toContain(formatChf(4_000_000n, 'ar'));
  });
});

describe('the exports', () => {
  it('gives each table as CSV with exact decimal amounts', async () => {
    const res = await kit.app.inject({ url: '/en/trust-fund/contributions.csv' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    const rows = parse(res.body, { bom: true }) as string[][];
    expect(rows[0]).toEqual(['Donor', 'Type of donor', 'Year', 'Amount (CHF)']);
    const total = rows.slice(1).reduce((s, r) => s + BigInt((r[3] as string).replace('.', '')), 0n);
    expect(total).toBe(-sum((l) => l.account === 'contributions'));
    expect(rows).toContainEqual(['France', 'Member State', '2026', '123456789012.34']);
    const balance = parse((await kit.app.inject({ url: '/fr/trust-fund/balance.csv' })).body, { bom: true }) as string[][];
    expect(balance.at(-1)?.[2]).toBe(decimalOf(sum((l) => l.account === 'unallocated' || l.account === 'allocated')));
  });

  it('gives each table as XLSX, amounts as exact decimals in the CHF number format, right to left in Arabic', async () => {
    for (const [locale, table] of [
      ['en', 'allocations'],
      ['ar', 'contributions'],
    ] as const) {
      const res = await kit.app.inject({ url: `/${locale}/trust-fund/${table}.xlsx` });
      expect(res.statusCode).toBe(200);
      const file = join(dir, `${table}-${locale}.xlsx`);
      writeFileSync(file, res.rawPayload);
      const out = JSON.parse(
        python(
          'import sys, json, openpyxl\nwb = openpyxl.load_workbook(sys.argv[1])\nws = wb.active\nprint(json.dumps({"rtl": ws.sheet_view.rightToLeft, "rows": [[None if c.value is None else str(c.value) for c in r] for r in ws.iter_rows()], "formats": [c.number_format for c in ws[2]]}))',
          file,
        ),
      ) as { rtl: boolean | null; rows: (string | null)[][]; formats: string[] };
      if (table === 'allocations') {
        expect(out.rows[0]).toEqual(['Action line', 'Task number', 'Task', 'Allocated (CHF)', 'Spent (CHF)', 'Remaining allocated (CHF)']);
        // openpyxl reads numbers as Python floats (printed shortest): the file itself holds "40000.00" (below).
        expect(out.rows).toContainEqual(['C2', String(ids.taskC2), 'Rural broadband study', '40000.0', '15000.01', '24999.99']);
        expect(out.formats[3]).toBe('#,##0.00');
      } else {
        expect(out.rtl).toBe(true);
        expect(out.rows).toContainEqual([new Intl.DisplayNames(['ar'], { type: 'region' }).of('FR'), 'دولة عضو', '2026', '123456789012.34']);
      }
    }
    // The amount as written in the file is the exact decimal.
    const sheet = python('import sys, zipfile; print(zipfile.ZipFile(sys.argv[1]).read("xl/worksheets/sheet1.xml").decode())', join(dir, 'contributions-ar.xlsx'));
    expect(sheet).toContain('<v>123456789012.34</v>');
    expect(python('import sys, zipfile; print(zipfile.ZipFile(sys.argv[1]).read("xl/worksheets/sheet1.xml").decode())', join(dir, 'allocations-en.xlsx'))).toContain(
      '<v>40000.00</v>',
    );
  });

  it('answers 404 for a table that does not exist', async () => {
    expect((await kit.app.inject({ url: '/en/trust-fund/pledges.csv' })).statusCode).toBe(404);
  });
});

describe('the IATI organisation file', () => {
  it('is valid against the official organisation schema and gives each year total expenditure from the ledger', async () => {
    const res = await kit.app.inject({ url: '/api/v1/trust-fund/iati-organisation.xml' });
    expect(res.statusCode).toBe(200);
    const file = join(dir, 'organisation.xml');
    writeFileSync(file, res.body);
    let problems = '';
    try {
      execFileSync('xmllint', ['--noout', '--nonet', '--schema', IATI, file], { encoding: 'utf8', stdio: 'pipe' });
    } catch (e) {
      problems = String((e as { stderr?: string }).stderr ?? e);
    }
    expect(problems).toBe('');
    const spent2025 = sum((l) => (l.account === 'expenditure' || l.account === 'psc') && l.value_date.startsWith('2025'));
    expect(res.body).toContain(`<value value-date="2025-12-31">${decimalOf(spent2025)}</value>`);
    expect(res.body).toContain('<narrative xml:lang="ar">');
  });

  it('is in the OpenAPI document with the statement', async () => {
    const doc = (await kit.app.inject({ url: '/api/v1/openapi.json' })).json();
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/v1/trust-fund/statement', '/api/v1/trust-fund/iati-organisation.xml']));
  });
});
