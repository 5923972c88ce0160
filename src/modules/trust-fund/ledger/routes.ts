/**
 * The ledger: the treasurer's pages under /{locale}/admin/trust-fund (ledger, donors, pledges,
 * rates, and one form per posting) and the public ledger API. Plain POST forms answered by a
 * redirect, or by the form again with what was typed and the errors beside the fields.
 */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { isUploadedFile } from '../../../core/http/body-parsers.js';
import { formText, formValues } from '../../../core/http/forms.js';
import { type Actor, authorize, can } from '../../../core/permissions/index.js';
import { emptyForm, type FormState } from '../../../core/views/components.js';
import { findCountries, countryName } from '../../reference/queries.js';
import { findTaskIds, findTaskSummaries } from '../../roadmaps/queries.js';
import { formatMoney, toDecimalString } from '../money.js';
import { findBalances, getAvailableToAllocate } from '../queries.js';
import { ENTRY_KINDS } from '../tables.js';
import { postAllocation } from './commands/post-allocation.js';
import { postExpenditure } from './commands/post-expenditure.js';
import { postReceipt } from './commands/post-receipt.js';
import { postReversal } from './commands/post-reversal.js';
import { recordPledge } from './commands/record-pledge.js';
import { createDonor } from './commands/save-donor.js';
import { importRates, readRate, setRate } from './commands/set-rates.js';
import { allocationFromForm, donorFromForm, expenditureFromForm, type FormRead, ledgerFilters, pledgeFromForm, receiptFromForm, reversalFromForm } from './inputs.js';
import { findDonors, findLedgerEntries, findOpenAllocations, findPledges, findRates, LEDGER_PAGE_SIZE } from './queries.js';
import type { Refusal } from './rules.js';
import { DonorsPage, LedgerPage, ledgerPath, PledgesPage, PostingPage, RatesPage } from './views/LedgerPages.js';

/** The public ledger has no pages of its own: transparency/ shows the fund. */
export const ledgerRoutes: FastifyPluginAsync = async () => {};

const RATES_MAX_BYTES = 1024 * 1024;

const treasurer = (req: FastifyRequest): Actor => {
  authorize(req.actor, 'trust-fund.ledger.post');
  return req.actor as Actor;
};
const translated = (req: FastifyRequest, errors: Record<string, string>) => Object.fromEntries(Object.entries(errors).map(([k, key]) => [k, req.t(key)]));
/** A command's refusal beside its field; amounts in its params (CHF minor units) formatted for the reader. */
const refusalForm = (req: FastifyRequest, values: FormState['values'], refusal: Refusal): FormState => {
  const params = Object.fromEntries(
    Object.entries(refusal.params ?? {}).map(([k, v]) => [k, k === 'available' || k === 'unspent' ? formatMoney(BigInt(v), 'CHF', req.locale) : v]),
  );
  return { values, errors: { [refusal.field]: req.t(`trust-fund.ledger.errors.${refusal.error}`, params) } };
};
const today = () => new Date().toISOString().slice(0, 10);

