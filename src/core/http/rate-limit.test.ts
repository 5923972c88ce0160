import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/db.js';
import { hitRateLimit, peekRateLimit, purgeExpiredRateLimits } from './rate-limit.js';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase({ seed: false });
});
afterAll(async () => database.drop());

describe('rate-limit counters', () => {
  it('counts hits in a window and starts a new window once it has passed', async () => {
    const db = database.db;
    expect((await hitRateLimit(db, { key: 'test:window', windowMs: 60_000 })).count).toBe(1);
    expect((await hitRateLimit(db, { key: 'test:window', windowMs: 60_000 })).count).toBe(2);
    expect((await peekRateLimit(db, 'test:window')).count).toBe(2);
    await db.execute(sql`update core_rate_limits set reset_at = now() - interval '1 second' where key = 'test:window'`);
    expect((await peekRateLimit(db, 'test:window')).count).toBe(0);
    expect((await hitRateLimit(db, { key: 'test:window', windowMs: 60_000 })).count).toBe(1);
  });

  it('purges the counters whose window has passed and keeps the others', async () => {
    const db = database.db;
    await hitRateLimit(db, { key: 'test:old', windowMs: 60_000 });
    await hitRateLimit(db, { key: 'test:current', windowMs: 60_000 });
    await db.execute(sql`update core_rate_limits set reset_at = now() - interval '1 second' where key = 'test:old'`);
    await purgeExpiredRateLimits(db);
    const keys = (await db.execute<{ key: string }>(sql`select key from core_rate_limits where key like 'test:%' order by key`)).rows.map((r) => r.key);
    expect(keys).toEqual(['test:current', 'test:window']);
  });

  it('keeps the counters out of the write-ahead log (an unlogged table: a crash only restarts the windows)', async () => {
    const result = await database.db.execute<{ persistence: string }>(sql`select relpersistence as persistence from pg_class where relname = 'core_rate_limits'`);
    expect(result.rows[0]?.persistence).toBe('u');
  });
});
