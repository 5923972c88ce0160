/**
 * The platform's file store: files kept by the SHA-256 of their bytes, written once and never
 * overwritten. Modules keep the hash in their rows (and a row in core_files, core/storage/tables.ts);
 * they use only this interface, so an object store can replace the folder without touching them.
 *
 * `LocalFileStore` keeps them under the platform's files folder (WSIS_FILES_DIR, by default
 * ./data/files beside the embedded database), as `sha256/ab/cd/abcd…`: a file is written to a
 * temporary name, flushed to the disk and renamed, so a reader never sees half a file.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync, mkdirSync } from 'node:fs';
import { rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

export type StoredFile = { sha256: string; size: number };

/** A byte range, both ends included (HTTP's `Range: bytes=start-end`). */
export type ByteRange = { start: number; end: number };

export type FileStore = {
  /** Keeps the bytes (a buffer or a stream) and answers their hash and size; keeping the same bytes twice keeps one file. */
  put: (data: Buffer | Readable) => Promise<StoredFile>;
  /** The bytes of a kept file, or of a range of it; throws `FileNotFound` when the store does not have it. */
  open: (sha256: string, range?: ByteRange) => Promise<Readable>;
  /** The size of a kept file, or null when the store does not have it. */
  size: (sha256: string) => Promise<number | null>;
  /** Forgets a file (only for one no row points at: a refused upload). */
  remove: (sha256: string) => Promise<void>;
};

export class FileNotFound extends Error {
  constructor(readonly sha256: string) {
    super(`no file ${sha256} in the file store`);
  }
}

const SHA256 = /^[0-9a-f]{64}$/;
export const isSha256 = (value: string) => SHA256.test(value);

export class LocalFileStore implements FileStore {
  constructor(readonly dir: string) {}

  private pathOf(sha256: string) {
    if (!isSha256(sha256)) throw new FileNotFound(sha256);
    return join(this.dir, 'sha256', sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }

  async put(data: Buffer | Readable): Promise<StoredFile> {
    const tmpDir = join(this.dir, 'tmp');
    mkdirSync(tmpDir, { recursive: true });
    const tmp = join(tmpDir, `${process.pid}-${randomBytes(8).toString('hex')}`);
    const hash = createHash('sha256');
    let size = 0;
    try {
      const out = createWriteStream(tmp, { flush: true });
      if (Buffer.isBuffer(data)) {
        hash.update(data);
        size = data.length;
        await new Promise<void>((resolve, reject) => out.end(data, (error?: Error | null) => (error ? reject(error) : resolve())));
      } else {
        await pipeline(
          data,
          async function* (source: AsyncIterable<Buffer>) {
            for await (const chunk of source) {
              hash.update(chunk);
              size += chunk.length;
              yield chunk;
            }
          },
          out,
        );
      }
      const sha256 = hash.digest('hex');
      const path = this.pathOf(sha256);
      if (existsSync(path)) {
        await rm(tmp, { force: true });
      } else {
        mkdirSync(join(path, '..'), { recursive: true });
        await rename(tmp, path);
      }
      return { sha256, size };
    } catch (error) {
      await rm(tmp, { force: true });
      throw error;
    }
  }

  async open(sha256: string, range?: ByteRange): Promise<Readable> {
    const path = this.pathOf(sha256);
    if (!existsSync(path)) throw new FileNotFound(sha256);
    return createReadStream(path, range ? { start: range.start, end: range.end } : {});
  }

  async size(sha256: string): Promise<number | null> {
    try {
      return (await stat(this.pathOf(sha256))).size;
    } catch {
      return null;
    }
  }

  async remove(sha256: string): Promise<void> {
    await rm(this.pathOf(sha256), { force: true });
  }
}
