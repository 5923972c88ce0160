/**
 * Sends a file of the file store (core/storage/files.ts) as a download: streamed from the store
 * (memory does not grow with the file), with its type, `Content-Disposition: attachment` and
 * `X-Content-Type-Options: nosniff`, a sandboxing CSP so that nothing in it runs even if a browser
 * tried to show it, an ETag (its hash: a file's bytes never change) and answers to `Range`
 * requests (206 with `Content-Range`, 416 for a range outside the file). A type a browser would
 * render as a page (HTML, SVG, XML) is sent as `application/octet-stream`. Never compressed: the
 * documents are compressed already, and a compressed body would no longer match `Content-Length`,
 * the ranges or the ETag.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { FileNotFound, type ByteRange, type FileStore } from '../storage/files.js';
import { notFound } from './problems.js';

/** A name as plain ASCII for the `filename=` of old clients (the exact name goes in `filename*`). */
export const asciiFileName = (name: string) =>
  name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\x20-\x7e]/g, '_')
    .replace(/["\\/]/g, '_');

/** RFC 8187 `value-chars`: UTF-8, percent-encoded except attr-char (encodeURIComponent leaves ' ( ) * as they are). */
const extendedValue = (name: string) => encodeURIComponent(name).replace(/['()*]/g, (c) => `%${(c.codePointAt(0) as number).toString(16).toUpperCase()}`);

/** `attachment; filename="…"; filename*=UTF-8''…` (RFC 6266): the exact name for every browser, an ASCII one for the oldest. */
export const contentDisposition = (fileName: string) => {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters (line breaks) are exactly what must not reach a header.
  const name = fileName.replace(/[\\/]/g, '_').replace(/[\x00-\x1f\x7f]/g, '');
  return `attachment; filename="${asciiFileName(name)}"; filename*=UTF-8''${extendedValue(name)}`;
};

/** Types a browser renders as a page or runs: never sent as such, whatever the caller says. */
const ACTIVE_TYPE = /^(text\/html|application\/xhtml\+xml|image\/svg\+xml|text\/xml|application\/xml|[a-z]+\/[a-z0-9.+-]*javascript|text\/ecmascript|multipart\/)/i;
export const safeMediaType = (mediaType: string) => (ACTIVE_TYPE.test(mediaType.trim()) ? 'application/octet-stream' : mediaType);

/**
 * `bytes=a-b`, `bytes=a-`, `bytes=-n` within `size`; 'unsatisfiable' when it lies outside; null
 * when there is no single valid range (the whole file is sent: several ranges, or `b` before `a`,
 * which RFC 9110 says to ignore).
 */
export const parseRange = (header: string | undefined, size: number): ByteRange | 'unsatisfiable' | null => {
  if (!header) return null;
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match || (match[1] === '' && match[2] === '')) return null;
  let start: number;
  let end: number;
  if (match[1] === '') {
    const suffix = Number(match[2]);
    if (suffix === 0) return 'unsatisfiable';
    start = Math.max(0, size - suffix);
    end = size - 1;
  } else {
    start = Number(match[1]);
    if (match[2] !== '' && Number(match[2]) < start) return null;
    end = match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1);
  }
  if (start >= size || start > end) return 'unsatisfiable';
  return { start, end };
};

/** Whether `If-None-Match` names this ETag (a list, weak or strong, or `*`). */
const matches = (header: string | undefined, etag: string): boolean => header?.split(',').some((tag) => tag.trim() === '*' || tag.trim().replace(/^W\//, '') === etag) ?? false;

export const sendStoredFile = async (
  req: FastifyRequest,
  reply: FastifyReply,
  {
    store,
    sha256,
    size,
    mediaType,
    fileName,
    cache = 'private',
  }: {
    store: FileStore;
    sha256: string;
    size: number;
    mediaType: string;
    fileName: string;
    /**
     * 'public' (anyone may read it: shared caches may keep it), 'private' (members only: the
     * browser alone keeps it), both revalidated (a 304 by ETag) because a URL by symbol and language
     * may name a newer file tomorrow; 'immutable' only when the URL names the hash itself.
     */
    cache?: 'public' | 'private' | 'immutable';
  },
) => {
  const etag = `"${sha256}"`;
  const cached = matches(req.headers['if-none-match'], etag);
  const ifRange = req.headers['if-range'];
  const range = cached || (ifRange && ifRange !== etag) ? null : parseRange(req.headers.range, size);
  let body = null;
  if (!cached && range !== 'unsatisfiable') {
    try {
      body = await store.open(sha256, range ?? undefined);
    } catch (error) {
      if (!(error instanceof FileNotFound)) throw error;
      // A row names a file the store does not have: the platform's fault (lost data), logged for
      // whoever runs it; the reader is told the file is not there.
      req.log.error({ sha256 }, 'a file named by the database is missing from the file store');
      throw notFound();
    }
  }
  // @fastify/compress skips a request carrying this header: see the top of this file.
  req.headers['x-no-compression'] = 'stored-file';
  reply
    .header('content-type', safeMediaType(mediaType))
    .header('content-disposition', contentDisposition(fileName))
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', "default-src 'none'; sandbox")
    .header('accept-ranges', 'bytes')
    .header('etag', etag)
    .header('cache-control', cache === 'immutable' ? 'public, max-age=31536000, immutable' : `${cache}, no-cache`);
  if (cached) return reply.code(304).send();
  if (range === 'unsatisfiable') return reply.code(416).header('content-range', `bytes */${size}`).send();
  if (range) {
    reply
      .code(206)
      .header('content-range', `bytes ${range.start}-${range.end}/${size}`)
      .header('content-length', range.end - range.start + 1);
    return reply.send(body);
  }
  reply.header('content-length', size);
  return reply.send(body);
};
