import type { ViewContext } from '../../../../core/views/context.js';
import { Layout } from '../../../../core/views/Layout.js';
import { Table } from '../../../../core/views/components.js';
import type { RowError } from '../read-file.js';

export type ImportReport = { fileName: string; total: number; created: number[]; errors: RowError[]; written: boolean };

/** Most problems listed on the page (the count says how many there are in all). */
const SHOWN_ERRORS = 1000;

/** Moderators: upload a CSV or Excel file of entries; after an upload, the report of what happened. */
export const ImportPage = ({ view, allOrNothing = false, formError, report }: { view: ViewContext; allOrNothing?: boolean; formError?: string; report?: ImportReport }) => {
  const { t } = view;
  const rowsWithErrors = report ? new Set(report.errors.map((e) => e.row)).size : 0;
  return (
    <Layout view={view} title={t('stocktaking.import.title')}>
      <h1>{t('stocktaking.import.title')}</h1>
      <p class="lead">{t('stocktaking.import.lead')}</p>
      <p>
        <a href={`${view.href('/stocktaking/data')}#columns`}>{t('stocktaking.import.format_link')}</a>
      </p>
      {report && (
        <section aria-labelledby="import-report" class="import-report">
          <h2 id="import-report">{t('stocktaking.import.report_title', { file: report.fileName })}</h2>
          <p role="status" class={report.written ? 'notice' : 'error'}>
            {report.written
              ? t('stocktaking.import.report_written', { created: report.created.length, total: report.total })
              : t('stocktaking.import.report_nothing', { total: report.total })}{' '}
            {report.errors.length > 0 && t('stocktaking.import.report_errors', { count: report.errors.length, rows: rowsWithErrors })}
          </p>
          {report.created.length > 0 && (
            <p>
              <a href={view.href(`/stocktaking/${report.created[0]}`)}>{t('stocktaking.import.first_entry')}</a>
            </p>
          )}
          {report.errors.length > 0 && (
            <Table
              caption={t('stocktaking.import.errors_caption')}
              empty=""
              rows={report.errors.slice(0, SHOWN_ERRORS)}
              columns={[
                { header: t('stocktaking.import.row_header'), cell: (e) => view.fmt.number(e.row), numeric: true },
                { header: t('stocktaking.import.column_header'), cell: (e) => (e.column ? <code dir="ltr">{e.column}</code> : '—') },
                { header: t('stocktaking.import.problem_header'), cell: (e) => e.message },
              ]}
            />
          )}
          {report.errors.length > SHOWN_ERRORS && <p>{t('stocktaking.import.more_errors', { count: report.errors.length - SHOWN_ERRORS })}</p>}
        </section>
      )}
      <form method="post" action={view.href('/admin/stocktaking/import')} enctype="multipart/form-data" novalidate>
        <input type="hidden" name="_csrf" value={view.csrfToken} />
        <div class={formError ? 'field field-error' : 'field'}>
          <label for="import-file">{t('stocktaking.import.file_label')}</label>
          <p class="hint" id="import-file-hint">
            {t('stocktaking.import.file_hint')}
          </p>
          {formError && (
            <p class="error-message" id="import-file-error" role="alert">
              {formError}
            </p>
          )}
          <input
            id="import-file"
            type="file"
            name="file"
            accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            required
            aria-describedby={formError ? 'import-file-hint import-file-error' : 'import-file-hint'}
            aria-invalid={formError ? 'true' : undefined}
          />
        </div>
        <div class="field">
          <div class="checkbox">
            <input type="checkbox" id="import-all-or-nothing" name="allOrNothing" value="1" checked={allOrNothing} aria-describedby="import-all-or-nothing-hint" />
            <label for="import-all-or-nothing">{t('stocktaking.import.all_or_nothing')}</label>
          </div>
          <p class="hint" id="import-all-or-nothing-hint">
            {t('stocktaking.import.all_or_nothing_hint')}
          </p>
        </div>
        <button type="submit" class="button">
          {t('stocktaking.import.submit')}
        </button>
      </form>
    </Layout>
  );
};
