import type { ComponentChildren } from 'preact';
import { LOCALES, type Locale } from '../../../../core/i18n/locales.js';
import { countWords } from '../../../../core/i18n/words.js';
import { Checkboxes, ErrorSummary, Field, type FormState, LocalTime, type Option, PostForm, Radios, Select, TextArea } from '../../../../core/views/components.js';
import type { ViewContext } from '../../../../core/views/context.js';
import { Layout } from '../../../../core/views/Layout.js';
import type { Consultation } from '../../queries.js';
import type { Question, Questionnaire, ReferenceList, Section } from '../../questionnaire.js';
import { GENDERS } from '../../tables.js';
import type { AttachmentInfo } from '../queries.js';
import type { Membership } from '../rules.js';
import { fieldName } from '../validate.js';
import type { CopyItem } from '../copy.js';
import { AnswerCopy } from './AnswerCopy.js';

export type AnswerStepProps = {
  view: ViewContext;
  consultation: Consultation;
  questionnaire: Questionnaire;
  /** 0: who answers; 1…n: the sections; n + 1: review and submit. */
  step: number;
  form: FormState;
  organizations: (Membership & { name: string })[];
  /** The ids of the questions asked, given the answers so far. */
  visible: Set<string>;
  attachments: AttachmentInfo[];
  referenceOptions: Partial<Record<ReferenceList, Option[]>>;
  countries: Option[];
  status: 'none' | 'draft' | 'submitted';
  submittedAt: Date | null;
  /** The answer's copy on the review step. */
  copy: CopyItem[];
  /** A sentence shown above the form (a refusal, the form kept while signed out). */
  message?: { kind: 'error' | 'notice'; text: string; closesAt?: Date };
};

const sectionOfQuestion = (questionnaire: Questionnaire, id: string) => questionnaire.sections.findIndex((s) => s.questions.some((q) => q.id === id));

/** One question as form controls. */
const QuestionField = ({ props, q, section }: { props: AnswerStepProps; q: Question; section: number }) => {
  const { view, form, questionnaire, attachments } = props;
  const { t, localize } = view;
  const name = fieldName(q.id);
  const label = localize(q.label);
  const help = q.help ? localize(q.help) : '';
  let hint = help;
  if (q.condition && sectionOfQuestion(questionnaire, q.condition.questionId) === section) {
    const source = questionnaire.sections[section]?.questions.find((x) => x.id === q.condition?.questionId);
    const values = q.condition.anyOf.map((v) =>
      source && 'options' in source
        ? localize(source.options.find((o) => o.id === v)?.label) || v
        : v === 'yes'
          ? t('consultations.answering.form.yes')
          : v === 'no'
            ? t('consultations.answering.form.no')
            : v,
    );
    hint = [hint, t('consultations.answering.form.only_if', { question: source ? localize(source.label) : q.condition.questionId, values: view.fmt.list(values, 'disjunction') })]
      .filter(Boolean)
      .join(' ');
  }
  const required = q.required;
  const options = 'options' in q ? q.options.map((o) => ({ value: o.id, label: localize(o.label) })) : [];
  const other = <Field form={form} name={`${name}-other`} label={t('consultations.answering.form.other_label', { question: label })} maxLength={500} dir="auto" />;
  switch (q.type) {
    case 'short-text':
      return <Field form={form} name={name} label={label} hint={hint || undefined} required={required} maxLength={500} dir="auto" />;
    case 'long-text': {
      const raw = form.values[name];
      const text = Array.isArray(raw) ? (raw[0] ?? '') : (raw ?? '');
      const language = String(form.values.language ?? view.locale);
      const count = countWords(text, language);
      const words = q.maxWords ? t('consultations.answering.form.words_limit', { count, max: q.maxWords }) : t('consultations.answering.form.words_count', { count });
      return <TextArea form={form} name={name} label={label} hint={[hint, words].filter(Boolean).join(' ')} required={required} rows={8} />;
    }
    case 'single-choice':
      return (
        <>
          <Radios
            form={form}
            name={name}
            legend={label}
            hint={hint || undefined}
            required={required}
            options={[...options, ...(q.allowOther ? [{ value: 'other', label: t('consultations.answering.form.other') }] : [])]}
          />
          {q.allowOther && other}
        </>
      );
    case 'multiple-choice':
      return (
        <>
          <Checkboxes
            form={form}
            name={name}
            legend={`${label}${required ? ' *' : ''}`}
            hint={[hint, q.maxChoices ? t('consultations.answering.form.max_choices', { max: q.maxChoices }) : ''].filter(Boolean).join(' ') || undefined}
            options={[...options, ...(q.allowOther ? [{ value: 'other', label: t('consultations.answering.form.other') }] : [])]}
          />
          {q.allowOther && other}
        </>
      );
    case 'scale': {
      const scale = Array.from({ length: q.max - q.min + 1 }, (_, i) => q.min + i).map((n) => ({
        value: String(n),
        label:
          n === q.min && q.minLabel
            ? `${view.fmt.number(n)} (${localize(q.minLabel)})`
            : n === q.max && q.maxLabel
              ? `${view.fmt.number(n)} (${localize(q.maxLabel)})`
              : view.fmt.number(n),
      }));
      return <Radios form={form} name={name} legend={label} hint={hint || undefined} required={required} options={scale} />;
    }
    case 'yes-no':
      return (
        <Radios
          form={form}
          name={name}
          legend={label}
          hint={hint || undefined}
          required={required}
          options={[
            { value: 'yes', label: t('consultations.answering.form.yes') },
            { value: 'no', label: t('consultations.answering.form.no') },
          ]}
        />
      );
    case 'ranking': {
      const ranks = q.options.map((_, i) => ({ value: String(i + 1), label: view.fmt.number(i + 1) }));
      const error = form.errors[name];
      return (
        <fieldset class={error ? 'field field-error' : 'field'} id={`field-${name}`}>
          <legend>
            {label}
            {required ? ' *' : ''}
          </legend>
          <p class="hint">{[hint, t('consultations.answering.form.ranking_hint')].filter(Boolean).join(' ')}</p>
          {error && <p class="error-message">{error}</p>}
          {q.options.map((o) => (
            <Select form={form} name={`${name}-rank-${o.id}`} label={localize(o.label)} options={ranks} placeholder={t('consultations.answering.form.rank_none')} />
          ))}
        </fieldset>
      );
    }
    case 'reference': {
      const choices = props.referenceOptions[q.list] ?? [];
      if (!q.multiple)
        return (
          <Select form={form} name={name} label={label} hint={hint || undefined} required={required} options={choices} placeholder={t('consultations.answering.form.choose')} />
        );
      return <Checkboxes form={form} name={name} legend={`${label}${required ? ' *' : ''}`} hint={hint || undefined} options={choices} />;
    }
    case 'file': {
      const file = attachments.find((a) => a.questionId === q.id);
      const error = form.errors[name];
      return (
        <div class={error ? 'field field-error' : 'field'} id={`field-${name}`}>
          <p>
            <strong>{label}</strong>
            {required ? ' *' : ''}
          </p>
          {hint && <p class="hint">{hint}</p>}
          {error && <p class="error-message">{error}</p>}
          <p>
            {file
              ? t('consultations.answering.form.file_attached', { name: file.fileName, size: view.fmt.number(Math.ceil(file.byteSize / 1024)) })
              : t('consultations.answering.form.file_none')}{' '}
            <a href={view.href(`/consultations/${props.consultation.id}/answer/files/${encodeURIComponent(q.id)}`)}>
              {t(file ? 'consultations.answering.form.file_replace' : 'consultations.answering.form.file_attach', { question: label })}
            </a>
          </p>
        </div>
      );
    }
  }
};

