/**
 * Request bodies are decoded strictly: bytes that are not UTF-8, or percent-escapes that do not
 * decode to UTF-8, are refused with a clear 400 instead of being silently turned into U+FFFD
 * (which would store damaged text without telling anyone). NUL characters and lone UTF-16
 * surrogates (JSON's `"\ud800"`) are refused too: PostgreSQL text cannot hold them, so they would
 * otherwise fail deep inside a query (a 500, with the query's parameters in the log).
 */
import multipart, { type MultipartFile } from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
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
  return decoded;
};

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
      const value = text.length === 0 ? undefined : secureJson.parse(text, undefined, { protoAction: 'error', constructorAction: 'error' });
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
 * A file sent with a multipart form, read into memory. `truncated` is true when it was larger
 * than MAX_UPLOAD_BYTES: the rest of the form still arrives, so the route can say which file was
 * too large and keep everything else the user typed.
 */
export type UploadedFile = { kind: 'file'; filename: string; declaredType: string; data: Buffer; truncated: boolean };

/** The largest file any form accepts (each route states and checks its own, smaller, limit). */
export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;

export const isUploadedFile = (value: unknown): value is UploadedFile =>
  Boolean(value) && typeof value === 'object' && (value as { kind?: unknown }).kind === 'file' && Buffer.isBuffer((value as { data?: unknown }).data);

/**
 * multipart/form-data (forms with a file input): fields become body keys like a urlencoded form
 * (repeated names become arrays), files become UploadedFile values (an empty file input is
 * dropped). Text fields are checked for NUL like every other body, before the CSRF check and
 * the route run.
 */
export const registerMultipart = async (app: FastifyInstance) => {
  await app.register(multipart, {
    attachFieldsToBody: 'keyValues',
    throwFileSizeLimit: false,
    limits: { fileSize: MAX_UPLOAD_BYTES, files: 10, fields: 500, fieldSize: 1024 * 1024, parts: 520 },
    async onFile(part: MultipartFile) {
      const data = await part.toBuffer();
      const file: UploadedFile = { kind: 'file', filename: part.filename, declaredType: part.mimetype, data, truncated: part.file.truncated };
      (part as unknown as { value: unknown }).value = data.length === 0 && !part.filename ? undefined : file;
    },
  });
  app.addHook('preValidation', async (req) => {
    if (!req.isMultipart()) return;
    const body = req.body as Record<string, unknown> | undefined;
    if (!body) return;
    for (const [key, value] of Object.entries(body)) {
      if (value === undefined) {
        delete body[key];
        continue;
      }
      const texts = (Array.isArray(value) ? value : [value]).map((v) => (isUploadedFile(v) ? v.filename : v));
      if (unstorableText(texts) !== null) throw unstorable(`/${pointerPart(key)}`);
    }
  });
};