export const ledgerAdminRoutes: FastifyPluginAsync = async (app) => {
  const db = app.platform.database.db;

  const localizeName = (req: FastifyRequest, name: Partial<Record<string, string>>) => name[req.locale] || name.en || Object.values(name).find(Boolean) || '';
  const donorOptions = async (req: FastifyRequest) => (await findDonors(db)).map((d) => ({ id: d.id, label: localizeName(req, d.name) }));
  const taskOptions = async (req: FastifyRequest) =>
    (await findTaskSummaries(db, await findTaskIds(db, { limit: 1000 }))).map((t) => ({ id: t.id, label: `${t.actionLine} — ${localizeName(req, t.title)}` }));

  app.get<{ Querystring: Record<string, string> }>('/trust-fund', async (req, reply) => {
    treasurer(req);
    const parsed = ledgerFilters.safeParse(req.query ?? {});
    const filters = parsed.success ? parsed.data : { page: 1 };
    const [ledger, available, balances, donors] = await Promise.all([findLedgerEntries(db, filters), getAvailableToAllocate(db), findBalances(db), findDonors(db)]);
    const taskIds = [...new Set(ledger.items.map((e) => e.taskId).filter((id): id is number => id !== null))];
    const tasks = await findTaskSummaries(db, taskIds);
    const query = ['kind', 'from', 'to']
      .filter((k) => parsed.success && parsed.data[k as 'kind'])
      .map((k) => `${k}=${encodeURIComponent(String(parsed.success ? parsed.data[k as 'kind'] : ''))}&`)
      .join('');
    return reply.page(
      LedgerPage({
        view: req.view(reply),
        entries: ledger.items,
        total: ledger.total,
        page: ledger.page,
        pageCount: Math.max(1, Math.ceil(ledger.total / LEDGER_PAGE_SIZE)),
        filters: emptyForm(parsed.success ? { kind: filters.kind, from: filters.from, to: filters.to } : {}),
        available,
        balances,
        donorNames: new Map(donors.map((d) => [d.id, localizeName(req, d.name)])),
        taskNames: new Map(tasks.map((t) => [t.id, `${t.actionLine} — ${localizeName(req, t.title)}`])),
        query,
      }),
    );
  });

  // Donors
  const donorsPage = async (req: FastifyRequest, reply: FastifyReply, form: FormState, code = 200) => {
    const [donors, countries] = await Promise.all([findDonors(db), findCountries(db)]);
    return reply.page(
      DonorsPage({
        view: req.view(reply),
        form,
        donors: donors.map((d) => ({ id: d.id, kind: d.kind, name: localizeName(req, d.name), countryCode: d.countryCode })),
        countries: countries.map((c) => ({ code: c.code, name: countryName(c.code, req.locale) })).sort((a, b) => a.name.localeCompare(b.name, req.locale)),
      }),
      code,
    );
  };
  app.get('/trust-fund/donors', async (req, reply) => {
    treasurer(req);
    return donorsPage(req, reply, emptyForm({ kind: 'member-state' }));
  });
  app.post('/trust-fund/donors', async (req, reply) => {
    const actor = treasurer(req);
    const values = formValues(req.body);
    const parsed = donorFromForm(values);
    if (!parsed.ok) return donorsPage(req, reply, { values, errors: translated(req, parsed.errors) }, 400);
    const result = await createDonor(db, { actor, input: parsed.input, ip: req.ip });
    if (!result.ok) return donorsPage(req, reply, refusalForm(req, values, result), 400);
    reply.flash('notice', req.t('trust-fund.ledger.donor_added'));
    return reply.seeOther(`/${req.locale}${ledgerPath('donors')}`);
  });

  // Pledges
  const pledgesPage = async (req: FastifyRequest, reply: FastifyReply, form: FormState, code = 200) => {
    const [pledges, donors] = await Promise.all([findPledges(db), findDonors(db)]);
    const names = new Map(donors.map((d) => [d.id, localizeName(req, d.name)]));
    return reply.page(
      PledgesPage({
        view: req.view(reply),
        form,
        pledges: pledges.map((p) => ({ id: p.id, donor: names.get(p.donorId) ?? '', currency: p.currency, amountMinor: p.amountMinor, pledgedOn: p.pledgedOn })),
        donors: donors.map((d) => ({ id: d.id, label: names.get(d.id) ?? '' })),
      }),
      code,
    );
  };
  app.get('/trust-fund/pledges', async (req, reply) => {
    treasurer(req);
    return pledgesPage(req, reply, emptyForm({ pledgedOn: today() }));
  });
  app.post('/trust-fund/pledges', async (req, reply) => {
    const actor = treasurer(req);
    const values = formValues(req.body);
    const parsed = pledgeFromForm(values);
    if (!parsed.ok) return pledgesPage(req, reply, { values, errors: translated(req, parsed.errors) }, 400);
    const result = await recordPledge(db, { actor, input: parsed.input, ip: req.ip });
    if (!result.ok) return pledgesPage(req, reply, refusalForm(req, values, result), 400);
    reply.flash('notice', req.t('trust-fund.ledger.pledge_added'));
    return reply.seeOther(`/${req.locale}${ledgerPath('pledges')}`);
  });

  // Rates
  const ratesPage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    { form = emptyForm(), importForm = emptyForm(), code = 200 }: { form?: FormState; importForm?: FormState; code?: number },
  ) => reply.page(RatesPage({ view: req.view(reply), form, importForm, rates: await findRates(db) }), code);
  app.get('/trust-fund/rates', async (req, reply) => {
    treasurer(req);
    return ratesPage(req, reply, {});
  });
  app.post('/trust-fund/rates', async (req, reply) => {
    const actor = treasurer(req);
    const values = formValues(req.body);
    const read = readRate({ currency: formText(values, 'currency'), month: formText(values, 'month'), rate: formText(values, 'rate') });
    if (!read.ok) return ratesPage(req, reply, { form: { values, errors: { [read.field]: req.t(`trust-fund.ledger.errors.${read.error}`) } }, code: 400 });
    await setRate(db, { actor, rate: read.rate, ip: req.ip });
    reply.flash('notice', req.t('trust-fund.ledger.rate_saved'));
    return reply.seeOther(`/${req.locale}${ledgerPath('rates')}`);
  });
  app.post('/trust-fund/rates/import', { config: { multipart: { files: 1, fileSize: RATES_MAX_BYTES, ability: 'trust-fund.ledger.post' } } }, async (req, reply) => {
    const actor = treasurer(req);
    const file = ((req.body ?? {}) as Record<string, unknown>).file;
    const refuse = (message: string) => ratesPage(req, reply, { importForm: { values: {}, errors: { file: message } }, code: 400 });
    if (!isUploadedFile(file) || file.size === 0) return refuse(req.t('trust-fund.ledger.errors.no_file'));
    if (file.truncated) return refuse(req.t('trust-fund.ledger.errors.file_too_large'));
    const result = await importRates(db, { actor, csv: (await file.read()).toString('utf8'), ip: req.ip });
    if (!result.ok) {
      if ('lines' in result) {
        const lines = result.lines.map((l) => req.t('trust-fund.ledger.errors.csv_line', { line: l.line, error: req.t(`trust-fund.ledger.errors.${l.error}`) }));
        return refuse(`${req.t('trust-fund.ledger.errors.csv_refused')} ${lines.join(' ')}`);
      }
      return refuse(req.t(`trust-fund.ledger.errors.${result.error}`));
    }
    reply.flash('notice', req.t('trust-fund.ledger.rates_imported', { count: result.count }));
    return reply.seeOther(`/${req.locale}${ledgerPath('rates')}`);
  });

  // Postings: one page each, the same steps.
  const postings = {
    receipt: { path: '/trust-fund/receipts/new', read: receiptFromForm, post: postReceipt, done: 'trust-fund.ledger.receipt_posted' },
    allocation: { path: '/trust-fund/allocations/new', read: allocationFromForm, post: postAllocation, done: 'trust-fund.ledger.allocation_posted' },
    expenditure: { path: '/trust-fund/expenditures/new', read: expenditureFromForm, post: postExpenditure, done: 'trust-fund.ledger.expenditure_posted' },
    reversal: { path: '/trust-fund/reversals/new', read: reversalFromForm, post: postReversal, done: 'trust-fund.ledger.reversal_posted' },
  } as const;
  type Kind = keyof typeof postings;

  const postingPage = async (req: FastifyRequest, reply: FastifyReply, kind: Kind, form: FormState, code = 200) => {
    const [donors, tasks, allocations, available] = await Promise.all([
      kind === 'receipt' ? donorOptions(req) : [],
      kind === 'allocation' ? taskOptions(req) : [],
      kind === 'expenditure' ? findOpenAllocations(db) : [],
      getAvailableToAllocate(db),
    ]);
    const taskNames = new Map((kind === 'expenditure' ? await taskOptions(req) : []).map((t) => [t.id, t.label]));
    return reply.page(
      PostingPage({
        view: req.view(reply),
        kind,
        form,
        donors,
        tasks,
        allocations: allocations.map((a) => ({ id: a.id, label: `#${a.id} ${a.valueDate} ${a.taskId !== null ? (taskNames.get(a.taskId) ?? '') : ''} ${a.description}`.trim() })),
        canOverride: can(req.actor, 'trust-fund.ledger.override'),
        available,
      }),
      code,
    );
  };

  for (const kind of Object.keys(postings) as Kind[]) {
    const { path, read, post, done } = postings[kind];
    app.get<{ Querystring: Record<string, string> }>(path, async (req, reply) => {
      treasurer(req);
      const entry = typeof req.query?.entry === 'string' && /^\d{1,15}$/.test(req.query.entry) ? req.query.entry : '';
      return postingPage(req, reply, kind, emptyForm({ valueDate: today(), currency: 'CHF', ...(entry ? { entryId: entry } : {}) }));
    });
    app.post(path, async (req, reply) => {
      const actor = treasurer(req);
      const values = formValues(req.body);
      const parsed = (read as (v: FormState['values']) => FormRead<unknown>)(values);
      if (!parsed.ok) return postingPage(req, reply, kind, { values, errors: translated(req, parsed.errors) }, 400);
      const result = await (post as (db: unknown, args: { actor: Actor; input: unknown; ip?: string }) => Promise<{ ok: true } | Refusal>)(db, {
        actor,
        input: parsed.input,
        ip: req.ip,
      });
      if (!result.ok) return postingPage(req, reply, kind, refusalForm(req, values, result), 400);
      reply.flash('notice', req.t(done));
      return reply.seeOther(`/${req.locale}${ledgerPath('ledger')}`);
    });
  }
};

