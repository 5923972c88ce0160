/**
 * The building blocks of the platform's Word documents (npm `docx`) in the six languages: every run
 * carries its language in the slot Word uses for its script (Latin, East Asian, complex script) and
 * names the Noto faces of each, Arabic runs, paragraphs and tables are right to left (bidi), so Word
 * shapes and orders the text itself. A module writes its document from these (consultations'
 * synthesis, the Trust Fund's statement, a roadmap's version, the prize stories).
 */
import { AlignmentType, type HeadingLevel, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import type { Locale } from '../i18n/locales.js';

/** The language tag Word is given for each of the six languages. */
export const DOCX_LANGUAGE_TAGS: Record<Locale, string> = { ar: 'ar-SA', en: 'en-GB', es: 'es-ES', fr: 'fr-FR', ru: 'ru-RU', zh: 'zh-CN' };

/** The Noto faces of each of Word's script slots (Latin, complex script, East Asian). */
export const DOCX_FONTS = { ascii: 'Noto Sans', hAnsi: 'Noto Sans', cs: 'Noto Naskh Arabic', eastAsia: 'Noto Sans CJK SC' };

export type DocxHeading = (typeof HeadingLevel)[keyof typeof HeadingLevel];

/** A run of text in a language: right to left for Arabic, the language in the slot Word uses for its script. */
export const docxRun = (text: string, locale: Locale, options: { bold?: boolean; italics?: boolean } = {}) =>
  new TextRun({
    text,
    ...options,
    rightToLeft: locale === 'ar',
    language: {
      value: DOCX_LANGUAGE_TAGS[locale],
      eastAsia: locale === 'zh' ? DOCX_LANGUAGE_TAGS.zh : undefined,
      bidirectional: locale === 'ar' ? DOCX_LANGUAGE_TAGS.ar : undefined,
    },
    font: DOCX_FONTS,
  });

/**
 * A paragraph in `locale`: a text (one run, bold or italic as asked) or runs of their own. It starts
 * at the start of the line (the right in Arabic), or with `end` at its end (amounts in a table).
 */
export const docxParagraph = (
  locale: Locale,
  content: string | TextRun[],
  { heading, bold, italics, end }: { heading?: DocxHeading; bold?: boolean; italics?: boolean; end?: boolean } = {},
) => {
  const rtl = locale === 'ar';
  return new Paragraph({
    children: typeof content === 'string' ? [docxRun(content, locale, { bold, italics })] : content,
    heading,
    bidirectional: rtl,
    alignment: Boolean(end) === rtl ? AlignmentType.LEFT : AlignmentType.RIGHT,
    spacing: { after: 120 },
  });
};

/**
 * A table in `locale` across the page, its first row a header (bold, repeated on each page), right
 * to left in Arabic. The columns from `endFrom` on (amounts) line up at the end of their cells.
 */
export const docxTable = (locale: Locale, header: string[], rows: string[][], { endFrom = Number.POSITIVE_INFINITY }: { endFrom?: number } = {}) =>
  new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    visuallyRightToLeft: locale === 'ar',
    rows: [header, ...rows].map(
      (cells, i) =>
        new TableRow({
          tableHeader: i === 0,
          children: cells.map((text, c) => new TableCell({ children: [docxParagraph(locale, text, { bold: i === 0, end: c >= endFrom })] })),
        }),
    ),
  });
