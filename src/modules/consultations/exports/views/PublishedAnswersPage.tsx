import type { Consultation } from '../../queries.js';
import type { ViewContext } from '../../../../core/views/context.js';
import { Layout } from '../../../../core/views/Layout.js';
import { InLanguage, LocalTime, Pagination } from '../../../../core/views/components.js';
import type { PublishedAnswer } from '../published.js';

export type PublishedAnswersPageProps = { view: ViewContext; consultation: Consultation; answers: PublishedAnswer[]; page: number; pageSize: number; total: number };

/** Public: the answers whose respondents agreed to publication; organization name or "individual respondent", never contact details. */
export const PublishedAnswersPage = ({ view, consultation, answers, page, pageSize, total }: PublishedAnswersPageProps) => {
  const { t } = view;
  const title = view.localize(consultation.title);
  return (
    <Layout view={view} title={t('consultations.exports.published.title', { title })}>
      <p class="breadcrumb">
        <a href={view.href(`/consultations/${consultation.id}`)}>{title}</a>
      </p>
      <h1>{t('consultations.exports.published.heading')}</h1>
      <p class="lead">{t('consultations.exports.published.lead', { count: total })}</p>
      {answers.length === 0 && <p>{t('consultations.exports.published.none')}</p>}
      {answers.map((a) => (
        <article class="card" aria-labelledby={`answer-${a.id}`}>
          <h2 id={`answer-${a.id}`}>{a.respondent}</h2>
          <p class="muted">
            {[a.stakeholderType, a.country].filter(Boolean).join(' · ')}
            {a.submittedAt && (
              <>
                {a.stakeholderType || a.country ? ' · ' : ''}
                <LocalTime view={view} value={new Date(a.submittedAt)} />
              </>
            )}
          </p>
          <dl>
            {a.values.map((v) => (
              <>
                <dt>{v.label}</dt>
                <dd>
                  {v.file ? (
                    <a href={view.href(`/consultations/${consultation.id}/answers/files/${v.file.id}`)}>{v.file.name}</a>
                  ) : (
                    <InLanguage view={view} text={String(v.value ?? '')} locale={a.language} />
                  )}
                </dd>
              </>
            ))}
          </dl>
        </article>
      ))}
      <Pagination view={view} page={page} pageSize={pageSize} total={total} baseHref={view.href(`/consultations/${consultation.id}/answers`)} />
    </Layout>
  );
};
