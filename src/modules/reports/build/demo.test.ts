import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { LocalFileStore } from '../../../core/storage/files.js';
import { MODULES } from '../../../platform-modules.js';
import { createTestDatabase, type TestDatabase } from '../../../test/db.js';
import { demoReports } from './demo.js';
import { findPublishedReports } from './queries.js';

let database: TestDatabase;
const dir = mkdtempSync(join(tmpdir(), 'wsis-report-demo-'));
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.drop();
  rmSync(dir, { recursive: true, force: true });
});

it('publishes last year’s demonstration report in six languages and leaves this year’s a draft', async () => {
  await demoReports(database.db, { files: new LocalFileStore(dir), modules: MODULES, now: new Date('2026-12-05T10:00:00Z') });
  const published = await findPublishedReports(database.db);
  expect(published.map((p) => [p.report.templateKey, p.report.year, p.outputs.length])).toEqual([['stocktaking', 2025, 12]]);
  expect(published[0]?.report.title.en).toContain('[Demo]');
});
