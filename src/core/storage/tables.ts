import { bigint, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Every file the platform keeps in its file store (core/storage/files.ts), by the SHA-256 of its
 * bytes: a module's row points at `sha256` (a foreign key), so a file is kept while a row needs it
 * and `wsis backup` knows every file to copy. The bytes themselves are in the store, never here.
 */
export const storedFiles = pgTable('core_files', {
  sha256: text().primaryKey(),
  size: bigint({ mode: 'number' }).notNull(),
  /** The type read from the bytes when the file was kept ('application/pdf'). */
  mediaType: text().notNull(),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});
