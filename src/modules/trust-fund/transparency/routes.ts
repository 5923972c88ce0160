/**
 * The public transparency pages of the WSIS Trust Fund: `/{locale}/trust-fund` (charts and their
 * tables), the CSV and XLSX of each table (`/{locale}/trust-fund/{contributions|allocations|balance}.{csv|xlsx}`),
 * the statement of a period (`/{locale}/trust-fund/statement?from=&to=`, and `.docx`); in the API,
 * the statement as JSON and the IATI organisation file. Everything is summed from the ledger.
 */
import { CSV_BOM, csvLine } from '../../../core/exports/csv.js';
import type { FastifyPluginAsync } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { type SheetCell, xlsxSheetStream } from '../../../core/exports/xlsx.js';
import { badRequest, notFound } from '../../../core/http/problems.js';
import { DEFAULT_LOCALE } from '../../../core/i18n/locales.js';
import { translator } from '../../../core/i18n/translate.js';
import { emptyForm, type FormState } from '../../../core/views/components.js';
import { buildIatiOrganisation } from './iati.js';
import { langQuery, MAX_PERIOD_YEARS, parsePeriod, statementAnswer, statementQuery } from './inputs.js';
import { decimalOf } from './money.js';
import { type ExportTable, exportRows, loadTransparency, TABLE_KEYS } from './page-data.js';
import { findYearTotals } from './queries.js';
import { loadStatement } from './statement.js';
import { StatementPage } from './views/StatementPage.js';
import type { StatementView } from './views/StatementTables.js';
import { TransparencyPage } from './views/TransparencyPage.js';

const FILE = /^(contributions|allocations|balance)\.(csv|xlsx)$/;
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
/** Excel's number format of CHF amounts: two decimals, thousands grouped (shown in the reader's separators by Excel). */
export const CHF_FORMAT = '#,##0.00';

const periodQuery = (p: { from: string; to: string }) => `from=${p.from}&to=${p.to}`;

export const transparencyRoutes: FastifyPluginAsync = async (app) => {
  const db = app.platform.database.db;

  app.get('/trust-fund', async (req, reply) => {
    const data = await loadTransparency(db, req.locale);
    return reply.page(
      TransparencyPage({ view: req.view(reply), data, statementHref: `/${req.locale}/trust-fund/statement`, iatiHref: '/api/v1/trust-fund/iati-organisation.xml' }),
    );
  });

  app.get<{ Querystring: Record<string, unknown> }>('/trust-fund/statement', async (req, reply) => {
    const query = req.query ?? {};
    const result = parsePeriod(query);
    const t = translator(req.locale);
    const values = { from: typeof query.from === 'string' ? query.from.slice(0, 20) : undefined, to: typeof query.to === 'string' ? query.to.slice(0, 20) : undefined };
    if ('errors' in result) {
      const form: FormState = { values, errors: Object.fromEntries(Object.entries(result.errors).map(([k, key]) => [k, t(key, { years: MAX_PERIOD_YEARS })])) };
      return reply.page(StatementPage({ view: req.view(reply), form, statement: null, docxHref: null, jsonHref: null }), 400);
    }
    const statement = await loadStatement(db, result.period, req.locale);
    return reply.page(
      StatementPage({
        view: req.view(reply),
        form: emptyForm(result.period),
        statement,
        docxHref: `/${req.locale}/trust-fund/statement.docx?${periodQuery(result.period)}`,
        jsonHref: `/api/v1/trust-fund/statement?${periodQuery(result.period)}&lang=${req.locale}`,
      }),
    );
  });

  app.get<{ Querystring: Record<string, unknown> }>('/trust-fund/statement.docx', async (req, reply) => {
    const result = parsePeriod(req.query ?? {});
    if ('errors' in result) throw badRequest(Object.values(result.errors)[0] as string, { years: MAX_PERIOD_YEARS });
    // Loaded at the first download, not with the routes: serving pages needs no DOCX writer.
    const { statementDocx } = await import('./docx.js');
    const body = await statementDocx(await loadStatement(db, result.period, req.locale), req.locale);
    return reply
      .type(DOCX_TYPE)
      .header('content-disposition', `attachment; filename="wsis-trust-fund-statement-${result.period.from}-${result.period.to}-${req.locale}.docx"`)
      .send(body);
  });

  app.get<{ Params: { file: string } }>('/trust-fund/:file', async (req, reply) => {
    const match = FILE.exec(req.params.file);
    if (!match) throw notFound();
    const table = match[1] as ExportTable;
    const { header, rows, money } = exportRows(await loadTransparency(db, req.locale), table, req.locale);
    const name = `wsis-trust-fund-${table}-${req.locale}`;
    if (match[2] === 'csv') {
      const text = CSV_BOM + [header, ...rows].map((r) => csvLine(r)).join('');
      return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${name}.csv"`).send(text);
    }
    const t = translator(req.locale);
    const stream = xlsxSheetStream(
      (async function* () {
        yield rows as SheetCell[][];
      })(),
      { sheet: t(TABLE_KEYS[table]).slice(0, 31), header, rightToLeft: req.locale === 'ar', decimalFormats: money.map((m) => (m ? CHF_FORMAT : undefined)) },
    );
    return reply.type(XLSX_TYPE).header('content-disposition', `attachment; filename="${name}.xlsx"`).send(stream);
  });
};

