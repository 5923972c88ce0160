import { ErrorSummary, Field, type FormState, Table } from '../../../../core/views/components.js';
import type { ViewContext } from '../../../../core/views/context.js';
import { Layout } from '../../../../core/views/Layout.js';
import type { calls } from '../../tables.js';

type Call = typeof calls.$inferSelect;

/** The yearly calls for new and updated entries: past ones, and the form to open one. */
export const CallsPage = ({ view, rows, form }: { view: ViewContext; rows: Call[]; form: FormState }) => {
  const { t } = view;
  const labels = { opensOn: t('stocktaking.moderation.opens_on'), closesOn: t('stocktaking.moderation.closes_on') };
  return (
    <Layout view={view} title={t('stocktaking.moderation.calls_title')}>
      <p class="breadcrumb">
        <a href={view.href('/admin/stocktaking')}>{t('stocktaking.moderation.queue_title')}</a>
      </p>
      <h1>{t('stocktaking.moderation.calls_title')}</h1>
      <p>{t('stocktaking.moderation.calls_intro')}</p>
      <Table
        caption={t('stocktaking.moderation.calls_caption')}
        empty={t('stocktaking.moderation.calls_empty')}
        rows={rows}
        columns={[
          { header: labels.opensOn, cell: (c) => view.fmt.date(c.opensOn) },
          { header: labels.closesOn, cell: (c) => view.fmt.date(c.closesOn) },
          { header: t('stocktaking.moderation.owners_notified'), cell: (c) => view.fmt.number(c.ownersNotified), numeric: true },
          { header: t('stocktaking.moderation.entries_concerned'), cell: (c) => view.fmt.number(c.entriesConcerned), numeric: true },
        ]}
      />
      <h2>{t('stocktaking.moderation.open_call')}</h2>
      <ErrorSummary view={view} form={form} labels={labels} />
      <form method="post" action={view.href('/admin/stocktaking/calls')} novalidate>
        <input type="hidden" name="_csrf" value={view.csrfToken} />
        <Field form={form} name="opensOn" type="date" label={labels.opensOn} required />
        <Field form={form} name="closesOn" type="date" label={labels.closesOn} required />
        <button type="submit" class="button">
          {t('stocktaking.moderation.open_call_button')}
        </button>
      </form>
    </Layout>
  );
};
