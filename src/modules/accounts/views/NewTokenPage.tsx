import type { ViewContext } from '../../../core/views/context.js';
import { Layout } from '../../../core/views/Layout.js';

export const NewTokenPage = ({ view, token, label }: { view: ViewContext; token: string; label: string }) => {
  const { t } = view;
  return (
    <Layout view={view} title={t('accounts.tokens.created_title')}>
      <h1>{t('accounts.tokens.created_title')}</h1>
      <p>{t('accounts.tokens.created_intro', { label })}</p>
      <p>
        <label for="new-token">{t('accounts.tokens.token_label')}</label>
      </p>
      <input id="new-token" class="token-output" type="text" readonly value={token} dir="ltr" />
      <p>{t('accounts.tokens.usage')}</p>
      <pre dir="ltr">
        <code>{`curl -H "Authorization: Bearer ${token}" ${'/api/v1/me'}`}</code>
      </pre>
      <p>
        <a href={view.href('/account')}>{t('accounts.tokens.back')}</a>
      </p>
    </Layout>
  );
};
