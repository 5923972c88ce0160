import type { ContributedLabel, ReportSectionContribution } from '../../../../core/contributions.js';
import { LOCALES, type Locale } from '../../../../core/i18n/locales.js';
import { Checkboxes, ErrorSummary, Field, type FormState, PostForm, Select, Table, TextArea } from '../../../../core/views/components.js';
import type { ViewContext } from '../../../../core/views/context.js';
import { Layout } from '../../../../core/views/Layout.js';
import { languageName } from '../../../../core/views/LocalizedText.js';
import type { ReportTemplate } from '../../workflow/queries.js';

/** A section a module contributes, with the module's id (its labels are in that module's catalog). */
export type SourceChoice = { module: string; contribution: ReportSectionContribution };
const label = (view: ViewContext, l: ContributedLabel) => view.t(l.key, l.values);

/** The six templates. */
export const TemplatesPage = ({ view, templates }: { view: ViewContext; templates: ReportTemplate[] }) => {
  const { t } = view;
  const title = t('reports.templates.list_title');
  return (
    <Layout view={view} title={title} wide>
      <p class="breadcrumb">
        <a href={view.href('/admin/reports')}>{t('reports.templates.reports')}</a>
      </p>
      <h1>{title}</h1>
      <p class="hint">{t('reports.templates.list_hint')}</p>
      <Table
        caption={title}
        empty={t('reports.templates.none')}
        rows={templates}
        columns={[
          {
            header: t('reports.templates.template'),
            rowHeader: true,
            cell: (tp) => (
              <a href={view.href(`/admin/reports/templates/${tp.key}`)}>
                <bdi>{view.localize(tp.title)}</bdi>
              </a>
            ),
          },
          { header: t('reports.templates.sections'), numeric: true, cell: (tp) => view.fmt.number(tp.sections.length) },
          { header: t('reports.templates.updated'), cell: (tp) => view.fmt.dateTime(tp.updatedAt) },
        ]}
      />
    </Layout>
  );
};

