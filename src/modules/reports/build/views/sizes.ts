import type { ViewContext } from '../../../../core/views/context.js';
import { languageName } from '../../../../core/views/LocalizedText.js';

/** A file's size in the reader's language: "35 kB", "1.2 MB" (Intl's units). */
export const fileSize = (view: ViewContext, bytes: number) =>
  bytes < 1_000_000
    ? view.fmt.number(Math.max(1, Math.round(bytes / 1000)), { style: 'unit', unit: 'kilobyte' })
    : view.fmt.number(bytes / 1_000_000, { style: 'unit', unit: 'megabyte', maximumFractionDigits: 1 });

/** "English, DOCX (35 kB)": a download link's text. */
export const downloadLabel = (view: ViewContext, file: { locale: string; format: string; size: number }) =>
  view.t('reports.build.page.download', { language: languageName(view, file.locale), format: file.format.toUpperCase(), size: fileSize(view, file.size) });
