/**
 * User text written in the other direction than the page's is isolated wherever it is shown: a
 * Latin title or name on an Arabic page sits in a <bdi> (or an element with dir="auto"), and in
 * messages and attributes between U+2068 and U+2069. Without that, the Arabic vote button read
 * «Rural broadband connectivity for schools« التصويت لصالح.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { translator } from '../core/i18n/translate.js';
import { documentTitle } from '../core/views/Layout.js';
import { memberships, organizations } from '../modules/accounts/tables.js';
import { createEdition } from '../modules/prizes/commands/create-edition.js';
import { updateEdition } from '../modules/prizes/commands/update-edition.js';
import { actorOf, buildVoter, nominateAndAccept, phases } from '../modules/prizes/test-helpers.js';
import { insertPublishedEntry } from '../modules/stocktaking/test-helpers.js';
import { createTestKit, type TestKit } from './app.js';
import { buildUser } from './factories.js';

const LATIN_TITLE = 'Rural broadband connectivity for schools';
const LATIN_ORGANIZATION = 'Connect Rural Senegal';
const LATIN_PERSON = 'Aminata Diallo';
const ARABIC_TITLE = 'الربط الريفي بالنطاق العريض للمدارس';

/**
 * Every place `text` appears in `html` that is not isolated: neither right after U+2068 (a message
 * value) nor the whole content of an element that is a <bdi> or has dir="auto". Returns the
 * surroundings of each such place.
 */
const unisolated = (html: string, text: string) => {
  const escaped = text.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const found: string[] = [];
  for (let at = html.indexOf(escaped); at !== -1; at = html.indexOf(escaped, at + 1)) {
    if (html[at - 1] === '\u2068' && html[at + escaped.length] === '\u2069') continue;
    const open = html.lastIndexOf('<', at);
    const close = html.indexOf('>', open);
    const tag = html.slice(open, close + 1);
    const between = html.slice(close + 1, at);
    const after = html.slice(at + escaped.length, html.indexOf('<', at));
    const isolating = /^<bdi[\s>]/.test(tag) || / dir="auto"/.test(tag);
    if (isolating && between.trim() === '' && after.trim() === '') continue;
    found.push(html.slice(Math.max(0, open - 80), at + escaped.length + 40));
  }
  return found;
};

let kit: TestKit;
let entryId: number;
let arabicEntryId: number;
let organizationId: number;
let manager: Awaited<ReturnType<typeof buildUser>>;
const YEAR = 2043;

beforeAll(async () => {
  kit = await createTestKit();
  const { db } = kit.database;
  manager = await buildUser(db, { roles: ['prize-manager', 'admin', 'moderator'], name: LATIN_PERSON });
  const managerActor = actorOf(manager, ['prize-manager']);
  const owner = await buildUser(db, { name: LATIN_PERSON });
  const [organization] = await db.insert(organizations).values({ name: LATIN_ORGANIZATION, stakeholderType: 'civil-society', country: 'SN' }).returning();
  organizationId = organization?.id as number;
  await db.insert(memberships).values({ organizationId, userId: owner.id, role: 'manager' });
  await createEdition(db, { actor: managerActor, input: { year: YEAR, phases: phases(0) } });
  await updateEdition(db, { actor: managerActor, year: YEAR, patch: { summaryMinWords: 1, projectsPerOrganizationPerCategory: 5 } });
  const entry = await insertPublishedEntry(db, {
    submitterId: owner.id,
    organizationId,
    title: { en: LATIN_TITLE },
    summary: { en: 'Schools in the Kolda region get a fibre link.' },
  });
  entryId = entry.id;
  const arabic = await insertPublishedEntry(db, { submitterId: owner.id, organizationId, originalLanguage: 'ar', title: { ar: ARABIC_TITLE } });
  arabicEntryId = arabic.id;
  await nominateAndAccept(db, { owner: actorOf(owner), manager: managerActor, year: YEAR, category: 1, entries: [entry, arabic] });
  await updateEdition(db, { actor: managerActor, year: YEAR, patch: { phases: phases(2) } });
});
afterAll(async () => kit?.close());

