import type { ViewContext } from '../../../core/views/context.js';
import { Layout } from '../../../core/views/Layout.js';

export const HomePage = ({ view }: { view: ViewContext }) => {
  const { t } = view;
  return (
    <Layout view={view} title={t('home.page.title')}>
      <h1>{t('home.page.title')}</h1>
      <p class="lead">{t('home.page.lead')}</p>
      <ul class="card-grid">
        <li class="card">
          <h2>
            <a href={view.href('/stocktaking')}>{t('home.cards.stocktaking_title')}</a>
          </h2>
          <p>{t('home.cards.stocktaking')}</p>
        </li>
        <li class="card">
          <h2>
            <a href={view.href('/stocktaking/statistics')}>{t('home.cards.statistics_title')}</a>
          </h2>
          <p>{t('home.cards.statistics')}</p>
        </li>
        <li class="card">
          <h2>
            <a href={view.href('/action-lines')}>{t('core.nav.action_lines')}</a>
          </h2>
          <p>{t('home.cards.action_lines')}</p>
        </li>
        <li class="card">
          <h2>
            <a href={view.href('/sdgs')}>{t('core.nav.sdgs')}</a>
          </h2>
          <p>{t('home.cards.sdgs')}</p>
        </li>
        <li class="card">
          <h2>
            <a href={view.href('/matrix')}>{t('core.nav.matrix')}</a>
          </h2>
          <p>{t('home.cards.matrix')}</p>
        </li>
      </ul>
    </Layout>
  );
};
