import { ErrorSummary, Field, type FormState, PostForm } from '../../../core/views/components.js';
import type { ViewContext } from '../../../core/views/context.js';
import { Layout } from '../../../core/views/Layout.js';

export const SignInPage = ({ view, form }: { view: ViewContext; form: FormState }) => {
  const { t } = view;
  const labels = { email: t('accounts.fields.email'), password: t('accounts.fields.password') };
  const next = typeof form.values.next === 'string' ? form.values.next : '';
  return (
    <Layout view={view} title={t('accounts.sign_in.title')}>
      <h1>{t('accounts.sign_in.title')}</h1>
      <ErrorSummary view={view} form={form} labels={labels} />
      <PostForm view={view} action={view.href('/sign-in')} class="stack">
        {next && <input type="hidden" name="next" value={next} />}
        <Field form={form} name="email" type="email" label={labels.email} autocomplete="username" required dir="ltr" />
        <Field form={form} name="password" type="password" label={labels.password} autocomplete="current-password" required />
        <button type="submit" class="button">
          {t('accounts.sign_in.submit')}
        </button>
      </PostForm>
      <ul class="links">
        <li>
          <a href={view.href('/forgot-password')}>{t('accounts.forgot.title')}</a>
        </li>
        <li>
          <a href={view.href('/register')}>{t('accounts.register.title')}</a>
        </li>
      </ul>
    </Layout>
  );
};
