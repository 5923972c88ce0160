import type { Localized } from '../../../core/i18n/locales.js';
import { LocalTime, PostButton } from '../../../core/views/components.js';
import type { ViewContext } from '../../../core/views/context.js';
import { Layout } from '../../../core/views/Layout.js';
import type { Edition, EditionMoment } from '../phases.js';
import type { Category } from '../queries.js';

export type NomineeView = { id: number; categoryNumber: number; entryId: number; title: Localized; summary: Localized };

export type VotePageProps = {
  view: ViewContext;
  edition: Edition;
  moment: EditionMoment;
  categories: Category[];
  nominees: NomineeView[];
  /** Category → the nomination this voter chose (signed-in voters only). */
  myVotes: Map<number, number>;
  voter: 'anonymous' | 'unverified' | 'voter';
};

/** The nominees per category; during voting, a vote button for each (one vote per category). */
export const VotePage = ({ view, edition, moment, categories, nominees, myVotes, voter }: VotePageProps) => {
  const { t } = view;
  const title = moment === 'voting' ? t('prizes.vote.title', { year: edition.year }) : t('prizes.vote.nominees_title', { year: edition.year });
  const open = moment === 'voting';
  const remaining = categories.filter((c) => !myVotes.has(c.number) && nominees.some((n) => n.categoryNumber === c.number));
  return (
    <Layout view={view} title={title}>
      <p class="breadcrumb">
        <a href={view.href(`/prizes/${edition.year}`)}>{t('prizes.edition.title', { year: edition.year })}</a>
      </p>
      <h1>{title}</h1>
      {open && (
        <p>
          {t('prizes.vote.closes')} <LocalTime view={view} value={edition.votingEnd} />
        </p>
      )}
      {open && voter === 'anonymous' && (
        <p class="notice">
          <a href={`${view.href('/sign-in')}?next=${encodeURIComponent(view.href(`/prizes/${edition.year}/vote`))}`}>{t('prizes.vote.sign_in')}</a>
        </p>
      )}
      {open && voter === 'unverified' && <p class="notice">{t('prizes.vote.verify_first')}</p>}
      {voter === 'voter' && (
        <section class="notice" aria-labelledby="my-progress">
          <h2 id="my-progress">{t('prizes.vote.progress', { voted: myVotes.size, total: categories.length })}</h2>
          {remaining.length > 0 && open && (
            <nav aria-label={t('prizes.vote.remaining')}>
              <p>{t('prizes.vote.remaining')}</p>
              <ul class="inline-list">
                {remaining.map((c) => (
                  <li>
                    <a href={`#category-${c.number}`}>{t('prizes.vote.category', { number: c.number })}</a>
                  </li>
                ))}
              </ul>
            </nav>
          )}
        </section>
      )}
      <p class="hint">{t('prizes.vote.order_note')}</p>
      <p>
        <a href={view.href(`/prizes/${edition.year}/integrity`)}>{t('prizes.results.integrity_link')}</a>
      </p>
      {categories.map((c) => {
        const inCategory = nominees.filter((n) => n.categoryNumber === c.number);
        const chosen = myVotes.get(c.number);
        return (
          <section id={`category-${c.number}`} aria-labelledby={`category-${c.number}-title`} class="prize-category">
            <h2 id={`category-${c.number}-title`}>
              {t('prizes.vote.category', { number: c.number })}
              {t('core.text.colon')}
              {view.localize(c.title)}
            </h2>
            {chosen !== undefined && <p class="flash flash-notice">{t('prizes.vote.voted_here')}</p>}
            {inCategory.length === 0 ? (
              <p class="empty">{t('prizes.vote.no_nominees')}</p>
            ) : (
              <ul class="nominees">
                {inCategory.map((n) => {
                  const nomineeTitle = view.localizeWithLocale(n.title);
                  const summary = view.localizeWithLocale(n.summary);
                  return (
                    <li class={chosen === n.id ? 'nominee chosen' : 'nominee'}>
                      <h3>
                        <a href={view.href(`/stocktaking/${n.entryId}`)}>
                          <bdi lang={nomineeTitle.locale === view.locale ? undefined : nomineeTitle.locale}>{nomineeTitle.text}</bdi>
                        </a>
                      </h3>
                      <p lang={summary.locale === view.locale ? undefined : summary.locale} dir="auto">
                        {summary.text}
                      </p>
                      {chosen === n.id && <p class="state">{t('prizes.vote.your_vote')}</p>}
                      {open && voter === 'voter' && chosen === undefined && (
                        <PostButton
                          view={view}
                          action={view.href(`/prizes/${edition.year}/vote`)}
                          label={t('prizes.vote.button', { title: nomineeTitle.text })}
                          fields={{ nominationId: String(n.id) }}
                        />
                      )}
                    </li>
                  );
                })}
              </ul>
            )}
          </section>
        );
      })}
    </Layout>
  );
};
