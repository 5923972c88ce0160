/**
 * Keeping a file: its bytes in the file store and its core_files row in the caller's transaction.
 * Local stand-in for core/storage/keep.ts (`keepFile(tx, store, bytes, mediaType)`, written by the
 * files engineer): to be replaced by it once merged. `forgetUnreferenced` removes the bytes of a
 * refused or failed submission that no core_files row points at (no orphan file).
 */
import { createHash } from 'node:crypto';
import { inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../../core/db/client.js';
import type { FileStore } from '../../../../core/storage/files.js';
import { storedFiles } from '../../../../core/storage/tables.js';

export const sha256Of = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

export const keepFile = async (tx: DbOrTx, store: FileStore, bytes: Buffer, mediaType: string) => {
  const kept = await store.put(bytes);
  await tx.execute(sql`insert into core_files (sha256, size, media_type) values (${kept.sha256}, ${kept.size}, ${mediaType}) on conflict (sha256) do nothing`);
  return kept;
};

/** Removes from the store those of `hashes` that no core_files row points at (after a rollback). */
export const forgetUnreferenced = async (db: DbOrTx, store: FileStore, hashes: string[]) => {
  if (hashes.length === 0) return;
  const known = new Set((await db.select({ sha256: storedFiles.sha256 }).from(storedFiles).where(inArray(storedFiles.sha256, hashes))).map((r) => r.sha256));
  for (const hash of hashes) if (!known.has(hash)) await store.remove(hash);
};
