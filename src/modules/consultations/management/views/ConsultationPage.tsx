import { LocalTime } from '../../../../core/views/components.js';
import type { ViewContext } from '../../../../core/views/context.js';
import { Layout } from '../../../../core/views/Layout.js';
import { Markdown } from '../../../../core/views/Markdown.js';
import type { Questionnaire } from '../../questionnaire.js';
import type { Consultation } from '../../queries.js';
import type { When } from '../queries.js';
import { type PublicLinks, PublicConsultationLinks } from './links.js';
import { audienceLabel, ConsultationText, languageName, respondentLabel, statusLabel, typeLabel } from './parts.js';

export type ConsultationPageProps = {
  view: ViewContext;
  consultation: Consultation;
  questionnaire: Questionnaire;
  when: When | null;
  topics: { actionLines: { code: string; title: string }[]; sdgs: { number: number; title: string }[] };
  canManage: boolean;
  links: PublicLinks;
};

const COMMAS: Record<string, string> = { ar: '، ', zh: '，' };

/**
 * Public: one consultation — its purpose, its dates in the reader's time zone (named), who may
 * answer and how, the questionnaire's outline, and the way to answer while it is open.
 */
export const ConsultationPage = ({ view, consultation: c, questionnaire, when, topics, canManage, links }: ConsultationPageProps) => {
  const { t } = view;
  const title = view.localize(c.title);
  const purpose = view.localizeWithLocale(c.purpose);
  let number = 0;
  // The comma of the page's script (Arabic ، and Chinese ， are not the Latin one).
  const comma = COMMAS[view.locale] ?? ', ';
  return (
    <Layout view={view} title={title}>
      <p class="breadcrumb">
        <a href={view.href('/consultations')}>{t('consultations.management.list_title')}</a>
      </p>
      <h1>
        <ConsultationText view={view} value={c.title} translations={c.translations} />
      </h1>
      <p class="lead">{when ? t(`consultations.management.state_${when}`) : statusLabel(view, c.status)}</p>
      {when === 'open' && (
        <p>
          <a class="button" href={view.href(`/consultations/${c.id}/answer`)}>
            {t('consultations.management.answer_link')}
          </a>
        </p>
      )}
      {canManage && (
        <p>
          <a href={view.href(`/admin/consultations/${c.id}`)}>{t('consultations.management.manage_link')}</a>
        </p>
      )}
      <PublicConsultationLinks view={view} id={c.id} links={links} />
      <dl class="facts">
        <dt>{t('consultations.management.opens')}</dt>
        <dd>
          <LocalTime view={view} value={c.opensAt} />
        </dd>
        <dt>{t('consultations.management.closes')}</dt>
        <dd>
          <LocalTime view={view} value={c.closesAt} />
        </dd>
        <dt>{t('consultations.management.audience')}</dt>
        <dd>{audienceLabel(view, c.audience)}</dd>
        <dt>{t('consultations.management.respondent_kind')}</dt>
        <dd>{respondentLabel(view, c.respondentKind)}</dd>
        <dt>{t('consultations.management.publication')}</dt>
        <dd>{t(c.answersMayBePublished ? 'consultations.management.publication_allowed' : 'consultations.management.publication_never')}</dd>
        {topics.actionLines.length > 0 && (
          <>
            <dt>{t('consultations.management.action_lines')}</dt>
            <dd>
              <ul>
                {topics.actionLines.map((l) => (
                  <li>
                    <a href={view.href(`/consultations?actionLine=${encodeURIComponent(l.code)}`)}>
                      <span dir="ltr">{l.code}</span> {l.title}
                    </a>
                  </li>
                ))}
              </ul>
            </dd>
          </>
        )}
        {topics.sdgs.length > 0 && (
          <>
            <dt>{t('consultations.management.sdgs')}</dt>
            <dd>
              <ul>
                {topics.sdgs.map((s) => (
                  <li>
                    <a href={view.href(`/consultations?sdg=${s.number}`)}>
                      {view.fmt.number(s.number)}. {s.title}
                    </a>
                  </li>
                ))}
              </ul>
            </dd>
          </>
        )}
      </dl>
      <p class="hint">{t('consultations.management.times_hint')}</p>
      {purpose.text && (
        <section aria-labelledby="purpose-title">
          <h2 id="purpose-title">{t('consultations.management.purpose')}</h2>
          {purpose.locale !== view.locale ? (
            <p class="translation-note">{t('core.text.in_language', { language: languageName(view, purpose.locale) })}</p>
          ) : (
            c.translations[purpose.locale] === 'unofficial' && <p class="translation-note">{t('core.text.unofficial_translation')}</p>
          )}
          <div lang={purpose.locale === view.locale ? undefined : purpose.locale} dir={purpose.locale === view.locale ? undefined : 'auto'}>
            <Markdown text={purpose.text} />
          </div>
        </section>
      )}
      <section aria-labelledby="questionnaire-title">
        <h2 id="questionnaire-title">{t('consultations.management.questionnaire')}</h2>
        {c.currentVersion > 1 && <p class="muted">{t('consultations.management.version_number', { version: c.currentVersion })}</p>}
        {questionnaire.sections.length === 0 ? (
          <p class="empty">{t('consultations.management.questionnaire_empty')}</p>
        ) : (
          questionnaire.sections.map((s) => (
            <>
              <h3>
                <ConsultationText view={view} value={s.title} translations={c.translations} />
              </h3>
              <ol start={number + 1}>
                {s.questions.map((q) => {
                  number++;
                  return (
                    <li>
                      <ConsultationText view={view} value={q.label} translations={c.translations} />{' '}
                      <span class="muted">
                        ({typeLabel(view, q.type)}
                        {q.required ? `${comma}${t('consultations.management.required')}` : ''}
                        {q.condition ? `${comma}${t('consultations.management.conditional')}` : ''})
                      </span>
                    </li>
                  );
                })}
              </ol>
            </>
          ))
        )}
      </section>
    </Layout>
  );
};
