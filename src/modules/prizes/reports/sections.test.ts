/**
 * The WSIS Prizes' report sections (`prizes.results`, `prizes.stories`) as the reports module
 * calls them, through the manifest, on an edition made with the module's own commands: nothing
 * before the announcement, then the winners and champions with the public vote counts (checked
 * against the votes table) and the success stories in the report's language. PGlite and PostgreSQL.
 */
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contributions } from '../../../core/contributions.js';
import type { Locale } from '../../../core/i18n/locales.js';
import type { Actor } from '../../../core/permissions/index.js';
import { cellText, type ReportBlock, type ReportSectionArgs, reportText } from '../../../core/reports/document.js';
import { createTestDatabase, type TestDatabase } from '../../../test/db.js';
import { buildUser } from '../../../test/factories.js';
import { organizations } from '../../accounts/tables.js';
import { insertPublishedEntry } from '../../stocktaking/test-helpers.js';
import { createEdition } from '../commands/create-edition.js';
import { updateEdition } from '../commands/update-edition.js';
import { prizesModule } from '../module.js';
import { getEditionByYear } from '../queries.js';
import { confirmResults } from '../selection/commands/confirm-results.js';
import { votes } from '../tables.js';
import { actorOf, insertVotes, nominateAndAccept, phases } from '../test-helpers.js';

const YEAR = 2045;
let database: TestDatabase;
let manager: Actor;
/** Nominations of category 3 (the winner first) and of category 5. */
let c3: number[] = [];
let c5: number[] = [];

const sections = contributions([prizesModule], 'reportSections');
const sectionOf = (id: string) => {
  const found = sections.find((s) => s.contribution.id === id)?.contribution;
  if (!found) throw new Error(`${id} is not in the manifest`);
  return found;
};
// The edition's phases are around today (the commands check the clock): the report's period is the edition's year.
const build = async (id: string, { asOf, locale = 'en', year = YEAR }: { asOf: Date; locale?: Locale; year?: number }) => {
  const args: ReportSectionArgs = { from: new Date(Date.UTC(year, 0, 1)), to: new Date(Date.UTC(year + 1, 0, 1)), asOf, locale, options: {} };
  return (await sectionOf(id).build(database.db, args)).blocks;
};
const announcement = async () => (await getEditionByYear(database.db, YEAR)).announcementStart;

type Table = Extract<ReportBlock, { type: 'table' }>;
const tables = (blocks: ReportBlock[]) => blocks.filter((b): b is Table => b.type === 'table');

beforeAll(async () => {
  database = await createTestDatabase();
  const { db } = database;
  manager = actorOf(await buildUser(db, { roles: ['prize-manager'] }), ['prize-manager']);
  const ownerUser = await buildUser(db);
  const owner = actorOf(ownerUser);
  const [org] = await db.insert(organizations).values({ name: 'Rural Connect', acronym: 'RC', stakeholderType: 'civil-society', country: 'KE' }).returning();
  await createEdition(db, { actor: manager, input: { year: YEAR, phases: phases(0) } });
  await updateEdition(db, { actor: manager, year: YEAR, patch: { summaryMinWords: 1, projectsPerOrganizationPerCategory: 10 } });
  const entry = (e: Parameters<typeof insertPublishedEntry>[1]) => insertPublishedEntry(db, { submitterId: ownerUser.id, organizationId: org?.id, leadCountry: 'KE', ...e });
  c3 = (
    await nominateAndAccept(db, {
      owner,
      manager,
      year: YEAR,
      category: 3,
      entries: [
        await entry({
          title: { en: 'Rural broadband cooperative', fr: 'Coopérative rurale à haut débit' },
          summary: { en: 'Villages own their network.\nThey run it together.', fr: 'Les villages possèdent leur réseau.' },
        }),
        await entry({ originalLanguage: 'ar', title: { ar: 'حافلات محو الأمية الرقمية' }, summary: { ar: 'حافلات تعلّم الحوسبة.' }, leadCountry: 'EG' }),
        await entry({ title: { en: 'Library hotspots' }, summary: { en: 'Free access in libraries.' }, leadCountry: 'BR', organizationId: null }),
      ],
    })
  ).map((n) => n.nomination);
  c5 = (await nominateAndAccept(db, { owner, manager, year: YEAR, category: 5, entries: [await entry({ title: { en: 'Safe online banking' } })] })).map((n) => n.nomination);
  const editionId = (await getEditionByYear(db, YEAR)).id;
  for (const [nominationId, count] of [
    [c3[0], 3],
    [c3[1], 2],
    [c3[2], 1],
  ] as const) {
    await insertVotes(db, { editionId, category: 3, nominationId: nominationId as number, count });
  }
  await insertVotes(db, { editionId, category: 5, nominationId: c5[0] as number, count: 2 });
  // One vote set aside by the integrity review: cast, not valid.
  const [oneVote] = await db
    .select({ id: votes.id })
    .from(votes)
    .where(eq(votes.nominationId, c3[1] as number));
  await db
    .update(votes)
    .set({ invalidatedAt: new Date(), invalidReason: 'test' })
    .where(eq(votes.id, oneVote?.id as number));
  await updateEdition(db, { actor: manager, year: YEAR, patch: { phases: phases(3) }, confirmVoteChanges: true });
  for (const [category, nominationId] of [
    [3, c3[0]],
    [5, c5[0]],
  ] as const) {
    const confirmed = await confirmResults(db, { actor: manager, year: YEAR, category, nominationId: nominationId as number, baseUrl: 'http://platform.test' });
    if (!confirmed.ok) throw new Error(confirmed.error);
  }
}, 300_000);
afterAll(async () => database?.drop());