const AboutStep = ({ props }: { props: AnswerStepProps }) => {
  const { view, consultation, form, organizations, countries } = props;
  const { t } = view;
  const respondentOptions: Option[] = [
    ...(consultation.respondentKind !== 'organization' ? [{ value: 'individual', label: t('consultations.answering.form.as_individual') }] : []),
    ...(consultation.respondentKind !== 'individual'
      ? organizations
          .filter((o) => consultation.audience !== 'member-states' || o.stakeholderType === 'government')
          .map((o) => ({ value: `org:${o.id}`, label: t('consultations.answering.form.as_organization', { name: o.name }) }))
      : []),
  ];
  return (
    <>
      <Radios
        form={form}
        name="respondent"
        legend={t('consultations.answering.form.respondent')}
        hint={t('consultations.answering.form.respondent_hint')}
        required
        options={respondentOptions}
      />
      <Select
        form={form}
        name="language"
        label={t('consultations.answering.form.language')}
        hint={t('consultations.answering.form.language_hint')}
        required
        options={LOCALES.map((l: Locale) => ({ value: l, label: t(`consultations.answering.languages.${l}`) }))}
      />
      {consultation.respondentKind !== 'organization' && (
        <>
          <Select
            form={form}
            name="country"
            label={t('consultations.answering.form.country')}
            hint={t('consultations.answering.form.country_hint')}
            options={countries}
            placeholder={t('consultations.answering.form.choose')}
          />
          <Radios
            form={form}
            name="gender"
            legend={t('consultations.answering.form.gender')}
            hint={t('consultations.answering.form.gender_hint')}
            options={GENDERS.map((g) => ({ value: g, label: t(`consultations.answering.genders.${g}`) }))}
          />
        </>
      )}
      {consultation.answersMayBePublished && (
        <Checkboxes
          form={form}
          name="publish"
          legend={t('consultations.answering.form.publish_legend')}
          options={[{ value: 'yes', label: t('consultations.answering.form.publish') }]}
        />
      )}
    </>
  );
};

