import { type Locale, LOCALES } from '../../../../core/i18n/locales.js';
import { Layout } from '../../../../core/views/Layout.js';
import type { ViewContext } from '../../../../core/views/context.js';
import type { ReportDocument } from '../../document.js';
import { ReportBody } from '../../output/html.js';
import { languageName } from '../../../../core/views/LocalizedText.js';
import type { OutputFile, PublishedReport, ReportRow } from '../queries.js';
import { downloadLabel } from './sizes.js';

/** The public address of a published report's file: `/reports/cstd/2026/cstd-2026-fr.docx`. */
export const publishedFileHref = (view: ViewContext, report: ReportRow, file: { locale: string; format: string }) =>
  view.href(`/reports/${report.templateKey}/${report.year}/${report.templateKey}-${report.year}-${file.locale}.${file.format}`);

const Downloads = ({ view, report, outputs }: { view: ViewContext; report: ReportRow; outputs: OutputFile[] }) => (
  <ul class="report-downloads">
    {outputs.map((file) => (
      <li>
        <a href={publishedFileHref(view, report, file)} hreflang={file.locale} download>
          {downloadLabel(view, file)}
        </a>
      </li>
    ))}
  </ul>
);

/** The title of a report in the reader's language, marked when it is in another. */
const ReportTitle = ({ view, report }: { view: ViewContext; report: ReportRow }) => {
  const { text, locale } = view.localizeWithLocale(report.title);
  return locale === view.locale ? <>{text}</> : <span lang={locale}>{text}</span>;
};

/** `/reports`: the final reports with files, by year, filtered by year and language. */
export const PublishedReportsPage = ({
  view,
  published,
  years,
  year,
  language,
}: {
  view: ViewContext;
  published: PublishedReport[];
  years: number[];
  year?: number;
  language?: Locale;
}) => {
  const { t } = view;
  const byYear = [...new Set(published.map((p) => p.report.year))];
  return (
    <Layout view={view} title={t('reports.build.public.title')}>
      <h1>{t('reports.build.public.title')}</h1>
      <p>{t('reports.build.public.intro')}</p>
      <form method="get" action={view.href('/reports')} class="filters">
        <div class="field">
          <label for="reports-year">{t('reports.build.public.year')}</label>
          <select id="reports-year" name="year">
            <option value="">{t('reports.build.public.all_years')}</option>
            {years.map((y) => (
              <option value={String(y)} selected={y === year}>
                {String(y)}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="reports-lang">{t('reports.build.public.language')}</label>
          <select id="reports-lang" name="lang">
            <option value="">{t('reports.build.public.all_languages')}</option>
            {LOCALES.map((l) => (
              <option value={l} selected={l === language}>
                {languageName(view, l)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" class="button button-secondary">
          {t('reports.build.public.filter')}
        </button>
      </form>
      {published.length === 0 ? <p class="empty">{t('reports.build.public.none')}</p> : null}
      {byYear.map((y) => (
        <section aria-labelledby={`reports-${y}`}>
          <h2 id={`reports-${y}`}>{t('reports.build.public.year_heading', { year: String(y) })}</h2>
          {published
            .filter((p) => p.report.year === y)
            .map(({ report, outputs }) => (
              <article class="published-report">
                <h3>
                  <ReportTitle view={view} report={report} />
                </h3>
                {report.symbol ? <p dir="ltr">{report.symbol}</p> : null}
                <p>
                  <a href={view.href(`/reports/${report.templateKey}/${report.year}`)}>{t('reports.build.public.read')}</a>
                </p>
                <Downloads view={view} report={report} outputs={outputs} />
              </article>
            ))}
        </section>
      ))}
    </Layout>
  );
};

/** `/reports/:template/:year`: a published report read on the site, from its snapshot, with its files. */
export const PublishedReportPage = ({
  view,
  report,
  doc,
  outputs,
  symbolPath = null,
}: {
  view: ViewContext;
  report: ReportRow;
  doc: ReportDocument;
  outputs: OutputFile[];
  /** The register's page of the document of the report's symbol (without the locale), when it has one. */
  symbolPath?: string | null;
}) => (
  <Layout view={view} title={doc.front.title} wide>
    <ReportBody doc={doc} symbolHref={symbolPath ? view.href(symbolPath) : null} />
    <nav aria-labelledby="report-downloads">
      <h2 id="report-downloads">{view.t('reports.build.public.downloads')}</h2>
      <Downloads view={view} report={report} outputs={outputs} />
    </nav>
  </Layout>
);

/** `/admin/reports/:id/preview`: the report as a build would make it now, on the site, with the way to its files. */
export const PreviewPage = ({ view, report, doc, versionNumber }: { view: ViewContext; report: ReportRow; doc: ReportDocument; versionNumber: number }) => (
  <Layout view={view} title={view.t('reports.build.preview.title', { title: doc.front.title })} wide>
    <p class="notice">{view.t('reports.build.preview.about', { version: String(versionNumber) })}</p>
    <p>
      <a href={view.href(`/admin/reports/${report.id}/builds`)}>{view.t('reports.build.preview.builds')}</a>
    </p>
    <ReportBody doc={doc} />
  </Layout>
);
