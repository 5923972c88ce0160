/**
 * The register's small rules shared by its commands, queries and routes: the size limit of a
 * language version, the download name of a file, the search vector of a document's titles.
 */
import { type SQL, sql } from 'drizzle-orm';
import { LOCALES, type Locale, type Localized } from '../../../core/i18n/locales.js';
import { textVector } from '../../../core/search/index.js';
import type { FileKind } from '../../../core/storage/file-type.js';

/** Largest file of one language version (a long report in PDF with images stays well under it). */
export const MAX_FILE_BYTES = 30 * 1024 * 1024;
/** What a language version may be. */
export const DOCUMENT_FILE_KINDS: readonly FileKind[] = ['pdf', 'docx', 'odt', 'xlsx', 'pptx'];

const EXTENSION_OF_TYPE: Record<string, string> = {
  'application/pdf': 'pdf',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
  'application/vnd.oasis.opendocument.text': 'odt',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': 'pptx',
};

/**
 * The name a language version downloads under: the symbol with '/' turned into '-' (a file name
 * cannot hold a slash), then the language: 'CWG-WSIS&SDG-41/3' + ru → 'CWG-WSIS&SDG-41-3-ru.pdf'.
 * Before registration the document has no symbol: 'document-12-ru.pdf'.
 */
export const downloadFileName = ({ symbol, documentId, locale, mediaType }: { symbol: string | null; documentId: number; locale: string; mediaType: string }) =>
  `${symbol ? symbol.replace(/\//g, '-') : `document-${documentId}`}-${locale}.${EXTENSION_OF_TYPE[mediaType] ?? 'bin'}`;

/** The tsvector of a document's titles, each language with its own configuration (Chinese segmented, Arabic stemmed: core/search). */
export const titleSearchVector = (title: Localized): SQL => {
  const parts = LOCALES.filter((l) => (title[l] ?? '').trim() !== '').map((l: Locale) => textVector(l, title[l] as string, 'A'));
  return parts.length === 0 ? sql`''::tsvector` : sql.join(parts, sql` || `);
};

/** A title: the original language's text is needed, others may be empty; every text trimmed, at most 500 characters. */
export const cleanTitle = (title: Localized): Localized => Object.fromEntries(LOCALES.map((l) => [l, (title[l] ?? '').trim()]).filter(([, v]) => v !== '')) as Localized;

export const MAX_TITLE_LENGTH = 500;
