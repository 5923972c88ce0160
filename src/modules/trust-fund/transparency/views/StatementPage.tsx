import { type FormState, Field } from '../../../../core/views/components.js';
import type { ViewContext } from '../../../../core/views/context.js';
import { Layout } from '../../../../core/views/Layout.js';
import { StatementTables, type StatementView } from './StatementTables.js';

/** The statement of a period: the period form (GET, kept values, errors beside the fields), the tables, the DOCX link. */
export const StatementPage = ({
  view,
  form,
  statement,
  docxHref,
  jsonHref,
}: {
  view: ViewContext;
  form: FormState;
  statement: StatementView | null;
  docxHref: string | null;
  jsonHref: string | null;
}) => {
  const { t } = view;
  const title = t('trust-fund.transparency.statement.title');
  return (
    <Layout view={view} title={title}>
      <p>
        <a href={view.href('/trust-fund')}>{t('trust-fund.transparency.back')}</a>
      </p>
      <h1>{title}</h1>
      <p>{t('trust-fund.transparency.statement.intro')}</p>
      <form method="get" action={view.href('/trust-fund/statement')} class="trust-fund-period" noValidate>
        <Field form={form} name="from" label={t('trust-fund.transparency.statement.from')} hint={t('trust-fund.transparency.statement.day_hint')} type="date" required />
        <Field form={form} name="to" label={t('trust-fund.transparency.statement.to')} hint={t('trust-fund.transparency.statement.day_hint')} type="date" required />
        <button type="submit">{t('trust-fund.transparency.statement.show')}</button>
      </form>
      {statement && (
        <>
          <StatementTables statement={statement} locale={view.locale} />
          <ul class="trust-fund-downloads">
            {docxHref && (
              <li>
                <a href={docxHref}>{t('trust-fund.transparency.statement.docx')}</a>
              </li>
            )}
            {jsonHref && (
              <li>
                <a href={jsonHref}>{t('trust-fund.transparency.statement.json')}</a>
              </li>
            )}
          </ul>
        </>
      )}
    </Layout>
  );
};
