import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { FileNotFound, LocalFileStore } from './files.js';

const dir = mkdtempSync(join(tmpdir(), 'wsis-files-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const read = async (stream: Readable) => {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
};
/** Every file under a folder (relative paths), sorted. */
const filesUnder = (folder: string): string[] =>
  existsSync(folder)
    ? readdirSync(folder, { withFileTypes: true, recursive: true })
        .filter((e) => e.isFile())
        .map((e) => join(e.parentPath, e.name).slice(folder.length + 1))
        .sort()
    : [];

describe('LocalFileStore', () => {
  it('keeps a buffer under its hash and gives the same bytes back', async () => {
    const store = new LocalFileStore(join(dir, 'buffer'));
    const bytes = Buffer.from('%PDF-1.7 Rapport du Groupe de travail — 中文\n');
    const kept = await store.put(bytes);
    expect(kept).toEqual({ sha256: sha(bytes), size: bytes.length });
    expect(await read(await store.open(kept.sha256))).toEqual(bytes);
    expect(await store.size(kept.sha256)).toBe(bytes.length);
    expect(filesUnder(join(dir, 'buffer', 'sha256'))).toEqual([`${kept.sha256.slice(0, 2)}/${kept.sha256.slice(2, 4)}/${kept.sha256}`]);
  });

  it('keeps a stream (several chunks) the same way', async () => {
    const store = new LocalFileStore(join(dir, 'stream'));
    const parts = Array.from({ length: 50 }, (_, i) => Buffer.alloc(64 * 1024, i));
    const whole = Buffer.concat(parts);
    const kept = await store.put(Readable.from(parts));
    expect(kept).toEqual({ sha256: sha(whole), size: whole.length });
    expect((await read(await store.open(kept.sha256))).equals(whole)).toBe(true);
  });

  it('keeps the same bytes once, however many times and however many at once they are put', async () => {
    const root = join(dir, 'same');
    const store = new LocalFileStore(root);
    const bytes = Buffer.alloc(300_000, 'x');
    const first = await store.put(bytes);
    const again = await store.put(Readable.from([bytes.subarray(0, 1000), bytes.subarray(1000)]));
    const together = await Promise.all(Array.from({ length: 12 }, (_, i) => store.put(i % 2 ? bytes : Readable.from([bytes]))));
    for (const kept of [again, ...together]) expect(kept).toEqual(first);
    expect(filesUnder(join(root, 'sha256'))).toHaveLength(1);
    expect(filesUnder(join(root, 'tmp'))).toEqual([]);
    expect((await read(await store.open(first.sha256))).equals(bytes)).toBe(true);
  });

  it('reads a range, both ends included', async () => {
    const store = new LocalFileStore(join(dir, 'range'));
    const kept = await store.put(Buffer.from('0123456789'));
    expect((await read(await store.open(kept.sha256, { start: 2, end: 5 }))).toString()).toBe('2345');
    expect((await read(await store.open(kept.sha256, { start: 9, end: 9 }))).toString()).toBe('9');
    expect((await read(await store.open(kept.sha256, { start: 0, end: 9 }))).toString()).toBe('0123456789');
  });

  it('answers FileNotFound for a hash it does not have, or one that is not a hash', async () => {
    const store = new LocalFileStore(join(dir, 'unknown'));
    await store.put(Buffer.from('something'));
    const unknown = sha(Buffer.from('never kept'));
    await expect(store.open(unknown)).rejects.toBeInstanceOf(FileNotFound);
    expect(await store.size(unknown)).toBeNull();
    for (const forged of ['../../../../etc/passwd', `${unknown.slice(0, 62)}/..`, unknown.toUpperCase(), `${unknown}0`, '', 'tmp']) {
      await expect(store.open(forged), forged).rejects.toBeInstanceOf(FileNotFound);
      expect(await store.size(forged), forged).toBeNull();
    }
  });

  it('leaves nothing behind when a stream fails half way, and keeps nothing', async () => {
    const root = join(dir, 'failed');
    const store = new LocalFileStore(root);
    const failing = new Readable({
      read() {
        this.push(Buffer.alloc(100_000, 'a'));
        setImmediate(() => this.destroy(new Error('connection reset by the client')));
      },
    });
    await expect(store.put(failing)).rejects.toThrow('connection reset by the client');
    expect(filesUnder(join(root, 'tmp'))).toEqual([]);
    expect(filesUnder(join(root, 'sha256'))).toEqual([]);
  });

  it('forgets a file on remove (a refused upload), and removing it again is no error', async () => {
    const store = new LocalFileStore(join(dir, 'remove'));
    const kept = await store.put(Buffer.from('refused'));
    await store.remove(kept.sha256);
    await store.remove(kept.sha256);
    await expect(store.open(kept.sha256)).rejects.toBeInstanceOf(FileNotFound);
  });
});
