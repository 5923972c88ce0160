import type { Localized } from '../../../core/i18n/locales.js';
import type { ViewContext } from '../../../core/views/context.js';
import { Layout } from '../../../core/views/Layout.js';
import type { Edition } from '../phases.js';
import type { Category } from '../queries.js';
import { SHORTLIST_SIZE } from '../tally.js';

export type ResultRow = {
  nominationId: number;
  entryId: number;
  title: Localized;
  valid: number;
  cast: number;
  shortlisted: boolean;
  /** Set once the winner of the category is confirmed and announced. */
  outcome?: 'winner' | 'champion' | null;
};

/** Public once the counts are: valid votes per nominee and each category's shortlist, with the integrity totals. */
export const ResultsPage = ({
  view,
  edition,
  categories,
  rows,
  countsPublic,
}: {
  view: ViewContext;
  edition: Edition;
  categories: Category[];
  rows: Map<number, ResultRow[]>;
  countsPublic: boolean;
}) => {
  const { t } = view;
  const title = t('prizes.results.title', { year: edition.year });
  const all = [...rows.values()].flat();
  const cast = all.reduce((s, r) => s + r.cast, 0);
  const valid = all.reduce((s, r) => s + r.valid, 0);
  return (
    <Layout view={view} title={title}>
      <p class="breadcrumb">
        <a href={view.href(`/prizes/${edition.year}`)}>{t('prizes.edition.title', { year: edition.year })}</a>
      </p>
      <h1>{title}</h1>
      <p>
        <a href={view.href(`/prizes/${edition.year}/stories`)}>{t('prizes.stories.results_link')}</a>
      </p>
      {countsPublic && (
        <p>
          <a href={view.href(`/prizes/${edition.year}/integrity`)}>{t('prizes.results.integrity_link')}</a>
        </p>
      )}
      {!countsPublic ? (
        <p class="notice">{t('prizes.results.hidden')}</p>
      ) : (
        <>
          <p>{t('prizes.results.totals', { cast, valid, invalid: cast - valid })}</p>
          <p class="hint">{t('prizes.results.shortlist_rule', { size: SHORTLIST_SIZE })}</p>
          {categories.map((c) => {
            const list = rows.get(c.number) ?? [];
            const caption = `${t('prizes.vote.category', { number: c.number })}${t('core.text.colon')}${view.localize(c.title)}`;
            return (
              <div class="table-wrap" role="region" aria-label={caption} tabindex={0}>
                <table>
                  <caption>{caption}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('prizes.results.nominee')}</th>
                      <th scope="col" class="numeric">
                        {t('prizes.results.valid_votes')}
                      </th>
                      <th scope="col" class="numeric">
                        {t('prizes.results.votes_cast')}
                      </th>
                      <th scope="col">{t('prizes.results.shortlist')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {list.length === 0 ? (
                      <tr>
                        <td colSpan={4}>{t('prizes.results.no_votes')}</td>
                      </tr>
                    ) : (
                      list.map((r) => {
                        const name = view.localizeWithLocale(r.title);
                        return (
                          <tr>
                            <th scope="row">
                              <a href={view.href(`/stocktaking/${r.entryId}`)}>
                                <bdi lang={name.locale === view.locale ? undefined : name.locale}>{name.text}</bdi>
                              </a>
                            </th>
                            <td class="numeric">{view.fmt.number(r.valid)}</td>
                            <td class="numeric">{view.fmt.number(r.cast)}</td>
                            <td>{r.outcome ? <strong>{t(`prizes.selection.rank_${r.outcome}`)}</strong> : r.shortlisted ? t('prizes.results.shortlisted') : ''}</td>
                          </tr>
                        );
                      })
                    )}
                  </tbody>
                </table>
              </div>
            );
          })}
        </>
      )}
    </Layout>
  );
};
