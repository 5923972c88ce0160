import { ErrorSummary, Field, type FormState, PostForm, Select, TextArea } from '../../../../core/views/components.js';
import type { ViewContext } from '../../../../core/views/context.js';
import { Layout } from '../../../../core/views/Layout.js';
import { LOCALES } from '../../../../core/i18n/locales.js';
import { languageName } from '../../../../core/views/LocalizedText.js';
import { BUREAUX, TASK_STATUSES } from '../../tables.js';

/** The task form: title and description in six languages (one at least), owner, dates, status, output, targets, evidence. */
export const TaskFormPage = ({
  view,
  actionLine,
  taskId,
  form,
  outputs,
}: {
  view: ViewContext;
  actionLine: string;
  taskId: number | null;
  form: FormState;
  outputs: { id: number; code: string; title: string }[];
}) => {
  const { t } = view;
  const title = taskId ? t('roadmaps.tasks.edit_title', { id: taskId }) : t('roadmaps.tasks.new_title', { line: actionLine });
  const labels: Record<string, string> = {
    ...Object.fromEntries(
      LOCALES.flatMap((l) => [
        [`title.${l}`, t('roadmaps.tasks.title_in', { language: languageName(view, l) })],
        [`description.${l}`, t('roadmaps.tasks.description_in', { language: languageName(view, l) })],
      ]),
    ),
    ownerBureau: t('roadmaps.tasks.owner_bureau'),
    ownerEmail: t('roadmaps.tasks.owner_email'),
    startsOn: t('roadmaps.tasks.starts_on'),
    deadline: t('roadmaps.tasks.deadline'),
    status: t('roadmaps.tasks.status'),
    outputId: t('roadmaps.tasks.output'),
    sdgTargets: t('roadmaps.tasks.sdg_targets'),
    connectTargets: t('roadmaps.tasks.connect_targets'),
    evidence: t('roadmaps.tasks.evidence_ids'),
  };
  return (
    <Layout view={view} title={title}>
      <h1>{title}</h1>
      <PostForm view={view} action={view.href(taskId ? `/roadmaps/tasks/${taskId}` : `/roadmaps/${encodeURIComponent(actionLine)}/tasks`)}>
        <ErrorSummary view={view} form={form} labels={labels} />
        <fieldset>
          <legend>{t('roadmaps.tasks.title')}</legend>
          <p class="hint">{t('roadmaps.tasks.title_hint')}</p>
          {LOCALES.map((l) => (
            <Field form={form} name={`title.${l}`} label={labels[`title.${l}`] as string} maxLength={300} dir={l === 'ar' ? 'rtl' : 'auto'} />
          ))}
        </fieldset>
        <fieldset>
          <legend>{t('roadmaps.tasks.description')}</legend>
          {LOCALES.map((l) => (
            <TextArea form={form} name={`description.${l}`} label={labels[`description.${l}`] as string} rows={3} maxLength={5000} />
          ))}
        </fieldset>
        <Select form={form} name="ownerBureau" label={labels.ownerBureau as string} options={BUREAUX.map((b) => ({ value: b, label: t(`roadmaps.tasks.bureau_${b}`) }))} required />
        <Field form={form} name="ownerEmail" label={labels.ownerEmail as string} hint={t('roadmaps.tasks.owner_email_hint')} type="email" dir="ltr" />
        <Field form={form} name="startsOn" label={labels.startsOn as string} type="date" required />
        <Field form={form} name="deadline" label={labels.deadline as string} type="date" required />
        <Select form={form} name="status" label={labels.status as string} options={TASK_STATUSES.map((s) => ({ value: s, label: t(`roadmaps.tasks.status_${s}`) }))} required />
        <Select
          form={form}
          name="outputId"
          label={labels.outputId as string}
          placeholder={t('roadmaps.tasks.no_output')}
          options={outputs.map((o) => ({ value: String(o.id), label: `${o.code} — ${o.title}` }))}
        />
        <Field form={form} name="sdgTargets" label={labels.sdgTargets as string} hint={t('roadmaps.tasks.codes_hint', { example: '4.4, 9.c' })} dir="ltr" />
        <Field form={form} name="connectTargets" label={labels.connectTargets as string} hint={t('roadmaps.tasks.codes_hint', { example: '1.1, 2.3' })} dir="ltr" />
        <Field form={form} name="evidence" label={labels.evidence as string} hint={t('roadmaps.tasks.evidence_hint')} dir="ltr" />
        <button type="submit" class="button">
          {t('roadmaps.tasks.save')}
        </button>
      </PostForm>
    </Layout>
  );
};
