import { LOCALES } from '../../../../core/i18n/locales.js';
import { Checkboxes, ErrorSummary, Field, type FormState, Table, TextArea } from '../../../../core/views/components.js';
import type { ViewContext } from '../../../../core/views/context.js';
import { Layout } from '../../../../core/views/Layout.js';
import { type Edition, momentOf } from '../../phases.js';
import type { Category } from '../../queries.js';
import { PHASES } from '../../tables.js';
import { CategoriesSection } from './CategoryPage.js';

/** The ten UTC date-time fields of the five phases. */
const PhaseFields = ({ view, form }: { view: ViewContext; form: FormState }) => (
  <fieldset>
    <legend>{view.t('prizes.management.phases_legend')}</legend>
    <p class="hint">{view.t('prizes.management.phases_hint')}</p>
    {PHASES.map((p) => (
      <fieldset class="inline-fields">
        <legend>{view.t(`prizes.phases.${p}`)}</legend>
        <Field form={form} name={`${p}.start`} type="datetime-local" label={view.t('prizes.management.start_utc')} required />
        <Field form={form} name={`${p}.end`} type="datetime-local" label={view.t('prizes.management.end_utc')} required />
      </fieldset>
    ))}
  </fieldset>
);

const phaseLabels = (view: ViewContext) =>
  Object.fromEntries(
    PHASES.flatMap((p) => [
      [`${p}.start`, `${view.t(`prizes.phases.${p}`)} — ${view.t('prizes.management.start_utc')}`],
      [`${p}.end`, `${view.t(`prizes.phases.${p}`)} — ${view.t('prizes.management.end_utc')}`],
    ]),
  );

/** Prize managers: the editions, and the form that creates one. */
export const EditionsAdminPage = ({ view, editions, form }: { view: ViewContext; editions: Edition[]; form: FormState }) => {
  const { t } = view;
  return (
    <Layout view={view} title={t('prizes.management.title')}>
      <h1>{t('prizes.management.title')}</h1>
      <Table
        caption={t('prizes.management.editions_caption')}
        empty={t('prizes.management.editions_empty')}
        rows={editions}
        columns={[
          { header: t('prizes.management.year'), cell: (e) => <a href={view.href(`/admin/prizes/${e.year}`)}>{e.year}</a> },
          { header: t('prizes.management.now'), cell: (e) => t(`prizes.moment.${momentOf(e)}`) },
          { header: t('prizes.management.nominations'), cell: (e) => <a href={view.href(`/admin/prizes/${e.year}/nominations`)}>{t('prizes.management.nominations_link')}</a> },
        ]}
      />
      <h2>{t('prizes.management.create')}</h2>
      <ErrorSummary view={view} form={form} labels={{ year: t('prizes.management.year'), ...phaseLabels(view) }} />
      <form method="post" action={view.href('/admin/prizes')} novalidate>
        <input type="hidden" name="_csrf" value={view.csrfToken} />
        <Field form={form} name="year" type="number" label={t('prizes.management.year')} required />
        <PhaseFields view={view} form={form} />
        <button type="submit" class="button">
          {t('prizes.management.create_button')}
        </button>
      </form>
    </Layout>
  );
};