const StepButtons = ({ view, step, last }: { view: ViewContext; step: number; last: number }) => (
  <p class="inline-list">
    {step > 0 && (
      <button type="submit" name="action" value="back" class="button button-secondary">
        {view.t('consultations.answering.form.back')}
      </button>
    )}
    {step < last ? (
      <button type="submit" name="action" value="save" class="button">
        {view.t('consultations.answering.form.save_continue')}
      </button>
    ) : (
      <button type="submit" name="action" value="submit" class="button">
        {view.t('consultations.answering.form.submit')}
      </button>
    )}
  </p>
);

/** The answer form, one step per page, usable without JavaScript. */
export const AnswerPage = (props: AnswerStepProps) => {
  const { view, consultation, questionnaire, step, form, message } = props;
  const { t, localize } = view;
  const title = view.localizeWithLocale(consultation.title);
  const last = questionnaire.sections.length + 1;
  const section: Section | undefined = step >= 1 && step <= questionnaire.sections.length ? questionnaire.sections[step - 1] : undefined;
  const stepTitle = step === 0 ? t('consultations.answering.form.about_step') : section ? localize(section.title) : t('consultations.answering.form.review_step');
  const labels: Record<string, string> = {
    respondent: t('consultations.answering.form.respondent'),
    language: t('consultations.answering.form.language'),
    country: t('consultations.answering.form.country'),
    gender: t('consultations.answering.form.gender'),
  };
  for (const q of questionnaire.sections.flatMap((s) => s.questions)) labels[fieldName(q.id)] = localize(q.label);
  let body: ComponentChildren;
  if (step === 0) body = <AboutStep props={props} />;
  else if (section)
    body = (
      <>
        {section.description && <p>{localize(section.description)}</p>}
        {section.questions
          .filter((q) => !q.condition || sectionOfQuestion(questionnaire, q.condition.questionId) === step - 1 || props.visible.has(q.id))
          .map((q) => (
            <QuestionField props={props} q={q} section={step - 1} />
          ))}
      </>
    );
  else
    body = (
      <>
        <h2>{t('consultations.answering.form.review_heading')}</h2>
        {props.copy.length === 0 ? <p>{t('consultations.answering.form.review_empty')}</p> : <AnswerCopy copy={props.copy} />}
      </>
    );
  return (
    <Layout view={view} title={`${stepTitle} — ${title.text}`}>
      <p class="breadcrumb">
        <a href={view.href(`/consultations/${consultation.id}`)}>{t('consultations.answering.form.back_to_consultation')}</a>
      </p>
      <h1>
        <span lang={title.locale === view.locale ? undefined : title.locale} dir="auto">
          {title.text}
        </span>
      </h1>
      <p>
        {t('consultations.answering.form.closes')} <LocalTime view={view} value={consultation.closesAt} />
      </p>
      {props.status === 'submitted' && props.submittedAt && (
        <p class="notice">
          {t('consultations.answering.form.already_submitted')} <LocalTime view={view} value={props.submittedAt} />
        </p>
      )}
      {message && (
        <div class={message.kind === 'error' ? 'error-summary' : 'notice'} role={message.kind === 'error' ? 'alert' : 'status'}>
          <p>
            {message.text}
            {message.closesAt && (
              <>
                {' '}
                <LocalTime view={view} value={message.closesAt} />
              </>
            )}
          </p>
        </div>
      )}
      <h2>
        {t('consultations.answering.form.step', { step: step + 1, count: last + 1 })} {stepTitle}
      </h2>
      <ErrorSummary view={view} form={form} labels={labels} />
      <PostForm view={view} action={view.href(`/consultations/${consultation.id}/answer`)}>
        <input type="hidden" name="step" value={String(step)} />
        {body}
        <StepButtons view={view} step={step} last={last} />
      </PostForm>
    </Layout>
  );
};

/** A page that says why the person may not answer (the audience), or that the call is not open. */
export const AnswerRefusedPage = ({ view, consultation, text, closesAt }: { view: ViewContext; consultation: Consultation; text: string; closesAt?: Date }) => {
  const title = view.localizeWithLocale(consultation.title);
  return (
    <Layout view={view} title={title.text}>
      <h1>
        <span lang={title.locale === view.locale ? undefined : title.locale} dir="auto">
          {title.text}
        </span>
      </h1>
      <p class="error-message" role="alert">
        {text}
        {closesAt && (
          <>
            {' '}
            <LocalTime view={view} value={closesAt} />
          </>
        )}
      </p>
      <p>
        <a href={view.href(`/consultations/${consultation.id}`)}>{view.t('consultations.answering.form.back_to_consultation')}</a>
      </p>
    </Layout>
  );
};
