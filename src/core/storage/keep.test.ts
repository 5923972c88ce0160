import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/db.js';
import { LocalFileStore } from './files.js';
import { keepFile } from './keep.js';
import { storedFiles } from './tables.js';

const dir = mkdtempSync(join(tmpdir(), 'wsis-keep-test-'));
let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.drop();
  rmSync(dir, { recursive: true, force: true });
});

describe('keepFile', () => {
  it('puts the bytes in the store and writes one core_files row, however often the same bytes are kept', async () => {
    const store = new LocalFileStore(dir);
    const bytes = Buffer.from('%PDF-1.7\n%%EOF\n');
    const kept = await database.db.transaction((tx) => keepFile(tx, store, bytes, 'application/pdf'));
    const again = await database.db.transaction((tx) => keepFile(tx, store, bytes, 'application/pdf'));
    expect(again).toEqual(kept);
    expect(await store.size(kept.sha256)).toBe(bytes.length);
    expect(await database.db.select({ sha256: storedFiles.sha256, size: storedFiles.size, mediaType: storedFiles.mediaType }).from(storedFiles)).toEqual([
      { sha256: kept.sha256, size: bytes.length, mediaType: 'application/pdf' },
    ]);
  });

  it('writes no row when the transaction rolls back', async () => {
    const store = new LocalFileStore(dir);
    const before = await database.db.select().from(storedFiles);
    await expect(
      database.db.transaction(async (tx) => {
        await keepFile(tx, store, Buffer.from('refused later'), 'application/pdf');
        throw new Error('the registration failed');
      }),
    ).rejects.toThrow('the registration failed');
    expect(await database.db.select().from(storedFiles)).toEqual(before);
  });
});
