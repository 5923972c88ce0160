/**
 * TEMPORARY STAND-IN (build branch, issue 17) — replaced by the real renderer of output/ at the
 * merge. The PDF through headless Chromium, or PdfUnavailableError when it is not installed.
 */
import { canPrintPdf, printPdf } from '../../../core/exports/pdf.js';
import type { ReportDocument } from '../document.js';
import { renderReportHtml } from './html.js';

/** Chromium is not installed: the message (key of the catalog) says how to install it. */
export class PdfUnavailableError extends Error {
  override name = 'PdfUnavailableError';
  readonly key = 'reports.build.pdf_unavailable';
  constructor() {
    super('PDF output needs Chromium (apt-get install chromium, or CHROMIUM_PATH)');
  }
}

export const renderReportPdf = async (doc: ReportDocument): Promise<Buffer> => {
  if (!canPrintPdf()) throw new PdfUnavailableError();
  return printPdf(renderReportHtml(doc));
};
