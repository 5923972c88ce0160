import { Layout } from '../../../../core/views/Layout.js';
import type { ViewContext } from '../../../../core/views/context.js';
import { BREAKDOWNS } from '../queries.js';
import type { ConsultationResults } from '../results.js';
import { QuestionResults } from './QuestionResults.js';
import { Participation } from './SynthesisDocument.js';

/** The results of a consultation: participation, the breakdown and counting chosen by a GET form (no script), then each question. */
export const ResultsPage = ({ view, results, isAnalyst }: { view: ViewContext; results: ConsultationResults; isAnalyst: boolean }) => {
  const { t } = view;
  const title = t('consultations.results.title', { title: results.title });
  const sections = [...new Set(results.questions.map((q) => q.section))];
  return (
    <Layout view={view} title={title}>
      <p class="breadcrumb">
        <a href={view.href(`/consultations/${results.consultationId}`)}>{results.title}</a>
      </p>
      <h1>{title}</h1>
      {results.status !== 'published' && <p class="notice">{t('consultations.results.not_published')}</p>}
      <p>
        <a href={view.href(`/consultations/${results.consultationId}/synthesis`)}>{t('consultations.results.see_synthesis')}</a>
        {isAnalyst && (
          <>
            {' · '}
            <a href={view.href(`/admin/consultations/${results.consultationId}/synthesis`)}>{t('consultations.results.manage_synthesis')}</a>
          </>
        )}
      </p>
      <form method="get" action={view.href(`/consultations/${results.consultationId}/results`)} class="results-options">
        <div class="field">
          <label for="breakdown">{t('consultations.results.breakdown_label')}</label>
          <select id="breakdown" name="breakdown">
            <option value="" selected={results.breakdown === null}>
              {t('consultations.results.breakdown_none')}
            </option>
            {BREAKDOWNS.map((b) => (
              <option value={b} selected={results.breakdown === b}>
                {t(`consultations.results.dimension_${b}`)}
              </option>
            ))}
          </select>
        </div>
        <fieldset>
          <legend>{t('consultations.results.counting_legend')}</legend>
          <div class="choice">
            <input type="radio" id="counting-submitted" name="counting" value="as-submitted" checked={results.counting === 'as-submitted'} />
            <label for="counting-submitted">{t('consultations.results.counting_as_submitted')}</label>
          </div>
          <div class="choice">
            <input type="radio" id="counting-once" name="counting" value="campaigns-once" checked={results.counting === 'campaigns-once'} />
            <label for="counting-once">{t('consultations.results.counting_campaigns_once')}</label>
          </div>
        </fieldset>
        <button type="submit" class="button">
          {t('consultations.results.show')}
        </button>
      </form>
      {results.versions.length > 1 && (
        <section aria-labelledby="versions-title">
          <h2 id="versions-title">{t('consultations.results.versions_title')}</h2>
          <ul>
            {results.versions.map((v) => (
              <li>
                {t('consultations.results.version_count', { version: v.version, count: v.count })}
                {v.changeNote && ` — ${v.changeNote}`}
              </li>
            ))}
          </ul>
        </section>
      )}
      <Participation view={view} participation={results.participation} />
      {sections.map((section) => (
        <section class="results-section">
          <h2>{section}</h2>
          {results.questions.map((q, i) => (q.section === section ? <QuestionResults view={view} results={results} question={q} index={i} /> : null))}
        </section>
      ))}
    </Layout>
  );
};

/** Results not yet public: a page saying so (not a 404: the consultation itself is public). */
export const ResultsNotPublicPage = ({ view, id, title }: { view: ViewContext; id: number; title: string }) => (
  <Layout view={view} title={view.t('consultations.results.title', { title })}>
    <p class="breadcrumb">
      <a href={view.href(`/consultations/${id}`)}>{title}</a>
    </p>
    <h1>{view.t('consultations.results.title', { title })}</h1>
    <p>{view.t('consultations.results.not_public')}</p>
  </Layout>
);
