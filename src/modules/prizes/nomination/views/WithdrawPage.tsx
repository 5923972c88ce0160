import type { Localized } from '../../../../core/i18n/locales.js';
import { PostForm } from '../../../../core/views/components.js';
import type { ViewContext } from '../../../../core/views/context.js';
import { Layout } from '../../../../core/views/Layout.js';
import type { Edition } from '../../phases.js';
import type { Nomination } from '../../queries.js';

/** The confirmation step before a submitter withdraws their nomination. */
export const WithdrawPage = ({ view, edition, nomination, entryTitle }: { view: ViewContext; edition: Edition; nomination: Nomination; entryTitle: Localized | null }) => {
  const { t } = view;
  const title = t('prizes.nomination.withdraw_title');
  const name = entryTitle ? view.localizeWithLocale(entryTitle) : null;
  const back = view.href(`/prizes/${edition.year}/nominate`);
  return (
    <Layout view={view} title={title}>
      <p class="breadcrumb">
        <a href={back}>{t('prizes.nomination.title', { year: edition.year })}</a>
      </p>
      <h1>{title}</h1>
      <p>
        {t('prizes.nomination.withdraw_question', { category: nomination.categoryNumber, year: edition.year })}{' '}
        {name ? (
          <strong lang={name.locale === view.locale ? undefined : name.locale} dir="auto">
            {name.text}
          </strong>
        ) : (
          <strong>#{nomination.entryId}</strong>
        )}
      </p>
      <p>{t('prizes.nomination.withdraw_consequences')}</p>
      <PostForm view={view} action={view.href(`/prizes/${edition.year}/nominations/${nomination.id}/withdraw`)}>
        <p class="inline-list">
          <button type="submit" class="button button-danger">
            {t('prizes.nomination.withdraw_confirm')}
          </button>
          <a href={back}>{t('prizes.nomination.withdraw_cancel')}</a>
        </p>
      </PostForm>
    </Layout>
  );
};
