import { eq } from 'drizzle-orm';
import { recordAction } from '../../../../core/audit/record.js';
import type { DbOrTx } from '../../../../core/db/client.js';
import type { Actor } from '../../../../core/permissions/index.js';
import type { FileStore } from '../../../../core/storage/files.js';
import { meetingDocuments } from '../../tables.js';
import { forgetUnkeptFiles } from '../../../../core/storage/keep.js';
import type { FieldProblems } from './create-document.js';
import { checkLanguageFiles, type LanguageFileInput, recordLanguageVersions, storeFiles } from './language-files.js';

export type AddLanguageVersionResult = { ok: true } | { ok: false; error: 'not_found' | 'wrong_status' } | { ok: false; errors: FieldProblems };

/** A withdrawn or rejected document takes no new file (its history is what it was). */
const OPEN_STATUSES = new Set(['submitted', 'registered', 'published']);

/**
 * Uploads the file of one language version of a document, or replaces it: the current file of
 * that language is marked replaced (kept as history, with its upload date). The file is checked
 * from its bytes first; a refused file writes nothing (no row, its bytes not left in the store).
 * Assumes 'meetings.document.register' was checked.
 */
export const addLanguageVersion = async (
  db: DbOrTx,
  { actor, store, documentId, file, now = new Date(), ip }: { actor: Actor; store: FileStore; documentId: number; file: LanguageFileInput; now?: Date; ip?: string },
): Promise<AddLanguageVersionResult> => {
  const [doc] = await db.select({ status: meetingDocuments.status }).from(meetingDocuments).where(eq(meetingDocuments.id, documentId));
  if (!doc) return { ok: false, error: 'not_found' };
  if (!OPEN_STATUSES.has(doc.status)) return { ok: false, error: 'wrong_status' };
  const { checked, problems } = checkLanguageFiles([file]);
  if (Object.keys(problems).length > 0) return { ok: false, errors: problems };

  const stored = await storeFiles(store, checked);
  let result: AddLanguageVersionResult;
  try {
    result = await db.transaction(async (tx) => {
      // Read again under a lock: a withdrawal between the check and here wins.
      const [current] = await tx.select().from(meetingDocuments).where(eq(meetingDocuments.id, documentId)).for('update');
      if (!current || !OPEN_STATUSES.has(current.status)) return { ok: false as const, error: 'wrong_status' as const };
      await recordLanguageVersions(tx, { documentId, symbol: current.symbol, files: stored, uploadedBy: actor.id, now });
      await tx.update(meetingDocuments).set({ updatedAt: now }).where(eq(meetingDocuments.id, documentId));
      await recordAction(tx, {
        actor,
        action: 'meetings.document.register',
        subjectType: 'meeting_document',
        subjectId: documentId,
        after: { languageVersion: file.locale, sha256: stored[0]?.sha256, size: stored[0]?.size },
        ip,
      });
      return { ok: true as const };
    });
  } catch (error) {
    await forgetUnkeptFiles(
      db,
      store,
      stored.map((f) => f.sha256),
    );
    throw error;
  }
  if (!result.ok)
    await forgetUnkeptFiles(
      db,
      store,
      stored.map((f) => f.sha256),
    );
  return result;
};
