import { ErrorSummary, Field, type FormState, PostForm, Select } from '../../../core/views/components.js';
import type { ViewContext } from '../../../core/views/context.js';
import { Layout } from '../../../core/views/Layout.js';
import { NewPasswordField } from '../components/NewPasswordField.js';
import { localeOptions } from '../components/options.js';

export const RegisterPage = ({ view, form }: { view: ViewContext; form: FormState }) => {
  const { t } = view;
  const labels = { name: t('accounts.fields.name'), email: t('accounts.fields.email'), password: t('accounts.fields.password'), locale: t('accounts.fields.locale') };
  return (
    <Layout view={view} title={t('accounts.register.title')}>
      <h1>{t('accounts.register.title')}</h1>
      <p>{t('accounts.register.intro')}</p>
      <ErrorSummary view={view} form={form} labels={labels} />
      <PostForm view={view} action={view.href('/register')} class="stack">
        <Field form={form} name="name" label={labels.name} autocomplete="name" required maxLength={200} />
        <Field form={form} name="email" type="email" label={labels.email} autocomplete="email" required dir="ltr" />
        <NewPasswordField view={view} form={form} label={labels.password} />
        <Select form={form} name="locale" label={labels.locale} hint={t('accounts.fields.locale_hint')} options={localeOptions()} required />
        <button type="submit" class="button">
          {t('accounts.register.submit')}
        </button>
      </PostForm>
      <p>
        {t('accounts.register.have_account')} <a href={view.href('/sign-in')}>{t('accounts.sign_in.title')}</a>
      </p>
    </Layout>
  );
};
