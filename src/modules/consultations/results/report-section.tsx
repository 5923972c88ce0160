/**
 * The consultations' part of the periodic reports: the synthesis of each consultation whose
 * results are published and whose close falls in the period (the frozen one where it exists), as
 * HTML in the report's language.
 */
import { render } from 'preact-render-to-string';
import type { DbOrTx } from '../../../core/db/client.js';
import type { Locale } from '../../../core/i18n/locales.js';
import { viewWithoutRequest } from '../../../core/views/document-view.js';
import { findPublishedClosedBetween } from './queries.js';
import { currentSynthesis } from './synthesis.js';
import { SynthesisDocument } from './views/SynthesisDocument.js';
import { frozenSentence } from './views/SynthesisPage.js';

export const buildReportSection = async (db: DbOrTx, { from, to, locale }: { from: Date; to: Date; locale: Locale }): Promise<{ html: string }> => {
  const view = viewWithoutRequest(locale);
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
