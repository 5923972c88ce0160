/**
 * The consultations' part of the periodic reports: the synthesis of each consultation whose
 * results are published and whose close falls in the period (the frozen one where it exists), as
 * HTML in the report's language.
 */
import { render } from 'preact-render-to-string';
import type { DbOrTx } from '../../../core/db/client.js';
import { dir, type Locale } from '../../../core/i18n/locales.js';
import { formatters, localizeWithLocale, localizer, translator } from '../../../core/i18n/translate.js';
import type { ViewContext } from '../../../core/views/context.js';
import { findPublishedClosedBetween } from './queries.js';
import { currentSynthesis } from './synthesis.js';
import { SynthesisDocument } from './views/SynthesisDocument.js';
import { frozenSentence } from './views/SynthesisPage.js';

/** A view for a document rendered without a request (no reader, no form). */
export const documentView = (locale: Locale): ViewContext => ({
  locale,
  dir: dir(locale),
  t: translator(locale),
  localize: localizer(locale),
  localizeWithLocale: (value) => localizeWithLocale(value, locale),
  fmt: formatters(locale),
  actor: null,
  csrfToken: '',
  path: '/',
  flash: [],
  nav: [],
  adminNav: [],
  href: (path: string) => `/${locale}${path === '/' ? '' : path}`,
  asset: (name: string) => `/assets/${name}`,
  databaseKind: 'postgresql',
});

export const buildReportSection = async (db: DbOrTx, { from, to, locale }: { from: Date; to: Date; locale: Locale }): Promise<{ html: string }> => {
  const view = documentView(locale);
  const ids = await findPublishedClosedBetween(db, { from, to });
  const parts: string[] = [];
  for (const id of ids) {
    const { synthesis, frozen } = await currentSynthesis(db, id, { locale });
    parts.push(
      render(
        <section class="report-consultation" lang={locale} dir={view.dir}>
          <h2>{view.t('consultations.results.synthesis_title', { title: synthesis.title })}</h2>
          {frozen && <p>{frozenSentence(view, frozen)}</p>}
          <SynthesisDocument view={view} synthesis={synthesis} headingLevel={3} />
        </section>,
      ),
    );
  }
  return { html: parts.length > 0 ? parts.join('\n') : render(<p>{view.t('consultations.results.report_none')}</p>) };
};
