/**
 * The synthesis for the Council as a Word document (npm `docx`), from the same data as the page:
 * the reader's language on every run (Latin, East Asian and complex-script slots), right-to-left
 * paragraphs and tables for Arabic, Chinese fonts named for East Asian text; quotes keep the
 * language they were written in.
 */
import { Document, HeadingLevel, Packer } from 'docx';
import { docxParagraph as paragraph, docxTable as table } from '../../../core/exports/docx.js';
import { isLocale } from '../../../core/i18n/locales.js';
import { formatters, translator } from '../../../core/i18n/translate.js';
import type { Synthesis } from './synthesis.js';

/** The synthesis in its language as a DOCX file. */
export const synthesisDocx = async (synthesis: Synthesis, { frozenNote }: { frozenNote?: string } = {}): Promise<Buffer> => {
  const { locale } = synthesis;
  const t = translator(locale);
  const fmt = formatters(locale);
  const pct = (n: number) => fmt.number(n / 100, { style: 'percent', maximumFractionDigits: 1 });
  const num = (n: number) => fmt.number(n);
  const title = t('consultations.results.synthesis_title', { title: synthesis.title });
  const figureHeader = [
    t('consultations.results.answer'),
    t('consultations.results.count_as_submitted'),
    t('consultations.results.percent_as_submitted'),
    t('consultations.results.count_campaigns_once'),
    t('consultations.results.percent_campaigns_once'),
  ];
  const questionParts = synthesis.questions.flatMap((q) => [
    paragraph(locale, q.label, { heading: HeadingLevel.HEADING_3 }),
    paragraph(locale, t('consultations.results.respondents', { count: q.respondents.asSubmitted, once: q.respondents.campaignsOnce, missing: q.notAnswered })),
    ...(q.mean
      ? [
          paragraph(
            locale,
            t('consultations.results.mean', {
              asSubmitted: fmt.number(q.mean.asSubmitted ?? 0, { maximumFractionDigits: 2 }),
              once: fmt.number(q.mean.campaignsOnce ?? 0, { maximumFractionDigits: 2 }),
            }),
          ),
        ]
      : []),
    ...(q.figures.length > 0 && q.type !== 'ranking'
      ? [
          table(
            locale,
            figureHeader,
            q.figures.map((f) => [f.label, num(f.count.asSubmitted), pct(f.percent.asSubmitted), num(f.count.campaignsOnce), pct(f.percent.campaignsOnce)]),
          ),
        ]
      : []),
    ...(q.type === 'ranking'
      ? [
          table(
            locale,
            [
              t('consultations.results.option'),
              t('consultations.results.mean_rank_as_submitted'),
              t('consultations.results.borda_as_submitted'),
              t('consultations.results.mean_rank_campaigns_once'),
              t('consultations.results.borda_campaigns_once'),
            ],
            q.ranking.map((r) => [
              r.label,
              fmt.number(r.meanRank.asSubmitted ?? 0, { maximumFractionDigits: 2 }),
              num(r.borda.asSubmitted),
              fmt.number(r.meanRank.campaignsOnce ?? 0, { maximumFractionDigits: 2 }),
              num(r.borda.campaignsOnce),
            ]),
          ),
        ]
      : []),
  ]);
  const participationRows = Object.entries(synthesis.participation.byDimension)
    .filter(([dimension]) => dimension !== 'country')
    .flatMap(([dimension, groups]) => groups.map((g) => [t(`consultations.results.dimension_${dimension}`), g.label, num(g.count.asSubmitted), num(g.count.campaignsOnce)]));
  const doc = new Document({
    title,
    creator: 'WSIS Platform',
    sections: [
      {
        children: [
          paragraph(locale, title, { heading: HeadingLevel.TITLE }),
          ...(frozenNote ? [paragraph(locale, frozenNote, { italics: true })] : []),
          paragraph(locale, t('consultations.results.method_title'), { heading: HeadingLevel.HEADING_2 }),
          ...synthesis.method.map((p) => paragraph(locale, p)),
          paragraph(locale, t('consultations.results.participation_title'), { heading: HeadingLevel.HEADING_2 }),
          paragraph(
            locale,
            t('consultations.results.participation_total', { count: synthesis.participation.answers.asSubmitted, once: synthesis.participation.answers.campaignsOnce }),
          ),
          table(
            locale,
            [
              t('consultations.results.dimension'),
              t('consultations.results.group'),
              t('consultations.results.count_as_submitted'),
              t('consultations.results.count_campaigns_once'),
            ],
            participationRows,
          ),
          paragraph(locale, t('consultations.results.questions_title'), { heading: HeadingLevel.HEADING_2 }),
          ...questionParts,
          paragraph(locale, t('consultations.results.themes_heading'), { heading: HeadingLevel.HEADING_2 }),
          ...(synthesis.themes.length === 0 ? [paragraph(locale, t('consultations.results.no_themes'))] : []),
          ...synthesis.themes.flatMap((th) => [
            paragraph(locale, t('consultations.results.theme_line', { theme: th.label, question: th.question, count: th.count.asSubmitted, once: th.count.campaignsOnce }), {
              heading: HeadingLevel.HEADING_3,
            }),
            ...th.quotes.map((q) => paragraph(isLocale(q.language) ? q.language : locale, q.text, { italics: true })),
          ]),
          paragraph(locale, t('consultations.results.campaigns_title'), { heading: HeadingLevel.HEADING_2 }),
          ...(synthesis.campaigns.length === 0 ? [paragraph(locale, t('consultations.results.no_campaigns'))] : []),
          ...synthesis.campaigns.flatMap((c) => [
            paragraph(locale, t('consultations.results.campaign_line', { question: c.question, size: c.size }), { bold: true }),
            paragraph(isLocale(c.language) ? c.language : locale, c.text, { italics: true }),
          ]),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
};