/** One template: title and description per language, its sections (order, narrative, source and options), HLPF goals by year. */
export const TemplatePage = ({ view, template, form, sources, lang }: { view: ViewContext; template: ReportTemplate; form: FormState; sources: SourceChoice[]; lang: Locale }) => {
  const { t } = view;
  const title = t('reports.templates.edit_title', { title: view.localize(template.title) });
  const ids = ([] as string[]).concat(form.values.section ?? template.sections.map((s) => s.id));
  const sourceOptions = [
    { value: '', label: t('reports.templates.no_source') },
    ...sources.map((s) => ({ value: s.contribution.id, label: `${label(view, s.contribution.title)} (${s.contribution.id})` })),
  ];
  const labels: Record<string, string> = {
    hlpfGoals: t('reports.templates.hlpf_goals'),
    'new.id': t('reports.templates.new_id'),
    'new.title': t('reports.templates.new_title'),
    _form: t('reports.templates.sections'),
    ...Object.fromEntries(
      LOCALES.flatMap((l) => [
        [`title.${l}`, t('reports.templates.title_in', { language: languageName(view, l) })],
        [`description.${l}`, t('reports.templates.description_in', { language: languageName(view, l) })],
      ]),
    ),
  };
  for (const id of ids) {
    const p = `s.${id}`;
    labels[`${p}.position`] = t('reports.templates.position_of', { section: id });
    labels[`${p}.source`] = t('reports.templates.source_of', { section: id });
    labels[`${p}.narrative`] = t('reports.templates.narrative_of', { section: id });
    labels[`${p}.title.en`] = t('reports.templates.section_title_of', { section: id });
    for (const s of sources) for (const o of s.contribution.options ?? []) labels[`${p}.opt.${o.name}`] = `${id}: ${label(view, o.label)}`;
  }
  return (
    <Layout view={view} title={title} wide>
      <p class="breadcrumb">
        <a href={view.href('/admin/reports/templates')}>{t('reports.templates.list_title')}</a>
      </p>
      <h1>
        <bdi>{title}</bdi>
      </h1>
      <ErrorSummary view={view} form={form} labels={labels} />
      <PostForm view={view} action={`${view.href(`/admin/reports/templates/${template.key}`)}?lang=${lang}`}>
        <fieldset>
          <legend>{t('reports.templates.title_and_description')}</legend>
          {LOCALES.map((l) => (
            <div lang={l} dir={l === 'ar' ? 'rtl' : 'ltr'}>
              <Field form={form} name={`title.${l}`} label={labels[`title.${l}`] as string} maxLength={300} />
              <TextArea form={form} name={`description.${l}`} label={labels[`description.${l}`] as string} rows={3} maxLength={2000} />
            </div>
          ))}
        </fieldset>
        <h2>{t('reports.templates.sections')}</h2>
        <p class="hint">{t('reports.templates.sections_hint')}</p>
        {ids.map((id, i) => {
          const p = `s.${id}`;
          const source = sources.find((s) => s.contribution.id === String(form.values[`${p}.source`] ?? ''));
          const forEach = form.values[`${p}.forEach`];
          return (
            <fieldset class="template-section">
              <legend>
                {t('reports.templates.section_legend', { number: i + 1 })} <code>{id}</code>
              </legend>
              <input type="hidden" name="section" value={id} />
              {forEach && <input type="hidden" name={`${p}.forEach`} value={String(forEach)} />}
              {forEach && <p class="hint">{t('reports.templates.for_each_sdg')}</p>}
              <Field form={form} name={`${p}.position`} label={t('reports.templates.position')} type="number" />
              {LOCALES.map((l) => (
                <div lang={l} dir={l === 'ar' ? 'rtl' : 'ltr'}>
                  <Field form={form} name={`${p}.title.${l}`} label={t('reports.templates.section_title_in', { language: languageName(view, l) })} maxLength={300} />
                </div>
              ))}
              <Checkboxes form={form} name={`${p}.narrative`} legend={t('reports.templates.narrative')} options={[{ value: 'yes', label: t('reports.templates.narrative_yes') }]} />
              <Select form={form} name={`${p}.source`} label={t('reports.templates.source')} hint={t('reports.templates.source_hint')} options={sourceOptions} />
              {(source?.contribution.options ?? []).map((o) =>
                o.choices ? (
                  <Checkboxes
                    form={form}
                    name={`${p}.opt.${o.name}`}
                    legend={label(view, o.label)}
                    hint={t('reports.templates.choices_hint')}
                    options={o.choices.map((c) => ({ value: c.value, label: label(view, c.label) }))}
                  />
                ) : (
                  <Field
                    form={{ ...form, values: { ...form.values, [`${p}.opt.${o.name}`]: ([] as string[]).concat(form.values[`${p}.opt.${o.name}`] ?? []).join(', ') } }}
                    name={`${p}.opt.${o.name}`}
                    label={label(view, o.label)}
                    hint={t(o.reference === 'sdgs' ? 'reports.templates.sdgs_hint' : 'reports.templates.action_lines_hint')}
                    dir="ltr"
                  />
                ),
              )}
              <Checkboxes form={form} name={`${p}.remove`} legend={t('reports.templates.remove')} options={[{ value: 'yes', label: t('reports.templates.remove_yes') }]} />
            </fieldset>
          );
        })}
        <fieldset>
          <legend>{t('reports.templates.add_title')}</legend>
          <input type="hidden" name="new.lang" value={lang} />
          <Field form={form} name="new.id" label={labels['new.id'] as string} hint={t('reports.templates.new_id_hint')} dir="ltr" maxLength={60} />
          <Field form={form} name="new.title" label={t('reports.templates.new_title_in', { language: languageName(view, lang) })} maxLength={300} />
        </fieldset>
        <TextArea form={form} name="hlpfGoals" label={labels.hlpfGoals as string} hint={t('reports.templates.hlpf_goals_hint')} rows={5} />
        <button type="submit" class="button">
          {t('reports.templates.save')}
        </button>
      </PostForm>
    </Layout>
  );
};
