/**
 * The lock of an embedded data folder. PGlite is one process's database: a second process that
 * opens the same folder sees none of the first one's writes and can corrupt it (a `wsis user add`
 * beside `npm start` printed "Created user #34", and the account was gone after a restart). So
 * every process takes this lock before it opens a folder, server or command, reading or writing,
 * and a second one is refused with the name of the process that holds it (a command finding a
 * running `wsis serve` there runs through it instead: lend.ts).
 *
 * The lock is an open-file-description lock of the operating system (`F_OFD_SETLK` on Linux,
 * `flock` on macOS, through fs-native-extensions) on `<folder>/wsis.lock`: taken atomically,
 * owned by the open file, and released by the kernel whenever that file is closed, which
 * includes every way a process can end (exit, SIGTERM, SIGINT, an uncaught error, SIGKILL). A
 * lock cannot outlive its process, so there is no stale lock to detect, no mtime to refresh and
 * nothing to clean up by hand; after a power cut there is no lock at all. The file itself stays
 * (deleting it would let a process that already opened it lock a file nobody else sees) and holds
 * who owns the lock: one JSON line read only while the lock is held, to name the holder.
 */
import { closeSync, ftruncateSync, mkdirSync, openSync, readFileSync, constants as fsConstants, writeSync } from 'node:fs';
import { join } from 'node:path';
import fsExt from 'fs-native-extensions';

export const LOCK_FILE = 'wsis.lock';

/** Who holds a data folder: written into the lock file by its holder. */
export type LockHolder = {
  pid: number;
  /** What the process is, e.g. `wsis serve` or `wsis user add`. */
  command: string;
  /** ISO 8601, when the lock was taken. */
  startedAt: string;
  /** Where the server answers, once it listens. */
  url?: string;
};

export type DataFolderLock = {
  readonly holder: LockHolder;
  /** Adds what is learnt later (the server's address) to what a refused process is told. */
  update: (patch: Partial<Pick<LockHolder, 'url'>>) => void;
  /** Releases the lock (idempotent); the database must be closed first. */
  release: () => void;
};

/** A second process on an embedded data folder: the message names the process that holds it. */
export class DataFolderInUseError extends Error {
  override name = 'DataFolderInUseError';
  constructor(
    readonly dataDir: string,
    readonly holder: LockHolder | undefined,
  ) {
    super(inUseMessage(dataDir, holder));
  }
}

const formatUtc = (iso: string) => {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
};

const inUseMessage = (dataDir: string, holder: LockHolder | undefined) => {
  const who = holder ? `\`${holder.command}\` (process ${holder.pid}, started ${formatUtc(holder.startedAt)}${holder.url ? `, ${holder.url}` : ''})` : 'another process';
  return `The embedded database in ${dataDir} is in use by ${who}. Stop it first, or run the platform on PostgreSQL (DATABASE_URL), where commands work while it serves.`;
};

let holderCommand: string | undefined;

/** Names this process in the locks it takes (`wsis user add`); set once by the `wsis` program. */
export const setLockHolderCommand = (command: string) => {
  holderCommand = command;
};

const defaultCommand = () => holderCommand ?? ['node', ...process.argv.slice(1, 3)].join(' ');

const pause = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

const readHolder = (path: string): LockHolder | undefined => {
  try {
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as Partial<LockHolder>;
    if (typeof parsed.pid !== 'number' || typeof parsed.command !== 'string' || typeof parsed.startedAt !== 'string') return undefined;
    return { pid: parsed.pid, command: parsed.command, startedAt: parsed.startedAt, ...(typeof parsed.url === 'string' ? { url: parsed.url } : {}) };
  } catch {
    return undefined;
  }
};

/**
 * The holder of a lock that is held: its record, once it is written. A holder writes it right
 * after locking, so a record that is missing, or still names a process that has ended (the one
 * before), is read again a few times before the holder is called "another process".
 */
const currentHolder = (path: string): LockHolder | undefined => {
  for (let attempt = 0; attempt < 10; attempt++) {
    const holder = readHolder(path);
    if (holder && isAlive(holder.pid)) return holder;
    pause(20);
  }
  return undefined;
};

/**
 * Takes the lock of an embedded data folder (creating the folder if needed), or throws
 * DataFolderInUseError naming the holder. `display` is the folder as the operator wrote it.
 */
export const lockDataFolder = (dataDir: string, { display = dataDir, command = defaultCommand() }: { display?: string; command?: string } = {}): DataFolderLock => {
  mkdirSync(dataDir, { recursive: true });
  const path = join(dataDir, LOCK_FILE);
  const fd = openSync(path, fsConstants.O_RDWR | fsConstants.O_CREAT, 0o644);
  let locked = false;
  try {
    locked = fsExt.tryLock(fd);
  } finally {
    if (!locked) closeSync(fd);
  }
  if (!locked) throw new DataFolderInUseError(display, currentHolder(path));

  const holder: LockHolder = { pid: process.pid, command, startedAt: new Date().toISOString() };
  const write = () => {
    const line = Buffer.from(`${JSON.stringify(holder)}\n`);
    ftruncateSync(fd, 0);
    writeSync(fd, line, 0, line.length, 0);
  };
  write();
  let released = false;
  return {
    holder,
    update: (patch) => {
      if (released) return;
      Object.assign(holder, patch);
      write();
    },
    release: () => {
      if (released) return;
      released = true;
      ftruncateSync(fd, 0);
      closeSync(fd); // closing the only descriptor of this open file releases the lock
    },
  };
};
