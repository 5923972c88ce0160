/**
 * Before the embedded database opens its folder: can it write there, and is there room? PGlite
 * that cannot write its write-ahead log stops for good (PostgreSQL's PANIC), so a folder on a
 * read-only or full disk is refused at start, with the folder and the cause, instead.
 */
import { mkdirSync, statfsSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Free space the embedded database needs to start: a new write-ahead log segment (16 MiB) and room to work. */
export const MIN_FREE_BYTES = 64 * 1024 * 1024;

const CAUSES: Record<string, string> = {
  EROFS: 'read-only file system',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  ENOSPC: 'no space left on the disk',
  EDQUOT: 'disk quota exceeded',
};

/** Throws an Error naming `dir` and the cause when the embedded database could not write there. */
export const checkDataFolder = (dir: string) => {
  const probe = join(dir, `.wsis-write-check-${process.pid}`);
  try {
    mkdirSync(dir, { recursive: true });
    writeFileSync(probe, 'ok');
    unlinkSync(probe);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? '';
    throw new Error(`cannot write to the database folder ${dir}: ${CAUSES[code] ?? (error as Error).message} (${code || 'error'}); the platform needs to write there`);
  }
  const { bavail, bsize } = statfsSync(dir);
  const free = bavail * bsize;
  if (free < MIN_FREE_BYTES) {
    const mib = (n: number) => `${Math.floor(n / (1024 * 1024))} MiB`;
    throw new Error(`the disk of the database folder ${dir} is full: ${mib(free)} free, at least ${mib(MIN_FREE_BYTES)} needed; free some space and start again`);
  }
};
