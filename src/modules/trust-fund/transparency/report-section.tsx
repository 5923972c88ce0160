/**
 * The Trust Fund's part of the periodic reports: the statement of the report's period, as HTML in
 * the report's language. The report's `to` is taken as exclusive (an instant, as the calendar's
 * ranges): the statement's last day is the UTC day before it, its first the UTC day of `from`.
 */
import { render } from 'preact-render-to-string';
import type { DbOrTx } from '../../../core/db/client.js';
import type { Locale } from '../../../core/i18n/locales.js';
import { translator } from '../../../core/i18n/translate.js';
import { loadStatement } from './statement.js';
import { periodLabel, StatementTables } from './views/StatementTables.js';

export const reportPeriod = ({ from, to }: { from: Date; to: Date }) => {
  const first = from.toISOString().slice(0, 10);
  const last = new Date(Math.max(from.getTime(), to.getTime() - 1)).toISOString().slice(0, 10);
  return { from: first, to: last };
};

export const buildReportSection = async (db: DbOrTx, { from, to, locale }: { from: Date; to: Date; locale: Locale }): Promise<{ html: string }> => {
  const t = translator(locale);
  const statement = await loadStatement(db, reportPeriod({ from, to }), locale);
  return {
    html: render(
      <section class="report-trust-fund" lang={locale} dir={locale === 'ar' ? 'rtl' : 'ltr'}>
        <h2>{`${t('trust-fund.transparency.report_section')} (${periodLabel(statement, locale)})`}</h2>
        <p>{t('trust-fund.transparency.statement.intro')}</p>
        <StatementTables statement={statement} locale={locale} headingLevel={3} />
      </section>,
    ),
  };
};
