/**
 * Stored text is in Unicode Normalization Form C: what arrives in a form, a JSON body or a
 * multipart form, the reference data files, and (migration 0013) the rows already stored. The
 * French and Russian SDG texts came with 117 combining marks, so "développement" typed on a
 * keyboard did not equal the stored one.
 */
import { eq, sql } from 'drizzle-orm';
import Fastify from 'fastify';
import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { users } from '../core/auth/tables.js';
import { parseFormBody, registerStrictBodyParsers } from '../core/http/body-parsers.js';
import { sdgs } from '../modules/reference/tables.js';
import { createTestKit, type TestKit } from './app.js';
import { buildUser } from './factories.js';

const DECOMPOSED = 'De\u0301veloppement durable, Ministe\u0300re, Ёлка'.normalize('NFD');
const COMPOSED = DECOMPOSED.normalize('NFC');
const MIGRATION = new URL('../../drizzle/0015_normalize_text_nfc.sql', import.meta.url);
const REFERENCE = new URL('../../data/reference/platform/', import.meta.url);

let kit: TestKit;
beforeAll(async () => {
  kit = await createTestKit();
});
afterAll(async () => kit?.close());

describe('Unicode NFC', () => {
  it('has the reference data files in NFC, and nothing else in the seeded reference tables', async () => {
    for (const name of readdirSync(REFERENCE).filter((n) => n.endsWith('.json'))) {
      const text = readFileSync(new URL(name, REFERENCE), 'utf8');
      expect(text === text.normalize('NFC'), `${name} is in NFC`).toBe(true);
    }
    const rows = await kit.database.db.execute<{ n: number }>(
      sql`select count(*)::int as n from ${sdgs} where ${sdgs.title}::text is not nfc normalized or ${sdgs.short}::text is not nfc normalized`,
    );
    expect(rows.rows[0]?.n).toBe(0);
  });

  it('normalizes urlencoded form fields, JSON strings and multipart fields as they arrive', async () => {
    expect(parseFormBody(`name=${encodeURIComponent(DECOMPOSED)}`).name).toBe(COMPOSED);
    const app = Fastify();
    registerStrictBodyParsers(app);
    app.post('/echo', async (req) => req.body);
    const json = await app.inject({
      method: 'POST',
      url: '/echo',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ title: { fr: DECOMPOSED }, list: [DECOMPOSED] }),
    });
    expect(json.json()).toEqual({ title: { fr: COMPOSED }, list: [COMPOSED] });
    await app.close();
  });

  it('stores a name typed with combining accents in NFC', async () => {
    const user = await buildUser(kit.database.db);
    const client = await kit.as(user);
    await client.get('/fr/account');
    const res = await client.post('/fr/account/profile', { name: DECOMPOSED, locale: 'fr' });
    expect(res.statusCode).toBe(303);
    const [row] = await kit.database.db.select({ name: users.name }).from(users).where(eq(users.id, user.id));
    expect(row?.name).toBe(COMPOSED);
  });

  it('brings rows stored before it into NFC (migration 0013), text and jsonb alike', async () => {
    const { db } = kit.database;
    const user = await buildUser(db);
    await db.update(users).set({ name: DECOMPOSED }).where(eq(users.id, user.id));
    await db
      .update(sdgs)
      .set({ title: sql`jsonb_set(${sdgs.title}, '{fr}', to_jsonb(${DECOMPOSED}::text))` })
      .where(eq(sdgs.number, 8));
    await db.execute(sql.raw(readFileSync(MIGRATION, 'utf8')));
    const [person] = await db.select({ name: users.name }).from(users).where(eq(users.id, user.id));
    expect(person?.name).toBe(COMPOSED);
    const [goal] = await db.select({ title: sdgs.title }).from(sdgs).where(eq(sdgs.number, 8));
    expect(goal?.title.fr).toBe(COMPOSED);
  });
});
