/**
 * Downloads of stored files through the real platform (buildApp: compression, ETags, security
 * headers and the error pages of every route), on a route of this test.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.js';
import { createTestDatabase, type TestDatabase } from '../../test/db.js';
import { loadConfig } from '../config.js';
import { contentDisposition, sendStoredFile } from './send-file.js';

const dir = mkdtempSync(join(tmpdir(), 'wsis-send-file-test-'));
const MB = 1024 * 1024;
let database: TestDatabase;
let app: FastifyInstance;
/** The files the test route serves, by name: what a module's row would say. */
const files = new Map<string, { sha256: string; size: number; mediaType: string; fileName: string }>();
/** The payload each download handed to Fastify (a stream, or a buffer), by request id. */
const payloads = new Map<string, unknown>();

const PDF = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(100_000, 'stream of text that compresses well ')]);
const BIG = Buffer.alloc(20 * MB, 7);
BIG.write('%PDF-1.7\n');
BIG.write('the end', BIG.length - 7);

beforeAll(async () => {
  database = await createTestDatabase();
  const config = loadConfig({ port: 0, baseUrl: 'http://platform.test', smtpUrl: undefined, dataDir: 'memory://', filesDir: join(dir, 'files') }, {});
  app = await buildApp({ config, database, logger: { level: 'fatal' } });
  const keep = async (name: string, bytes: Buffer, mediaType: string, fileName: string) => {
    const kept = await app.platform.files.put(bytes);
    files.set(name, { ...kept, mediaType, fileName });
  };
  await keep('report', PDF, 'application/pdf', 'report.pdf');
  await keep('big', BIG, 'application/pdf', 'big.pdf');
  await keep('russian', PDF, 'application/pdf', 'Вклад Российской Федерации (ред. 1).pdf');
  await keep('arabic', PDF, 'application/pdf', 'مساهمة المملكة العربية السعودية.pdf');
  await keep('html', Buffer.from('<html><script>alert(1)</script></html>'), 'text/html', 'page.html');
  await keep('svg', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'), 'image/svg+xml; charset=utf-8', 'image.svg');
  await keep('octets', Buffer.alloc(50_000, 'a'), 'application/octet-stream', 'data.bin');
  files.set('lost', { sha256: createHash('sha256').update('never kept').digest('hex'), size: 10, mediaType: 'application/pdf', fileName: 'lost.pdf' });
  app.addHook('onSend', async (req, _reply, payload) => {
    if (req.url.startsWith('/test-files/')) payloads.set(req.id, payload);
    return payload;
  });
  app.get('/test-files/:name', async (req, reply) => {
    const file = files.get((req.params as { name: string }).name);
    if (!file) return reply.code(404).send();
    return sendStoredFile(req, reply, { store: app.platform.files, ...file });
  });
  await app.ready();
}, 180_000);
afterAll(async () => {
  await app?.close();
  await database?.drop();
  rmSync(dir, { recursive: true, force: true });
});

const get = (name: string, headers: Record<string, string> = {}) => app.inject({ url: `/test-files/${name}`, headers });
const etagOf = (name: string) => `"${files.get(name)?.sha256}"`;

describe('sendStoredFile', () => {
  it('sends the whole file: its type, length, ETag, as an attachment that never runs', async () => {
    const res = await get('report');
    expect(res.statusCode).toBe(200);
    expect(res.rawPayload.equals(PDF)).toBe(true);
    expect(res.headers).toMatchObject({
      'content-type': 'application/pdf',
      'content-length': String(PDF.length),
      'accept-ranges': 'bytes',
      etag: etagOf('report'),
      'x-content-type-options': 'nosniff',
      'content-security-policy': "default-src 'none'; sandbox",
      'content-disposition': `attachment; filename="report.pdf"; filename*=UTF-8''report.pdf`,
      'cache-control': 'private, no-cache',
    });
  });

  it('answers ranges: a-b, a-, -n with 206 and Content-Range', async () => {
    const cases = [
      ['bytes=0-8', 0, 8],
      ['bytes=9-99', 9, 99],
      ['bytes=100000-', 100_000, PDF.length - 1],
      ['bytes=-5', PDF.length - 5, PDF.length - 1],
      ['bytes=-999999999', 0, PDF.length - 1],
      ['bytes=5-999999999', 5, PDF.length - 1],
    ] as const;
    for (const [range, start, end] of cases) {
      const res = await get('report', { range });
      expect(res.statusCode, range).toBe(206);
      expect(res.headers['content-range'], range).toBe(`bytes ${start}-${end}/${PDF.length}`);
      expect(res.headers['content-length'], range).toBe(String(end - start + 1));
      expect(res.rawPayload.equals(PDF.subarray(start, end + 1)), range).toBe(true);
    }
    // If-Range with the file's ETag keeps the range; with another, the whole file comes.
    expect((await get('report', { range: 'bytes=0-3', 'if-range': etagOf('report') })).statusCode).toBe(206);
    expect((await get('report', { range: 'bytes=0-3', 'if-range': '"older"' })).statusCode).toBe(200);
  });

  it('answers 416 with the size for a range outside the file; ignores ranges it does not serve', async () => {
    for (const range of [`bytes=${PDF.length}-`, 'bytes=-0', `bytes=${PDF.length + 10}-${PDF.length + 20}`]) {
      const res = await get('report', { range });
      expect(res.statusCode, range).toBe(416);
      expect(res.headers['content-range'], range).toBe(`bytes */${PDF.length}`);
    }
    // Several ranges, a backwards range, another unit: the whole file (RFC 9110 allows ignoring them).
    for (const range of ['bytes=0-1,5-6', 'bytes=9-2', 'items=0-1', 'bytes=abc']) {
      const res = await get('report', { range });
      expect(res.statusCode, range).toBe(200);
      expect(res.rawPayload.length, range).toBe(PDF.length);
    }
  });

  it('answers 304 to a browser that has it (If-None-Match), whatever the form of the header', async () => {
    for (const ifNoneMatch of [etagOf('report'), `W/${etagOf('report')}`, `"other", ${etagOf('report')}`, '*']) {
      const res = await get('report', { 'if-none-match': ifNoneMatch });
      expect(res.statusCode, ifNoneMatch).toBe(304);
      expect(res.rawPayload.length, ifNoneMatch).toBe(0);
    }
    expect((await get('report', { 'if-none-match': '"other"' })).statusCode).toBe(200);
  });

  it('names a Russian or Arabic file exactly (filename*), with an ASCII name for old clients', async () => {
    for (const [name, fileName] of [
      ['russian', 'Вклад Российской Федерации (ред. 1).pdf'],
      ['arabic', 'مساهمة المملكة العربية السعودية.pdf'],
    ] as const) {
      const header = (await get(name)).headers['content-disposition'] as string;
      const match = /^attachment; filename="([\x20-\x7e]*)"; filename\*=UTF-8''([A-Za-z0-9!#$&+\-.^_`|~%]+)$/.exec(header);
      expect(match, header).not.toBeNull();
      expect(decodeURIComponent(match?.[2] ?? ''), name).toBe(fileName);
      expect(match?.[1]).toMatch(/\.pdf$/);
    }
    // Quotes, backslashes, slashes and line breaks cannot escape the header or name a folder.
    expect(contentDisposition('a"b\\c/d\r\nSet-Cookie: x.pdf')).toBe(`attachment; filename="a_b_c_dSet-Cookie: x.pdf"; filename*=UTF-8''a%22b_c_dSet-Cookie%3A%20x.pdf`);
    expect(contentDisposition('Résumé.pdf')).toBe(`attachment; filename="Resume.pdf"; filename*=UTF-8''R%C3%A9sum%C3%A9.pdf`);
  });

  it('never sends HTML or SVG as such: an attachment of octets, not to be sniffed', async () => {
    for (const name of ['html', 'svg']) {
      const res = await get(name);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('application/octet-stream');
      expect(res.headers['content-disposition']).toMatch(/^attachment;/);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['content-security-policy']).toContain('sandbox');
    }
  });

  it('is never compressed by the platform, whole or in ranges, even for a type it would compress', async () => {
    const acceptAll = { 'accept-encoding': 'gzip, deflate, br' };
    for (const name of ['report', 'octets']) {
      const size = files.get(name)?.size as number;
      const whole = await get(name, acceptAll);
      expect(whole.statusCode, name).toBe(200);
      expect(whole.headers['content-encoding'], name).toBeUndefined();
      expect(whole.headers['content-length'], name).toBe(String(size));
      expect(whole.rawPayload.length, name).toBe(size);
      const part = await get(name, { ...acceptAll, range: 'bytes=10-1033' });
      expect(part.statusCode, name).toBe(206);
      expect(part.headers['content-encoding'], name).toBeUndefined();
      expect(part.headers['content-length'], name).toBe('1024');
      expect(part.rawPayload.length, name).toBe(1024);
    }
    // Pages still are: the platform's compression is on.
    const page = await app.inject({ url: '/en', headers: acceptAll });
    expect(page.headers['content-encoding']).toBeDefined();
  });

  it('streams a 20 MB file from the store (never a buffer of it), whole and from a range', async () => {
    const whole = await get('big');
    expect(whole.statusCode).toBe(200);
    expect(payloads.get(whole.headers['x-request-id'] as string)).toBeInstanceOf(Readable);
    expect(whole.rawPayload.length).toBe(BIG.length);
    expect(createHash('sha256').update(whole.rawPayload).digest('hex')).toBe(files.get('big')?.sha256);
    const tail = await get('big', { range: 'bytes=-7' });
    expect(tail.statusCode).toBe(206);
    expect(payloads.get(tail.headers['x-request-id'] as string)).toBeInstanceOf(Readable);
    expect(tail.body).toBe('the end');
  });

  it('answers 404 (a page, not an attachment) when the store lost a file a row names', async () => {
    const res = await app.inject({ url: '/test-files/lost', headers: { accept: 'text/html' } });
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-disposition']).toBeUndefined();
  });
});
