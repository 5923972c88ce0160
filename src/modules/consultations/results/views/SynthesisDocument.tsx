import { Table } from '../../../../core/views/components.js';
import type { ViewContext } from '../../../../core/views/context.js';
import type { ConsultationResults } from '../results.js';
import type { Synthesis } from '../synthesis.js';
import { QuestionResults } from './QuestionResults.js';

/** Participation figures: answers, then one table per dimension (kind, language, stakeholder type, region, country, gender, version). */
export const Participation = ({ view, participation }: { view: ViewContext; participation: ConsultationResults['participation'] }) => {
  const { t } = view;
  type Row = ConsultationResults['participation']['byDimension'][string][number];
  const dimensions = ['kind', 'stakeholder', 'region', 'country', 'gender', 'language', 'version'].filter((d) => participation.byDimension[d]);
  return (
    <section aria-labelledby="participation-title">
      <h2 id="participation-title">{t('consultations.results.participation_title')}</h2>
      <p>{t('consultations.results.participation_total', { count: participation.answers.asSubmitted, once: participation.answers.campaignsOnce })}</p>
      <div class="participation">
        {dimensions.map((d) => (
          <Table<Row>
            caption={t(`consultations.results.dimension_${d}`)}
            columns={[
              { header: t('consultations.results.group'), cell: (r) => r.label, rowHeader: true },
              { header: t('consultations.results.count_as_submitted'), cell: (r) => view.fmt.number(r.count.asSubmitted), numeric: true },
              { header: t('consultations.results.count_campaigns_once'), cell: (r) => view.fmt.number(r.count.campaignsOnce), numeric: true },
            ]}
            rows={participation.byDimension[d] ?? []}
            empty={t('consultations.results.no_answers')}
          />
        ))}
      </div>
    </section>
  );
};

/** The synthesis for the Council, without the page around it (the page, and the periodic reports, put it in theirs). */
export const SynthesisDocument = ({ view, synthesis, headingLevel = 2 }: { view: ViewContext; synthesis: Synthesis; headingLevel?: 2 | 3 }) => {
  const { t } = view;
  const results: ConsultationResults = {
    consultationId: synthesis.consultationId,
    title: synthesis.title,
    status: 'published',
    locale: synthesis.locale,
    counting: 'as-submitted',
    breakdown: null,
    currentVersion: synthesis.versions.at(-1)?.version ?? 1,
    versions: synthesis.versions,
    participation: synthesis.participation,
    questions: synthesis.questions,
    computedAt: synthesis.builtAt,
  };
  const H = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <div class="synthesis">
      <section aria-labelledby={`method-${synthesis.consultationId}`}>
        <H id={`method-${synthesis.consultationId}`}>{t('consultations.results.method_title')}</H>
        {synthesis.method.map((p) => (
          <p>{p}</p>
        ))}
      </section>
      <Participation view={view} participation={synthesis.participation} />
      <section aria-labelledby={`questions-${synthesis.consultationId}`}>
        <H id={`questions-${synthesis.consultationId}`}>{t('consultations.results.questions_title')}</H>
        {synthesis.questions.map((q, i) => (
          <QuestionResults view={view} results={results} question={{ ...q, campaigns: [] }} index={i} />
        ))}
      </section>
      <section aria-labelledby={`themes-${synthesis.consultationId}`}>
        <H id={`themes-${synthesis.consultationId}`}>{t('consultations.results.themes_heading')}</H>
        {synthesis.themes.length === 0 ? (
          <p>{t('consultations.results.no_themes')}</p>
        ) : (
          synthesis.themes.map((th) => (
            <section class="synthesis-theme">
              <h3>{t('consultations.results.theme_line', { theme: th.label, question: th.question, count: th.count.asSubmitted, once: th.count.campaignsOnce })}</h3>
              {th.quotes.map((q) => (
                <blockquote lang={q.language || undefined}>{q.text}</blockquote>
              ))}
            </section>
          ))
        )}
      </section>
      <section aria-labelledby={`campaigns-${synthesis.consultationId}`}>
        <H id={`campaigns-${synthesis.consultationId}`}>{t('consultations.results.campaigns_title')}</H>
        {synthesis.campaigns.length === 0 ? (
          <p>{t('consultations.results.no_campaigns')}</p>
        ) : (
          <ul class="campaign-groups">
            {synthesis.campaigns.map((c) => (
              <li>
                <p>{t('consultations.results.campaign_line', { question: c.question, size: c.size })}</p>
                <blockquote lang={c.language || undefined}>{c.text}</blockquote>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
};
