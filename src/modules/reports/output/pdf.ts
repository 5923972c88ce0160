/**
 * A report as PDF: Chromium's print (core/exports/pdf.ts: A4, tagged, with an outline from the
 * headings) of the standalone HTML with its charts as PNG images. Without Chromium, a
 * `PdfUnavailableError` whose message says how to install it.
 */
import { canPrintPdf, chromiumPath, printPdf } from '../../../core/exports/pdf.js';
import { HttpError } from '../../../core/http/problems.js';
import type { ReportDocument } from '../document.js';
import { renderReportHtml } from './html.js';

/**
 * Chromium is not installed where CHROMIUM_PATH (or Debian's default) says: a 503 on a page, and
 * `key` with `values` for the command line (`t(error.key, error.values)`), which names the path
 * and the packages to install.
 */
export class PdfUnavailableError extends HttpError {
  override name = 'PdfUnavailableError';
  readonly key = 'reports.output.pdf_unavailable';
  constructor(readonly path: string) {
    super(503, 'reports.output.pdf_unavailable_title', 'reports.output.pdf_unavailable', { path });
  }
}

/** The report as a PDF (Chromium prints one document at a time; the browser stays open a minute between prints). */
export const renderReportPdf = async (doc: ReportDocument): Promise<Buffer> => {
  if (!canPrintPdf()) throw new PdfUnavailableError(chromiumPath());
  return printPdf(await renderReportHtml(doc, { charts: 'png' }));
};
