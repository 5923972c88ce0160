import type { ViewContext } from '../../../../core/views/context.js';
import type { Edition } from '../../phases.js';
import type { Story, StoryCategory } from '../stories.js';
import { StoryText } from './StoryText.js';

/**
 * The success stories as a standalone printable document (the PDF is Chromium's print of it):
 * the reader's language and direction on <html>, system Noto fonts for every script.
 */
const CSS = `
@page { size: A4; margin: 20mm 18mm; }
body { font-family: 'Noto Sans', 'Noto Naskh Arabic', 'Noto Sans Arabic', 'Noto Sans CJK SC', 'Noto Sans SC', sans-serif; font-size: 11pt; line-height: 1.45; color: #111; }
h1 { font-size: 20pt; margin-block: 0 6mm; }
h2 { font-size: 14pt; margin-block: 8mm 2mm; border-block-end: 1px solid #888; break-after: avoid; }
article { margin-block: 3mm 5mm; break-inside: avoid; }
h3 { font-size: 12pt; margin-block: 0 1mm; }
.rank { font-weight: normal; color: #444; }
.meta { color: #444; margin-block: 0 1mm; }
p { margin-block: 0 2mm; }
`;

const StoryBlock = ({ view, story }: { view: ViewContext; story: Story }) => {
  const title = view.localizeWithLocale(story.title);
  const other = (l: string) => (l === view.locale ? undefined : l);
  return (
    <article>
      <h3>
        <span class="rank">{view.t(`prizes.stories.${story.rank}`)}</span>
        {' · '}
        <bdi lang={other(title.locale)}>{title.text}</bdi>
      </h3>
      <StoryText view={view} story={story} />
    </article>
  );
};

export const StoriesDocument = ({ view, edition, categories }: { view: ViewContext; edition: Edition; categories: StoryCategory[] }) => {
  const title = view.t('prizes.stories.title', { year: edition.year });
  return (
    <html lang={view.locale} dir={view.dir}>
      <head>
        <meta charset="utf-8" />
        <title>{title}</title>
        <style dangerouslySetInnerHTML={{ __html: CSS }} />
      </head>
      <body>
        <h1>{title}</h1>
        <p>{view.t('prizes.stories.intro', { year: edition.year })}</p>
        {categories.map((c) => (
          <section>
            <h2>{`${view.t('prizes.vote.category', { number: c.number })}${view.t('core.text.colon')}${view.localize(c.title)}`}</h2>
            {c.winner && <StoryBlock view={view} story={c.winner} />}
            {c.champions.map((s) => (
              <StoryBlock view={view} story={s} />
            ))}
          </section>
        ))}
      </body>
    </html>
  );
};
