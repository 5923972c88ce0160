/**
 * Request bodies are decoded strictly: bytes that are not UTF-8, or percent-escapes that do not
 * decode to UTF-8, are refused with a clear 400 instead of being silently turned into U+FFFD
 * (which would store damaged text without telling anyone). NUL characters and lone UTF-16
 * surrogates (JSON's `"\ud800"`) are refused too: PostgreSQL text cannot hold them, so they would
 * otherwise fail deep inside a query (a 500, with the query's parameters in the log).
 *
 * Every text that arrives (form fields, JSON strings, multipart fields) is put in Unicode
 * Normalization Form C, so every module stores "é" as one code point, whatever the keyboard or
 * the copied document produced (a decomposed "é" would not equal, sort or match a composed one).
 */
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { createWriteStream } from 'node:fs';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import secureJson from 'secure-json-parse';
import { HttpError } from './problems.js';

const decoder = new TextDecoder('utf-8', { fatal: true });

export const invalidEncoding = () => new HttpError(400, 'core.errors.bad_request_title', 'core.errors.invalid_encoding');

const strictText = (body: Buffer) => {
  let text: string;
  try {
    text = decoder.decode(body);
  } catch {
    throw invalidEncoding();
  }
  if (text.includes('\u0000')) throw invalidEncoding();
  return text;
};

/** True for a URL whose path or query would decode to a NUL character or to invalid UTF-8. */
export const hasUndecodableUrl = (url: string) => {
  if (/%00/i.test(url)) return true;
  try {
    decodeURIComponent(url);
    return false;
  } catch {
    return true;
  }
};

/** decodeURIComponent throws on malformed escapes (node:querystring catches that and hides it). */
const strictComponent = (value: string) => {
  let decoded: string;
  try {
    decoded = decodeURIComponent(value.replace(/\+/g, ' '));
  } catch {
    throw invalidEncoding();
  }
  if (decoded.includes('\u0000')) throw invalidEncoding();
  return decoded.normalize('NFC');
};

/** JSON.parse reviver: string values in NFC (keys are names the API defines, in ASCII). */
const nfcStrings = (_key: string, value: unknown) => (typeof value === 'string' ? value.normalize('NFC') : value);

/** application/x-www-form-urlencoded → { key: value | value[] }, decoding strictly. */
export const parseFormBody = (text: string, maxKeys = 1000) => {
  const result: Record<string, string | string[]> = Object.create(null);
  let keys = 0;
  for (const pair of text.split('&')) {
    if (!pair) continue;
    if (++keys > maxKeys) break;
    const eq = pair.indexOf('=');
    const key = strictComponent(eq === -1 ? pair : pair.slice(0, eq));
    const value = eq === -1 ? '' : strictComponent(pair.slice(eq + 1));
    const prior = result[key];
    result[key] = prior === undefined ? value : Array.isArray(prior) ? [...prior, value] : [prior, value];
  }
  return result;
};

/** NUL, or a UTF-16 surrogate that is not half of a pair (with the u flag, a pair is one code point). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: NUL is exactly what is refused here.
const UNSTORABLE = /[\p{Cs}\u0000]/u;

const pointerPart = (key: string | number) => String(key).replace(/~/g, '~0').replace(/\//g, '~1');

/**
 * The JSON pointer of the first text in a parsed body (a value or a key) that PostgreSQL cannot
 * store: a NUL character (`\u0000` in JSON) or a lone surrogate (`\ud800`); null if there is none.
 */
const unstorableText = (value: unknown, pointer = ''): string | null => {
  if (typeof value === 'string') return UNSTORABLE.test(value) ? pointer || '/' : null;
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      const found = unstorableText(item, `${pointer}/${i}`);
      if (found !== null) return found;
    }
    return null;
  }
  if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const at = `${pointer}/${pointerPart(k)}`;
      if (UNSTORABLE.test(k)) return at;
      const found = unstorableText(v, at);
      if (found !== null) return found;
    }
  }
  return null;
};

/** The 400 for a body with text PostgreSQL cannot store, naming the field. */
const unstorable = (pointer: string) =>
  new HttpError(400, 'core.errors.bad_request_title', 'core.errors.invalid_encoding', undefined, [{ pointer, detailKey: 'core.errors.invalid_character' }]);

