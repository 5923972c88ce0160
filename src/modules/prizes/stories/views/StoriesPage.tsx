import { LocalTime } from '../../../../core/views/components.js';
import type { ViewContext } from '../../../../core/views/context.js';
import { EditionLayout } from '../../views/EditionLayout.js';
import type { Edition } from '../../phases.js';
import type { Story, StoryCategory } from '../stories.js';
import { StoryText } from './StoryText.js';

const StoryArticle = ({ view, story }: { view: ViewContext; story: Story }) => {
  const { t } = view;
  const title = view.localizeWithLocale(story.title);
  const other = (l: string) => (l === view.locale ? undefined : l);
  const id = `story-${story.entryId}-${story.rank}`;
  return (
    <article aria-labelledby={id} class="card">
      <h3 id={id}>
        <span class="demo-badge">{t(`prizes.stories.${story.rank}`)}</span>{' '}
        <a href={view.href(`/stocktaking/${story.entryId}`)}>
          <bdi lang={other(title.locale)}>{title.text}</bdi>
        </a>
      </h3>
      <StoryText view={view} story={story} />
      {title.locale !== view.locale && <p class="hint">{t('prizes.stories.original_language')}</p>}
    </article>
  );
};

/** The winners and champions of an edition, per category, with links to the DOCX and PDF publication. */
export const StoriesPage = ({ view, edition, categories, announced }: { view: ViewContext; edition: Edition; categories: StoryCategory[]; announced: boolean }) => {
  const { t } = view;
  const title = t('prizes.stories.title', { year: edition.year });
  return (
    <EditionLayout view={view} edition={edition} title={title}>
      {!announced ? (
        <p class="notice">
          {t('prizes.stories.not_announced')} <LocalTime view={view} value={edition.announcementStart} />
        </p>
      ) : categories.length === 0 ? (
        <p class="empty">{t('prizes.stories.none')}</p>
      ) : (
        <>
          <p>{t('prizes.stories.intro', { year: edition.year })}</p>
          <ul class="downloads">
            <li>
              <a href={view.href(`/prizes/${edition.year}/stories.docx`)} download>
                {t('prizes.stories.download_docx')}
              </a>
            </li>
            <li>
              <a href={view.href(`/prizes/${edition.year}/stories.pdf`)} download>
                {t('prizes.stories.download_pdf')}
              </a>
            </li>
          </ul>
          {categories.map((c) => (
            <section aria-labelledby={`category-${c.number}`}>
              <h2 id={`category-${c.number}`}>{`${t('prizes.vote.category', { number: c.number })}${t('core.text.colon')}${view.localize(c.title)}`}</h2>
              {c.winner && <StoryArticle view={view} story={c.winner} />}
              {c.champions.map((s) => (
                <StoryArticle view={view} story={s} />
              ))}
            </section>
          ))}
        </>
      )}
    </EditionLayout>
  );
};
