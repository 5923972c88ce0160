import type { ViewContext } from '../../../core/views/context.js';
import { Layout } from '../../../core/views/Layout.js';
import { LocalizedText } from '../components/Text.js';
import type { Sdg } from '../queries.js';

/** Public: the 17 Sustainable Development Goals. */
export const SdgsPage = ({ view, sdgs }: { view: ViewContext; sdgs: Sdg[] }) => {
  const { t } = view;
  return (
    <Layout view={view} title={t('reference.sdgs.title')}>
      <h1>{t('reference.sdgs.title')}</h1>
      <p class="lead">{t('reference.sdgs.lead')}</p>
      <ol class="sdg-list">
        {sdgs.map((sdg) => (
          <li value={sdg.number}>
            <h2>
              <a href={view.href(`/sdgs/${sdg.number}`)}>
                {t('reference.sdgs.number', { number: sdg.number })}
                {t('core.text.colon')}
                <LocalizedText view={view} value={sdg.short} confidence={sdg.confidence.short} />
              </a>
            </h2>
            <p>
              <LocalizedText view={view} value={sdg.title} confidence={sdg.confidence.title} />
            </p>
          </li>
        ))}
      </ol>
    </Layout>
  );
};
