import { LOCALES } from '../../../../core/i18n/locales.js';
import { Checkboxes, emptyForm, ErrorSummary, Field, type FormState, PostForm, Select, TextArea } from '../../../../core/views/components.js';
import type { ViewContext } from '../../../../core/views/context.js';
import { Layout } from '../../../../core/views/Layout.js';
import { ATTACHMENT_TYPES, type Question, QUESTION_TYPES, type QuestionType, type Questionnaire, questionsOf, REFERENCE_LISTS } from '../../questionnaire.js';
import type { Consultation } from '../../queries.js';
import { conditionValues } from '../rules.js';
import { languageName, typeLabel } from './parts.js';

const key = (value: string) => value.replaceAll('-', '_');

/** The fields of one question's form, for its type (labels, help, required, settings, condition). */
export const QuestionFields = ({ view, form, type, earlier }: { view: ViewContext; form: FormState; type: QuestionType; earlier: Question[] }) => {
  const { t } = view;
  const name = (l: string) => languageName(view, l);
  const conditionOptions = earlier.flatMap((q) =>
    conditionValues(q).map((value) => {
      const option = 'options' in q ? q.options.find((o) => o.id === value) : undefined;
      const valueLabel = option
        ? view.localize(option.label)
        : t(`consultations.management.condition_value_${value === 'yes' || value === 'no' || value === 'other' ? value : 'other'}`);
      return { value: `${q.id}=${value}`, label: t('consultations.management.condition_option', { question: view.localize(q.label), value: valueLabel }) };
    }),
  );
  return (
    <>
      <fieldset>
        <legend>{t('consultations.management.question_label')}</legend>
        {LOCALES.map((l) => (
          <Field form={form} name={`label.${l}`} label={t('consultations.management.label_in', { language: name(l) })} maxLength={1000} dir="auto" />
        ))}
      </fieldset>
      <details>
        <summary>{t('consultations.management.help_title')}</summary>
        {LOCALES.map((l) => (
          <TextArea form={form} name={`help.${l}`} label={t('consultations.management.help_in', { language: name(l) })} rows={2} maxLength={2000} />
        ))}
      </details>
      <Checkboxes
        form={form}
        name="required"
        legend={t('consultations.management.required_legend')}
        options={[{ value: 'yes', label: t('consultations.management.required_yes') }]}
      />
      {(type === 'single-choice' || type === 'multiple-choice' || type === 'ranking') && (
        <fieldset>
          <legend>{t('consultations.management.options')}</legend>
          <p class="hint">{t('consultations.management.options_hint')}</p>
          {LOCALES.map((l) => (
            <TextArea form={form} name={`options.${l}`} label={t('consultations.management.options_in', { language: name(l) })} rows={4} maxLength={20000} />
          ))}
        </fieldset>
      )}
      {(type === 'single-choice' || type === 'multiple-choice') && (
        <Checkboxes
          form={form}
          name="allowOther"
          legend={t('consultations.management.allow_other_legend')}
          options={[{ value: 'yes', label: t('consultations.management.allow_other') }]}
        />
      )}
      {type === 'multiple-choice' && (
        <Field form={form} name="maxChoices" type="number" label={t('consultations.management.max_choices')} hint={t('consultations.management.optional')} />
      )}
      {type === 'long-text' && (
        <Field form={form} name="maxWords" type="number" label={t('consultations.management.max_words')} hint={t('consultations.management.max_words_hint')} />
      )}
      {type === 'scale' && (
        <>
          <Field form={form} name="min" type="number" label={t('consultations.management.scale_min')} required />
          <Field form={form} name="max" type="number" label={t('consultations.management.scale_max')} required />
          <details>
            <summary>{t('consultations.management.scale_labels')}</summary>
            {LOCALES.map((l) => (
              <>
                <Field form={form} name={`minLabel.${l}`} label={t('consultations.management.min_label_in', { language: name(l) })} maxLength={200} dir="auto" />
                <Field form={form} name={`maxLabel.${l}`} label={t('consultations.management.max_label_in', { language: name(l) })} maxLength={200} dir="auto" />
              </>
            ))}
          </details>
        </>
      )}
      {type === 'reference' && (
        <>
          <Select
            form={form}
            name="list"
            label={t('consultations.management.reference_list')}
            options={REFERENCE_LISTS.map((r) => ({ value: r, label: t(`consultations.management.list_${key(r)}`) }))}
          />
          <Checkboxes
            form={form}
            name="multiple"
            legend={t('consultations.management.multiple_legend')}
            options={[{ value: 'yes', label: t('consultations.management.multiple') }]}
          />
        </>
      )}
      {type === 'file' && (
        <>
          <Field form={form} name="maxMegabytes" type="number" label={t('consultations.management.max_megabytes')} hint={t('consultations.management.max_megabytes_hint')} />
          <Checkboxes
            form={form}
            name="kinds"
            legend={t('consultations.management.kinds')}
            hint={t('consultations.management.kinds_hint')}
            options={Object.keys(ATTACHMENT_TYPES).map((k) => ({ value: k, label: k.toUpperCase() }))}
          />
        </>
      )}
      {conditionOptions.length > 0 && (
        <Select
          form={form}
          name="condition"
          label={t('consultations.management.condition')}
          hint={t('consultations.management.condition_hint')}
          options={[{ value: '', label: t('consultations.management.condition_none') }, ...conditionOptions]}
        />
      )}
    </>
  );
};

