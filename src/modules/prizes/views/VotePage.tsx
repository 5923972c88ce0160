import type { Localized } from '../../../core/i18n/locales.js';
import { LocalTime, PostButton } from '../../../core/views/components.js';
import type { ViewContext } from '../../../core/views/context.js';
import { Layout } from '../../../core/views/Layout.js';
import { EditionLayout } from './EditionLayout.js';
import type { Edition, EditionMoment } from '../phases.js';
import type { Category } from '../queries.js';

export type NomineeView = { id: number; categoryNumber: number; entryId: number; title: Localized; summary: Localized };

/** Who looks at the vote: signed out, not verified, an account whose votes cannot be valid under the edition's rule, or a voter. */
export type VoterState = 'anonymous' | 'unverified' | 'ineligible' | 'voter';

export type VotePageProps = {
  view: ViewContext;
  edition: Edition;
  moment: EditionMoment;
  categories: Category[];
  nominees: NomineeView[];
  /** Category → the nomination this voter chose (signed-in voters only). */
  myVotes: Map<number, number>;
  voter: VoterState;
};

/** Why an account's votes would not be valid, said before it votes. */
const IneligibleNotice = ({ view, edition }: { view: ViewContext; edition: Edition }) => (
  <p class="warning" id="vote-ineligible">
    {view.t('prizes.vote.ineligible')} <LocalTime view={view} value={edition.votingStart} />
  </p>
);

/** The rules that decide whether this voter's votes are valid, when one applies. */
const AllCategoriesNotice = ({ view, edition }: { view: ViewContext; edition: Edition }) =>
  edition.validVote.allCategoriesRequired ? <p class="notice">{view.t('prizes.vote.all_categories_rule')}</p> : null;

/** The nominees per category; during voting, a vote button for each (one vote per category). */
export const VotePage = ({ view, edition, moment, categories, nominees, myVotes, voter }: VotePageProps) => {
  const { t } = view;
  const title = moment === 'voting' ? t('prizes.vote.title', { year: edition.year }) : t('prizes.vote.nominees_title', { year: edition.year });
  const open = moment === 'voting';
  const remaining = categories.filter((c) => !myVotes.has(c.number) && nominees.some((n) => n.categoryNumber === c.number));
  return (
    <EditionLayout view={view} edition={edition} title={title}>
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
      {open && voter === 'ineligible' && <IneligibleNotice view={view} edition={edition} />}
      {open && voter === 'voter' && <AllCategoriesNotice view={view} edition={edition} />}
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
                        <form method="get" action={view.href(`/prizes/${edition.year}/vote/confirm`)} class="inline-form">
                          <input type="hidden" name="nominationId" value={String(n.id)} />
                          <button type="submit" class="button">
                            {t('prizes.vote.button', { title: nomineeTitle.text })}
                          </button>
                        </form>
                      )}
                    </li>
                  );
                })}
              </ul>
            )}
          </section>
        );
      })}
    </EditionLayout>
  );
};

export type ConfirmVotePageProps = {
  view: ViewContext;
  edition: Edition;
  category: Category;
  nominee: NomineeView;
  voter: VoterState;
};

/** The step before a vote: the nominee and its category, a reminder that a vote cannot be changed, then one POST. */
export const ConfirmVotePage = ({ view, edition, category, nominee, voter }: ConfirmVotePageProps) => {
  const { t } = view;
  const title = t('prizes.vote.confirm_title');
  const nomineeTitle = view.localizeWithLocale(nominee.title);
  const summary = view.localizeWithLocale(nominee.summary);
  const back = view.href(`/prizes/${edition.year}/vote#category-${category.number}`);
  return (
    <Layout view={view} title={title}>
      <p class="breadcrumb">
        <a href={view.href(`/prizes/${edition.year}/vote`)}>{t('prizes.vote.title', { year: edition.year })}</a>
      </p>
      <h1>{title}</h1>
      <dl class="confirm-vote">
        <dt>{t('prizes.vote.confirm_category')}</dt>
        <dd>
          {t('prizes.vote.category', { number: category.number })}: {view.localize(category.title)}
        </dd>
        <dt>{t('prizes.vote.confirm_nominee')}</dt>
        <dd>
          <bdi lang={nomineeTitle.locale === view.locale ? undefined : nomineeTitle.locale}>
            <a href={view.href(`/stocktaking/${nominee.entryId}`)}>{nomineeTitle.text}</a>
          </bdi>
          <p lang={summary.locale === view.locale ? undefined : summary.locale} dir="auto">
            {summary.text}
          </p>
        </dd>
      </dl>
      {voter === 'ineligible' ? (
        <IneligibleNotice view={view} edition={edition} />
      ) : (
        <>
          <p class="warning">{t('prizes.vote.confirm_final')}</p>
          <AllCategoriesNotice view={view} edition={edition} />
          <PostButton
            view={view}
            action={view.href(`/prizes/${edition.year}/vote`)}
            label={t('prizes.vote.confirm_button')}
            fields={{ nominationId: String(nominee.id), confirm: 'yes' }}
          />
        </>
      )}
      <p>
        <a href={back}>{t('prizes.vote.confirm_back')}</a>
      </p>
    </Layout>
  );
};
