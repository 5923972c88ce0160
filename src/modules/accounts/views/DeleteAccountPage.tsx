import { Checkboxes, ErrorSummary, Field, type FormState, PostForm } from '../../../core/views/components.js';
import type { ViewContext } from '../../../core/views/context.js';
import { Layout } from '../../../core/views/Layout.js';

export const DeleteAccountPage = ({ view, form }: { view: ViewContext; form: FormState }) => {
  const { t } = view;
  const labels = { currentPassword: t('accounts.fields.current_password'), confirm: t('accounts.delete.confirm_legend') };
  return (
    <Layout view={view} title={t('accounts.delete.title')}>
      <h1>{t('accounts.delete.title')}</h1>
      <p>{t('accounts.delete.intro')}</p>
      <p>
        <a href={view.href('/account/export')}>{t('accounts.account.export')}</a>
      </p>
      <ErrorSummary view={view} form={form} labels={labels} />
      <PostForm view={view} action={view.href('/account/delete')} class="stack">
        <Checkboxes form={form} name="confirm" legend={labels.confirm} options={[{ value: 'on', label: t('accounts.delete.confirm_label') }]} />
        <Field form={form} name="currentPassword" type="password" label={labels.currentPassword} autocomplete="current-password" required />
        <button type="submit" class="button button-danger">
          {t('accounts.delete.submit')}
        </button>
      </PostForm>
    </Layout>
  );
};
