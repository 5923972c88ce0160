import type { ViewContext } from '../../../../core/views/context.js';
import { Layout } from '../../../../core/views/Layout.js';
import { ENDONYMS, LOCALES } from '../../../../core/i18n/locales.js';
import type { LetterContent } from '../letter.js';

/** The circular letter in the reader's language, with links to the five others. */
export const LetterPage = ({ view, consultationId, letter }: { view: ViewContext; consultationId: number; letter: LetterContent }) => {
  const { t } = view;
  return (
    <Layout view={view} title={letter.subject}>
      <p class="breadcrumb">
        <a href={view.href(`/consultations/${consultationId}`)}>{letter.title}</a>
      </p>
      <article class="circular-letter">
        <p>{letter.number ? t('consultations.exports.letter.number', { number: letter.number }) : t('consultations.exports.letter.unnumbered')}</p>
        <h1>{letter.title}</h1>
        {letter.paragraphs.map((p) => (
          <p>{p}</p>
        ))}
        <p>
          <a href={letter.url}>{t('consultations.exports.letter.open')}</a>
        </p>
      </article>
      <nav aria-label={t('consultations.exports.letter.languages')}>
        <h2>{t('consultations.exports.letter.languages')}</h2>
        <ul class="link-list">
          {LOCALES.filter((l) => l !== view.locale).map((l) => (
            <li>
              <a href={`/${l}/consultations/${consultationId}/letter`} lang={l} hreflang={l}>
                {ENDONYMS[l]}
              </a>
            </li>
          ))}
        </ul>
      </nav>
    </Layout>
  );
};
