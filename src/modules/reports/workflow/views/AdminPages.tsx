import { LOCALES, type Locale, TRANSLATION_KINDS } from '../../../../core/i18n/locales.js';
import { Checkboxes, ErrorSummary, Field, type FormState, PostForm, Select, Table, TextArea } from '../../../../core/views/components.js';
import type { ViewContext } from '../../../../core/views/context.js';
import { Layout } from '../../../../core/views/Layout.js';
import { languageName } from '../../../../core/views/LocalizedText.js';
import { NARRATIVE_MAX } from '../../narrative.js';
import { DISTRIBUTIONS, type TemplateSection } from '../../tables.js';
import type { Report, ReportTemplate, ReportVersion } from '../queries.js';
import { adminReportPath, LanguageTabs, reviewPath, stateLabel } from './parts.js';

type Owner = { id: number; name: string };

const settingsLabels = (view: ViewContext): Record<string, string> => ({
  templateKey: view.t('reports.workflow.template'),
  year: view.t('reports.workflow.year'),
  ownerId: view.t('reports.workflow.owner'),
  deadline: view.t('reports.workflow.deadline'),
  cutoff: view.t('reports.workflow.cutoff'),
  symbol: view.t('reports.workflow.symbol'),
  distribution: view.t('reports.workflow.distribution'),
  originalLanguage: view.t('reports.workflow.original_language'),
});

/** The settings every report has (new report and settings of a draft). */
const SettingsFields = ({ view, form, owners }: { view: ViewContext; form: FormState; owners: Owner[] }) => {
  const { t } = view;
  const labels = settingsLabels(view);
  return (
    <>
      <Select
        form={form}
        name="ownerId"
        label={labels.ownerId as string}
        options={owners.map((o) => ({ value: String(o.id), label: o.name }))}
        placeholder={t('reports.workflow.no_owner')}
      />
      <Field form={form} name="deadline" label={labels.deadline as string} type="date" hint={t('reports.workflow.deadline_hint')} />
      <Field form={form} name="cutoff" label={labels.cutoff as string} type="date" hint={t('reports.workflow.cutoff_hint')} required />
      <Field form={form} name="symbol" label={labels.symbol as string} hint={t('reports.workflow.symbol_hint')} maxLength={100} dir="ltr" />
      <Select
        form={form}
        name="distribution"
        label={labels.distribution as string}
        options={DISTRIBUTIONS.map((d) => ({ value: d, label: t(`reports.workflow.distribution_${d}`) }))}
        required
      />
      <Select form={form} name="originalLanguage" label={labels.originalLanguage as string} options={LOCALES.map((l) => ({ value: l, label: languageName(view, l) }))} required />
    </>
  );
};

/** Every report with its state, deadline and owner; a form for a new one. */
export const ReportsPage = ({
  view,
  rows,
  templates,
  owners,
  form,
}: {
  view: ViewContext;
  rows: { report: Report; ownerName: string | null }[];
  templates: ReportTemplate[];
  owners: Owner[];
  form: FormState;
}) => {
  const { t } = view;
  const title = t('reports.workflow.list_title');
  return (
    <Layout view={view} title={title} wide>
      <h1>{title}</h1>
      <p>
        <a href={view.href('/admin/reports/templates')}>{t('reports.templates.list_title')}</a>
      </p>
      <Table
        caption={t('reports.workflow.list_caption')}
        empty={t('reports.workflow.list_empty')}
        rows={rows}
        columns={[
          {
            header: t('reports.workflow.report'),
            rowHeader: true,
            cell: (r) => (
              <a href={view.href(adminReportPath(r.report.id))}>
                <bdi>{view.localize(r.report.title)}</bdi> ({view.fmt.number(r.report.year, { useGrouping: false })})
              </a>
            ),
          },
          { header: t('reports.workflow.state'), cell: (r) => stateLabel(view, r.report.state) },
          { header: t('reports.workflow.deadline'), cell: (r) => (r.report.deadline ? view.fmt.date(r.report.deadline, { dateStyle: 'long' }) : t('reports.workflow.none')) },
          { header: t('reports.workflow.owner'), cell: (r) => (r.ownerName ? <bdi>{r.ownerName}</bdi> : t('reports.workflow.none')) },
        ]}
      />
      <section aria-labelledby="create-title">
        <h2 id="create-title">{t('reports.workflow.create_title')}</h2>
        <ErrorSummary view={view} form={form} labels={settingsLabels(view)} />
        <PostForm view={view} action={view.href('/admin/reports')}>
          <Select
            form={form}
            name="templateKey"
            label={t('reports.workflow.template')}
            options={templates.map((tp) => ({ value: tp.key, label: view.localize(tp.title) }))}
            required
          />
          <Field form={form} name="year" label={t('reports.workflow.year')} type="number" required />
          <SettingsFields view={view} form={form} owners={owners} />
          <button type="submit" class="button">
            {t('reports.workflow.create_button')}
          </button>
        </PostForm>
      </section>
    </Layout>
  );
};