/** The change note asked for when the edit will make a new version (answers use the current one). */
const ChangeNote = ({ view, form, needed }: { view: ViewContext; form: FormState; needed: boolean }) =>
  needed ? (
    <TextArea
      form={form}
      name="changeNote"
      label={view.t('consultations.management.change_note')}
      hint={view.t('consultations.management.change_note_hint')}
      rows={2}
      maxLength={2000}
      required
    />
  ) : null;

export type BuilderPageProps = {
  view: ViewContext;
  consultation: Consultation;
  questionnaire: Questionnaire;
  /** Answers given on the current version: when any, each edit makes the next version. */
  answers: number;
  /** Forms coming back with errors, by scope ('new-section', a section id, a question id, '<id>-move', '<id>-remove'). */
  forms: Record<string, FormState>;
};

const scoped = (forms: Record<string, FormState>, scope: string, values: FormState['values'] = {}): FormState => ({ ...(forms[scope] ?? emptyForm(values)), scope });

/** The questionnaire builder: one form per section and per question, plain POSTs, usable without JavaScript. */
export const BuilderPage = ({ view, consultation: c, questionnaire, answers, forms }: BuilderPageProps) => {
  const { t } = view;
  const title = t('consultations.management.builder_title', { title: view.localize(c.title) });
  const base = `/admin/consultations/${c.id}`;
  const editable = c.status === 'draft' || c.status === 'open';
  const versioned = answers > 0;
  const all = questionsOf(questionnaire);
  const errorForms = Object.entries(forms).filter(([, f]) => Object.keys(f.errors).length > 0);
  return (
    <Layout view={view} title={title}>
      <p class="breadcrumb">
        <a href={view.href(base)}>{view.localize(c.title)}</a>
      </p>
      <h1>{title}</h1>
      {errorForms.map(([scope, f]) => (
        <ErrorSummary view={view} form={{ ...f, scope }} labels={{}} />
      ))}
      <p>{t('consultations.management.version_number', { version: c.currentVersion })}</p>
      {!editable && <p class="warning">{t('consultations.management.builder_locked')}</p>}
      {editable && versioned && <p class="warning">{t('consultations.management.builder_versioned', { count: answers, next: c.currentVersion + 1 })}</p>}
      {questionnaire.sections.length === 0 && <p class="empty">{t('consultations.management.questionnaire_empty')}</p>}
      {questionnaire.sections.map((s, sectionIndex) => (
        <section aria-labelledby={`section-${s.id}`} class="builder-section">
          <h2 id={`section-${s.id}`}>{t('consultations.management.section_heading', { number: sectionIndex + 1, title: view.localize(s.title) })}</h2>
          {editable && (
            <details>
              <summary>{t('consultations.management.section_edit')}</summary>
              <PostForm view={view} action={view.href(`${base}/sections/${s.id}`)}>
                {LOCALES.map((l) => (
                  <Field
                    form={scoped(forms, s.id, Object.fromEntries(LOCALES.map((x) => [`title.${x}`, s.title[x] ?? ''])))}
                    name={`title.${l}`}
                    label={t('consultations.management.section_title_in', { language: languageName(view, l) })}
                    maxLength={300}
                    dir="auto"
                  />
                ))}
                <ChangeNote view={view} form={scoped(forms, s.id)} needed={versioned} />
                <button type="submit" class="button">
                  {t('consultations.management.section_save')}
                </button>
              </PostForm>
              <PostForm view={view} action={view.href(`${base}/sections/${s.id}/remove`)}>
                <Checkboxes
                  form={scoped(forms, `${s.id}-remove`)}
                  name="confirm"
                  legend={t('consultations.management.section_remove')}
                  options={[{ value: 'yes', label: t('consultations.management.section_remove_confirm', { count: s.questions.length }) }]}
                />
                <ChangeNote view={view} form={scoped(forms, `${s.id}-remove`)} needed={versioned} />
                <button type="submit" class="button button-danger">
                  {t('consultations.management.section_remove')}
                </button>
              </PostForm>
            </details>
          )}
          {s.questions.map((q) => {
            const position = all.findIndex((x) => x.id === q.id);
            const form = forms[q.id] ?? emptyForm();
            return (
              <article class="card builder-question" aria-labelledby={`question-${q.id}`}>
                <h3 id={`question-${q.id}`}>
                  {t('consultations.management.question_heading', { number: position + 1, label: view.localize(q.label) })} <span class="muted">({typeLabel(view, q.type)})</span>
                </h3>
                {editable ? (
                  <>
                    <PostForm view={view} action={view.href(`${base}/questions/${q.id}`)}>
                      <QuestionFields view={view} form={{ ...form, scope: q.id }} type={q.type} earlier={all.slice(0, position)} />
                      <ChangeNote view={view} form={{ ...form, scope: q.id }} needed={versioned} />
                      <button type="submit" class="button">
                        {t('consultations.management.question_save')}
                      </button>
                    </PostForm>
                    <div class="actions">
                      {(['up', 'down'] as const).map((direction) => (
                        <PostForm view={view} action={view.href(`${base}/questions/${q.id}/move`)} class="inline-form">
                          <input type="hidden" name="direction" value={direction} />
                          <ChangeNote view={view} form={scoped(forms, `${q.id}-${direction}`)} needed={versioned} />
                          <button type="submit" class="button button-secondary">
                            {t(`consultations.management.move_${direction}`)}
                            <span class="visually-hidden"> {t('consultations.management.question_number', { number: position + 1 })}</span>
                          </button>
                        </PostForm>
                      ))}
                      <PostForm view={view} action={view.href(`${base}/questions/${q.id}/remove`)}>
                        <Checkboxes
                          form={scoped(forms, `${q.id}-remove`)}
                          name="confirm"
                          legend={t('consultations.management.question_remove_legend', { number: position + 1 })}
                          options={[{ value: 'yes', label: t('consultations.management.question_remove_confirm') }]}
                        />
                        <ChangeNote view={view} form={scoped(forms, `${q.id}-remove`)} needed={versioned} />
                        <button type="submit" class="button button-danger">
                          {t('consultations.management.question_remove')}
                        </button>
                      </PostForm>
                    </div>
                  </>
                ) : null}
              </article>
            );
          })}
          {editable && (
            <form method="get" action={view.href(`${base}/questions/new`)} class="inline-form">
              <input type="hidden" name="section" value={s.id} />
              <Select
                form={{ ...emptyForm(), scope: `${s.id}-add` }}
                name="type"
                label={t('consultations.management.add_question_type', { section: sectionIndex + 1 })}
                options={QUESTION_TYPES.map((type) => ({ value: type, label: typeLabel(view, type) }))}
              />
              <button type="submit" class="button button-secondary">
                {t('consultations.management.add_question')}
              </button>
            </form>
          )}
        </section>
      ))}
      {editable && (
        <section aria-labelledby="new-section-title">
          <h2 id="new-section-title">{t('consultations.management.section_add')}</h2>
          <PostForm view={view} action={view.href(`${base}/sections`)}>
            {LOCALES.map((l) => (
              <Field
                form={scoped(forms, 'new-section')}
                name={`title.${l}`}
                label={t('consultations.management.section_title_in', { language: languageName(view, l) })}
                maxLength={300}
                dir="auto"
              />
            ))}
            <ChangeNote view={view} form={scoped(forms, 'new-section')} needed={versioned} />
            <button type="submit" class="button">
              {t('consultations.management.section_add')}
            </button>
          </PostForm>
        </section>
      )}
    </Layout>
  );
};

