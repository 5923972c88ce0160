/**
 * The stories' downloads built once per edition, language and data version. The version is a
 * hash of the printable HTML document, which holds every input of the stories (the results, the
 * entries' texts, organizations, countries, the translations, the styles): when any of them
 * changes, the hash changes and the file is built again; while none does, the kept file is
 * served. PDF files are kept in the cache folder (they survive restarts; several processes may
 * build the same one: each writes a file of its own and renames it into place, so a reader never
 * sees half a file); DOCX files, quick to build, are kept in memory, a few at a time.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** The version of a document: a hash of what it is built from. */
export const versionOf = (...parts: string[]) => {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part).update('\0');
  return hash.digest('base64url').slice(0, 32);
};

const folderOf = (cacheDir: string) => join(cacheDir, 'prize-stories');
const prefixOf = (year: number, locale: string) => `stories-${year}-${locale}-`;

/** Builds of this process under way, by file name: concurrent downloads of one file share one build. */
const building = new Map<string, Promise<Buffer>>();

/**
 * The kept PDF of `year` and `locale` at `version`, or the one `build` makes (then kept, and the
 * older versions of the same edition and language deleted).
 */
export const keptPdf = async ({ cacheDir, year, locale, version }: { cacheDir: string; year: number; locale: string; version: string }, build: () => Promise<Buffer>) => {
  const folder = folderOf(cacheDir);
  const name = `${prefixOf(year, locale)}${version}.pdf`;
  const file = join(folder, name);
  try {
    return { body: await readFile(file), built: false };
  } catch {
    // not built yet, or deleted
  }
  let job = building.get(name);
  if (!job) {
    job = (async () => {
      const body = await build();
      try {
        await mkdir(folder, { recursive: true });
        const temporary = join(folder, `.${name}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
        await writeFile(temporary, body);
        await rename(temporary, file);
        for (const other of await readdir(folder)) {
          if (other.startsWith(prefixOf(year, locale)) && other !== name) await rm(join(folder, other), { force: true });
        }
      } catch {
        // a folder that cannot be written: the file is served all the same, and built again next time
      }
      return body;
    })();
    building.set(name, job);
    job.then(
      () => building.delete(name),
      () => building.delete(name),
    );
  }
  return { body: await job, built: true };
};

/** Deletes the kept PDF files of an edition (every language and version): the next download builds them. */
export const forgetPdfs = async (cacheDir: string, year: number) => {
  const folder = folderOf(cacheDir);
  const names = await readdir(folder).catch(() => [] as string[]);
  for (const name of names) if (name.startsWith(`stories-${year}-`)) await rm(join(folder, name), { force: true });
};

const DOCX_KEPT = 12;
const docxFiles = new Map<string, Promise<Buffer>>();

/** The DOCX of `key` (edition, language and version), built once and kept in memory (the last few). */
export const keptDocx = (key: string, build: () => Promise<Buffer>) => {
  let job = docxFiles.get(key);
  if (job) {
    // most recently used last
    docxFiles.delete(key);
  } else {
    job = build();
    job.catch(() => docxFiles.delete(key));
  }
  docxFiles.set(key, job);
  for (const old of docxFiles.keys()) {
    if (docxFiles.size <= DOCX_KEPT) break;
    docxFiles.delete(old);
  }
  return job;
};
