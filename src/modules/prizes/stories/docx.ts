/**
 * The success stories as a Word document (npm `docx`): headings, the reader's language on every
 * run (Latin, East Asian and complex-script slots) and right-to-left paragraphs for Arabic, so
 * Word shapes and orders the text itself.
 */
import { Document, HeadingLevel, Packer } from 'docx';
import { type DocxHeading, docxParagraph, docxRun as run } from '../../../core/exports/docx.js';
import type { Locale } from '../../../core/i18n/locales.js';
import type { ViewContext } from '../../../core/views/context.js';
import { countryName } from '../../reference/queries.js';
import type { Edition } from '../phases.js';
import type { Story, StoryCategory } from './stories.js';

const paragraph = (locale: Locale, children: ReturnType<typeof run>[], heading?: DocxHeading) => docxParagraph(locale, children, { heading });

const storyParagraphs = (view: ViewContext, story: Story) => {
  const title = view.localizeWithLocale(story.title);
  const summary = view.localizeWithLocale(story.summary);
  const meta = [story.organization, story.country ? countryName(story.country, view.locale) : null].filter((s): s is string => Boolean(s)).join(' · ');
  return [
    paragraph(view.locale, [run(`${view.t(`prizes.stories.${story.rank}`)} · `, view.locale), run(title.text, title.locale, { bold: true })], HeadingLevel.HEADING_3),
    ...(meta ? [paragraph(view.locale, [run(meta, view.locale, { italics: true })])] : []),
    paragraph(summary.locale, [run(summary.text, summary.locale)]),
  ];
};

export const storiesDocx = async ({ view, edition, categories }: { view: ViewContext; edition: Edition; categories: StoryCategory[] }): Promise<Buffer> => {
  const title = view.t('prizes.stories.title', { year: edition.year });
  const doc = new Document({
    title,
    creator: 'WSIS Platform',
    description: view.t('prizes.stories.intro', { year: edition.year }),
    sections: [
      {
        children: [
          paragraph(view.locale, [run(title, view.locale)], HeadingLevel.TITLE),
          paragraph(view.locale, [run(view.t('prizes.stories.intro', { year: edition.year }), view.locale)]),
          ...categories.flatMap((c) => [
            paragraph(
              view.locale,
              [run(`${view.t('prizes.vote.category', { number: c.number })}${view.t('core.text.colon')}${view.localize(c.title)}`, view.locale)],
              HeadingLevel.HEADING_2,
            ),
            ...(c.winner ? storyParagraphs(view, c.winner) : []),
            ...c.champions.flatMap((s) => storyParagraphs(view, s)),
          ]),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
};