describe('user text in the other direction', () => {
  it('isolates message values of the other direction, and only those', () => {
    const ar = translator('ar');
    expect(ar('prizes.vote.button', { title: LATIN_TITLE })).toBe(`التصويت لصالح «\u2068${LATIN_TITLE}\u2069»`);
    expect(ar('prizes.vote.button', { title: ARABIC_TITLE })).toBe(`التصويت لصالح «${ARABIC_TITLE}»`);
    expect(translator('fr')('prizes.vote.button', { title: ARABIC_TITLE })).toContain(`\u2068${ARABIC_TITLE}\u2069`);
    expect(translator('en')('prizes.vote.button', { title: LATIN_TITLE })).toBe(`Vote for “${LATIN_TITLE}”`);
  });

  it('names the site once in the document title, and isolates a page title of the other direction', () => {
    for (const locale of ['ar', 'en', 'fr', 'zh'] as const) {
      const t = translator(locale);
      const site = t('core.site.name');
      expect(documentTitle({ t, locale, title: t('home.page.title') })).toBe(site);
      expect(documentTitle({ t, locale, title: `${t('home.page.title')} — x` }).split(site)).toHaveLength(2);
    }
    expect(documentTitle({ t: translator('ar'), locale: 'ar', title: LATIN_TITLE })).toBe(`\u2068${LATIN_TITLE}\u2069 · ${translator('ar')('core.site.name')}`);
  });

  it('isolates a Latin title, organization and person on the Arabic pages of Stocktaking and the Prizes', async () => {
    const voter = await kit.as(await buildVoter(kit.database.db, { daysOld: 60 }));
    const admin = await kit.as(manager);
    const pages: [string, Awaited<ReturnType<typeof voter.get>>, string[]][] = [
      [`/ar/prizes/${YEAR}/vote`, await voter.get(`/ar/prizes/${YEAR}/vote`), [LATIN_TITLE]],
      [`/ar/stocktaking/${entryId}`, await kit.client().get(`/ar/stocktaking/${entryId}`), [LATIN_TITLE, LATIN_ORGANIZATION]],
      ['/ar/stocktaking', await kit.client().get('/ar/stocktaking'), [LATIN_TITLE, LATIN_ORGANIZATION]],
      [`/ar/stocktaking/organizations/${organizationId}`, await kit.client().get(`/ar/stocktaking/organizations/${organizationId}`), [LATIN_TITLE, LATIN_ORGANIZATION]],
      [`/ar/organizations/${organizationId}`, await admin.get(`/ar/organizations/${organizationId}`), [LATIN_ORGANIZATION, LATIN_PERSON]],
      [`/ar/admin/prizes/${YEAR}/nominations`, await admin.get(`/ar/admin/prizes/${YEAR}/nominations`), [LATIN_TITLE]],
      ['/ar/admin/users', await admin.get('/ar/admin/users'), [LATIN_PERSON]],
    ];
    for (const [url, res, texts] of pages) {
      expect(res.statusCode, url).toBe(200);
      for (const text of texts) {
        expect(res.body, `${url} shows ${text}`).toContain(text);
        expect(unisolated(res.body, text), `${url}: ${text} not isolated`).toEqual([]);
      }
    }
    // The vote button: the title between isolates inside the Arabic sentence.
    expect(pages[0]?.[1].body).toContain(`التصويت لصالح «\u2068${LATIN_TITLE}\u2069»`);
  });

  it('isolates an Arabic title on the French pages', async () => {
    const voter = await kit.as(await buildVoter(kit.database.db, { daysOld: 60 }));
    for (const url of [`/fr/prizes/${YEAR}/vote`, `/fr/stocktaking/${arabicEntryId}`, '/fr/stocktaking', `/fr/stocktaking/organizations/${organizationId}`]) {
      const res = await voter.get(url);
      expect(res.statusCode, url).toBe(200);
      expect(res.body, url).toContain(ARABIC_TITLE);
      expect(unisolated(res.body, ARABIC_TITLE), `${url}: Arabic title not isolated`).toEqual([]);
    }
  });
});