describe('prizes.results', () => {
  it('says the results are not announced when the cut-off comes before the announcement', async () => {
    const asOf = new Date((await announcement()).getTime() - 1);
    const blocks = await build('prizes.results', { asOf });
    expect(blocks).toHaveLength(1);
    expect(blocks[0]?.type).toBe('paragraph');
    expect(reportText((blocks[0] as { text: string }).text)).toMatch(new RegExp(`^The results of the WSIS Prizes ${YEAR} had not been announced as of `));
    expect(JSON.stringify(blocks)).not.toContain('Rural broadband');
    // A year without an edition says so.
    expect(await build('prizes.results', { asOf, year: 2031 })).toEqual([{ type: 'paragraph', text: 'There is no WSIS Prizes edition for 2031.' }]);
  });

  it('gives the winner and champions of each category, with the public vote counts, once announced', async () => {
    const blocks = await build('prizes.results', { asOf: await announcement() });
    const [c3Table, c5Table] = tables(blocks);
    expect(tables(blocks).map((t) => t.caption)).toEqual(['Category 3: Access to information and knowledge', 'Category 5: Building confidence and security in use of ICTs']);
    expect(c3Table?.columns.map((c) => c.label)).toEqual(['Nominee', 'Result', 'Organization', 'Country', 'Valid votes', 'Votes cast']);
    expect(c3Table?.rowHeader).toBe(true);
    expect(c3Table?.rows.map((r) => r.slice(0, 4).map(cellText))).toEqual([
      ['Rural broadband cooperative', 'Winner', 'Rural Connect (RC)', 'Kenya'],
      ['حافلات محو الأمية الرقمية', 'Champion', 'Rural Connect (RC)', 'Egypt'],
      ['Library hotspots', 'Champion', '', 'Brazil'],
    ]);
    // Titles isolated, with their language when not the report's.
    expect(c3Table?.rows[0]?.[0]).toEqual([{ text: 'Rural broadband cooperative', isolate: true }]);
    expect(c3Table?.rows[1]?.[0]).toEqual([{ text: 'حافلات محو الأمية الرقمية', isolate: true, lang: 'ar' }]);
    // The counts are those of the votes table: valid (not set aside) and cast.
    for (const [i, nominationId] of c3.entries()) {
      const { rows } = await database.db.execute<{ cast: string | number; valid: string | number }>(
        sql`select count(*) as cast, count(*) filter (where invalidated_at is null) as valid from prizes_votes where nomination_id = ${nominationId}`,
      );
      expect(c3Table?.rows[i]?.[4], `valid ${i}`).toEqual({ text: String(rows[0]?.valid), value: Number(rows[0]?.valid) });
      expect(c3Table?.rows[i]?.[5], `cast ${i}`).toEqual({ text: String(rows[0]?.cast), value: Number(rows[0]?.cast) });
    }
    expect(c3Table?.rows[1]?.slice(4)).toEqual([
      { text: '1', value: 1 },
      { text: '2', value: 2 },
    ]);
    expect(c5Table?.rows.map((r) => r.map(cellText))).toEqual([['Safe online banking', 'Winner', 'Rural Connect (RC)', 'Kenya', '2', '2']]);
    expect(blocks.find((b) => b.type === 'paragraph' && reportText(b.text).startsWith('Votes cast'))).toEqual({
      type: 'paragraph',
      text: 'Votes cast: 8. Valid votes: 7. Votes not valid: 1.',
    });
  });

  it('is written in the report’s language', async () => {
    const asOf = await announcement();
    const fr = await build('prizes.results', { asOf, locale: 'fr' });
    const [table] = tables(fr);
    expect(table?.caption).toBe("Catégorie 3\u00a0: Accès à l'information et au savoir");
    expect(table?.rows[0]?.slice(0, 4).map(cellText)).toEqual(['Coopérative rurale à haut débit', 'Lauréat', 'Rural Connect (RC)', 'Kenya']);
    const ar = await build('prizes.results', { asOf, locale: 'ar' });
    expect(tables(ar)[0]?.rows[0]?.[0]).toEqual([{ text: 'Rural broadband cooperative', isolate: true, lang: 'en' }]);
    expect(tables(ar)[0]?.rows[0]?.[3]).toBe('كينيا');
    for (const locale of ['es', 'ru', 'zh'] as const) expect(JSON.stringify(await build('prizes.results', { asOf, locale }))).not.toMatch(/prizes\.(reports|results|stories)\./);
  });
});

