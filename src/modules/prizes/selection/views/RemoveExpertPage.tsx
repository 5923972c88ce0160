import { PostForm } from '../../../../core/views/components.js';
import type { ViewContext } from '../../../../core/views/context.js';
import { Layout } from '../../../../core/views/Layout.js';
import type { Edition } from '../../phases.js';
import type { Category } from '../../queries.js';
import type { ExpertRow } from './SelectionPage.js';

/** The confirmation step before a prize manager removes an expert from a category. */
export const RemoveExpertPage = ({
  view,
  edition,
  expert,
  category,
  scoreCount,
  decided,
}: {
  view: ViewContext;
  edition: Edition;
  expert: ExpertRow;
  category: Category;
  /** The expert's scores of the category's nominees. */
  scoreCount: number;
  /** Whether the category's winner is confirmed (then the scores are kept). */
  decided: boolean;
}) => {
  const { t } = view;
  const title = t('prizes.selection.remove_title');
  const back = view.href(`/prizes/${edition.year}/selection#experts-title`);
  return (
    <Layout view={view} title={title}>
      <p class="breadcrumb">
        <a href={back}>{t('prizes.selection.title', { year: edition.year })}</a>
      </p>
      <h1>{title}</h1>
      <p>
        {t('prizes.selection.remove_question', { category: category.number, title: view.localize(category.title) })}{' '}
        <strong>
          <bdi>{expert.name}</bdi>
        </strong>{' '}
        (<bdi dir="ltr">{expert.email}</bdi>)
      </p>
      <p>{decided ? t('prizes.selection.remove_scores_kept', { count: scoreCount }) : t('prizes.selection.remove_scores_deleted', { count: scoreCount })}</p>
      <PostForm view={view} action={view.href(`/prizes/${edition.year}/selection/experts/remove`)}>
        <input type="hidden" name="user" value={String(expert.userId)} />
        <input type="hidden" name="category" value={String(category.number)} />
        <p class="inline-list">
          <button type="submit" class="button button-danger">
            {t('prizes.selection.remove_confirm')}
          </button>
          <a href={back}>{t('prizes.selection.remove_cancel')}</a>
        </p>
      </PostForm>
    </Layout>
  );
};
