/**
 * The files of language versions as the commands take them: checked from their bytes (core
 * checkFile), put in the file store, and recorded in the caller's transaction. Shared by
 * createDocument, addLanguageVersion and createAmendment.
 */
import { and, eq, isNull } from 'drizzle-orm';
import type { DbOrTx } from '../../../../core/db/client.js';
import { LOCALES, type Locale } from '../../../../core/i18n/locales.js';
import { checkFile, type FileProblem } from '../../../../core/storage/file-type.js';
import type { FileStore, StoredFile } from '../../../../core/storage/files.js';
import { documentFiles } from '../../tables.js';
import { recordKeptFile } from '../../../../core/storage/keep.js';
import { DOCUMENT_FILE_KINDS, downloadFileName, MAX_FILE_BYTES } from '../rules.js';

export type LanguageFileInput = { locale: Locale; bytes: Buffer; fileName: string; declaredType?: string };
export type CheckedFile = LanguageFileInput & { mediaType: string };
export type LanguageFileProblem = FileProblem | 'file_language';

/** Checks every file (type from the bytes, size, name); the problems by field name `file_<locale>`. */
export const checkLanguageFiles = (files: LanguageFileInput[]): { checked: CheckedFile[]; problems: Record<string, LanguageFileProblem> } => {
  const problems: Record<string, LanguageFileProblem> = {};
  const checked: CheckedFile[] = [];
  const seen = new Set<string>();
  for (const file of files) {
    if (!(LOCALES as readonly string[]).includes(file.locale) || seen.has(file.locale)) {
      problems[`file_${file.locale}`] = 'file_language';
      continue;
    }
    seen.add(file.locale);
    const check = checkFile({ bytes: file.bytes, fileName: file.fileName, declaredType: file.declaredType, allowed: DOCUMENT_FILE_KINDS, maxBytes: MAX_FILE_BYTES });
    if (check.ok) checked.push({ ...file, mediaType: check.mediaType });
    else problems[`file_${file.locale}`] = check.error;
  }
  return { checked, problems };
};

/** Puts checked files' bytes in the store (before the transaction; forgetUnkeptFiles undoes it on failure). */
export const storeFiles = async (store: FileStore, files: CheckedFile[]): Promise<(CheckedFile & StoredFile)[]> => {
  const stored: (CheckedFile & StoredFile)[] = [];
  for (const file of files) stored.push({ ...file, ...(await store.put(file.bytes)) });
  return stored;
};

/**
 * Records stored files as the current language versions of a document, in the caller's
 * transaction: the current file of the same language (if any) is marked replaced and stays as history.
 */
export const recordLanguageVersions = async (
  tx: DbOrTx,
  { documentId, symbol, files, uploadedBy, now }: { documentId: number; symbol: string | null; files: (CheckedFile & StoredFile)[]; uploadedBy: number; now: Date },
) => {
  for (const file of files) {
    await recordKeptFile(tx, { sha256: file.sha256, size: file.size, mediaType: file.mediaType });
    await tx
      .update(documentFiles)
      .set({ replacedAt: now })
      .where(and(eq(documentFiles.documentId, documentId), eq(documentFiles.locale, file.locale), isNull(documentFiles.replacedAt)));
    await tx.insert(documentFiles).values({
      documentId,
      locale: file.locale,
      sha256: file.sha256,
      mediaType: file.mediaType,
      fileName: downloadFileName({ symbol, documentId, locale: file.locale, mediaType: file.mediaType }),
      size: file.size,
      uploadedBy,
      uploadedAt: now,
    });
  }
};
