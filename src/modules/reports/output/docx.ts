/**
 * TEMPORARY STAND-IN (build branch, issue 17) — replaced by the real renderer of output/ at the
 * merge. A DOCX of plain paragraphs (every text of the document) so the build can be tested.
 */
import { Document, Packer, Paragraph } from 'docx';
import { cellText, reportText } from '../../../core/reports/document.js';
import type { ReportDocument } from '../document.js';

export const renderReportDocx = async (doc: ReportDocument): Promise<Buffer> => {
  const lines: string[] = [doc.front.organization, doc.front.title, doc.front.symbol ?? '', doc.front.dateLine, doc.front.originalLine, doc.front.periodLine];
  for (const s of doc.sections) {
    lines.push(s.title);
    for (const b of s.blocks) {
      if (b.type === 'list') lines.push(...b.items.map(reportText));
      else if (b.type === 'table') lines.push(b.caption, ...b.rows.map((r) => r.map(cellText).join(' ')));
      else if (b.type === 'chart') lines.push(b.title, ...b.data.map((d) => `${d.label} ${d.display}`));
      else lines.push(reportText(b.text));
    }
  }
  const document = new Document({ creator: 'WSIS Platform', sections: [{ children: lines.filter(Boolean).map((text) => new Paragraph({ text })) }] });
  return Packer.toBuffer(document);
};
