/**
 * Keeping an uploaded file: its bytes go to the file store, and its `core_files` row (the row every
 * module's row points at) is written in the caller's transaction. Modules call this, never the
 * store's `put` alone, so `wsis backup` knows every file to copy.
 *
 * The bytes are written before the row: a transaction that rolls back afterwards leaves a file
 * that no row names, which is harmless (content-addressed: the same upload later finds it kept;
 * the backup copies only files that rows name). Check a file (core/storage/file-type.ts) before
 * keeping it, so a refused upload writes nothing at all.
 */
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import type { FileStore, StoredFile } from './files.js';
import { storedFiles } from './tables.js';

// Positional parameters, as the meetings module was told to call it (tx first, as every command helper).
export const keepFile = async (tx: DbOrTx, store: FileStore, bytes: Buffer, mediaType: string): Promise<StoredFile> => {
  const kept = await store.put(bytes);
  await tx.insert(storedFiles).values({ sha256: kept.sha256, size: kept.size, mediaType }).onConflictDoNothing();
  return kept;
};

/** The core_files row of bytes already put in the store (outside the transaction, e.g. before it began), in the caller's transaction. */
export const recordKeptFile = async (tx: DbOrTx, { sha256, size, mediaType }: StoredFile & { mediaType: string }) => {
  await tx.insert(storedFiles).values({ sha256, size, mediaType }).onConflictDoNothing();
};

/**
 * After a refused or failed write: removes bytes from the store unless a core_files row keeps
 * them (another row's file with the same bytes, committed before), so a refused upload leaves no orphan file.
 */
export const forgetUnkeptFiles = async (db: DbOrTx, store: FileStore, hashes: string[]) => {
  for (const sha256 of new Set(hashes)) {
    const { rows } = await db.execute<{ one: number }>(sql`select 1 as one from core_files where sha256 = ${sha256}`);
    if (rows.length === 0) await store.remove(sha256);
  }
};
