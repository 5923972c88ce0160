/**
 * A roadmap's version for the Council as a Word document (npm `docx`) in one of the six
 * languages: the language on every run (Latin, East Asian and complex-script slots), right-to-left
 * paragraphs for Arabic, Chinese fonts named for East Asian text. A text missing in the language
 * is given in the one it exists in, with that run's own language and direction.
 */
import { Document, HeadingLevel, Packer, type Paragraph } from 'docx';
import { docxRun as run, docxParagraph as paragraph } from '../../../core/exports/docx.js';
import type { Locale, Localized } from '../../../core/i18n/locales.js';
import { formatters, localizeWithLocale, translator } from '../../../core/i18n/translate.js';
import type { RoadmapVersion } from '../queries.js';
import { TEXT_FIELDS } from './inputs.js';

export type DocxLabels = { lineTitle: string; partners: string[]; sdgTargets: { code: string; text: Localized }[]; connectTargets: { code: string; text: Localized }[] };

/** The version in `locale` as a DOCX file. */
export const roadmapDocx = async ({
  locale,
  actionLine,
  version: v,
  labels,
}: {
  locale: Locale;
  actionLine: string;
  version: RoadmapVersion;
  labels: DocxLabels;
}): Promise<Buffer> => {
  const t = translator(locale);
  const fmt = formatters(locale);
  const localized = (value: Localized) => localizeWithLocale(value, locale);
  const children: Paragraph[] = [
    paragraph(locale, t('roadmaps.versions.roadmap_title', { line: actionLine }), { heading: HeadingLevel.TITLE }),
    paragraph(locale, labels.lineTitle),
    paragraph(
      locale,
      t('roadmaps.versions.docx_facts', {
        number: v.number,
        symbol: v.presentedSymbol ?? '—',
        date: v.currentSince ? fmt.date(v.currentSince) : v.presentedAt ? fmt.date(v.presentedAt) : fmt.date(v.updatedAt),
      }),
    ),
  ];
  for (const field of TEXT_FIELDS) {
    children.push(paragraph(locale, t(`roadmaps.versions.field_${field}`), { heading: HeadingLevel.HEADING_1 }));
    const { text, locale: shown } = localized(v[field]);
    for (const line of (text || t('roadmaps.versions.not_written')).split(/\n+/)) children.push(paragraph(text ? shown : locale, line));
  }
  children.push(paragraph(locale, t('roadmaps.versions.field_partnerOrganizationIds'), { heading: HeadingLevel.HEADING_1 }));
  for (const name of labels.partners.length ? labels.partners : [t('roadmaps.versions.none')]) children.push(paragraph(locale, name));
  for (const field of ['sdgTargets', 'connectTargets'] as const) {
    children.push(paragraph(locale, t(`roadmaps.versions.field_${field}`), { heading: HeadingLevel.HEADING_1 }));
    if (labels[field].length === 0) children.push(paragraph(locale, t('roadmaps.versions.none')));
    for (const target of labels[field]) {
      const { text, locale: shown } = localized(target.text);
      children.push(paragraph(locale, [run(`${target.code} `, locale, { bold: true }), run(text, shown)]));
    }
  }
  const document = new Document({
    creator: 'WSIS Platform',
    title: t('roadmaps.versions.roadmap_title', { line: actionLine }),
    styles: { default: { document: { run: { font: 'Noto Sans' } } } },
    sections: [{ properties: {}, children }],
  });
  return Packer.toBuffer(document);
};
