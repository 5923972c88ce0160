import type { ViewContext } from '../../../../core/views/context.js';
import { Layout } from '../../../../core/views/Layout.js';
import { PostForm } from '../../../../core/views/components.js';

/** Confirming (a POST, so a link checker never unsubscribes anyone), then done; or an invalid link. */
export const UnsubscribePage = ({ view, state, token }: { view: ViewContext; state: 'confirm' | 'done' | 'invalid'; token: string }) => {
  const { t } = view;
  return (
    <Layout view={view} title={t('consultations.exports.unsubscribe.title')}>
      <h1>{t('consultations.exports.unsubscribe.title')}</h1>
      {state === 'invalid' && <p role="alert">{t('consultations.exports.unsubscribe.invalid')}</p>}
      {state === 'done' && <p role="status">{t('consultations.exports.unsubscribe.done')}</p>}
      {state === 'confirm' && (
        <PostForm view={view} action={view.href('/consultations/unsubscribe')}>
          <p>{t('consultations.exports.unsubscribe.confirm_text')}</p>
          <input type="hidden" name="token" value={token} />
          <button type="submit" class="button">
            {t('consultations.exports.unsubscribe.confirm')}
          </button>
        </PostForm>
      )}
    </Layout>
  );
};