const amount = z
  .string()
  .regex(/^-?\d+(\.\d+)?$/)
  .meta({ example: '1250.50' });
const lineOut = z.object({
  account: z.enum(['unallocated', 'allocated', 'contributions', 'psc', 'expenditure']),
  amount: amount.describe('CHF, signed: debit positive, credit negative, as a decimal string'),
  currency: z.literal('CHF'),
  donor: z.number().int().nullable(),
  task: z.number().int().nullable(),
});
const entryOut = z.object({
  id: z.number().int(),
  kind: z.enum(ENTRY_KINDS),
  valueDate: z.string().meta({ example: '2026-03-15' }),
  description: z.string(),
  donor: z.number().int().nullable(),
  task: z.number().int().nullable(),
  relatedEntry: z.number().int().nullable(),
  reverses: z.number().int().nullable(),
  reversedBy: z.number().int().nullable(),
  reason: z.string().nullable(),
  overrideReason: z.string().nullable(),
  original: z.object({ amount, currency: z.string().meta({ example: 'JPY' }), chfPerUnit: z.string().meta({ example: '0.005912000000' }) }).nullable(),
  lines: z.array(lineOut),
});

/** GET /api/v1/trust-fund/ledger: the public ledger, entries with their lines, amounts as decimal strings. */
export const ledgerApiRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.platform.database.db;
  app.get(
    '/trust-fund/ledger',
    {
      schema: {
        tags: ['trust-fund'],
        summary: 'The WSIS Trust Fund ledger: journal entries with their CHF lines (debit positive, credit negative), newest first, 50 a page; money as decimal strings',
        querystring: ledgerFilters,
        response: { 200: z.object({ items: z.array(entryOut), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() }) },
      },
    },
    async (req) => {
      const ledger = await findLedgerEntries(db, req.query);
      return {
        items: ledger.items.map((e) => ({
          id: e.id,
          kind: e.kind,
          valueDate: e.valueDate,
          description: e.description,
          donor: e.donorId,
          task: e.taskId,
          relatedEntry: e.relatedEntryId,
          reverses: e.reversesId,
          reversedBy: e.reversedById,
          reason: e.reason,
          overrideReason: e.overrideReason,
          original:
            e.currency && e.amountMinor !== null && e.chfPerUnit !== null
              ? { amount: toDecimalString(e.amountMinor, e.currency), currency: e.currency, chfPerUnit: e.chfPerUnit }
              : null,
          lines: e.lines.map((l) => ({ account: l.account, amount: toDecimalString(l.amountChf, 'CHF'), currency: 'CHF' as const, donor: l.donorId, task: l.taskId })),
        })),
        total: ledger.total,
        page: ledger.page,
        pageSize: LEDGER_PAGE_SIZE,
      };
    },
  );
};
