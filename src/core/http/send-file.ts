/**
 * Sends a file of the file store (core/storage/files.ts) as a download: streamed from the store
 * (memory does not grow with the file), with its type, `Content-Disposition: attachment` and
 * `X-Content-Type-Options: nosniff`, a sandboxing CSP so that nothing in it runs even if a browser
 * tried to show it, an ETag (its hash: a file's bytes never change) and answers to `Range`
 * requests (206 with `Content-Range`, 416 for a range outside the file).
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ByteRange, FileStore } from '../storage/files.js';

/** A name as plain ASCII for the `filename=` of old clients (the exact name goes in `filename*`). */
export const asciiFileName = (name: string) =>
  name
    .normalize('NFKD')
    .replace(/[^\x20-\x7e]/g, '_')
    .replace(/["\\]/g, '_');

/** `bytes=a-b`, `bytes=a-`, `bytes=-n` within `size`; 'unsatisfiable' when it lies outside; null when there is no single range (the whole file is sent). */
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
    end = match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1);
  }
  if (start >= size || start > end) return 'unsatisfiable';
  return { start, end };
};

export const sendStoredFile = async (
  req: FastifyRequest,
  reply: FastifyReply,
  { store, sha256, size, mediaType, fileName }: { store: FileStore; sha256: string; size: number; mediaType: string; fileName: string },
) => {
  const etag = `"${sha256}"`;
  reply
    .header('content-type', mediaType)
    .header('content-disposition', `attachment; filename="${asciiFileName(fileName)}"; filename*=UTF-8''${encodeURIComponent(fileName)}`)
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', "default-src 'none'; sandbox")
    .header('accept-ranges', 'bytes')
    .header('etag', etag)
    .header('cache-control', 'public, max-age=31536000, immutable');
  if (req.headers['if-none-match'] === etag) return reply.code(304).send();
  const ifRange = req.headers['if-range'];
  const range = ifRange && ifRange !== etag ? null : parseRange(req.headers.range, size);
  if (range === 'unsatisfiable') return reply.code(416).header('content-range', `bytes */${size}`).send();
  if (range) {
    reply
      .code(206)
      .header('content-range', `bytes ${range.start}-${range.end}/${size}`)
      .header('content-length', range.end - range.start + 1);
    return reply.send(await store.open(sha256, range));
  }
  reply.header('content-length', size);
  return reply.send(await store.open(sha256));
};
