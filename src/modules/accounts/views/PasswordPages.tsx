import { ErrorSummary, Field, type FormState, PostForm } from '../../../core/views/components.js';
import type { ViewContext } from '../../../core/views/context.js';
import { Layout } from '../../../core/views/Layout.js';
import { NewPasswordField } from '../components/NewPasswordField.js';

export const ForgotPasswordPage = ({ view, form }: { view: ViewContext; form: FormState }) => {
  const { t } = view;
  return (
    <Layout view={view} title={t('accounts.forgot.title')}>
      <h1>{t('accounts.forgot.title')}</h1>
      <p>{t('accounts.forgot.intro')}</p>
      <ErrorSummary view={view} form={form} labels={{ email: t('accounts.fields.email') }} />
      <PostForm view={view} action={view.href('/forgot-password')} class="stack">
        <Field form={form} name="email" type="email" label={t('accounts.fields.email')} autocomplete="email" required dir="ltr" />
        <button type="submit" class="button">
          {t('accounts.forgot.submit')}
        </button>
      </PostForm>
    </Layout>
  );
};

export const ResetPasswordPage = ({ view, form }: { view: ViewContext; form: FormState }) => {
  const { t } = view;
  const token = typeof form.values.token === 'string' ? form.values.token : '';
  return (
    <Layout view={view} title={t('accounts.reset.title')}>
      <h1>{t('accounts.reset.title')}</h1>
      <ErrorSummary view={view} form={form} labels={{ password: t('accounts.fields.new_password') }} />
      <PostForm view={view} action={view.href('/reset-password')} class="stack">
        <input type="hidden" name="token" value={token} />
        <NewPasswordField view={view} form={form} label={t('accounts.fields.new_password')} />
        <button type="submit" class="button">
          {t('accounts.reset.submit')}
        </button>
      </PostForm>
    </Layout>
  );
};
