import { LOCALES } from '../../../../core/i18n/locales.js';
import { ErrorSummary, type FormState, LocalTime, Select, TextArea } from '../../../../core/views/components.js';
import type { ViewContext } from '../../../../core/views/context.js';
import { Layout } from '../../../../core/views/Layout.js';
import { languageName } from '../../../../core/views/LocalizedText.js';
import type { ContributionMeeting } from '../queries.js';
import { MAX_CONTRIBUTION_BYTES, MAX_NOTE_LENGTH, MAX_TITLE_LENGTH } from '../rules.js';
import { meetingCode, meetingPath } from './labels.js';

type Choice = { value: string; label: string };

/** The labels of the form's fields, for the error summary. */
export const contributeLabels = (view: ViewContext) => {
  const { t } = view;
  const labels: Record<string, string> = {
    source: t('meetings.contributions.form.source'),
    agenda_item: t('meetings.contributions.form.agenda_item'),
    original_language: t('meetings.contributions.form.original_language'),
    note: t('meetings.contributions.form.note'),
  };
  for (const l of LOCALES) {
    labels[`title_${l}`] = t('meetings.contributions.form.title_in', { language: languageName(view, l) });
    labels[`file_${l}`] = t('meetings.contributions.form.file_in', { language: languageName(view, l) });
  }
  return labels;
};

const FileInput = ({ view, form, locale }: { view: ViewContext; form: FormState; locale: string }) => {
  const name = `file_${locale}`;
  const id = `field-${name}`;
  const error = form.errors[name];
  return (
    <div class={error ? 'field field-error' : 'field'}>
      <label for={id}>{view.t('meetings.contributions.form.file_in', { language: languageName(view, locale) })}</label>
      {error && (
        <p class="error-message" id={`${id}-error`}>
          {error}
        </p>
      )}
      <input
        type="file"
        id={id}
        name={name}
        accept=".pdf,.docx,.odt,.xlsx,.pptx"
        aria-describedby={error ? `files-hint ${id}-error` : 'files-hint'}
        aria-invalid={error ? 'true' : undefined}
      />
    </div>
  );
};

/** The contribution form of a meeting (multipart, no script needed). */
export const ContributePage = ({
  view,
  meeting,
  form,
  sources,
  agenda,
  late,
}: {
  view: ViewContext;
  meeting: ContributionMeeting;
  form: FormState;
  sources: Choice[];
  agenda: Choice[];
  late: boolean;
}) => {
  const { t } = view;
  const code = meetingCode(meeting);
  const title = t('meetings.contributions.form.title', { meeting: code });
  const languages = LOCALES.map((l) => ({ value: l, label: languageName(view, l) }));
  return (
    <Layout view={view} title={title}>
      <p class="breadcrumb">
        <a href={view.href('/meetings/my-contributions')}>{t('meetings.contributions.mine.title')}</a>
      </p>
      <h1>{title}</h1>
      <p>
        <span dir="auto">{view.localize(meeting.title)}</span>
      </p>
      {late ? (
        <div class="notice notice-warning" role="note">
          <p>
            {t('meetings.contributions.form.deadline_passed')} <LocalTime view={view} value={meeting.deadline} />
          </p>
          <p>{t('meetings.contributions.form.late_notice')}</p>
        </div>
      ) : (
        <p>
          {t('meetings.contributions.form.deadline')} <LocalTime view={view} value={meeting.deadline} />
        </p>
      )}
      <ErrorSummary view={view} form={form} labels={contributeLabels(view)} />
      <form method="post" action={view.href(`${meetingPath(meeting)}/contribute`)} enctype="multipart/form-data" novalidate>
        <input type="hidden" name="_csrf" value={view.csrfToken} />
        {sources.length === 1 ? (
          <p>
            {t('meetings.contributions.form.source_single')} <strong dir="auto">{sources[0]?.label}</strong>
            <input type="hidden" name="source" value={sources[0]?.value} />
          </p>
        ) : (
          <Select form={form} name="source" label={t('meetings.contributions.form.source')} options={sources} required placeholder={t('meetings.contributions.form.choose')} />
        )}
        {agenda.length > 0 && (
          <Select
            form={form}
            name="agenda_item"
            label={t('meetings.contributions.form.agenda_item')}
            options={agenda}
            required
            placeholder={t('meetings.contributions.form.choose')}
          />
        )}
        <Select
          form={form}
          name="original_language"
          label={t('meetings.contributions.form.original_language')}
          options={languages}
          required
          placeholder={t('meetings.contributions.form.choose')}
        />
        <fieldset class="field">
          <legend>{t('meetings.contributions.form.titles')}</legend>
          <p class="hint">{t('meetings.contributions.form.titles_hint')}</p>
          {LOCALES.map((l) => {
            const name = `title_${l}`;
            const id = `field-${name}`;
            const error = form.errors[name];
            const value = form.values[name];
            return (
              <div class={error ? 'field field-error' : 'field'}>
                <label for={id}>{t('meetings.contributions.form.title_in', { language: languageName(view, l) })}</label>
                {error && (
                  <p class="error-message" id={`${id}-error`}>
                    {error}
                  </p>
                )}
                <input
                  type="text"
                  id={id}
                  name={name}
                  lang={l}
                  dir="auto"
                  maxLength={MAX_TITLE_LENGTH}
                  value={typeof value === 'string' ? value : ''}
                  aria-invalid={error ? 'true' : undefined}
                  aria-describedby={error ? `${id}-error` : undefined}
                />
              </div>
            );
          })}
        </fieldset>
        <fieldset class="field">
          <legend>{t('meetings.contributions.form.files')}</legend>
          <p class="hint" id="files-hint">
            {t('meetings.contributions.form.files_hint', { max: Math.round(MAX_CONTRIBUTION_BYTES / 1024 / 1024) })}
          </p>
          {LOCALES.map((l) => (
            <FileInput view={view} form={form} locale={l} />
          ))}
        </fieldset>
        <TextArea form={form} name="note" label={t('meetings.contributions.form.note')} hint={t('meetings.contributions.form.note_hint')} maxLength={MAX_NOTE_LENGTH} />
        <p>
          <button type="submit" class="button">
            {t('meetings.contributions.form.submit')}
          </button>
        </p>
      </form>
    </Layout>
  );
};

/** Why this meeting receives no contribution (held, cancelled) or this person may not submit. */
export const ContributeRefusedPage = ({ view, meeting, text }: { view: ViewContext; meeting: ContributionMeeting; text: string }) => {
  const title = view.t('meetings.contributions.form.title', { meeting: meetingCode(meeting) });
  return (
    <Layout view={view} title={title}>
      <h1>{title}</h1>
      <p class="notice notice-error" role="alert">
        {text}
      </p>
    </Layout>
  );
};
