/**
 * The answers kept per data version (versioned-cache.ts), on a bare Fastify instance: what a reader
 * gets, when it is rendered again, and what several readers at once cost.
 */
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { versionedCache } from './versioned-cache.js';

let version: number | string | null = 1;
let renders = 0;
let body = 'first';
const app = Fastify();

beforeAll(async () => {
  const cache = versionedCache({ readVersion: async () => version, maxEntries: 2 });
  app.get('/feed/:key', async (req, reply) =>
    cache.send(req, reply, {
      key: (req.params as { key: string }).key,
      type: 'text/calendar; charset=utf-8',
      cacheControl: 'public, no-cache',
      render: async () => {
        renders++;
        // Slow enough that requests arriving together all find no copy.
        await new Promise((resolve) => setTimeout(resolve, 50));
        return `${body} `.repeat(400);
      },
    }),
  );
  await app.ready();
});
afterAll(async () => app.close());

const get = (key: string, headers: Record<string, string> = {}) => app.inject({ method: 'GET', url: `/feed/${key}`, headers });

describe('answers kept per data version', () => {
  it('renders once for readers who arrive together, and serves the same bytes compressed or not', async () => {
    const answers = await Promise.all(Array.from({ length: 10 }, (_, i) => get('a', i % 2 ? { 'accept-encoding': 'br' } : { 'accept-encoding': 'gzip' })));
    expect(renders).toBe(1);
    expect(answers.map((a) => a.statusCode)).toEqual(answers.map(() => 200));
    const plain = (await get('a')).rawPayload;
    expect(renders).toBe(1);
    for (const answer of answers) {
      const encoding = answer.headers['content-encoding'];
      expect(encoding === 'br' ? brotliDecompressSync(answer.rawPayload) : gunzipSync(answer.rawPayload)).toEqual(plain);
    }
  });

  it('answers 304 to its ETag, renders again when a fingerprint changes, and each time without a version', async () => {
    const first = await get('b');
    expect(renders).toBe(2);
    expect((await get('b', { 'if-none-match': first.headers.etag as string })).statusCode).toBe(304);

    // A fingerprint (compared, not ordered) that changes with the data.
    version = 'meetings:12.345 prizes:3.9';
    body = 'second';
    const changed = await get('b');
    expect(renders).toBe(3);
    expect(changed.body).toContain('second');
    expect(changed.headers.etag).not.toBe(first.headers.etag);
    // An ETag is one token: no space of the fingerprint in it.
    expect(changed.headers.etag).toMatch(/^"[\w-]+"$/);
    expect((await get('b', { 'if-none-match': first.headers.etag as string })).statusCode).toBe(200);
    expect(renders).toBe(3);

    // No version: rendered for each reader.
    version = null;
    await get('b');
    await get('b');
    expect(renders).toBe(5);
  });

  it('keeps at most its number of keys, the oldest dropped first', async () => {
    version = 7;
    const before = renders;
    await get('x');
    await get('y');
    await get('z');
    expect(renders).toBe(before + 3);
    await get('z');
    await get('y');
    expect(renders).toBe(before + 3);
    await get('x');
    expect(renders).toBe(before + 4);
  });
});
