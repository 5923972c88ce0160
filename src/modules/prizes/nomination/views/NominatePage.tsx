import type { Localized } from '../../../../core/i18n/locales.js';
import { ErrorSummary, type FormState, LocalTime, Select, Table, TextArea } from '../../../../core/views/components.js';
import type { ViewContext } from '../../../../core/views/context.js';
import { EditionLayout } from '../../views/EditionLayout.js';
import type { Edition } from '../../phases.js';
import type { Category, Nomination } from '../../queries.js';

export type NominatePageProps = {
  view: ViewContext;
  edition: Edition;
  open: boolean;
  categories: Category[];
  entries: { id: number; title: Localized }[];
  nominations: Nomination[];
  /** The contributor's nominations they may still withdraw. */
  withdrawable: Set<number>;
  form: FormState;
};

/** The nomination form of an edition and the contributor's nominations with their state. */
export const NominatePage = ({ view, edition, open, categories, entries, nominations, withdrawable, form }: NominatePageProps) => {
  const { t } = view;
  const title = t('prizes.nomination.title', { year: edition.year });
  const entryTitle = new Map(entries.map((e) => [e.id, view.localize(e.title)]));
  const labels: Record<string, string> = {
    entryId: t('prizes.nomination.entry'),
    category: t('prizes.nomination.category'),
    ...Object.fromEntries(edition.questions.map((q) => [`answer-${q.id}`, view.localize(q.label)])),
  };
  return (
    <EditionLayout view={view} edition={edition} title={title}>
      {!open ? (
        <p class="notice">
          {t('prizes.nomination.closed')} <LocalTime view={view} value={edition.submissionStart} /> – <LocalTime view={view} value={edition.submissionEnd} />
        </p>
      ) : entries.length === 0 ? (
        <p class="notice">
          {t('prizes.nomination.no_entries')} <a href={view.href('/stocktaking/new')}>{t('prizes.nomination.submit_entry')}</a>
        </p>
      ) : (
        <>
          <p>
            {t('prizes.nomination.intro', { min: edition.summaryMinWords, max: edition.summaryMaxWords })} {t('prizes.nomination.closes')}{' '}
            <LocalTime view={view} value={edition.submissionEnd} />
          </p>
          <ErrorSummary view={view} form={form} labels={labels} />
          <form method="post" action={view.href(`/prizes/${edition.year}/nominate`)} novalidate>
            <input type="hidden" name="_csrf" value={view.csrfToken} />
            <Select
              form={form}
              name="entryId"
              label={labels.entryId ?? ''}
              hint={t('prizes.nomination.entry_hint')}
              options={entries.map((e) => ({ value: String(e.id), label: entryTitle.get(e.id) ?? String(e.id) }))}
              placeholder={t('prizes.nomination.choose')}
              required
            />
            <Select
              form={form}
              name="category"
              label={labels.category ?? ''}
              options={categories.map((c) => ({ value: String(c.number), label: `${c.number}. ${c.actionLine} — ${view.localize(c.title)}` }))}
              placeholder={t('prizes.nomination.choose')}
              required
            />
            {edition.questions.map((q) => (
              <TextArea
                form={form}
                name={`answer-${q.id}`}
                label={labels[`answer-${q.id}`] ?? q.id}
                hint={t('prizes.nomination.answer_hint', { max: q.maxWords })}
                required={q.required}
                rows={5}
              />
            ))}
            <button type="submit" class="button">
              {t('prizes.nomination.submit')}
            </button>
          </form>
        </>
      )}
      <h2>{t('prizes.nomination.mine')}</h2>
      <Table
        caption={t('prizes.nomination.mine_caption', { year: edition.year })}
        empty={t('prizes.nomination.mine_empty')}
        rows={nominations}
        columns={[
          {
            header: t('prizes.nomination.entry'),
            cell: (n) => (
              <a href={view.href(`/stocktaking/${n.entryId}`)}>
                <bdi>{entryTitle.get(n.entryId) ?? `#${n.entryId}`}</bdi>
              </a>
            ),
          },
          { header: t('prizes.nomination.category'), cell: (n) => String(n.categoryNumber), numeric: true },
          {
            header: t('prizes.nomination.state'),
            cell: (n) => (
              <>
                {t(`prizes.nomination.state_${n.state}`)}
                {n.reason && (
                  <>
                    <br />
                    <q dir="auto">{n.reason}</q>
                  </>
                )}
              </>
            ),
          },
          // Only while one of them can still be withdrawn.
          ...(withdrawable.size === 0
            ? []
            : [
                {
                  header: t('prizes.nomination.actions'),
                  cell: (n: Nomination) =>
                    withdrawable.has(n.id) ? (
                      <a href={view.href(`/prizes/${edition.year}/nominations/${n.id}/withdraw`)}>
                        {t('prizes.nomination.withdraw_link', { title: entryTitle.get(n.entryId) ?? `#${n.entryId}`, category: n.categoryNumber })}
                      </a>
                    ) : (
                      ''
                    ),
                },
              ]),
        ]}
      />
    </EditionLayout>
  );
};
