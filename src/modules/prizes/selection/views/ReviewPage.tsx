import type { Localized } from '../../../../core/i18n/locales.js';
import { LocalTime, PostForm } from '../../../../core/views/components.js';
import type { ViewContext } from '../../../../core/views/context.js';
import { EditionLayout } from '../../views/EditionLayout.js';
import type { Edition, EditionMoment } from '../../phases.js';
import type { Category } from '../../queries.js';
import { SCORE_MAX } from '../inputs.js';

export type ReviewNominee = {
  nominationId: number;
  categoryNumber: number;
  entryId: number;
  title: Localized;
  summary: Localized;
  /** The entry's original language, and the language versions older than its latest change. */
  originalLanguage: string;
  outdatedLanguages: string[];
  conflict: boolean;
  score: { criteria: Record<string, number>; total: number; comment: string | null } | null;
};

/** An expert's page: the shortlist of their categories, a score form per nominee and the conflict declaration. */
export const ReviewPage = ({
  view,
  edition,
  moment,
  categories,
  nominees,
  years,
}: {
  /** The editions where this expert has categories, newest first (the switcher). */
  years: number[];
  view: ViewContext;
  edition: Edition;
  moment: EditionMoment;
  categories: Category[];
  nominees: ReviewNominee[];
}) => {
  const { t } = view;
  const title = t('prizes.selection.review_title', { year: edition.year });
  const open = moment === 'selection';
  const base = `/prizes/${edition.year}/review`;
  return (
    <EditionLayout view={view} edition={edition} title={title} switcher={{ years, path: (year) => `/prizes/${year}/review` }}>
      {open ? (
        <p>
          {t('prizes.selection.review_closes')} <LocalTime view={view} value={edition.selectionEnd} />
        </p>
      ) : (
        <p class="notice">{t('prizes.selection.review_not_open')}</p>
      )}
      {open && edition.criteria.length === 0 && <p class="notice">{t('prizes.selection.no_criteria')}</p>}
      <p class="hint">{t('prizes.selection.review_hint', { max: SCORE_MAX })}</p>
      {categories.map((c) => {
        const list = nominees.filter((n) => n.categoryNumber === c.number);
        return (
          <section aria-labelledby={`category-${c.number}`}>
            <h2 id={`category-${c.number}`}>{`${t('prizes.vote.category', { number: c.number })}${t('core.text.colon')}${view.localize(c.title)}`}</h2>
            {list.length === 0 && <p class="empty">{t('prizes.selection.no_shortlist')}</p>}
            {list.map((n) => {
              const name = view.localizeWithLocale(n.title);
              const summary = view.localizeWithLocale(n.summary);
              const other = (l: string) => (l === view.locale ? undefined : l);
              const id = `nominee-${n.nominationId}`;
              return (
                <article aria-labelledby={id} class="card">
                  <h3 id={id}>
                    <a href={view.href(`/stocktaking/${n.entryId}`)}>
                      <bdi lang={other(name.locale)}>{name.text}</bdi>
                    </a>
                  </h3>
                  <p lang={other(summary.locale)} dir="auto">
                    {summary.text}
                  </p>
                  {summary.locale !== n.originalLanguage && n.outdatedLanguages.includes(summary.locale) && (
                    <p class="warning">
                      {t('prizes.selection.translation_outdated')}{' '}
                      <a href={`/${n.originalLanguage}/stocktaking/${n.entryId}`} hreflang={n.originalLanguage}>
                        {t('prizes.selection.read_original')}
                      </a>
                    </p>
                  )}
                  {n.conflict ? (
                    <p class="notice">{t('prizes.selection.conflict_declared')}</p>
                  ) : (
                    <>
                      {n.score && <p>{t('prizes.selection.your_total', { total: n.score.total, max: SCORE_MAX })}</p>}
                      {open && edition.criteria.length > 0 && (
                        <PostForm view={view} action={view.href(`${base}/${n.nominationId}/score`)}>
                          <fieldset>
                            <legend>{t('prizes.selection.score_legend', { title: name.text })}</legend>
                            {edition.criteria.map((cr) => {
                              const field = `score-${n.nominationId}-${cr.id}`;
                              return (
                                <div class="field">
                                  <label for={field}>{t('prizes.selection.criterion_weight', { label: view.localize(cr.label), weight: cr.weight })}</label>
                                  <input
                                    id={field}
                                    name={`criteria.${cr.id}`}
                                    type="number"
                                    min="0"
                                    max={String(SCORE_MAX)}
                                    step="1"
                                    required
                                    value={n.score?.criteria[cr.id] === undefined ? '' : String(n.score.criteria[cr.id])}
                                  />
                                </div>
                              );
                            })}
                            <div class="field">
                              <label for={`comment-${n.nominationId}`}>{t('prizes.selection.comment')}</label>
                              <textarea id={`comment-${n.nominationId}`} name="comment" rows={4} maxLength={5000} dir="auto">
                                {n.score?.comment ?? ''}
                              </textarea>
                            </div>
                            <button type="submit" class="button">
                              {t('prizes.selection.score_submit')}
                            </button>
                          </fieldset>
                        </PostForm>
                      )}
                      {open && (
                        <PostForm view={view} action={view.href(`${base}/${n.nominationId}/conflict`)}>
                          <div class="field">
                            <label for={`conflict-${n.nominationId}`}>{t('prizes.selection.conflict_note')}</label>
                            <input id={`conflict-${n.nominationId}`} name="note" maxLength={1000} dir="auto" />
                          </div>
                          <button type="submit" class="button button-secondary">
                            {t('prizes.selection.conflict_submit')}
                          </button>
                        </PostForm>
                      )}
                    </>
                  )}
                </article>
              );
            })}
          </section>
        );
      })}
    </EditionLayout>
  );
};
