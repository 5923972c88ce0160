import { LocalTime, ScrollRegion } from '../../../core/views/components.js';
import type { ViewContext } from '../../../core/views/context.js';
import { Layout } from '../../../core/views/Layout.js';
import { Markdown } from '../../../core/views/Markdown.js';
import type { Edition, EditionMoment } from '../phases.js';
import { phasesOf } from '../phases.js';
import type { Category } from '../queries.js';
import { PHASES } from '../tables.js';
import { SHORTLIST_SIZE } from '../tally.js';

export type EditionPageProps = {
  view: ViewContext;
  edition: Edition;
  moment: EditionMoment;
  categories: Category[];
  editions: number[];
  /** Shown to prize managers when votes run on the embedded database. */
  embeddedDatabaseWarning: boolean;
};

/** Public: one edition of the WSIS Prizes, its phases in the reader's time zone, categories and rules. */
export const EditionPage = ({ view, edition, moment, categories, editions, embeddedDatabaseWarning }: EditionPageProps) => {
  const { t } = view;
  const phases = phasesOf(edition);
  const title = t('prizes.edition.title', { year: edition.year });
  const rules = view.localizeWithLocale(edition.rules);
  return (
    <Layout view={view} title={title}>
      <h1>{title}</h1>
      {embeddedDatabaseWarning && <p class="warning">{t('prizes.edition.embedded_warning')}</p>}
      <p class="lead">{t(`prizes.moment.${moment}`)}</p>
      <ul class="actions">
        {(moment === 'voting' || moment === 'selection' || moment === 'announcement' || moment === 'closed' || edition.nomineesPublishedAt) && (
          <li>
            <a class="button" href={view.href(`/prizes/${edition.year}/vote`)}>
              {moment === 'voting' ? t('prizes.edition.vote_link') : t('prizes.edition.nominees_link')}
            </a>
          </li>
        )}
        {moment === 'submission' && (
          <li>
            <a class="button" href={view.href(`/prizes/${edition.year}/nominate`)}>
              {t('prizes.edition.nominate_link')}
            </a>
          </li>
        )}
        <li>
          <a href={view.href(`/prizes/${edition.year}/results`)}>{t('prizes.edition.results_link')}</a>
        </li>
      </ul>

      <ScrollRegion label={t('prizes.edition.phases_caption')}>
        <table>
          <caption>{t('prizes.edition.phases_caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('prizes.edition.phase')}</th>
              <th scope="col">{t('prizes.edition.opens')}</th>
              <th scope="col">{t('prizes.edition.closes')}</th>
            </tr>
          </thead>
          <tbody>
            {PHASES.map((p) => (
              <tr aria-current={moment === p ? 'step' : undefined} class={moment === p ? 'current' : undefined}>
                <th scope="row">
                  {t(`prizes.phases.${p}`)}
                  {moment === p && <> ({t('prizes.edition.now')})</>}
                </th>
                <td>
                  <LocalTime view={view} value={phases[p].start} />
                </td>
                <td>
                  <LocalTime view={view} value={phases[p].end} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>

      <h2>{t('prizes.edition.rules')}</h2>
      <ul>
        <li>{t('prizes.edition.rule_categories_per_project', { count: edition.categoriesPerProject })}</li>
        <li>{t('prizes.edition.rule_projects_per_organization', { count: edition.projectsPerOrganizationPerCategory })}</li>
        {edition.excludePastWinners && <li>{t('prizes.edition.rule_past_winners')}</li>}
        <li>{t('prizes.edition.rule_summary', { min: edition.summaryMinWords, max: edition.summaryMaxWords })}</li>
        <li>
          {t('prizes.edition.rule_languages', {
            languages: view.fmt.list(edition.allowedLanguages.map((l) => new Intl.DisplayNames([view.locale], { type: 'language' }).of(l) ?? l)),
          })}
        </li>
        <li>
          {edition.validVote.accountCreatedBeforeVoting ? t('prizes.edition.rule_vote_account_before') : t('prizes.edition.rule_vote_any_account')}
          {edition.validVote.allCategoriesRequired && ` ${t('prizes.edition.rule_vote_all_categories')}`}
        </li>
        <li>{t('prizes.edition.rule_shortlist', { size: SHORTLIST_SIZE })}</li>
      </ul>
      {rules.text && (
        <div lang={rules.locale === view.locale ? undefined : rules.locale} dir="auto">
          <Markdown text={rules.text} />
        </div>
      )}

      <h2>{t('prizes.edition.categories')}</h2>
      <ol class="categories">
        {categories.map((c) => (
          <li value={c.number}>
            <a href={view.href(`/action-lines/${c.actionLine}`)}>{c.actionLine}</a> — {view.localize(c.title)}
          </li>
        ))}
      </ol>

      {editions.length > 1 && (
        <nav aria-label={t('prizes.edition.other_editions')}>
          <h2>{t('prizes.edition.other_editions')}</h2>
          <ul class="inline-list">
            {editions.map((year) => (
              <li>{year === edition.year ? <span aria-current="page">{year}</span> : <a href={view.href(`/prizes/${year}`)}>{year}</a>}</li>
            ))}
          </ul>
        </nav>
      )}
    </Layout>
  );
};

/** A role's entry page when no edition holds work for it (instead of a 404). */
export const NoWorkPage = ({ view, message }: { view: ViewContext; message: string }) => (
  <Layout view={view} title={view.t('prizes.nav.title')}>
    <h1>{view.t('prizes.nav.title')}</h1>
    <p>{message}</p>
  </Layout>
);

/** Public: no edition has been created yet. */
export const NoEditionPage = ({ view }: { view: ViewContext }) => (
  <Layout view={view} title={view.t('prizes.nav.title')}>
    <h1>{view.t('prizes.nav.title')}</h1>
    <p>{view.t('prizes.edition.none')}</p>
  </Layout>
);
