import type { Localized } from '../../../../core/i18n/locales.js';
import { PostButton, PostForm, ScrollRegion } from '../../../../core/views/components.js';
import type { ViewContext } from '../../../../core/views/context.js';
import { CategoryTables, nomineeColumn } from '../../views/CategoryTables.js';
import { EditionLayout } from '../../views/EditionLayout.js';
import type { Edition, EditionMoment } from '../../phases.js';
import type { Category } from '../../queries.js';
import type { RankingRow } from '../queries.js';

export type RankedNominee = RankingRow & { title: Localized; rank: 'winner' | 'champion' | null };
export type ExpertRow = { userId: number; categoryNumber: number; name: string; email: string };

/** Criterion rows of the form: the edition's criteria and two blank rows (at most 20). */
const CRITERIA_ROWS_EXTRA = 2;

/** The managers' page of the selection: criteria, experts per category, ranking and confirmation of the winners. */
export const SelectionPage = ({
  view,
  edition,
  moment,
  categories,
  experts,
  ranking,
  criteriaLocked,
  canConfirm,
  canRemoveExperts,
  years,
}: {
  /** Every edition's year, newest first (the switcher). */
  years: number[];
  view: ViewContext;
  edition: Edition;
  moment: EditionMoment;
  categories: Category[];
  experts: ExpertRow[];
  ranking: RankedNominee[];
  criteriaLocked: boolean;
  /** From the start of the selection until the announcement. */
  canConfirm: boolean;
  /** Until the announcement. */
  canRemoveExperts: boolean;
}) => {
  const { t } = view;
  const title = t('prizes.selection.title', { year: edition.year });
  const base = `/prizes/${edition.year}/selection`;
  const rows = [
    ...edition.criteria.map((c) => ({ id: c.id, weight: String(c.weight), label: view.localize(c.label) })),
    ...Array.from({ length: CRITERIA_ROWS_EXTRA }, () => ({ id: '', weight: '', label: '' })),
  ].slice(0, 20);
  return (
    <EditionLayout view={view} edition={edition} title={title} switcher={{ years, path: (year) => `/prizes/${year}/selection` }}>
      <p>{moment === 'selection' ? t('prizes.selection.phase_open') : t('prizes.selection.phase_closed')}</p>

      <section aria-labelledby="criteria-title">
        <h2 id="criteria-title">{t('prizes.selection.criteria_title')}</h2>
        <p class="hint">{t('prizes.selection.criteria_hint', { max: 10 })}</p>
        {criteriaLocked ? (
          <>
            <p class="notice">{t('prizes.selection.criteria_locked')}</p>
            <ul>
              {edition.criteria.map((c) => (
                <li>{t('prizes.selection.criterion_weight', { label: view.localize(c.label), weight: c.weight })}</li>
              ))}
            </ul>
          </>
        ) : (
          <PostForm view={view} action={view.href(`${base}/criteria`)}>
            <ScrollRegion label={t('prizes.selection.criteria_title')}>
              <table>
                <caption>{t('prizes.selection.criteria_caption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('prizes.selection.criterion_id')}</th>
                    <th scope="col">{t('prizes.selection.criterion_label')}</th>
                    <th scope="col">{t('prizes.selection.criterion_weight_header')}</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((r, i) => (
                    <tr>
                      <td>
                        <label class="visually-hidden" for={`criterion-${i}-id`}>
                          {t('prizes.selection.criterion_row_id', { row: i + 1 })}
                        </label>
                        <input id={`criterion-${i}-id`} name={`criteria.${i}.id`} value={r.id} maxLength={40} dir="ltr" />
                      </td>
                      <td>
                        <label class="visually-hidden" for={`criterion-${i}-label`}>
                          {t('prizes.selection.criterion_row_label', { row: i + 1 })}
                        </label>
                        <input id={`criterion-${i}-label`} name={`criteria.${i}.label`} value={r.label} maxLength={200} dir="auto" />
                      </td>
                      <td>
                        <label class="visually-hidden" for={`criterion-${i}-weight`}>
                          {t('prizes.selection.criterion_row_weight', { row: i + 1 })}
                        </label>
                        <input id={`criterion-${i}-weight`} name={`criteria.${i}.weight`} value={r.weight} inputMode="decimal" size={5} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </ScrollRegion>
            <p class="hint">{t('prizes.selection.criteria_language_hint')}</p>
            <button type="submit" class="button">
              {t('prizes.selection.criteria_save')}
            </button>
          </PostForm>
        )}
      </section>

      <section aria-labelledby="experts-title">
        <h2 id="experts-title">{t('prizes.selection.experts_title')}</h2>
        {experts.length === 0 ? (
          <p class="empty">{t('prizes.selection.no_experts')}</p>
        ) : (
          <ScrollRegion label={t('prizes.selection.experts_title')}>
            <table>
              <caption>{t('prizes.selection.experts_caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('prizes.selection.category')}</th>
                  <th scope="col">{t('prizes.selection.expert')}</th>
                  <th scope="col">{t('prizes.selection.email')}</th>
                  {canRemoveExperts && <th scope="col">{t('prizes.selection.remove_header')}</th>}
                </tr>
              </thead>
              <tbody>
                {experts.map((e) => (
                  <tr>
                    <td>{view.fmt.number(e.categoryNumber)}</td>
                    <td>
                      <bdi>{e.name}</bdi>
                    </td>
                    <td>
                      <bdi dir="ltr">{e.email}</bdi>
                    </td>
                    {canRemoveExperts && (
                      <td>
                        <a href={`${view.href(`${base}/experts/remove`)}?user=${e.userId}&category=${e.categoryNumber}`}>
                          {t('prizes.selection.remove_link', { name: e.name, category: e.categoryNumber })}
                        </a>
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
        )}
        <PostForm view={view} action={view.href(`${base}/experts`)}>
          <h3>{t('prizes.selection.assign_title')}</h3>
          <p class="hint">{t('prizes.selection.assign_hint')}</p>
          <div class="field">
            <label for="expert-email">{t('prizes.selection.email')}</label>
            <input id="expert-email" name="email" type="email" autocomplete="off" required maxLength={254} dir="ltr" />
          </div>
          <div class="field">
            <label for="expert-category">{t('prizes.selection.category')}</label>
            <select id="expert-category" name="category" required>
              <option value="">{t('core.form.choose')}</option>
              {categories.map((c) => (
                <option value={String(c.number)}>{`${c.number}. ${view.localize(c.title)}`}</option>
              ))}
            </select>
          </div>
          <button type="submit" class="button">
            {t('prizes.selection.assign_submit')}
          </button>
        </PostForm>
      </section>

      <section aria-labelledby="ranking-title">
        <h2 id="ranking-title">{t('prizes.selection.ranking_title')}</h2>
        <p class="hint">{t('prizes.selection.ranking_hint')}</p>
        <CategoryTables
          view={view}
          categories={categories}
          rowsOf={(c) => ranking.filter((r) => r.categoryNumber === c.number)}
          empty={t('prizes.selection.no_shortlist')}
          columns={[
            nomineeColumn<RankedNominee>(view),
            { header: t('prizes.results.valid_votes'), numeric: true, cell: (r) => view.fmt.number(r.valid) },
            { header: t('prizes.selection.average'), numeric: true, cell: (r) => (r.average === null ? '—' : view.fmt.number(r.average)) },
            { header: t('prizes.selection.score_count'), numeric: true, cell: (r) => view.fmt.number(r.scoreCount) },
            { header: t('prizes.selection.conflict_count'), numeric: true, cell: (r) => view.fmt.number(r.conflictCount) },
            {
              header: t('prizes.selection.outcome'),
              cell: (r) => (
                <>
                  {r.rank ? <strong>{t(`prizes.selection.rank_${r.rank}`)}</strong> : null}
                  {canConfirm && r.rank !== 'winner' && (
                    <PostButton
                      view={view}
                      action={view.href(`${base}/categories/${r.categoryNumber}/winner`)}
                      label={t('prizes.selection.confirm_winner', { title: view.localize(r.title) })}
                      fields={{ nominationId: String(r.nominationId) }}
                    />
                  )}
                </>
              ),
            },
          ]}
        />
      </section>
    </EditionLayout>
  );
};
