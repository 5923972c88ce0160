/**
 * The WSIS Prizes' sections of the reports (issue 17), for the edition of the report's year (the
 * UTC year of `from`), as it stood at the cut-off:
 * - `prizes.results`: the winner and champions of each category, one table per category, with the
 *   vote counts the public results page shows (valid and cast, per nominee and in all), once the
 *   results are announced as of the cut-off; before that, a sentence saying they are not.
 * - `prizes.stories`: the success stories (winner, then champions, of each category), with the
 *   house's language fallback and the language of a text in another one marked.
 * Both read the stories' own loading (stories/stories.ts) and the public results' queries.
 */
import type { DbOrTx } from '../../../core/db/client.js';
import type { Locale, Localized } from '../../../core/i18n/locales.js';
import { formatters, localizeWithLocale, translator } from '../../../core/i18n/translate.js';
import type { ReportBlock, ReportCell, ReportRun, ReportSectionArgs, ReportSectionResult } from '../../../core/reports/document.js';
import { countryName } from '../../reference/queries.js';
import { countsArePublic, type Edition } from '../phases.js';
import { countVotes, findEditionByYear } from '../queries.js';
import { resultsArePublic } from '../selection/queries.js';
import { loadStories, type Story, type StoryCategory } from '../stories/stories.js';

/** What the two sections share: the year's edition and its stories, or the sentence saying why there are none. */
const announcedEdition = async (db: DbOrTx, { from, asOf, locale }: ReportSectionArgs): Promise<{ edition: Edition; categories: StoryCategory[] } | { blocks: ReportBlock[] }> => {
  const t = translator(locale);
  const date = (d: Date) => formatters(locale).date(d, { dateStyle: 'long' });
  const year = from.getUTCFullYear();
  const edition = await findEditionByYear(db, year);
  if (!edition) return { blocks: [{ type: 'paragraph', text: t('prizes.reports.no_edition', { year }) }] };
  if (!resultsArePublic(edition, asOf)) {
    return {
      blocks: [{ type: 'paragraph', text: t('prizes.reports.not_announced', { year, asOf: date(asOf), date: date(edition.announcementStart) }) }],
    };
  }
  return { edition, categories: await loadStories(db, edition, { asOf }) };
};

/** A user's text (a title, a name) isolated, with its language when it is not the report's. */
const userRun = (value: { text: string; locale: Locale }, locale: Locale): ReportRun =>
  value.locale === locale ? { text: value.text, isolate: true } : { text: value.text, isolate: true, lang: value.locale };

/** "Category 3: Access to information and knowledge" in the report's language. */
const categoryLabel = (c: { number: number; title: Localized }, locale: Locale) => {
  const t = translator(locale);
  return `${t('prizes.vote.category', { number: c.number })}${t('core.text.colon')}${localizeWithLocale(c.title, locale).text}`;
};

export const buildResultsSection = async (db: DbOrTx, args: ReportSectionArgs): Promise<ReportSectionResult> => {
  const found = await announcedEdition(db, args);
  if ('blocks' in found) return found;
  const { edition, categories } = found;
  const { locale, asOf } = args;
  const t = translator(locale);
  const fmt = formatters(locale);
  if (categories.length === 0) return { blocks: [{ type: 'paragraph', text: t('prizes.stories.none') }] };
  // The counts the public results page shows, when it shows them.
  const tallies = countsArePublic(edition, asOf) ? await countVotes(db, edition) : null;
  const tallyOf = new Map((tallies ?? []).map((v) => [v.nominationId, v]));
  const blocks: ReportBlock[] = [
    { type: 'paragraph', text: t('prizes.reports.results_intro', { year: edition.year, date: fmt.date(edition.announcementStart, { dateStyle: 'long' }) }) },
  ];
  if (tallies) {
    const cast = tallies.reduce((s, v) => s + v.cast, 0);
    const valid = tallies.reduce((s, v) => s + v.valid, 0);
    blocks.push({ type: 'paragraph', text: t('prizes.results.totals', { cast: fmt.number(cast), valid: fmt.number(valid), invalid: fmt.number(cast - valid) }) });
  }
  const number = (n: number): ReportCell => ({ text: fmt.number(n), value: n });
  const row = (story: Story): ReportCell[] => {
    const tally = tallyOf.get(story.nominationId);
    return [
      [userRun(localizeWithLocale(story.title, locale), locale)],
      t(`prizes.stories.${story.rank}`),
      story.organization ? [{ text: story.organization, isolate: true }] : '',
      story.country ? countryName(story.country, locale) : '',
      ...(tallies ? [number(tally?.valid ?? 0), number(tally?.cast ?? 0)] : []),
    ];
  };
  for (const c of categories) {
    blocks.push({
      type: 'table',
      caption: categoryLabel(c, locale),
      rowHeader: true,
      columns: [
        { label: t('prizes.results.nominee') },
        { label: t('prizes.reports.result') },
        { label: t('prizes.reports.organization') },
        { label: t('prizes.reports.country') },
        ...(tallies
          ? [
              { label: t('prizes.results.valid_votes'), numeric: true },
              { label: t('prizes.results.votes_cast'), numeric: true },
            ]
          : []),
      ],
      rows: [...(c.winner ? [c.winner] : []), ...c.champions].map(row),
    });
  }
  return { blocks };
};

/** A story's text as paragraphs (a blank line or a line break starts one), marked with its language when not the report's. */
const storyParagraphs = (summary: { text: string; locale: Locale }, locale: Locale): ReportBlock[] =>
  summary.text
    .split(/\r?\n/)
    .map((p) => p.trim())
    .filter((p) => p.length > 0)
    .map((text) => (summary.locale === locale ? { type: 'paragraph', text } : { type: 'paragraph', text, lang: summary.locale }));

export const buildStoriesSection = async (db: DbOrTx, args: ReportSectionArgs): Promise<ReportSectionResult> => {
  const found = await announcedEdition(db, args);
  if ('blocks' in found) return found;
  const { edition, categories } = found;
  const { locale } = args;
  const t = translator(locale);
  if (categories.length === 0) return { blocks: [{ type: 'paragraph', text: t('prizes.stories.none') }] };
  const story = (s: Story): ReportBlock[] => {
    const meta: ReportRun[] = [
      ...(s.organization ? [{ text: s.organization, isolate: true }] : []),
      ...(s.organization && s.country ? [{ text: ' · ' }] : []),
      ...(s.country ? [{ text: countryName(s.country, locale) }] : []),
    ];
    return [
      { type: 'heading', level: 3, text: [{ text: `${t(`prizes.stories.${s.rank}`)} · ` }, userRun(localizeWithLocale(s.title, locale), locale)] },
      ...(meta.length > 0 ? [{ type: 'paragraph' as const, text: meta }] : []),
      ...storyParagraphs(localizeWithLocale(s.summary, locale), locale),
    ];
  };
  return {
    blocks: [
      { type: 'paragraph', text: t('prizes.stories.intro', { year: edition.year }) },
      ...categories.flatMap((c): ReportBlock[] => [
        { type: 'heading', level: 2, text: categoryLabel(c, locale) },
        ...(c.winner ? story(c.winner) : []),
        ...c.champions.flatMap(story),
      ]),
    ],
  };
};
