import { ErrorSummary, type FormState, Field, PostButton, PostForm, TextArea } from '../../../../core/views/components.js';
import type { ViewContext } from '../../../../core/views/context.js';
import { Layout } from '../../../../core/views/Layout.js';
import type { MatrixLink } from '../../queries.js';

export type MatrixLinkEditPageProps = { view: ViewContext; link: MatrixLink; knownTargets: string[]; form: FormState };

/** Admin: the edit form of one matrix link (also where an invalid edit comes back, with its errors). */
export const MatrixLinkEditPage = ({ view, link, knownTargets, form }: MatrixLinkEditPageProps) => {
  const { t } = view;
  const heading = t('reference.admin.edit_link', { actionLine: link.actionLine, sdg: link.sdg });
  const action = view.href(`/admin/reference/matrix/${link.actionLine}/${link.sdg}`);
  return (
    <Layout view={view} title={heading}>
      <p class="breadcrumb">
        <a href={view.href(`/admin/reference/matrix?actionLine=${encodeURIComponent(link.actionLine)}`)}>{t('reference.admin.title')}</a>
      </p>
      <h1>{heading}</h1>
      <ErrorSummary view={view} form={form} labels={{ targets: t('reference.admin.targets_label'), rationale: t('reference.admin.rationale_label') }} />
      <PostForm view={view} action={action}>
        <Field
          form={form}
          name="targets"
          label={t('reference.admin.targets_label')}
          hint={t('reference.admin.targets_hint', { sdg: link.sdg, codes: knownTargets.join(', ') || '—' })}
          maxLength={500}
          dir="ltr"
        />
        <TextArea form={form} name="rationale" label={t('reference.admin.rationale_label')} rows={6} maxLength={5000} />
        <button type="submit" class="button">
          {t('reference.admin.save')}
        </button>
      </PostForm>
      <PostButton view={view} action={`${action}/delete`} label={t('reference.admin.delete', { actionLine: link.actionLine, sdg: link.sdg })} variant="danger" />
    </Layout>
  );
};
