/**
 * Answers that every reader gets alike (public reference pages and open-data lists) are rendered
 * once per data version and key, then served from memory with a strong ETag and a 304 for
 * If-None-Match. The version comes from the database, read once per request (requests that arrive
 * together share one read, as with `grouped`), so a change committed by any process shows on the
 * next request of every process. Compressed copies are made once, not per request.
 */
import { createHash } from 'node:crypto';
import { brotliCompressSync, constants, deflateSync, gzipSync } from 'node:zlib';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { grouped } from '../db/grouped.js';

type Encoding = 'br' | 'gzip' | 'deflate' | 'identity';
/**
 * A data version: a number that grows with each change (the newer copy is kept when two requests
 * render at once), or a fingerprint compared for equality only (a calendar's dates from several
 * modules); null when the data has none (rendered for each request, compressed by the platform).
 */
type Version = number | string | null;
type Entry = { version: number | string; type: string; tag: string; bodies: Partial<Record<Encoding, Buffer>> };

/** Below this size a compressed copy saves less than it costs (same threshold as the platform's). */
const COMPRESS_FROM = 1024;
/** Keys kept per cache by default (pages per URL and language); the oldest goes first. */
const MAX_ENTRIES = 1000;

/**
 * The encoding to send for an Accept-Encoding header: br, gzip, deflate, else none (q=0 refuses one).
 * The same choices as the platform's compression, so it never compresses these answers again.
 */
export const chooseEncoding = (header: string | undefined): Encoding => {
  if (!header) return 'identity';
  const accepted = new Set<string>();
  for (const part of header.split(',')) {
    const [name = '', ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    if (q === undefined || Number(q.slice(2)) > 0) accepted.add(name.trim());
  }
  if (accepted.has('br')) return 'br';
  if (accepted.has('gzip') || accepted.has('*')) return 'gzip';
  if (accepted.has('deflate')) return 'deflate';
  return 'identity';
};

/**
 * Brotli's best quality up to this size; above it quality 5, which takes milliseconds where 11 held
 * the event loop half a second for a 340 KB calendar feed (for 20 % fewer bytes).
 */
const BEST_BROTLI_UP_TO = 128 * 1024;

const compress = (body: Buffer, encoding: Encoding) =>
  encoding === 'br'
    ? brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: body.length <= BEST_BROTLI_UP_TO ? 11 : 5, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } })
    : encoding === 'gzip'
      ? gzipSync(body, { level: 9 })
      : encoding === 'deflate'
        ? deflateSync(body, { level: 9 })
        : body;

/** Whether an If-None-Match header names one of the entry's tags (weak comparison, RFC 9110 §13.1.2). */
const matches = (header: string | undefined, entry: Entry) => {
  if (!header) return false;
  if (header.trim() === '*') return true;
  const ours = new Set(['', '-br', '-gzip', '-deflate'].map((suffix) => `"${entry.tag}${suffix}"`));
  return header.split(',').some((t) => ours.has(t.trim().replace(/^W\//, '')));
};

export type VersionedCache = {
  /** The current data version, read from the database (concurrent callers share one read). */
  version: () => Promise<Version>;
  /**
   * Sends the answer for `key` at the current version, rendering it with `render` only when this
   * process has no copy of that version. `render` must not depend on who asks.
   */
  send: (
    req: FastifyRequest,
    reply: FastifyReply,
    args: { key: string; type: string; cacheControl: string; vary?: string; render: () => Promise<string> },
  ) => Promise<FastifyReply>;
};

/**
 * `readVersion` reads the version of the data behind the answers; without it (no data: a static page),
 * one version per process. At most `maxEntries` keys are kept, the oldest dropped first.
 */
export const versionedCache = ({ readVersion, maxEntries = MAX_ENTRIES }: { readVersion?: () => Promise<Version>; maxEntries?: number } = {}): VersionedCache => {
  // A request waits for a read that starts after it arrived (maxInFlight 1): it never gets a version
  // older than a change committed before it came.
  const read = readVersion
    ? grouped(
        async (asks: null[]) => {
          const v = await readVersion();
          return asks.map(() => v);
        },
        { maxInFlight: 1 },
      )
    : async () => 0;
  const entries = new Map<string, Entry>();
  const rendering = new Map<string, Promise<Entry>>();
  const version = () => read(null);

  return {
    version,
    send: async (req, reply, { key, type, cacheControl, vary, render }) => {
      // The version is read before the data, so a copy is never older than the version it is filed under.
      const current = await version();
      if (current === null) {
        if (vary) reply.header('vary', vary);
        return reply
          .type(type)
          .header('cache-control', cacheControl)
          .send(await render());
      }
      let entry = entries.get(key);
      if (!entry || entry.version !== current) {
        // Requests that find no copy of this version together wait for one rendering.
        const flight = `${key}\u0000${current}`;
        let pending = rendering.get(flight);
        if (!pending) {
          pending = (async () => {
            const body = Buffer.from(await render());
            // Strong: the same bytes in every process; a new deploy that renders differently changes it too.
            const hash = createHash('sha256').update(body).digest('base64url').slice(0, 16);
            const made: Entry = { version: current, type, tag: typeof current === 'number' ? `${current}-${hash}` : hash, bodies: { identity: body } };
            // Another request may have filed a newer version meanwhile: keep the newest.
            const filed = entries.get(key);
            if (!filed || typeof current !== 'number' || typeof filed.version !== 'number' || filed.version <= current) {
              entries.delete(key);
              if (entries.size >= maxEntries) entries.delete(entries.keys().next().value as string);
              entries.set(key, made);
            }
            return made;
          })().finally(() => rendering.delete(flight));
          rendering.set(flight, pending);
        }
        entry = await pending;
      }
      const identity = entry.bodies.identity as Buffer;
      const encoding = identity.length >= COMPRESS_FROM ? chooseEncoding(req.headers['accept-encoding']) : 'identity';
      const etag = encoding === 'identity' ? `"${entry.tag}"` : `"${entry.tag}-${encoding}"`;
      reply
        .header('etag', etag)
        .header('cache-control', cacheControl)
        .header('vary', vary ? `Accept-Encoding, ${vary}` : 'Accept-Encoding');
      if (matches(req.headers['if-none-match'], entry)) return reply.code(304).send();
      let body = entry.bodies[encoding];
      if (!body) {
        body = compress(identity, encoding);
        entry.bodies[encoding] = body;
      }
      if (encoding !== 'identity') reply.header('content-encoding', encoding);
      return reply.type(type).send(body);
    },
  };
};
