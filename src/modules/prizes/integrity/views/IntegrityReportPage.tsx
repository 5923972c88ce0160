import type { ViewContext } from '../../../../core/views/context.js';
import { EditionLayout } from '../../views/EditionLayout.js';
import { LocalTime } from '../../../../core/views/components.js';
import type { Edition } from '../../phases.js';
import type { Category } from '../../queries.js';
import type { IntegrityCategory } from '../queries.js';
import { IntegrityTables } from './IntegrityTables.js';

/** Public once voting has closed: votes cast, valid, invalidated and why, per category. */
export const IntegrityReportPage = ({
  view,
  edition,
  categories,
  report,
}: {
  view: ViewContext;
  edition: Edition;
  categories: Category[];
  /** Null while voting is open (or has not started). */
  report: IntegrityCategory[] | null;
}) => {
  const { t } = view;
  const title = t('prizes.integrity.title', { year: edition.year });
  return (
    <EditionLayout view={view} edition={edition} title={title}>
      {report === null ? (
        <p class="notice">
          {t('prizes.integrity.not_yet')} <LocalTime view={view} value={edition.votingEnd} />
        </p>
      ) : (
        <>
          <p class="lead">{t('prizes.integrity.lead')}</p>
          <p>
            {edition.validVote.accountCreatedBeforeVoting ? t('prizes.edition.rule_vote_account_before') : t('prizes.edition.rule_vote_any_account')}
            {edition.validVote.allCategoriesRequired ? ` ${t('prizes.edition.rule_vote_all_categories')}` : ''}
          </p>
          <IntegrityTables view={view} categories={categories} report={report} />
          <p>
            <a href={view.href(`/prizes/${edition.year}/results`)}>{t('prizes.integrity.results_link')}</a>
          </p>
        </>
      )}
    </EditionLayout>
  );
};
