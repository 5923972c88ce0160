import type { Localized } from '../../../../core/i18n/locales.js';
import type { ViewContext } from '../../../../core/views/context.js';
import { Layout } from '../../../../core/views/Layout.js';
import { NOMINATION_DECISIONS } from '../../inputs.js';
import type { Edition } from '../../phases.js';
import type { Category, Nomination } from '../../queries.js';
import { NOMINATION_STATES } from '../../tables.js';

export type NominationRow = Nomination & {
  title: Localized | null;
  summaryWords: number | null;
  /** Other categories of this edition the same entry is nominated in. */
  otherCategories: number[];
  pastWinner: boolean;
};

/** Prize managers: the nominations of an edition, oldest first, with hints and a decision form each. */
export const NominationsAdminPage = ({
  view,
  edition,
  categories,
  rows,
  filter,
  decidable,
}: {
  view: ViewContext;
  edition: Edition;
  categories: Category[];
  rows: NominationRow[];
  filter: { state?: string; category?: number };
  decidable: boolean;
}) => {
  const { t } = view;
  const title = t('prizes.management.nominations_title', { year: edition.year });
  const questions = new Map(edition.questions.map((q) => [q.id, view.localize(q.label)]));
  return (
    <Layout view={view} title={title}>
      <p class="breadcrumb">
        <a href={view.href(`/admin/prizes/${edition.year}`)}>{t('prizes.management.edit_title', { year: edition.year })}</a>
      </p>
      <h1>{title}</h1>
      {!decidable && <p class="notice">{t('prizes.errors.voting_started')}</p>}
      <form method="get" action={view.href(`/admin/prizes/${edition.year}/nominations`)} class="filters" role="search" aria-label={t('prizes.management.filters')}>
        <div class="field">
          <label for="filter-state">{t('prizes.nomination.state')}</label>
          <select id="filter-state" name="state">
            <option value="">{t('prizes.management.any')}</option>
            {NOMINATION_STATES.map((s) => (
              <option value={s} selected={filter.state === s}>
                {t(`prizes.nomination.state_${s}`)}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="filter-category">{t('prizes.nomination.category')}</label>
          <select id="filter-category" name="category">
            <option value="">{t('prizes.management.any')}</option>
            {categories.map((c) => (
              <option value={String(c.number)} selected={filter.category === c.number}>
                {c.number}. {c.actionLine}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" class="button button-secondary">
          {t('prizes.management.apply_filters')}
        </button>
      </form>
      <p>{t('prizes.management.nominations_count', { count: rows.length })}</p>
      {rows.map((n) => {
        const name = n.title ? view.localizeWithLocale(n.title) : null;
        const hints = [
          n.summaryWords !== null && n.summaryWords < edition.summaryMinWords
            ? t('prizes.management.hint_summary_short', { words: n.summaryWords, min: edition.summaryMinWords })
            : null,
          n.summaryWords !== null && n.summaryWords > edition.summaryMaxWords
            ? t('prizes.management.hint_summary_long', { words: n.summaryWords, max: edition.summaryMaxWords })
            : null,
          n.otherCategories.length > 0 ? t('prizes.management.hint_other_categories', { categories: view.fmt.list(n.otherCategories.map(String), 'unit') }) : null,
          n.pastWinner ? t('prizes.management.hint_past_winner') : null,
          n.title === null ? t('prizes.management.hint_unpublished') : null,
        ].filter((h): h is string => h !== null);
        return (
          <section class="nomination" aria-labelledby={`nomination-${n.id}`}>
            <h2 id={`nomination-${n.id}`}>
              {name ? (
                <a href={view.href(`/stocktaking/${n.entryId}`)} lang={name.locale === view.locale ? undefined : name.locale} dir="auto">
                  {name.text}
                </a>
              ) : (
                `#${n.entryId}`
              )}
            </h2>
            <p>
              {t('prizes.vote.category', { number: n.categoryNumber })} · {t(`prizes.nomination.state_${n.state}`)} · {view.fmt.date(n.createdAt)}
            </p>
            {hints.length > 0 ? (
              <ul class="hints">
                {hints.map((h) => (
                  <li>{h}</li>
                ))}
              </ul>
            ) : (
              <p>{t('prizes.management.no_hints')}</p>
            )}
            {Object.entries(n.answers).length > 0 && (
              <dl class="facts">
                {Object.entries(n.answers).map(([id, answer]) => (
                  <>
                    <dt>{questions.get(id) ?? id}</dt>
                    <dd dir="auto">{answer}</dd>
                  </>
                ))}
              </dl>
            )}
            {n.reason && (
              <p>
                {t('prizes.management.reason_given')} <q dir="auto">{n.reason}</q>
              </p>
            )}
            {decidable && n.state !== 'withdrawn' && (
              <form method="post" action={view.href(`/admin/prizes/nominations/${n.id}/decision`)} class="inline-fields" novalidate>
                <input type="hidden" name="_csrf" value={view.csrfToken} />
                <div class="field">
                  <label for={`decision-${n.id}`}>{t('prizes.management.decision')}</label>
                  <select id={`decision-${n.id}`} name="decision">
                    {NOMINATION_DECISIONS.map((d) => (
                      <option value={d}>{t(`prizes.management.decision_${d}`)}</option>
                    ))}
                  </select>
                </div>
                <div class="field">
                  <label for={`reason-${n.id}`}>{t('prizes.management.reason')}</label>
                  <input id={`reason-${n.id}`} name="reason" type="text" maxLength={5000} dir="auto" />
                </div>
                <button type="submit" class="button">
                  {t('prizes.management.decide')}
                </button>
              </form>
            )}
          </section>
        );
      })}
    </Layout>
  );
};
