import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/db.js';
import {
  countryName,
  findActionLines,
  findConnectGoals,
  findCountries,
  findMatrixCells,
  findMatrixLinks,
  findPrizeCategories,
  findRegions,
  findSdgs,
  findSdgTargets,
  findSuggestedSdgsForActionLines,
  getActionLine,
  getMatrixLink,
  getSdg,
  regionOfCountry,
} from './queries.js';
import { compareTargetCodes } from './rules.js';
import { seedReferenceData } from './seed.js';
import { actionLines, matrixLinks } from './tables.js';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase(); // runs every module's seed
});
afterAll(async () => database.drop());

describe('reference seed', () => {
  it('loads the 19 action lines in Plan of Action order, C7 with eight sub-lines', async () => {
    const lines = await findActionLines(database.db);
    expect(lines).toHaveLength(19);
    expect(lines.filter((l) => !l.parent).map((l) => l.code)).toEqual(['C1', 'C2', 'C3', 'C4', 'C5', 'C6', 'C7', 'C8', 'C9', 'C10', 'C11']);
    expect(lines.filter((l) => l.parent === 'C7')).toHaveLength(8);
    expect(lines[0]?.title).toMatchObject({ ar: expect.any(String), en: expect.any(String), zh: expect.any(String) });
  });

  it('loads the 17 SDGs in six languages', async () => {
    const sdgs = await findSdgs(database.db);
    expect(sdgs.map((s) => s.number)).toEqual(Array.from({ length: 17 }, (_, i) => i + 1));
    expect(Object.keys(sdgs[3]?.title ?? {}).sort()).toEqual(['ar', 'en', 'es', 'fr', 'ru', 'zh']);
  });

  it('loads the matrix, the SDG targets it cites, 18 prize categories, 5 Connect 2030 goals and 6 regions', async () => {
    const links = await findMatrixLinks(database.db);
    expect(links).toHaveLength(124);
    // The matrix page's cells: the same pairs in the same order, without the texts.
    expect(await findMatrixCells(database.db)).toEqual(links.map((l) => ({ actionLine: l.actionLine, sdg: l.sdg })));
    expect(await findSdgTargets(database.db)).toHaveLength(80);
    const categories = await findPrizeCategories(database.db);
    expect(categories).toHaveLength(18);
    expect(categories.map((c) => c.actionLine).slice(6, 8)).toEqual(['C7.e-government', 'C7.e-business']);
    const goals = await findConnectGoals(database.db);
    expect(goals.map((g) => g.code)).toEqual(['1', '2', '3', '4', '5']);
    expect(goals[0]?.targets.length).toBeGreaterThan(0);
    expect((await findRegions(database.db)).map((r) => r.code)).toEqual(['AFR', 'AMS', 'ARB', 'ASP', 'CIS', 'EUR']);
  });

  it('loads every ISO 3166-1 country; the ITU Member States as the data counts them', async () => {
    expect(await findCountries(database.db)).toHaveLength(249);
    // 193 UN Member States + the Holy See; the data counts Palau (acceded 2024) as the 194th.
    expect(await findCountries(database.db, { ituMembersOnly: true })).toHaveLength(194);
    expect(await findCountries(database.db, { region: 'CIS', ituMembersOnly: true })).toHaveLength(12);
  });

  it('is idempotent and never restores or overwrites a matrix link an administrator changed', async () => {
    await database.db
      .update(matrixLinks)
      .set({ targets: ['4.4'] })
      .where(eq(matrixLinks.actionLine, 'C4'));
    await database.db.update(matrixLinks).set({ deletedAt: new Date() }).where(eq(matrixLinks.actionLine, 'C1'));
    await database.db
      .update(actionLines)
      .set({ title: { en: 'stale' } })
      .where(eq(actionLines.code, 'C2'));
    await seedReferenceData(database.db);
    expect((await findActionLines(database.db)).length).toBe(19);
    expect((await getActionLine(database.db, 'C2')).title.en).toBe('Information and communication infrastructure');
    expect(await findMatrixLinks(database.db, { actionLine: 'C1' })).toEqual([]);
    const c4 = await findMatrixLinks(database.db, { actionLine: 'C4' });
    expect(c4.every((l) => l.targets.join() === '4.4')).toBe(true);
    // Restore for the other tests.
    await database.db.update(matrixLinks).set({ deletedAt: null }).where(eq(matrixLinks.actionLine, 'C1'));
  });
});

describe('reference queries', () => {
  it('getActionLine finds a sub-line and throws NotFound for an unknown code', async () => {
    expect((await getActionLine(database.db, 'C7.e-health')).parent).toBe('C7');
    await expect(getActionLine(database.db, 'C99')).rejects.toMatchObject({ statusCode: 404 });
    await expect(getSdg(database.db, 18)).rejects.toMatchObject({ statusCode: 404 });
  });

  it('getMatrixLink returns a link with targets of its own goal', async () => {
    const link = await getMatrixLink(database.db, { actionLine: 'C7.e-health', sdg: 3 });
    expect(link.targets.length).toBeGreaterThan(0);
    expect(link.targets.every((t) => t.startsWith('3.'))).toBe(true);
    await expect(getMatrixLink(database.db, { actionLine: 'C7', sdg: 3 })).rejects.toMatchObject({ statusCode: 404 });
  });

  it('suggests SDGs and targets for action lines; a parent line stands for its sub-lines', async () => {
    const forHealth = await findSuggestedSdgsForActionLines(database.db, ['C7.e-health']);
    expect(forHealth.map((s) => s.sdg)).toContain(3);
    expect(forHealth.find((s) => s.sdg === 3)?.targets.every((t) => t.startsWith('3.'))).toBe(true);
    const forC7 = await findSuggestedSdgsForActionLines(database.db, ['C7']);
    expect(forC7.find((s) => s.sdg === 3)?.actionLines).toContain('C7.e-health');
    expect(await findSuggestedSdgsForActionLines(database.db, [])).toEqual([]);
    expect(await findSuggestedSdgsForActionLines(database.db, ['nope'])).toEqual([]);
    const sdgs = forC7.map((s) => s.sdg);
    expect(sdgs).toEqual([...sdgs].sort((a, b) => a - b));
  });

  it('knows the region of a country and names countries in each language', async () => {
    expect(await regionOfCountry(database.db, 'FR')).toBe('EUR');
    expect(await regionOfCountry(database.db, 'sn')).toBe('AFR');
    expect(await regionOfCountry(database.db, 'AQ')).toBeNull();
    expect(await regionOfCountry(database.db, 'ZZ')).toBeNull();
    expect(countryName('DE', 'fr')).toBe('Allemagne');
    expect(countryName('DE', 'zh')).toBe('德国');
  });

  it('orders target codes as the 2030 Agenda does', () => {
    expect(['9.c', '1.10', '1.a', '1.5', '17.1'].sort(compareTargetCodes)).toEqual(['1.5', '1.10', '1.a', '9.c', '17.1']);
  });
});
