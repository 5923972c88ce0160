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

const chf = (view: ViewContext, minor: bigint) => formatMoney(minor, 'CHF', view.locale);

/** The treasurer's pages, one link each. */
const LedgerNav = ({ view, current }: { view: ViewContext; current: LedgerPageName }) => (
  <nav aria-label={view.t('trust-fund.ledger.pages')}>
    <ul class="admin-links">
      {PAGES.map((p) => (
        <li>
          <a href={view.href(PATHS[p])} aria-current={p === current ? 'page' : undefined}>
            {view.t(`trust-fund.ledger.page_${p}`)}
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
  const title = view.t('trust-fund.ledger.page_ledger');
  return (
    <Frame view={view} current="ledger" title={title}>
      <p>{view.t('trust-fund.ledger.available', { amount: chf(view, available) })}</p>
      <Table
        caption={view.t('trust-fund.ledger.balances_caption')}
        empty=""
        rows={[...ACCOUNTS]}
        columns={[
          { header: view.t('trust-fund.ledger.account'), rowHeader: true, cell: (a) => view.t(`trust-fund.ledger.account_${a}`) },
          { header: view.t('trust-fund.ledger.balance'), numeric: true, cell: (a) => chf(view, balances[a]) },
        ]}
      />
      <form method="get" action={view.href(PATHS.ledger)} class="filters">
        <Select
          form={filters}
          name="kind"
          label={view.t('trust-fund.ledger.kind')}
          placeholder={view.t('trust-fund.ledger.any_kind')}
          options={ENTRY_KINDS.map((k) => ({ value: k, label: view.t(`trust-fund.ledger.kind_${k}`) }))}
        />
        <Field form={filters} name="from" type="date" label={view.t('trust-fund.ledger.from')} />
        <Field form={filters} name="to" type="date" label={view.t('trust-fund.ledger.to')} />
        <button type="submit" class="button button-secondary">
          {view.t('trust-fund.ledger.filter')}
        </button>
      </form>
      <p>{view.t('trust-fund.ledger.entries_count', { count: total })}</p>
      <Table
        caption={view.t('trust-fund.ledger.entries_caption')}
        empty={view.t('trust-fund.ledger.entries_empty')}
        rows={entries}
        columns={[
          { header: view.t('trust-fund.ledger.entry'), rowHeader: true, cell: (e) => <span dir="ltr">#{e.id}</span> },
          { header: view.t('trust-fund.ledger.value_date'), cell: (e) => view.fmt.date(e.valueDate) },
          {
            header: view.t('trust-fund.ledger.kind'),
            cell: (e) => (
              <>
                {view.t(`trust-fund.ledger.kind_${e.kind}`)}
                {e.reversesId !== null && <> {view.t('trust-fund.ledger.reverses', { id: e.reversesId })}</>}
                {e.reversedById !== null && <> {view.t('trust-fund.ledger.reversed_by', { id: e.reversedById })}</>}
              </>
            ),
          },
          {
            header: view.t('trust-fund.ledger.about'),
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
                {e.reason && <span> {view.t('trust-fund.ledger.reason_is', { reason: e.reason })}</span>}
                {e.overrideReason && <span> {view.t('trust-fund.ledger.override_is', { reason: e.overrideReason })}</span>}
              </>
            ),
          },
          {
            header: view.t('trust-fund.ledger.original'),
            numeric: true,
            cell: (e) => (e.currency && e.amountMinor !== null ? formatMoney(e.amountMinor, e.currency, view.locale) : ''),
          },
          {
            header: view.t('trust-fund.ledger.lines'),
            cell: (e) => (
              <ul class="plain">
                {e.lines.map((l) => (
                  <li>
                    {view.t(l.amountChf > 0n ? 'trust-fund.ledger.debit' : 'trust-fund.ledger.credit', {
                      account: view.t(`trust-fund.ledger.account_${l.account}`),
                      amount: chf(view, l.amountChf > 0n ? l.amountChf : -l.amountChf),
                    })}
                  </li>
                ))}
              </ul>
            ),
          },
          {
            header: view.t('trust-fund.ledger.actions'),
            cell: (e) =>
              e.kind !== 'reversal' && e.reversedById === null ? (
                <a href={view.href(`${PATHS.reversal}?entry=${e.id}`)}>{view.t('trust-fund.ledger.reverse_link', { id: e.id })}</a>
              ) : (
                ''
              ),
          },
        ]}
      />
      {pageCount > 1 && (
        <nav aria-label={view.t('trust-fund.ledger.pagination')}>
          <ul class="pagination">
            {page > 1 && (
              <li>
                <a href={view.href(`${PATHS.ledger}?${query}page=${page - 1}`)}>{view.t('trust-fund.ledger.previous')}</a>
              </li>
            )}
            <li>{view.t('trust-fund.ledger.page_of', { page, pages: pageCount })}</li>
            {page < pageCount && (
              <li>
                <a href={view.href(`${PATHS.ledger}?${query}page=${page + 1}`)}>{view.t('trust-fund.ledger.next')}</a>
              </li>
            )}
          </ul>
        </nav>
      )}
    </Frame>
  );
};

const labelsOf = (view: ViewContext, names: string[]) => Object.fromEntries(names.map((n) => [n, view.t(`trust-fund.ledger.field_${n.replace(/\..*$/, '')}`)]));

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
  const title = view.t('trust-fund.ledger.page_donors');
  const labels = labelsOf(view, ['kind', 'countryCode', 'organizationId', ...LOCALES.map((l) => `name.${l}`)]);
  return (
    <Frame view={view} current="donors" title={title}>
      <Table
        caption={view.t('trust-fund.ledger.donors_caption')}
        empty={view.t('trust-fund.ledger.donors_empty')}
        rows={donors}
        columns={[
          { header: view.t('trust-fund.ledger.field_name'), rowHeader: true, cell: (d) => <bdi>{d.name}</bdi> },
          { header: view.t('trust-fund.ledger.field_kind'), cell: (d) => view.t(`trust-fund.ledger.donor_${d.kind}`) },
          { header: view.t('trust-fund.ledger.field_countryCode'), cell: (d) => <span dir="ltr">{d.countryCode ?? ''}</span> },
        ]}
      />
      <h2>{view.t('trust-fund.ledger.donor_new')}</h2>
      <ErrorSummary view={view} form={form} labels={labels} />
      <PostForm view={view} action={view.href(PATHS.donors)}>
        <Select form={form} name="kind" label={labels.kind ?? ''} options={DONOR_KINDS.map((k) => ({ value: k, label: view.t(`trust-fund.ledger.donor_${k}`) }))} />
        <Select
          form={form}
          name="countryCode"
          label={labels.countryCode ?? ''}
          hint={view.t('trust-fund.ledger.country_hint')}
          placeholder={view.t('trust-fund.ledger.none')}
          options={countries.map((c) => ({ value: c.code, label: c.name }))}
        />
        <Field form={form} name="organizationId" label={labels.organizationId ?? ''} hint={view.t('trust-fund.ledger.organization_hint')} maxLength={15} />
        {LOCALES.map((l) => (
          <Field form={form} name={`name.${l}`} label={view.t('trust-fund.ledger.name_in', { language: languageName(view, l) })} maxLength={300} dir="auto" />
        ))}
        <button type="submit" class="button">
          {view.t('trust-fund.ledger.donor_add')}
        </button>
      </PostForm>
    </Frame>
  );
};

const DonorSelect = ({ view, form, donors }: { view: ViewContext; form: FormState; donors: Named[] }) => (
  <Select
    form={form}
    name="donorId"
    label={view.t('trust-fund.ledger.field_donorId')}
    required
    placeholder={view.t('trust-fund.ledger.choose')}
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
  const title = view.t('trust-fund.ledger.page_pledges');
  const labels = labelsOf(view, ['donorId', 'currency', 'amount', 'pledgedOn', 'actionLine']);
  return (
    <Frame view={view} current="pledges" title={title}>
      <Table
        caption={view.t('trust-fund.ledger.pledges_caption')}
        empty={view.t('trust-fund.ledger.pledges_empty')}
        rows={pledges}
        columns={[
          { header: view.t('trust-fund.ledger.field_donorId'), rowHeader: true, cell: (p) => <bdi>{p.donor}</bdi> },
          { header: view.t('trust-fund.ledger.field_pledgedOn'), cell: (p) => view.fmt.date(p.pledgedOn) },
          { header: view.t('trust-fund.ledger.field_amount'), numeric: true, cell: (p) => formatMoney(p.amountMinor, p.currency, view.locale) },
        ]}
      />
      <h2>{view.t('trust-fund.ledger.pledge_new')}</h2>
      <ErrorSummary view={view} form={form} labels={labels} />
      <PostForm view={view} action={view.href(PATHS.pledges)}>
        <DonorSelect view={view} form={form} donors={donors} />
        <Field form={form} name="currency" label={labels.currency ?? ''} hint={view.t('trust-fund.ledger.currency_hint')} required maxLength={3} />
        <Field form={form} name="amount" label={labels.amount ?? ''} hint={view.t('trust-fund.ledger.amount_hint')} required maxLength={30} dir="ltr" />
        <Field form={form} name="pledgedOn" type="date" label={labels.pledgedOn ?? ''} required />
        <Field form={form} name="actionLine" label={labels.actionLine ?? ''} maxLength={20} />
        <button type="submit" class="button">
          {view.t('trust-fund.ledger.pledge_add')}
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
  const title = view.t('trust-fund.ledger.page_rates');
  const labels = labelsOf(view, ['currency', 'month', 'rate']);
  return (
    <Frame view={view} current="rates" title={title}>
      <h2>{view.t('trust-fund.ledger.rate_new')}</h2>
      <ErrorSummary view={view} form={form} labels={labels} />
      <PostForm view={view} action={view.href(PATHS.rates)}>
        <Field form={form} name="currency" label={labels.currency ?? ''} hint={view.t('trust-fund.ledger.currency_hint')} required maxLength={3} />
        <Field form={form} name="month" label={labels.month ?? ''} hint={view.t('trust-fund.ledger.month_hint')} required />
        <Field form={form} name="rate" label={labels.rate ?? ''} hint={view.t('trust-fund.ledger.rate_hint')} required maxLength={30} dir="ltr" />
        <button type="submit" class="button">
          {view.t('trust-fund.ledger.rate_save')}
        </button>
      </PostForm>
      <h2>{view.t('trust-fund.ledger.rate_import')}</h2>
      <ErrorSummary view={view} form={importForm} labels={{ file: view.t('trust-fund.ledger.field_file') }} />
      <form method="post" action={view.href(`${PATHS.rates}/import`)} enctype="multipart/form-data" novalidate>
        <input type="hidden" name="_csrf" value={view.csrfToken} />
        <div class={importForm.errors.file ? 'field field-error' : 'field'}>
          <label for="field-file">{view.t('trust-fund.ledger.field_file')}</label>
          <p class="hint" id="field-file-hint">
            {view.t('trust-fund.ledger.file_hint')}
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
          {view.t('trust-fund.ledger.rate_import_button')}
        </button>
      </form>
      <Table
        caption={view.t('trust-fund.ledger.rates_caption')}
        empty={view.t('trust-fund.ledger.rates_empty')}
        rows={rates}
        columns={[
          { header: labels.currency ?? '', rowHeader: true, cell: (r) => <span dir="ltr">{r.currency}</span> },
          { header: labels.month ?? '', cell: (r) => view.fmt.date(r.month, { year: 'numeric', month: 'long' }) },
          { header: labels.rate ?? '', numeric: true, cell: (r) => <span dir="ltr">{r.chfPerUnit.replace(/0+$/, '').replace(/\.$/, '')}</span> },
          { header: view.t('trust-fund.ledger.source'), cell: (r) => view.t(`trust-fund.ledger.source_${r.source}`) },
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
  const title = view.t(`trust-fund.ledger.page_${kind}`);
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
  /** An amount in Swiss francs (an allocation, an expenditure). */
  const amountInChf = (
    <Field form={form} name="amount" label={view.t('trust-fund.ledger.field_amount_chf')} hint={view.t('trust-fund.ledger.amount_hint')} required maxLength={30} dir="ltr" />
  );
  return (
    <Frame view={view} current={kind} title={title}>
      <p>{view.t('trust-fund.ledger.available', { amount: chf(view, available) })}</p>
      <ErrorSummary view={view} form={form} labels={labels} />
      <PostForm view={view} action={view.href(PATHS[kind])}>
        {kind === 'receipt' && (
          <>
            <DonorSelect view={view} form={form} donors={donors} />
            <Field form={form} name="pledgeId" label={labels.pledgeId ?? ''} hint={view.t('trust-fund.ledger.pledge_hint')} maxLength={15} />
            <Field form={form} name="currency" label={labels.currency ?? ''} hint={view.t('trust-fund.ledger.currency_hint')} required maxLength={3} />
            <Field form={form} name="amount" label={labels.amount ?? ''} hint={view.t('trust-fund.ledger.amount_hint')} required maxLength={30} dir="ltr" />
            <Field form={form} name="pscPercent" label={labels.pscPercent ?? ''} hint={view.t('trust-fund.ledger.psc_hint')} maxLength={6} dir="ltr" />
          </>
        )}
        {kind === 'allocation' && (
          <>
            <Select
              form={form}
              name="taskId"
              label={labels.taskId ?? ''}
              required
              placeholder={view.t('trust-fund.ledger.choose')}
              options={tasks.map((t) => ({ value: String(t.id), label: t.label }))}
            />
            {amountInChf}
            {canOverride && (
              <TextArea form={form} name="overrideReason" label={labels.overrideReason ?? ''} hint={view.t('trust-fund.ledger.override_hint')} rows={2} maxLength={500} />
            )}
          </>
        )}
        {kind === 'expenditure' && (
          <>
            <Select
              form={form}
              name="allocationId"
              label={labels.allocationId ?? ''}
              required
              placeholder={view.t('trust-fund.ledger.choose')}
              options={allocations.map((a) => ({ value: String(a.id), label: a.label }))}
            />
            {amountInChf}
          </>
        )}
        {kind === 'reversal' && (
          <>
            <Field form={form} name="entryId" label={labels.entryId ?? ''} required maxLength={15} dir="ltr" />
            <TextArea form={form} name="reason" label={labels.reason ?? ''} required rows={2} maxLength={500} />
          </>
        )}
        <Field
          form={form}
          name="valueDate"
          type="date"
          label={labels.valueDate ?? ''}
          hint={view.t(kind === 'receipt' ? 'trust-fund.ledger.value_date_hint' : 'trust-fund.ledger.value_date_plain_hint')}
          required
        />
        {kind !== 'reversal' && <Field form={form} name="description" label={labels.description ?? ''} maxLength={500} dir="auto" />}
        <button type="submit" class="button">
          {view.t(`trust-fund.ledger.post_${kind}`)}
        </button>
      </PostForm>
    </Frame>
  );
};
