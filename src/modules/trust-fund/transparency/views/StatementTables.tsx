/**
 * The statement of a period as tables (the page, the reports capability): balances at opening,
 * the movements of the period (receipts by donor, programme support costs, allocations,
 * expenditures) and balances at closing. Needs only a language, so a report can render it alone.
 */
import type { Locale } from '../../../../core/i18n/locales.js';
import { translator } from '../../../../core/i18n/translate.js';
import { formatChf } from '../money.js';
import type { Statement } from '../queries.js';

export type StatementView = Statement & { donorNames: Map<number, string> };

const dayFormat = (locale: Locale) => new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' });
export const periodLabel = (s: { from: string; to: string }, locale: Locale) => dayFormat(locale).formatRange(new Date(`${s.from}T12:00:00Z`), new Date(`${s.to}T12:00:00Z`));

const Row = ({ label, amount, locale, strong }: { label: string; amount: bigint; locale: Locale; strong?: boolean }) => (
  <tr>
    <th scope="row">{strong ? <strong>{label}</strong> : label}</th>
    <td class="numeric">{strong ? <strong>{formatChf(amount, locale)}</strong> : formatChf(amount, locale)}</td>
  </tr>
);

export const StatementTables = ({ statement: s, locale, headingLevel = 2 }: { statement: StatementView; locale: Locale; headingLevel?: 2 | 3 }) => {
  const t = translator(locale);
  const H = headingLevel === 2 ? 'h2' : 'h3';
  const caption = (key: string) => t(key, { period: periodLabel(s, locale) });
  return (
    <div class="trust-fund-statement">
      <H>{t('trust-fund.transparency.statement.summary')}</H>
      <div class="table-wrap" role="region" aria-label={caption('trust-fund.transparency.statement.summary_caption')} tabindex={0}>
        <table>
          <caption>{caption('trust-fund.transparency.statement.summary_caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('trust-fund.transparency.statement.item')}</th>
              <th scope="col" class="numeric">
                {t('trust-fund.transparency.amount')}
              </th>
            </tr>
          </thead>
          <tbody>
            <Row label={t('trust-fund.transparency.statement.opening')} amount={s.opening.total} locale={locale} strong />
            <Row label={t('trust-fund.transparency.statement.receipts')} amount={s.receiptsTotal} locale={locale} />
            <Row label={t('trust-fund.transparency.statement.psc')} amount={-s.psc} locale={locale} />
            <Row label={t('trust-fund.transparency.statement.expenditures')} amount={-s.expenditures} locale={locale} />
            <Row label={t('trust-fund.transparency.statement.closing')} amount={s.closing.total} locale={locale} strong />
          </tbody>
        </table>
      </div>
      <H>{t('trust-fund.transparency.statement.receipts_by_donor')}</H>
      {s.receipts.length === 0 ? (
        <p class="empty">{t('trust-fund.transparency.statement.no_receipts')}</p>
      ) : (
        <div class="table-wrap" role="region" aria-label={caption('trust-fund.transparency.statement.receipts_caption')} tabindex={0}>
          <table>
            <caption>{caption('trust-fund.transparency.statement.receipts_caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('trust-fund.transparency.donor')}</th>
                <th scope="col" class="numeric">
                  {t('trust-fund.transparency.amount')}
                </th>
              </tr>
            </thead>
            <tbody>
              {s.receipts.map((r) => (
                <Row label={s.donorNames.get(r.donor.id) ?? String(r.donor.id)} amount={r.amount} locale={locale} />
              ))}
              <Row label={t('trust-fund.transparency.statement.total')} amount={s.receiptsTotal} locale={locale} strong />
            </tbody>
          </table>
        </div>
      )}
      <H>{t('trust-fund.transparency.statement.funds')}</H>
      <div class="table-wrap" role="region" aria-label={caption('trust-fund.transparency.statement.funds_caption')} tabindex={0}>
        <table>
          <caption>{caption('trust-fund.transparency.statement.funds_caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('trust-fund.transparency.statement.item')}</th>
              <th scope="col" class="numeric">
                {t('trust-fund.transparency.statement.unallocated')}
              </th>
              <th scope="col" class="numeric">
                {t('trust-fund.transparency.statement.allocated')}
              </th>
              <th scope="col" class="numeric">
                {t('trust-fund.transparency.statement.total')}
              </th>
            </tr>
          </thead>
          <tbody>
            {(
              [
                ['trust-fund.transparency.statement.opening', s.opening.unallocated, s.opening.allocated, s.opening.total],
                ['trust-fund.transparency.statement.receipts', s.receiptsTotal, 0n, s.receiptsTotal],
                ['trust-fund.transparency.statement.psc', -s.psc, 0n, -s.psc],
                ['trust-fund.transparency.statement.allocations', -s.allocations, s.allocations, 0n],
                ['trust-fund.transparency.statement.expenditures', 0n, -s.expenditures, -s.expenditures],
                ['trust-fund.transparency.statement.closing', s.closing.unallocated, s.closing.allocated, s.closing.total],
              ] as const
            ).map(([key, u, a, total]) => (
              <tr>
                <th scope="row">{t(key)}</th>
                <td class="numeric">{formatChf(u, locale)}</td>
                <td class="numeric">{formatChf(a, locale)}</td>
                <td class="numeric">{formatChf(total, locale)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
};