export const registerStrictBodyParsers = (app: FastifyInstance) => {
  app.removeContentTypeParser(['application/json']);
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_req, body: Buffer, done) => {
    try {
      const text = strictText(body);
      const value = text.length === 0 ? undefined : secureJson.parse(text, nfcStrings, { protoAction: 'error', constructorAction: 'error' });
      const bad = unstorableText(value);
      if (bad !== null) return done(unstorable(bad), undefined);
      done(null, value);
    } catch (error) {
      if (error instanceof HttpError) return done(error, undefined);
      done(new HttpError(400, 'core.errors.bad_request_title', 'core.errors.invalid_json'), undefined);
    }
  });
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'buffer' }, (_req, body: Buffer, done) => {
    try {
      done(null, parseFormBody(strictText(body)));
    } catch (error) {
      done(error as Error, undefined);
    }
  });
};

/**
 * What a route declares to accept multipart/form-data (forms with a file input). A route that
 * declares nothing accepts no multipart body at all (415, nothing read).
 */
export type MultipartLimits = {
  /** Most files in one form. */
  files: number;
  /** Largest file: a larger one is cut there on disk and marked `truncated`, the rest discarded. */
  fileSize: number;
  /** Ability the actor needs, checked before the body is read (a signed-in actor is always needed). */
  ability?: string;
  /** Most text fields, and their bytes in all (default 1,000 and 1 MiB, as a urlencoded form). */
  fields?: number;
  fieldBytes?: number;
};

declare module 'fastify' {
  interface FastifyContextConfig {
    /** This route takes multipart forms, within these limits (see MultipartLimits). */
    multipart?: MultipartLimits;
  }
}

/**
 * A file sent with a multipart form, streamed to a temporary folder that is removed once the
 * answer is sent. `truncated` is true when it was larger than the route's `fileSize`: the rest of
 * the form still arrives, so the route can say which file was too large and keep everything else
 * the user typed. A class, so that no JSON or urlencoded body can pass for one (its path is read).
 */
export class UploadedFile {
  readonly kind = 'file';
  constructor(
    readonly filename: string,
    readonly declaredType: string,
    /** Where the bytes are, on disk, until the answer is sent. */
    readonly path: string,
    readonly size: number,
    readonly truncated: boolean,
  ) {}

  /** The file's bytes (at most the route's `fileSize`). */
  read(): Promise<Buffer> {
    return readFile(this.path);
  }
}

export const isUploadedFile = (value: unknown): value is UploadedFile => value instanceof UploadedFile;

const DEFAULT_FIELDS = 1000;
const DEFAULT_FIELD_BYTES = 1024 * 1024;

/** 413, in the reader's language. */
export const tooLarge = () => new HttpError(413, 'core.errors.too_large_title', 'core.errors.too_large_detail');

/** The temporary folder of each request's files, removed when the answer has been sent. */
const uploadFolders = new WeakMap<FastifyRequest, string>();

const removeUploads = async (req: FastifyRequest) => {
  const folder = uploadFolders.get(req);
  if (!folder) return;
  uploadFolders.delete(req);
  await rm(folder, { recursive: true, force: true }).catch((error: unknown) => req.log.warn({ error: String(error) }, 'temporary upload folder not removed'));
};

/**
 * multipart/form-data: only the multipart plugin's parser and its part iterator; nothing is read
 * until `readMultipart` is called by the platform, after the route, the actor and the CSRF token
 * have been checked.
 */
export const registerMultipart = async (app: FastifyInstance) => {
  await app.register(multipart, {
    throwFileSizeLimit: false,
    limits: { fileSize: DEFAULT_FIELD_BYTES, files: 0, fields: DEFAULT_FIELDS, fieldSize: DEFAULT_FIELD_BYTES, parts: DEFAULT_FIELDS + 100 },
  });
  app.addHook('onResponse', async (req) => removeUploads(req));
  app.addHook('onRequestAbort', async (req) => removeUploads(req));
};

/** The bytes a whole form within these limits can take (files, fields, and room for the part headers). */
export const multipartBudget = (limits: MultipartLimits) => limits.files * limits.fileSize + (limits.fieldBytes ?? DEFAULT_FIELD_BYTES) + 1024 * 1024;

/**
 * Reads a multipart body within the route's limits: text fields become body keys like a
 * urlencoded form (repeated names become arrays), files are streamed to a temporary folder and
 * become UploadedFile values (an empty file input is dropped). `firstField` is called with the
 * first part, before anything else is read (the CSRF check: the token is the form's first field).
 * More files or fields than declared, or more bytes than the whole form may take, is a 413 as
 * soon as it is seen; text that PostgreSQL cannot store is a 400 naming the field.
 */