export const transparencyAdminRoutes: FastifyPluginAsync = async () => {};

export const transparencyApiRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.platform.database.db;

  app.get(
    '/trust-fund/statement',
    {
      schema: {
        tags: ['trust-fund'],
        summary: 'Statement of the WSIS Trust Fund for a period',
        description:
          'Opening balance, receipts by donor, programme support costs, allocations, expenditures and closing balance of the period (value dates, both days included), summed from the ledger. Amounts are CHF as decimal strings. A period longer than 50 years, `from` after `to` or a day that does not exist is refused (400).',
        querystring: statementQuery.and(langQuery),
        response: { 200: statementAnswer },
      },
    },
    async (req) => {
      const result = parsePeriod(req.query);
      if ('errors' in result) throw badRequest(Object.values(result.errors)[0] as string, { years: MAX_PERIOD_YEARS });
      const locale = req.query.lang ?? DEFAULT_LOCALE;
      const s = await loadStatement(db, result.period, locale);
      const balances = (b: StatementView['opening']) => ({ unallocated: decimalOf(b.unallocated), allocated: decimalOf(b.allocated), total: decimalOf(b.total) });
      return {
        currency: 'CHF' as const,
        from: s.from,
        to: s.to,
        opening: balances(s.opening),
        receipts: s.receipts.map((r) => ({
          donor: { id: r.donor.id, kind: r.donor.kind, countryCode: r.donor.countryCode, name: s.donorNames.get(r.donor.id) ?? '' },
          amount: decimalOf(r.amount),
        })),
        receiptsTotal: decimalOf(s.receiptsTotal),
        psc: decimalOf(s.psc),
        allocations: decimalOf(s.allocations),
        expenditures: decimalOf(s.expenditures),
        closing: balances(s.closing),
      };
    },
  );

  app.get(
    '/trust-fund/iati-organisation.xml',
    {
      schema: {
        tags: ['trust-fund'],
        summary: 'IATI organisation file of the WSIS Trust Fund',
        description:
          'IATI Organisation Standard 2.03: the fund (reported by ITU) with its total expenditure of each calendar year in CHF, broken down into expenditures on roadmap tasks and programme support costs, from the ledger.',
        response: { 200: { description: 'IATI organisation XML', content: { 'application/xml': { schema: z.string() } } } },
      },
    },
    async (_req, reply) => {
      const now = new Date();
      const xml = buildIatiOrganisation({ reportingOrg: app.platform.config.iatiReportingOrg, years: await findYearTotals(db), now, today: now.toISOString().slice(0, 10) });
      return reply.type('application/xml; charset=utf-8').send(xml);
    },
  );
};
