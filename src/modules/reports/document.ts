/**
 * A report ready to render: the first page and the sections, every string already in the report's
 * language. It is what the build composes (build/compose.ts) and what a final report's snapshot
 * stores (tables.ts, reportSnapshots), so output/ renders it without reading the database or the
 * message catalogs: a frozen report renders the same text years later, whatever changed since.
 */
import type { Locale } from '../../core/i18n/locales.js';
import type { ReportBlock } from '../../core/reports/document.js';

/**
 * The first page of a UN/ITU document, and the fixed words the renderers need, as rendered in the
 * report's language ("Original: English", "Distribution: General").
 */
export type ReportFront = {
  /** "International Telecommunication Union" */
  organization: string;
  title: string;
  /** "C26/25", or null when the report has no symbol yet. */
  symbol: string | null;
  /** "Date: 15 January 2027" */
  dateLine: string;
  /** "Original: English" */
  originalLine: string;
  /** "Distribution: General" (also "GENERAL" on UN documents: the renderer shows this line as given). */
  distributionLine: string;
  /** "Period: 1 January – 31 December 2026 · figures as of 31 December 2026" */
  periodLine: string;
  /** "Contents" */
  contentsHeading: string;
  /** "Draft: not an official document" on a draft or review build; null on a final one. */
  draftMark: string | null;
};

/** A built section: its title and blocks (the narrative first, then the generated part). */
export type ReportSectionDocument = { id: string; title: string; blocks: ReportBlock[] };

export type ReportDocument = {
  locale: Locale;
  dir: 'ltr' | 'rtl';
  front: ReportFront;
  sections: ReportSectionDocument[];
};