/** A new question of one type, in one section (reached from the builder's "add a question"). */
export const NewQuestionPage = ({
  view,
  consultation: c,
  sectionId,
  type,
  earlier,
  form,
  versioned,
}: {
  view: ViewContext;
  consultation: Consultation;
  sectionId: string;
  type: QuestionType;
  earlier: Question[];
  form: FormState;
  versioned: boolean;
}) => {
  const { t } = view;
  const title = t('consultations.management.new_question_title', { type: typeLabel(view, type) });
  return (
    <Layout view={view} title={title}>
      <p class="breadcrumb">
        <a href={view.href(`/admin/consultations/${c.id}/questionnaire`)}>{t('consultations.management.builder_title', { title: view.localize(c.title) })}</a>
      </p>
      <h1>{title}</h1>
      <ErrorSummary view={view} form={form} labels={{}} />
      <PostForm view={view} action={view.href(`/admin/consultations/${c.id}/questions`)}>
        <input type="hidden" name="section" value={sectionId} />
        <input type="hidden" name="type" value={type} />
        <QuestionFields view={view} form={form} type={type} earlier={earlier} />
        <ChangeNote view={view} form={form} needed={versioned} />
        <button type="submit" class="button">
          {t('consultations.management.add_question')}
        </button>
      </PostForm>
    </Layout>
  );
};