describe('prizes.stories', () => {
  it('says the stories are not announced before the announcement', async () => {
    const blocks = await build('prizes.stories', { asOf: new Date((await announcement()).getTime() - 1) });
    expect(blocks).toHaveLength(1);
    expect(reportText((blocks[0] as { text: string }).text)).toContain('had not been announced');
  });

  it('gives each category as a heading, each story as a heading with its title and its text as paragraphs', async () => {
    const blocks = await build('prizes.stories', { asOf: await announcement() });
    expect(blocks[0]).toEqual({ type: 'paragraph', text: `The winners and champions of the WSIS Prizes ${YEAR}, category by category.` });
    expect(blocks.filter((b) => b.type === 'heading' && b.level === 2).map((b) => reportText((b as { text: string }).text))).toEqual([
      'Category 3: Access to information and knowledge',
      'Category 5: Building confidence and security in use of ICTs',
    ]);
    const winnerAt = blocks.findIndex((b) => b.type === 'heading' && b.level === 3);
    expect(blocks.slice(winnerAt, winnerAt + 4)).toEqual([
      { type: 'heading', level: 3, text: [{ text: 'Winner · ' }, { text: 'Rural broadband cooperative', isolate: true }] },
      { type: 'paragraph', text: [{ text: 'Rural Connect (RC)', isolate: true }, { text: ' · ' }, { text: 'Kenya' }] },
      { type: 'paragraph', text: 'Villages own their network.' },
      { type: 'paragraph', text: 'They run it together.' },
    ]);
    expect(blocks.slice(winnerAt + 4, winnerAt + 7)).toEqual([
      { type: 'heading', level: 3, text: [{ text: 'Champion · ' }, { text: 'حافلات محو الأمية الرقمية', isolate: true, lang: 'ar' }] },
      { type: 'paragraph', text: [{ text: 'Rural Connect (RC)', isolate: true }, { text: ' · ' }, { text: 'Egypt' }] },
      { type: 'paragraph', text: 'حافلات تعلّم الحوسبة.', lang: 'ar' },
    ]);
  });

  it('takes the report’s language, else the house fallback, marking the language of the text', async () => {
    const asOf = await announcement();
    const fr = await build('prizes.stories', { asOf, locale: 'fr' });
    expect(fr).toContainEqual({ type: 'paragraph', text: 'Les villages possèdent leur réseau.' });
    // No French text: the English one, marked as English.
    expect(fr).toContainEqual({ type: 'paragraph', text: 'Free access in libraries.', lang: 'en' });
    expect(fr).toContainEqual({ type: 'heading', level: 3, text: [{ text: 'Projet champion · ' }, { text: 'Library hotspots', isolate: true, lang: 'en' }] });
    const zh = await build('prizes.stories', { asOf, locale: 'zh' });
    expect(zh).toContainEqual({ type: 'paragraph', text: 'Villages own their network.', lang: 'en' });
    expect(reportText((zh[0] as { text: string }).text)).toBe(`${YEAR}年信息社会世界峰会奖各类别的获奖者和优胜者。`);
  });
});
