import { LOCALES } from '../../../../core/i18n/locales.js';
import { ErrorSummary, Field, type FormState, PostForm, Select, Table, TextArea } from '../../../../core/views/components.js';
import type { ViewContext } from '../../../../core/views/context.js';
import { Layout } from '../../../../core/views/Layout.js';
import { languageName } from '../../../../core/views/LocalizedText.js';
import { formatMoney } from '../../money.js';
import { ACCOUNTS, type Account, DONOR_KINDS, ENTRY_KINDS } from '../../tables.js';
import type { LedgerEntry } from '../queries.js';

const PAGES = ['ledger', 'donors', 'pledges', 'rates', 'receipt', 'allocation', 'expenditure', 'reversal'] as const;
export type LedgerPageName = (typeof PAGES)[number];
const PATHS: Record<LedgerPageName, string> = {
  ledger: '/admin/trust-fund',
  donors: '/admin/trust-fund/donors',
  pledges: '/admin/trust-fund/pledges',
  rates: '/admin/trust-fund/rates',
  receipt: '/admin/trust-fund/receipts/new',
  allocation: '/admin/trust-fund/allocations/new',
  expenditure: '/admin/trust-fund/expenditures/new',
  reversal: '/admin/trust-fund/reversals/new',
};
export const ledgerPath = (page: LedgerPageName) => PATHS[page];

const T = (view: ViewContext, k: string, params?: Record<string, string | number>) => view.t(`trust-fund.ledger.${k}`, params);
const chf = (view: ViewContext, minor: bigint) => formatMoney(minor, 'CHF', view.locale);

/** The treasurer's pages, one link each. */
const LedgerNav = ({ view, current }: { view: ViewContext; current: LedgerPageName }) => (
  <nav aria-label={T(view, 'pages')}>
    <ul class="admin-links">
      {PAGES.map((p) => (
        <li>
          <a href={view.href(PATHS[p])} aria-current={p === current ? 'page' : undefined}>
            {T(view, `page_${p}`)}
          </a>
        </li>
      ))}
    </ul>
  </nav>
);

const Frame = ({ view, current, title, children }: { view: ViewContext; current: LedgerPageName; title: string; children: preact.ComponentChildren }) => (
  <Layout view={view} title={title} wide>
    <h1>{title}</h1>
    <LedgerNav view={view} current={current} />
    {children}
  </Layout>
);

export type Named = { id: number; label: string };

