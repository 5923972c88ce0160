import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/db.js';
import { buildUser } from '../../../test/factories.js';
import { documentFiles, meetingDocuments, symbolCounters } from '../tables.js';
import { demoDocuments } from './demo.js';
import { tempStore } from './test-helpers.js';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
  await buildUser(database.db, { roles: ['admin'] });
}, 180_000);
afterAll(async () => database.drop());

it('fills meeting 41 with documents in several languages, one withdrawn, one Rev.1, one INF', async () => {
  const store = tempStore();
  await demoDocuments(database.db, { files: store });
  const docs = await database.db.select().from(meetingDocuments).orderBy(meetingDocuments.id);
  expect(docs.map((d) => [d.symbol, d.status])).toEqual([
    ['CWG-WSIS&SDG-41/1', 'published'],
    ['CWG-WSIS&SDG-41/2', 'published'],
    ['CWG-WSIS&SDG-41/2(Rev.1)', 'published'],
    ['CWG-WSIS&SDG-41/3', 'withdrawn'],
    ['CWG-WSIS&SDG-41/INF/1', 'published'],
  ]);
  const files = await database.db
    .select()
    .from(documentFiles)
    .where(eq(documentFiles.documentId, docs[0]?.id ?? 0));
  expect(files.length).toBe(6);
  for (const f of files) expect(await store.size(f.sha256)).toBe(f.size);
  expect((await database.db.select().from(symbolCounters)).length).toBeGreaterThan(0);
});
