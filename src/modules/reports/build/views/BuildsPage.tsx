import { LOCALES } from '../../../../core/i18n/locales.js';
import { Layout } from '../../../../core/views/Layout.js';
import { Checkboxes, ErrorSummary, type FormState, PostForm, Select } from '../../../../core/views/components.js';
import type { ViewContext } from '../../../../core/views/context.js';
import { OUTPUT_FORMATS } from '../../tables.js';
import { languageName } from '../../../../core/views/LocalizedText.js';
import type { BuildRow, OutputFile, ReportRow } from '../queries.js';
import { downloadLabel } from './sizes.js';

/** Seconds between reloads of the page while a build runs (public/app.js reads `data-refresh-seconds`). */
export const REFRESH_SECONDS = 3;

type Props = {
  view: ViewContext;
  report: ReportRow;
  form: FormState;
  builds: BuildRow[];
  versions: Map<number, { number: number; final: boolean }>;
  outputs: OutputFile[];
  busy: boolean;
};

/** The builds of a report: the form asking for one, then the builds with their progress and files. */
export const BuildsPage = ({ view, report, form, builds, versions, outputs, busy }: Props) => {
  const { t } = view;
  const title = t('reports.build.page.title', { title: view.localize(report.title) });
  const labels = { locales: t('reports.build.page.languages'), formats: t('reports.build.page.formats'), version: t('reports.build.page.version') };
  return (
    <Layout view={view} title={title}>
      <h1>{title}</h1>
      <ErrorSummary view={view} form={form} labels={labels} />
      <PostForm view={view} action={view.href(`/admin/reports/${report.id}/builds`)}>
        <Checkboxes form={form} name="locales" legend={labels.locales} options={LOCALES.map((l) => ({ value: l, label: languageName(view, l) }))} />
        <Checkboxes form={form} name="formats" legend={labels.formats} options={OUTPUT_FORMATS.map((f) => ({ value: f, label: f.toUpperCase() }))} />
        <Select
          form={form}
          name="version"
          label={labels.version}
          options={[
            { value: 'latest', label: t('reports.build.page.version_latest') },
            { value: 'final', label: t('reports.build.page.version_final') },
          ]}
        />
        <button type="submit" class="button">
          {t('reports.build.page.submit')}
        </button>
      </PostForm>
      <section aria-labelledby="builds-heading" data-refresh-seconds={busy ? String(REFRESH_SECONDS) : undefined}>
        <h2 id="builds-heading">{t('reports.build.page.builds')}</h2>
        {builds.length === 0 ? (
          <p class="empty">{t('reports.build.page.none')}</p>
        ) : (
          <ul class="report-builds">
            {builds.map((build) => {
              const version = versions.get(build.versionId);
              const files =
                build.state === 'done' ? outputs.filter((o) => o.versionId === build.versionId && build.locales.includes(o.locale) && build.formats.includes(o.format)) : [];
              const progress = t('reports.build.page.progress', { done: build.done, total: build.total });
              return (
                <li>
                  <p>
                    <strong>{t(`reports.build.page.state_${build.state}`)}</strong>
                    {' · '}
                    {version ? (version.final ? t('reports.build.page.version_final') : `${t('reports.build.page.version')} ${view.fmt.number(version.number)}`) : null}
                    {' · '}
                    {t('reports.build.page.requested', { date: view.fmt.dateTime(build.createdAt) })}
                  </p>
                  <p>
                    <progress max={Math.max(build.total, 1)} value={build.done} aria-label={progress}>
                      {progress}
                    </progress>{' '}
                    <span>{progress}</span>
                  </p>
                  {build.error ? <p class="error-message">{t(build.error.key, build.error.values)}</p> : null}
                  {files.length > 0 ? (
                    <ul>
                      {files.map((file) => (
                        <li>
                          <a href={view.href(`/admin/reports/${report.id}/files/${file.versionId}/${file.locale}.${file.format}`)} download>
                            {downloadLabel(view, file)}
                          </a>
                        </li>
                      ))}
                    </ul>
                  ) : null}
                </li>
              );
            })}
          </ul>
        )}
      </section>
    </Layout>
  );
};
