import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getActorById } from '../../../core/auth/sessions.js';
import type { Actor } from '../../../core/permissions/index.js';
import { createTestDatabase, type TestDatabase } from '../../../test/db.js';
import { buildUser } from '../../../test/factories.js';
import { saveOrganization } from '../../accounts/commands/save-organization.js';
import { countWords, type EntryInput, entryInput } from '../inputs.js';
import { entries } from '../tables.js';
import { createEntry } from './create-entry.js';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => database.drop());

const newActor = async () => (await getActorById(database.db, (await buildUser(database.db)).id)) as Actor;
const newOrganization = async (actor: Actor, name: string) => {
  const result = await saveOrganization(database.db, { actor, input: { name, acronym: null, stakeholderType: 'academia', country: 'KE', website: null } });
  if (!result.ok) throw new Error(result.error);
  return result.id;
};

const input = (overrides: Partial<EntryInput> = {}): EntryInput =>
  entryInput.parse({
    language: 'zh',
    title: '农村地区的数字教育平台',
    summary: '为农村学校提供宽带接入和教师培训。',
    actionLines: ['C2'],
    sdgs: [9],
    leadCountry: 'CN',
    stakeholderType: 'academia',
    scope: 'national',
    status: 'planned',
    ...overrides,
  });

describe('createEntry', () => {
  it('creates a draft in the own name of a submitter without organization, with region and search columns', async () => {
    const actor = await newActor();
    const result = await createEntry(database.db, { actor, input: input() });
    expect(result).toEqual({ ok: true, id: expect.any(Number), state: 'draft', unlinkedSdgs: [] });
    if (!result.ok) return;
    const [row] = await database.db.select().from(entries).where(eq(entries.id, result.id));
    expect(row).toMatchObject({ organizationId: null, submitterId: actor.id, region: 'ASP', originalLanguage: 'zh', countries: [], website: null });
    expect(row?.searchVector).toContain("'数字'");
  });

  it('uses the only organization of its submitter, and refuses a choice among several unless named', async () => {
    const actor = await newActor();
    const first = await newOrganization(actor, 'Université A');
    const only = await createEntry(database.db, { actor, input: input() });
    expect(only.ok && (await database.db.select().from(entries).where(eq(entries.id, only.id)))[0]?.organizationId).toBe(first);

    const second = await newOrganization(actor, 'Université B');
    expect(await createEntry(database.db, { actor, input: input() })).toEqual({ ok: false, error: 'organization_required' });
    const named = await createEntry(database.db, { actor, input: input({ organizationId: second }) });
    expect(named.ok).toBe(true);
  });

  it('refuses an organization the submitter does not belong to', async () => {
    const other = await newOrganization(await newActor(), 'Someone else');
    expect(await createEntry(database.db, { actor: await newActor(), input: input({ organizationId: other }) })).toEqual({ ok: false, error: 'unknown_organization' });
  });

  it('lists unknown codes per field, and warns (only) about SDGs the action lines do not link to', async () => {
    const actor = await newActor();
    expect(await createEntry(database.db, { actor, input: input({ actionLines: ['C2', 'C12'], sdgs: [0], countries: ['ZZ'] }) })).toEqual({
      ok: false,
      error: 'unknown_codes',
      fields: { actionLines: ['C12'], sdgs: [0], countries: ['ZZ'] },
    });
    const warned = await createEntry(database.db, { actor, input: input({ sdgs: [9, 3] }) });
    expect(warned).toMatchObject({ ok: true, unlinkedSdgs: [3] });
  });
});

describe('entryInput', () => {
  it('counts Chinese words, which have no spaces between them', () => {
    expect(countWords('为农村学校提供宽带接入', 'zh')).toBeGreaterThan(3);
    const long = '数字教育'.repeat(201);
    expect(entryInput.safeParse({ ...input(), summary: long }).success).toBe(false);
  });

  it('accepts http and https websites only', () => {
    expect(entryInput.safeParse({ ...input(), website: 'http://example.org' }).success).toBe(true);
    for (const website of ['javascript:alert(1)', 'ftp://example.org', 'data:text/html,hi']) expect(entryInput.safeParse({ ...input(), website }).success).toBe(false);
  });
});
