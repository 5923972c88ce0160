/**
 * Keeping an uploaded file: bytes into the file store, a row in core_files in the caller's
 * transaction. TO BE REPLACED by core/storage/keep.ts (`keepFile(tx, store, bytes, mediaType)`,
 * written by the files engineer) once it lands on main; same shape, so the swap is one import.
 */
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../core/db/client.js';
import type { FileStore, StoredFile } from '../../../core/storage/files.js';

/** Puts the bytes in the store (outside any transaction: a file system does not roll back). */
export const putBytes = (store: FileStore, bytes: Buffer): Promise<StoredFile> => store.put(bytes);

/** The core_files row of bytes already in the store, in the caller's transaction (kept once per hash). */
export const recordKeptFile = async (tx: DbOrTx, { sha256, size, mediaType }: StoredFile & { mediaType: string }) => {
  await tx.execute(sql`insert into core_files (sha256, size, media_type) values (${sha256}, ${size}, ${mediaType}) on conflict (sha256) do nothing`);
};

/**
 * After a refused or failed write: removes bytes from the store unless a core_files row keeps
 * them (another document's file with the same bytes, committed before), so nothing is orphaned.
 */
export const forgetUnkeptFiles = async (db: DbOrTx, store: FileStore, hashes: string[]) => {
  for (const sha256 of new Set(hashes)) {
    const { rows } = await db.execute<{ one: number }>(sql`select 1 as one from core_files where sha256 = ${sha256}`);
    if (rows.length === 0) await store.remove(sha256);
  }
};