/** Prize managers: one edition's dates, rules and settings. */
export const EditionAdminPage = ({
  view,
  edition,
  categories,
  form,
  embedded,
}: {
  view: ViewContext;
  edition: Edition;
  categories: Category[];
  form: FormState;
  embedded: boolean;
}) => {
  const { t } = view;
  const language = String(form.values.rulesLanguage ?? view.locale);
  const title = t('prizes.management.edit_title', { year: edition.year });
  const names = new Intl.DisplayNames([view.locale], { type: 'language' });
  return (
    <Layout view={view} title={title}>
      <p class="breadcrumb">
        <a href={view.href('/admin/prizes')}>{t('prizes.management.title')}</a>
      </p>
      <h1>{title}</h1>
      {embedded && <p class="warning">{t('prizes.edition.embedded_warning')}</p>}
      <p>
        {t(`prizes.moment.${momentOf(edition)}`)} <a href={view.href(`/prizes/${edition.year}`)}>{t('prizes.management.public_page')}</a> ·{' '}
        <a href={view.href(`/admin/prizes/${edition.year}/nominations`)}>{t('prizes.management.nominations_link')}</a> ·{' '}
        <a href="#categories-title">{t('prizes.management.categories_title')}</a>
      </p>
      <ErrorSummary
        view={view}
        form={form}
        labels={{
          ...phaseLabels(view),
          summaryMinWords: t('prizes.management.summary_min'),
          summaryMaxWords: t('prizes.management.summary_max'),
          allowedLanguages: t('prizes.management.languages'),
          confirmVoteChanges: t('prizes.management.vote_changes_legend'),
        }}
      />
      <form method="post" action={view.href(`/admin/prizes/${edition.year}`)} novalidate>
        <input type="hidden" name="_csrf" value={view.csrfToken} />
        <PhaseFields view={view} form={form} />
        <fieldset>
          <legend>{t('prizes.management.eligibility')}</legend>
          <Field form={form} name="categoriesPerProject" type="number" label={t('prizes.management.categories_per_project')} />
          <Field form={form} name="projectsPerOrganizationPerCategory" type="number" label={t('prizes.management.projects_per_organization')} />
          <Field form={form} name="summaryMinWords" type="number" label={t('prizes.management.summary_min')} />
          <Field form={form} name="summaryMaxWords" type="number" label={t('prizes.management.summary_max')} />
          <Checkboxes
            form={form}
            name="excludePastWinners"
            legend={t('prizes.management.past_winners')}
            options={[{ value: 'yes', label: t('prizes.management.exclude_past_winners') }]}
          />
          <Checkboxes form={form} name="allowedLanguages" legend={t('prizes.management.languages')} options={LOCALES.map((l) => ({ value: l, label: names.of(l) ?? l }))} />
        </fieldset>
        <fieldset>
          <legend>{t('prizes.management.vote')}</legend>
          <Checkboxes
            form={form}
            name="accountCreatedBeforeVoting"
            legend={t('prizes.management.valid_vote')}
            options={[{ value: 'yes', label: t('prizes.management.account_before_voting') }]}
          />
          <Checkboxes
            form={form}
            name="allCategoriesRequired"
            legend={t('prizes.management.all_categories_legend')}
            options={[{ value: 'yes', label: t('prizes.management.all_categories') }]}
          />
          <Checkboxes
            form={form}
            name="countsPublicDuringVoting"
            legend={t('prizes.management.counts_legend')}
            options={[{ value: 'yes', label: t('prizes.management.counts_public') }]}
          />
          <Checkboxes
            form={form}
            name="nomineesPublished"
            legend={t('prizes.management.nominees_legend')}
            options={[{ value: 'yes', label: t('prizes.management.publish_nominees') }]}
          />
        </fieldset>
        <fieldset>
          <legend>{t('prizes.management.rules_legend', { language: names.of(language) ?? language })}</legend>
          <input type="hidden" name="rulesLanguage" value={language} />
          <ul class="inline-list">
            {LOCALES.filter((l) => l !== language).map((l) => (
              <li>
                <a href={`${view.href(`/admin/prizes/${edition.year}`)}?language=${l}`}>{t('prizes.management.rules_in', { language: names.of(l) ?? l })}</a>
              </li>
            ))}
          </ul>
          <TextArea form={form} name="rules" label={t('prizes.management.rules')} hint={t('prizes.management.rules_hint')} rows={12} />
        </fieldset>
        <fieldset>
          <legend>{t('prizes.management.questions_legend', { language: names.of(language) ?? language })}</legend>
          <p class="hint">{t('prizes.management.questions_hint')}</p>
          {edition.questions.map((q, i) => (
            <fieldset class="inline-fields">
              <legend>{t('prizes.management.question_number', { number: i + 1 })}</legend>
              <Field form={form} name={`question.${i}.label`} label={t('prizes.management.question_label')} maxLength={500} dir="auto" />
              <Field form={form} name={`question.${i}.maxWords`} type="number" label={t('prizes.management.question_max_words')} />
              <Checkboxes
                form={form}
                name={`question.${i}.required`}
                legend={t('prizes.management.question_required_legend')}
                options={[{ value: 'yes', label: t('prizes.management.question_required') }]}
              />
              <Checkboxes
                form={form}
                name={`question.${i}.remove`}
                legend={t('prizes.management.question_remove_legend')}
                options={[{ value: 'yes', label: t('prizes.management.question_remove') }]}
              />
              {q.id && <input type="hidden" name={`question.${i}.id`} value={q.id} />}
            </fieldset>
          ))}
          <fieldset class="inline-fields">
            <legend>{t('prizes.management.question_new')}</legend>
            <Field form={form} name="question.new.label" label={t('prizes.management.question_label')} maxLength={500} dir="auto" />
            <Field form={form} name="question.new.maxWords" type="number" label={t('prizes.management.question_max_words')} />
            <Checkboxes
              form={form}
              name="question.new.required"
              legend={t('prizes.management.question_required_legend')}
              options={[{ value: 'yes', label: t('prizes.management.question_required') }]}
            />
          </fieldset>
        </fieldset>
        <p class="hint">{t('prizes.management.questions_note')}</p>
        {form.errors.confirmVoteChanges && (
          <Checkboxes
            form={form}
            name="confirmVoteChanges"
            legend={t('prizes.management.vote_changes_legend')}
            options={[{ value: 'yes', label: t('prizes.management.vote_changes_confirm') }]}
          />
        )}
        <button type="submit" class="button">
          {t('prizes.management.save')}
        </button>
      </form>
      <CategoriesSection view={view} edition={edition} categories={categories} />
    </Layout>
  );
};