const TRANSITIONS = { draft: ['review'], review: ['draft', 'final'], final: [] } as const;

/** One report: its settings (while a draft), the narratives of one language, its versions, its state, and the builds. */
export const ReportPage = ({
  view,
  report,
  versions,
  lang,
  owners,
  settings,
  narratives,
  state,
  symbolPath = null,
}: {
  view: ViewContext;
  report: Report;
  versions: ReportVersion[];
  lang: Locale;
  owners: Owner[];
  settings: FormState;
  narratives: FormState;
  state?: FormState;
  /** The register's page of the document of the report's symbol (without the locale), when the register has it. */
  symbolPath?: string | null;
}) => {
  const { t } = view;
  const title = `${view.localize(report.title)} (${report.year})`;
  const path = adminReportPath(report.id);
  const writable = report.sections.filter((s: TemplateSection) => s.narrative);
  const narrativeLabels = Object.fromEntries(writable.map((s) => [`text.${s.id}`, view.localize(s.title)]));
  const latest = versions[0];
  return (
    <Layout view={view} title={title} wide>
      <p class="breadcrumb">
        <a href={view.href('/admin/reports')}>{t('reports.workflow.list_title')}</a>
      </p>
      <h1>
        <bdi>{title}</bdi>
      </h1>
      <p>
        {t('reports.workflow.state_line', { state: stateLabel(view, report.state) })}
        {report.state === 'review' && (
          <>
            {' · '}
            <a href={view.href(reviewPath(report.id))}>{t('reports.workflow.review_link')}</a>
          </>
        )}
      </p>
      {report.symbol && (
        <p class="report-symbol-line">
          {t('reports.workflow.symbol')}
          {t('core.text.colon')}
          {symbolPath ? (
            <a href={view.href(symbolPath)} dir="ltr">
              {report.symbol}
            </a>
          ) : (
            <bdi dir="ltr">{report.symbol}</bdi>
          )}
        </p>
      )}

      <section aria-labelledby="state-title">
        <h2 id="state-title">{t('reports.workflow.state_title')}</h2>
        {state && <ErrorSummary view={view} form={{ ...state, scope: String(state.values.to ?? '') }} labels={{ confirm: t('reports.workflow.confirm') }} />}
        {TRANSITIONS[report.state].length === 0 && <p>{t('reports.workflow.final_note')}</p>}
        {TRANSITIONS[report.state].map((to) => (
          <PostForm view={view} action={view.href(`${path}/state`)}>
            <input type="hidden" name="to" value={to} />
            <Checkboxes
              form={state && state.values.to === to ? { ...state, scope: to } : { values: {}, errors: {}, scope: to }}
              name="confirm"
              legend={t(`reports.workflow.to_${to}`)}
              hint={t(`reports.workflow.to_${to}_hint`)}
              options={[{ value: 'yes', label: t('reports.workflow.confirm') }]}
            />
            <button type="submit" class={to === 'final' ? 'button button-danger' : 'button'}>
              {t(`reports.workflow.to_${to}`)}
            </button>
          </PostForm>
        ))}
      </section>

      {report.state !== 'final' && (
        <section aria-labelledby="narratives-title">
          <h2 id="narratives-title">{t('reports.workflow.narratives_title', { language: languageName(view, lang) })}</h2>
          <LanguageTabs view={view} path={path} current={lang} />
          <p class="hint">{t('reports.workflow.narratives_hint', { max: NARRATIVE_MAX })}</p>
          <ErrorSummary view={view} form={narratives} labels={narrativeLabels} />
          <PostForm view={view} action={`${view.href(`${path}/narratives`)}?lang=${lang}`}>
            {writable.map((s) => (
              <fieldset>
                <legend>
                  <bdi>{view.localize(s.title)}</bdi>
                </legend>
                <div lang={lang} dir={lang === 'ar' ? 'rtl' : 'ltr'}>
                  <TextArea form={narratives} name={`text.${s.id}`} label={t('reports.workflow.narrative_in', { language: languageName(view, lang) })} rows={8} />
                </div>
                <Select
                  form={narratives}
                  name={`status.${s.id}`}
                  label={t('reports.workflow.translation_status')}
                  options={TRANSLATION_KINDS.map((k) => ({ value: k, label: t(`reports.workflow.translation_${k}`) }))}
                />
              </fieldset>
            ))}
            <button type="submit" class="button">
              {t('reports.workflow.save_narratives')}
            </button>
          </PostForm>
        </section>
      )}

      {report.state === 'draft' && (
        <section aria-labelledby="settings-title">
          <h2 id="settings-title">{t('reports.workflow.settings_title')}</h2>
          <ErrorSummary view={view} form={settings} labels={settingsLabels(view)} />
          <PostForm view={view} action={view.href(`${path}/settings`)}>
            <SettingsFields view={view} form={settings} owners={owners} />
            <button type="submit" class="button">
              {t('reports.workflow.save_settings')}
            </button>
          </PostForm>
        </section>
      )}

      <section aria-labelledby="versions-title">
        <h2 id="versions-title">{t('reports.workflow.versions_title')}</h2>
        <Table
          caption={t('reports.workflow.versions_title')}
          empty={t('reports.workflow.none')}
          rows={versions}
          columns={[
            { header: t('reports.workflow.version'), rowHeader: true, numeric: true, cell: (v) => view.fmt.number(v.number) },
            { header: t('reports.workflow.state'), cell: (v) => stateLabel(view, v.state) },
            { header: t('reports.workflow.saved_at'), cell: (v) => view.fmt.dateTime(v.createdAt) },
            {
              header: t('reports.workflow.diff'),
              cell: (v) =>
                latest && v.number !== latest.number ? (
                  <a href={view.href(`${path}/versions/${v.number}/diff/${latest.number}`)}>{t('reports.workflow.diff_with_latest', { from: v.number, to: latest.number })}</a>
                ) : (
                  ''
                ),
            },
          ]}
        />
      </section>

      <section aria-labelledby="builds-title">
        <h2 id="builds-title">{t('reports.workflow.builds_title')}</h2>
        <p>
          <a href={view.href(`${path}/preview`)}>{t('reports.workflow.preview_link')}</a>
        </p>
        <p>
          <a href={view.href(`${path}/builds`)}>{t('reports.workflow.builds_link')}</a>
        </p>
      </section>
    </Layout>
  );
};

/** The narratives' form values of one language from a version. */
export const narrativeFormValues = (report: Report, version: ReportVersion | undefined, lang: Locale): FormState['values'] =>
  Object.fromEntries(
    report.sections
      .filter((s) => s.narrative)
      .flatMap((s) => {
        const n = version?.narratives[s.id];
        return [
          [`text.${s.id}`, n?.text[lang] ?? ''],
          [`status.${s.id}`, n?.translations[lang] ?? (lang === report.originalLanguage ? 'original' : 'unofficial')],
        ];
      }),
  );

export const settingsFormValues = (report: Report): FormState['values'] => ({
  ownerId: report.ownerId === null ? '' : String(report.ownerId),
  deadline: report.deadline ?? '',
  cutoff: report.cutoff,
  symbol: report.symbol ?? '',
  distribution: report.distribution,
  originalLanguage: report.originalLanguage,
});