/** The ledger: what is available, entries with their lines, filters. */
export const LedgerPage = ({
  view,
  entries,
  total,
  page,
  pageCount,
  filters,
  available,
  balances,
  donorNames,
  taskNames,
  query,
}: {
  view: ViewContext;
  entries: LedgerEntry[];
  total: number;
  page: number;
  pageCount: number;
  filters: FormState;
  available: bigint;
  balances: Record<Account, bigint>;
  donorNames: Map<number, string>;
  taskNames: Map<number, string>;
  query: string;
}) => {
  const title = T(view, 'page_ledger');
  return (
    <Frame view={view} current="ledger" title={title}>
      <p>{T(view, 'available', { amount: chf(view, available) })}</p>
      <Table
        caption={T(view, 'balances_caption')}
        empty=""
        rows={[...ACCOUNTS]}
        columns={[
          { header: T(view, 'account'), rowHeader: true, cell: (a) => T(view, `account_${a}`) },
          { header: T(view, 'balance'), numeric: true, cell: (a) => chf(view, balances[a]) },
        ]}
      />
      <form method="get" action={view.href(PATHS.ledger)} class="filters">
        <Select
          form={filters}
          name="kind"
          label={T(view, 'kind')}
          placeholder={T(view, 'any_kind')}
          options={ENTRY_KINDS.map((k) => ({ value: k, label: T(view, `kind_${k}`) }))}
        />
        <Field form={filters} name="from" type="date" label={T(view, 'from')} />
        <Field form={filters} name="to" type="date" label={T(view, 'to')} />
        <button type="submit" class="button button-secondary">
          {T(view, 'filter')}
        </button>
      </form>
      <p>{T(view, 'entries_count', { count: total })}</p>
      <Table
        caption={T(view, 'entries_caption')}
        empty={T(view, 'entries_empty')}
        rows={entries}
        columns={[
          { header: T(view, 'entry'), rowHeader: true, cell: (e) => <span dir="ltr">#{e.id}</span> },
          { header: T(view, 'value_date'), cell: (e) => view.fmt.date(e.valueDate) },
          {
            header: T(view, 'kind'),
            cell: (e) => (
              <>
                {T(view, `kind_${e.kind}`)}
                {e.reversesId !== null && <> {T(view, 'reverses', { id: e.reversesId })}</>}
                {e.reversedById !== null && <> {T(view, 'reversed_by', { id: e.reversedById })}</>}
              </>
            ),
          },
          {
            header: T(view, 'about'),
            cell: (e) => (
              <>
                {e.donorId !== null && <bdi>{donorNames.get(e.donorId) ?? `#${e.donorId}`}</bdi>}
                {e.taskId !== null && <bdi>{taskNames.get(e.taskId) ?? `#${e.taskId}`}</bdi>}
                {e.description && (
                  <>
                    {' '}
                    <bdi>{e.description}</bdi>
                  </>
                )}
                {e.reason && <span> {T(view, 'reason_is', { reason: e.reason })}</span>}
                {e.overrideReason && <span> {T(view, 'override_is', { reason: e.overrideReason })}</span>}
              </>
            ),
          },
          {
            header: T(view, 'original'),
            numeric: true,
            cell: (e) => (e.currency && e.amountMinor !== null ? formatMoney(e.amountMinor, e.currency, view.locale) : ''),
          },
          {
            header: T(view, 'lines'),
            cell: (e) => (
              <ul class="plain">
                {e.lines.map((l) => (
                  <li>
                    {T(view, l.amountChf > 0n ? 'debit' : 'credit', { account: T(view, `account_${l.account}`), amount: chf(view, l.amountChf > 0n ? l.amountChf : -l.amountChf) })}
                  </li>
                ))}
              </ul>
            ),
          },
          {
            header: T(view, 'actions'),
            cell: (e) =>
              e.kind !== 'reversal' && e.reversedById === null ? <a href={view.href(`${PATHS.reversal}?entry=${e.id}`)}>{T(view, 'reverse_link', { id: e.id })}</a> : '',
          },
        ]}
      />
      {pageCount > 1 && (
        <nav aria-label={T(view, 'pagination')}>
          <ul class="pagination">
            {page > 1 && (
              <li>
                <a href={view.href(`${PATHS.ledger}?${query}page=${page - 1}`)}>{T(view, 'previous')}</a>
              </li>
            )}
            <li>{T(view, 'page_of', { page, pages: pageCount })}</li>
            {page < pageCount && (
              <li>
                <a href={view.href(`${PATHS.ledger}?${query}page=${page + 1}`)}>{T(view, 'next')}</a>
              </li>
            )}
          </ul>
        </nav>
      )}
    </Frame>
  );
};

const labelsOf = (view: ViewContext, names: string[]) => Object.fromEntries(names.map((n) => [n, T(view, `field_${n.replace(/\..*$/, '')}`)]));

export const DonorsPage = ({
  view,
  form,
  donors,
  countries,
}: {
  view: ViewContext;
  form: FormState;
  donors: { id: number; kind: string; name: string; countryCode: string | null }[];
  countries: { code: string; name: string }[];
}) => {
  const title = T(view, 'page_donors');
  const labels = labelsOf(view, ['kind', 'countryCode', 'organizationId', ...LOCALES.map((l) => `name.${l}`)]);
  return (
    <Frame view={view} current="donors" title={title}>
      <Table
        caption={T(view, 'donors_caption')}
        empty={T(view, 'donors_empty')}
        rows={donors}
        columns={[
          { header: T(view, 'field_name'), rowHeader: true, cell: (d) => <bdi>{d.name}</bdi> },
          { header: T(view, 'field_kind'), cell: (d) => T(view, `donor_${d.kind}`) },
          { header: T(view, 'field_countryCode'), cell: (d) => <span dir="ltr">{d.countryCode ?? ''}</span> },
        ]}
      />
      <h2>{T(view, 'donor_new')}</h2>
      <ErrorSummary view={view} form={form} labels={labels} />
      <PostForm view={view} action={view.href(PATHS.donors)}>
        <Select form={form} name="kind" label={labels.kind ?? ''} options={DONOR_KINDS.map((k) => ({ value: k, label: T(view, `donor_${k}`) }))} />
        <Select
          form={form}
          name="countryCode"
          label={labels.countryCode ?? ''}
          hint={T(view, 'country_hint')}
          placeholder={T(view, 'none')}
          options={countries.map((c) => ({ value: c.code, label: c.name }))}
        />
        <Field form={form} name="organizationId" label={labels.organizationId ?? ''} hint={T(view, 'organization_hint')} maxLength={15} />
        {LOCALES.map((l) => (
          <Field form={form} name={`name.${l}`} label={T(view, 'name_in', { language: languageName(view, l) })} maxLength={300} dir="auto" />
        ))}
        <button type="submit" class="button">
          {T(view, 'donor_add')}
        </button>
      </PostForm>
    </Frame>
  );
};

const DonorSelect = ({ view, form, donors }: { view: ViewContext; form: FormState; donors: Named[] }) => (
  <Select
    form={form}
    name="donorId"
    label={T(view, 'field_donorId')}
    required
    placeholder={T(view, 'choose')}
    options={donors.map((d) => ({ value: String(d.id), label: d.label }))}
  />
);

export const PledgesPage = ({
  view,
  form,
  pledges,
  donors,
}: {
  view: ViewContext;
  form: FormState;
  pledges: { id: number; donor: string; currency: string; amountMinor: bigint; pledgedOn: string }[];
  donors: Named[];
}) => {
  const title = T(view, 'page_pledges');
  const labels = labelsOf(view, ['donorId', 'currency', 'amount', 'pledgedOn', 'actionLine']);
  return (
    <Frame view={view} current="pledges" title={title}>
      <Table
        caption={T(view, 'pledges_caption')}
        empty={T(view, 'pledges_empty')}
        rows={pledges}
        columns={[
          { header: T(view, 'field_donorId'), rowHeader: true, cell: (p) => <bdi>{p.donor}</bdi> },
          { header: T(view, 'field_pledgedOn'), cell: (p) => view.fmt.date(p.pledgedOn) },
          { header: T(view, 'field_amount'), numeric: true, cell: (p) => formatMoney(p.amountMinor, p.currency, view.locale) },
        ]}
      />
      <h2>{T(view, 'pledge_new')}</h2>
      <ErrorSummary view={view} form={form} labels={labels} />
      <PostForm view={view} action={view.href(PATHS.pledges)}>
        <DonorSelect view={view} form={form} donors={donors} />
        <Field form={form} name="currency" label={labels.currency ?? ''} hint={T(view, 'currency_hint')} required maxLength={3} />
        <Field form={form} name="amount" label={labels.amount ?? ''} hint={T(view, 'amount_hint')} required maxLength={30} dir="ltr" />
        <Field form={form} name="pledgedOn" type="date" label={labels.pledgedOn ?? ''} required />
        <Field form={form} name="actionLine" label={labels.actionLine ?? ''} maxLength={20} />
        <button type="submit" class="button">
          {T(view, 'pledge_add')}
        </button>
      </PostForm>
    </Frame>
  );
};

export const RatesPage = ({
  view,
  form,
  importForm,
  rates,
}: {
  view: ViewContext;
  form: FormState;
  importForm: FormState;
  rates: { currency: string; month: string; chfPerUnit: string; source: string }[];
}) => {
  const title = T(view, 'page_rates');
  const labels = labelsOf(view, ['currency', 'month', 'rate']);
  return (
    <Frame view={view} current="rates" title={title}>
      <h2>{T(view, 'rate_new')}</h2>
      <ErrorSummary view={view} form={form} labels={labels} />
      <PostForm view={view} action={view.href(PATHS.rates)}>
        <Field form={form} name="currency" label={labels.currency ?? ''} hint={T(view, 'currency_hint')} required maxLength={3} />
        <Field form={form} name="month" label={labels.month ?? ''} hint={T(view, 'month_hint')} required />
        <Field form={form} name="rate" label={labels.rate ?? ''} hint={T(view, 'rate_hint')} required maxLength={30} dir="ltr" />
        <button type="submit" class="button">
          {T(view, 'rate_save')}
        </button>
      </PostForm>
      <h2>{T(view, 'rate_import')}</h2>
      <ErrorSummary view={view} form={importForm} labels={{ file: T(view, 'field_file') }} />
      <form method="post" action={view.href(`${PATHS.rates}/import`)} enctype="multipart/form-data" novalidate>
        <input type="hidden" name="_csrf" value={view.csrfToken} />
        <div class={importForm.errors.file ? 'field field-error' : 'field'}>
          <label for="field-file">{T(view, 'field_file')}</label>
          <p class="hint" id="field-file-hint">
            {T(view, 'file_hint')}
          </p>
          {importForm.errors.file && (
            <p class="error" id="field-file-error">
              {importForm.errors.file}
            </p>
          )}
          <input
            id="field-file"
            type="file"
            name="file"
            accept=".csv,text/csv"
            aria-describedby={importForm.errors.file ? 'field-file-hint field-file-error' : 'field-file-hint'}
          />
        </div>
        <button type="submit" class="button">
          {T(view, 'rate_import_button')}
        </button>
      </form>
      <Table
        caption={T(view, 'rates_caption')}
        empty={T(view, 'rates_empty')}
        rows={rates}
        columns={[
          { header: labels.currency ?? '', rowHeader: true, cell: (r) => <span dir="ltr">{r.currency}</span> },
          { header: labels.month ?? '', cell: (r) => view.fmt.date(r.month, { year: 'numeric', month: 'long' }) },
          { header: labels.rate ?? '', numeric: true, cell: (r) => <span dir="ltr">{r.chfPerUnit.replace(/0+$/, '').replace(/\.$/, '')}</span> },
          { header: T(view, 'source'), cell: (r) => T(view, `source_${r.source}`) },
        ]}
      />
    </Frame>
  );
};

/** The form of one posting: a receipt, an allocation, an expenditure or a reversal. */
export const PostingPage = ({
  view,
  kind,
  form,
  donors = [],
  tasks = [],
  allocations = [],
  canOverride = false,
  available,
}: {
  view: ViewContext;
  kind: 'receipt' | 'allocation' | 'expenditure' | 'reversal';
  form: FormState;
  donors?: Named[];
  tasks?: Named[];
  allocations?: Named[];
  canOverride?: boolean;
  available: bigint;
}) => {
  const title = T(view, `page_${kind}`);
  const labels = labelsOf(view, [
    'donorId',
    'pledgeId',
    'currency',
    'amount',
    'valueDate',
    'description',
    'pscPercent',
    'taskId',
    'overrideReason',
    'allocationId',
    'entryId',
    'reason',
  ]);
  return (
    <Frame view={view} current={kind} title={title}>
      <p>{T(view, 'available', { amount: chf(view, available) })}</p>
      <ErrorSummary view={view} form={form} labels={labels} />
      <PostForm view={view} action={view.href(PATHS[kind])}>
        {kind === 'receipt' && (
          <>
            <DonorSelect view={view} form={form} donors={donors} />
            <Field form={form} name="pledgeId" label={labels.pledgeId ?? ''} hint={T(view, 'pledge_hint')} maxLength={15} />
            <Field form={form} name="currency" label={labels.currency ?? ''} hint={T(view, 'currency_hint')} required maxLength={3} />
            <Field form={form} name="amount" label={labels.amount ?? ''} hint={T(view, 'amount_hint')} required maxLength={30} dir="ltr" />
            <Field form={form} name="pscPercent" label={labels.pscPercent ?? ''} hint={T(view, 'psc_hint')} maxLength={6} dir="ltr" />
          </>
        )}
        {kind === 'allocation' && (
          <>
            <Select
              form={form}
              name="taskId"
              label={labels.taskId ?? ''}
              required
              placeholder={T(view, 'choose')}
              options={tasks.map((t) => ({ value: String(t.id), label: t.label }))}
            />
            <Field form={form} name="amount" label={T(view, 'field_amount_chf')} hint={T(view, 'amount_hint')} required maxLength={30} dir="ltr" />
            {canOverride && <TextArea form={form} name="overrideReason" label={labels.overrideReason ?? ''} hint={T(view, 'override_hint')} rows={2} maxLength={500} />}
          </>
        )}
        {kind === 'expenditure' && (
          <>
            <Select
              form={form}
              name="allocationId"
              label={labels.allocationId ?? ''}
              required
              placeholder={T(view, 'choose')}
              options={allocations.map((a) => ({ value: String(a.id), label: a.label }))}
            />
            <Field form={form} name="amount" label={T(view, 'field_amount_chf')} hint={T(view, 'amount_hint')} required maxLength={30} dir="ltr" />
          </>
        )}
        {kind === 'reversal' && (
          <>
            <Field form={form} name="entryId" label={labels.entryId ?? ''} required maxLength={15} dir="ltr" />
            <TextArea form={form} name="reason" label={labels.reason ?? ''} required rows={2} maxLength={500} />
          </>
        )}
        <Field form={form} name="valueDate" type="date" label={labels.valueDate ?? ''} hint={T(view, kind === 'receipt' ? 'value_date_hint' : 'value_date_plain_hint')} required />
        {kind !== 'reversal' && <Field form={form} name="description" label={labels.description ?? ''} maxLength={500} dir="auto" />}
        <button type="submit" class="button">
          {T(view, `post_${kind}`)}
        </button>
      </PostForm>
    </Frame>
  );
};
