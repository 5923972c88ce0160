import { ErrorSummary, type FormState, LocalTime } from '../../../../core/views/components.js';
import type { ViewContext } from '../../../../core/views/context.js';
import { Layout } from '../../../../core/views/Layout.js';
import type { Consultation } from '../../queries.js';
import type { CopyItem } from '../copy.js';
import { AnswerCopy } from './AnswerCopy.js';

/** After submission: what was received, when, and until when it may be changed. */
export const ReceiptPage = ({ view, consultation, submittedAt, copy }: { view: ViewContext; consultation: Consultation; submittedAt: Date; copy: CopyItem[] }) => {
  const { t } = view;
  const title = view.localizeWithLocale(consultation.title);
  return (
    <Layout view={view} title={t('consultations.answering.receipt.title')}>
      <h1>{t('consultations.answering.receipt.title')}</h1>
      <p>
        <span lang={title.locale === view.locale ? undefined : title.locale} dir="auto">
          {title.text}
        </span>
      </p>
      <p>
        {t('consultations.answering.receipt.submitted_at')} <LocalTime view={view} value={submittedAt} />
      </p>
      <p>
        {t('consultations.answering.receipt.change_until')} <LocalTime view={view} value={consultation.closesAt} />{' '}
        <a href={view.href(`/consultations/${consultation.id}/answer`)}>{t('consultations.answering.receipt.change')}</a>
      </p>
      <h2>{t('consultations.answering.receipt.copy_heading')}</h2>
      <AnswerCopy copy={copy} />
    </Layout>
  );
};

/** The upload of one file question's attachment (a form of its own: the answer form needs no multipart). */
export const AttachPage = ({
  view,
  consultation,
  questionId,
  question,
  form,
  hint,
}: {
  view: ViewContext;
  consultation: Consultation;
  questionId: string;
  question: string;
  form: FormState;
  hint: string;
}) => {
  const { t } = view;
  const error = form.errors.file;
  return (
    <Layout view={view} title={t('consultations.answering.files.title', { question })}>
      <p class="breadcrumb">
        <a href={view.href(`/consultations/${consultation.id}/answer`)}>{t('consultations.answering.files.back')}</a>
      </p>
      <h1>{t('consultations.answering.files.title', { question })}</h1>
      <ErrorSummary view={view} form={form} labels={{ file: t('consultations.answering.files.file') }} />
      <form method="post" action={view.href(`/consultations/${consultation.id}/answer/files/${encodeURIComponent(questionId)}`)} enctype="multipart/form-data" novalidate>
        <input type="hidden" name="_csrf" value={view.csrfToken} />
        <div class={error ? 'field field-error' : 'field'}>
          <label for="field-file">{t('consultations.answering.files.file')}</label>
          <p class="hint" id="field-file-hint">
            {hint}
          </p>
          {error && (
            <p class="error-message" id="field-file-error">
              {error}
            </p>
          )}
          <input
            type="file"
            id="field-file"
            name="file"
            accept=".pdf,.docx,.odt,.xlsx"
            aria-describedby={error ? 'field-file-hint field-file-error' : 'field-file-hint'}
            aria-invalid={error ? 'true' : undefined}
          />
        </div>
        <p>
          <button type="submit" class="button">
            {t('consultations.answering.files.upload')}
          </button>
        </p>
      </form>
    </Layout>
  );
};
