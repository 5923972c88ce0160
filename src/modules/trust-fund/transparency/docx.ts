/**
 * The statement of a period as a Word document (npm `docx`), in the reader's language: every run
 * carries its language (Latin, East Asian and complex-script slots); Arabic paragraphs and tables
 * are right to left (bidi), as the consultations' synthesis does.
 */
import { Document, HeadingLevel, Packer } from 'docx';
import { docxParagraph as paragraph, docxTable } from '../../../core/exports/docx.js';
import type { Locale } from '../../../core/i18n/locales.js';
import { translator } from '../../../core/i18n/translate.js';
import { formatChf } from './money.js';
import { periodLabel, type StatementView } from './views/StatementTables.js';

/** A table whose first column is text and the others amounts (at the end of their cells). */
const table = (locale: Locale, header: string[], rows: string[][]) => docxTable(locale, header, rows, { endFrom: 1 });

export const statementDocx = async (s: StatementView, locale: Locale): Promise<Buffer> => {
  const t = translator(locale);
  const m = (v: bigint) => formatChf(v, locale);
  const title = t('trust-fund.transparency.statement.docx_title', { period: periodLabel(s, locale) });
  const item = t('trust-fund.transparency.statement.item');
  const line = (key: string) => t(`trust-fund.transparency.statement.${key}`);
  const doc = new Document({
    title,
    creator: 'WSIS Platform',
    sections: [
      {
        children: [
          paragraph(locale, title, { heading: HeadingLevel.TITLE }),
          paragraph(locale, t('trust-fund.transparency.statement.intro')),
          paragraph(locale, line('summary'), { heading: HeadingLevel.HEADING_2 }),
          table(
            locale,
            [item, t('trust-fund.transparency.amount')],
            [
              [line('opening'), m(s.opening.total)],
              [line('receipts'), m(s.receiptsTotal)],
              [line('psc'), m(-s.psc)],
              [line('expenditures'), m(-s.expenditures)],
              [line('closing'), m(s.closing.total)],
            ],
          ),
          paragraph(locale, line('receipts_by_donor'), { heading: HeadingLevel.HEADING_2 }),
          ...(s.receipts.length === 0
            ? [paragraph(locale, line('no_receipts'))]
            : [
                table(
                  locale,
                  [t('trust-fund.transparency.donor'), t('trust-fund.transparency.amount')],
                  [...s.receipts.map((r) => [s.donorNames.get(r.donor.id) ?? String(r.donor.id), m(r.amount)]), [line('total'), m(s.receiptsTotal)]],
                ),
              ]),
          paragraph(locale, line('funds'), { heading: HeadingLevel.HEADING_2 }),
          table(
            locale,
            [item, line('unallocated'), line('allocated'), line('total')],
            [
              [line('opening'), m(s.opening.unallocated), m(s.opening.allocated), m(s.opening.total)],
              [line('receipts'), m(s.receiptsTotal), m(0n), m(s.receiptsTotal)],
              [line('psc'), m(-s.psc), m(0n), m(-s.psc)],
              [line('allocations'), m(-s.allocations), m(s.allocations), m(0n)],
              [line('expenditures'), m(0n), m(-s.expenditures), m(-s.expenditures)],
              [line('closing'), m(s.closing.unallocated), m(s.closing.allocated), m(s.closing.total)],
            ],
          ),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
};