export const readMultipart = async (
  req: FastifyRequest,
  { limits, firstField }: { limits: MultipartLimits; firstField?: (part: { name: string; value: string | null }) => Promise<void> },
): Promise<Record<string, unknown>> => {
  const fields = limits.fields ?? DEFAULT_FIELDS;
  const fieldBytes = limits.fieldBytes ?? DEFAULT_FIELD_BYTES;
  const budget = multipartBudget(limits);
  const body: Record<string, unknown> = Object.create(null);
  const add = (name: string, value: unknown) => {
    const prior = body[name];
    body[name] = prior === undefined ? value : Array.isArray(prior) ? [...prior, value] : [prior, value];
  };
  // A body without Content-Length (chunked) is counted as it arrives. Past the budget it is
  // unhooked from the parser (which would otherwise read and drop an endless file or field) and
  // left paused, and the reading below stops at once with a 413 (after the answer, Node reads
  // and drops what remains of the body, or closes the connection).
  let received = 0;
  let overBudget = false;
  let current: (NodeJS.ReadableStream & { destroy: (error?: Error) => void }) | null = null;
  let stop: (error: Error) => void = () => {};
  const stopped = new Promise<never>((_resolve, reject) => {
    stop = reject;
  });
  stopped.catch(() => {});
  const count = (chunk: Buffer) => {
    received += chunk.length;
    if (received > budget && !overBudget) {
      overBudget = true;
      req.raw.unpipe();
      req.raw.pause();
      current?.destroy(tooLarge());
      stop(tooLarge());
    }
  };
  req.raw.on('data', count);
  let textBytes = 0;
  let fileCount = 0;
  let first = true;
  try {
    const parts = req.parts({ limits: { files: limits.files, fileSize: limits.fileSize, fields, fieldSize: fieldBytes, parts: fields + limits.files } })[Symbol.asyncIterator]();
    while (true) {
      const reading = parts.next();
      reading.catch(() => {}); // settled later, or never, once the budget has stopped the reading
      const next = await Promise.race([reading, stopped]);
      if (next.done) break;
      const part = next.value;
      if (first) {
        first = false;
        await firstField?.({ name: part.fieldname, value: part.type === 'field' ? String(part.value) : null });
      }
      if (part.type === 'field') {
        const value = String(part.value).normalize('NFC');
        textBytes += Buffer.byteLength(value) + Buffer.byteLength(part.fieldname);
        if (part.valueTruncated || part.fieldnameTruncated || textBytes > fieldBytes) throw tooLarge();
        if (unstorableText([part.fieldname, value]) !== null) throw unstorable(`/${pointerPart(part.fieldname)}`);
        add(part.fieldname, value);
        continue;
      }
      if (unstorableText([part.fieldname, part.filename]) !== null) throw unstorable(`/${pointerPart(part.fieldname)}`);
      let folder = uploadFolders.get(req);
      if (!folder) {
        folder = await mkdtemp(join(tmpdir(), 'wsis-upload-'));
        uploadFolders.set(req, folder);
      }
      const path = join(folder, String(++fileCount));
      current = part.file;
      const writing = pipeline(part.file, createWriteStream(path, { flags: 'wx', mode: 0o600 }));
      writing.catch(() => {});
      await Promise.race([writing, stopped]);
      current = null;
      if (overBudget) throw tooLarge();
      const { size } = await stat(path);
      // An empty file input (nothing chosen) arrives as a part without a name and without bytes.
      if (size === 0 && !part.filename) continue;
      add(part.fieldname, new UploadedFile(part.filename, part.mimetype, path, size, part.file.truncated));
    }
    if (overBudget) throw tooLarge();
  } catch (error) {
    if (overBudget) throw tooLarge();
    // busboy's own errors (no boundary, a malformed part, a body cut short) have no code: the
    // request is at fault. File-system errors (ENOSPC…) keep theirs and stay server errors.
    if (error instanceof Error && !(error instanceof HttpError) && (error as { code?: unknown }).code === undefined) {
      throw new HttpError(400, 'core.errors.bad_request_title', 'core.errors.bad_request_detail');
    }
    throw error;
  } finally {
    req.raw.off('data', count);
  }
  return body;
};
