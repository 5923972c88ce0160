import type { Localized } from '../../../core/i18n/locales.js';
import type { ViewContext } from '../../../core/views/context.js';
import { CategoryTables, nomineeColumn } from './CategoryTables.js';
import { EditionLayout } from './EditionLayout.js';
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
    <EditionLayout view={view} edition={edition} title={title}>
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
          <CategoryTables
            view={view}
            categories={categories}
            rowsOf={(c) => rows.get(c.number) ?? []}
            empty={t('prizes.results.no_votes')}
            columns={[
              nomineeColumn<ResultRow>(view),
              { header: t('prizes.results.valid_votes'), numeric: true, cell: (r) => view.fmt.number(r.valid) },
              { header: t('prizes.results.votes_cast'), numeric: true, cell: (r) => view.fmt.number(r.cast) },
              {
                header: t('prizes.results.shortlist'),
                cell: (r) => (r.outcome ? <strong>{t(`prizes.selection.rank_${r.outcome}`)}</strong> : r.shortlisted ? t('prizes.results.shortlisted') : ''),
              },
            ]}
          />
        </>
      )}
    </EditionLayout>
  );
};
