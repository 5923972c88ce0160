import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestKit, type TestKit } from '../../test/app.js';
import { buildUser } from '../../test/factories.js';
import { inArray } from 'drizzle-orm';
import { organizations } from '../accounts/tables.js';
import { entries } from './tables.js';
import { insertPublishedEntry } from './test-helpers.js';

let kit: TestKit;
let published: number;
let unpublished: number;
let moderatorEmail: string;
beforeAll(async () => {
  kit = await createTestKit();
  const { db } = kit.database;
  published = (
    await insertPublishedEntry(db, {
      title: { en: 'Mesh networks for fishing villages', fr: 'Réseaux maillés pour les villages de pêcheurs' },
      summary: { en: 'Community Wi-Fi along the coast.' },
      translations: { en: 'original', fr: 'unofficial' },
      actionLines: ['C2', 'C7.e-business'],
      sdgs: [9, 14],
      countries: ['SN', 'GM'],
      leadCountry: 'SN',
      region: 'AFR',
      targetGroups: ['youth'],
      contactEmail: 'private.contact@example.org',
      contactName: 'Private Contact',
      isDemo: true,
    })
  ).id;
  unpublished = (await insertPublishedEntry(db, { state: 'submitted', title: { en: 'Hidden narwhal tracker' } })).id;
  await insertPublishedEntry(db, { title: { en: '<script>alert("x")</script> Evil title' }, summary: { en: '<img src=x onerror=alert(1)>' } });
  for (let i = 0; i < 5; i++) await insertPublishedEntry(db, { title: { en: `Pelican survey ${i}` }, summary: { en: 'Pelican counting.' } });
  moderatorEmail = (await buildUser(db, { roles: ['moderator'] })).email;
});
afterAll(async () => kit.close());

const count = (html: string, pattern: RegExp) => (html.match(pattern) ?? []).length;

describe('GET /:locale/stocktaking', () => {
  it('searches, shows facets with counts in an aside and one h1', async () => {
    const res = await kit.app.inject({ url: '/en/stocktaking?q=mesh' });
    expect(res.statusCode).toBe(200);
    expect(count(res.body, /<h1[ >]/g)).toBe(1);
    expect(res.body).toContain(`href="/en/stocktaking/${published}"`);
    expect(res.body).toContain('<mark>Mesh</mark>');
    expect(res.body).toMatch(/<aside[^>]*>[\s\S]*name="actionLine" value="C2"[\s\S]*\(1\)[\s\S]*<\/aside>/);
    expect(res.body).toContain('1 entry found');
  });

  it('keeps the reader in their language and marks an original in another one', async () => {
    const fr = await kit.app.inject({ url: '/fr/stocktaking?q=pelican' });
    expect(fr.body).toMatch(/<span lang="en" dir="auto"><mark>Pelican<\/mark> survey/);
    expect(fr.body).toContain('class="translation-note"');
  });

  it('names the organization of each entry shown, with its acronym', async () => {
    const { db } = kit.database;
    const [gannet] = await db.insert(organizations).values({ name: 'Gannet Institute', acronym: 'GI', stakeholderType: 'academia', country: 'FR' }).returning();
    const [puffin] = await db.insert(organizations).values({ name: 'Puffin Trust', stakeholderType: 'civil-society', country: 'IS' }).returning();
    const added = [
      await insertPublishedEntry(db, { title: { en: 'Seabird census online' }, organizationId: gannet?.id }),
      await insertPublishedEntry(db, { title: { en: 'Seabird nesting cameras' }, organizationId: puffin?.id }),
      await insertPublishedEntry(db, { title: { en: 'Seabird ringing app' }, organizationId: gannet?.id }),
    ];
    try {
      const res = await kit.app.inject({ url: '/en/stocktaking?q=seabird' });
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain('3 entries found');
      expect(count(res.body, /Gannet Institute \(GI\)/g)).toBe(2);
      expect(count(res.body, /Puffin Trust/g)).toBe(1);
    } finally {
      // The other tests count the entries of this file.
      await db.delete(entries).where(
        inArray(
          entries.id,
          added.map((e) => e.id),
        ),
      );
    }
  });

  it('is right to left in Arabic', async () => {
    const res = await kit.app.inject({ url: '/ar/stocktaking' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toMatch(/<html lang="ar" dir="rtl">/);
  });

  it('filters with GET parameters (repeated or comma-separated) and ignores nonsense', async () => {
    const res = await kit.app.inject({ url: '/en/stocktaking?actionLine=C7.e-business&sdg=14,99&page=abc&sort=bogus' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('1 entry found');
    expect(res.body).toMatch(/name="actionLine" value="C7.e-business" checked/);
  });

  it('pages the results and keeps the query in the links', async () => {
    const res = await kit.app.inject({ url: '/en/stocktaking?q=pelican&pageSize=2' });
    expect(res.body).toContain('5 entries found');
    expect(res.body).toContain('href="/en/stocktaking?q=pelican&amp;pageSize=2&amp;page=2"');
    const page3 = await kit.app.inject({ url: '/en/stocktaking?q=pelican&pageSize=2&page=3' });
    expect(count(page3.body, /<mark>Pelican<\/mark> survey \d/g)).toBe(1);
  });

  it('lists the ten most frequent values of a long facet and the others when asked, chosen ones always shown', async () => {
    const { db } = kit.database;
    // AR in every entry, then twelve countries once each: AR and the first nine by code are shown.
    const countries = ['BO', 'BR', 'CL', 'CO', 'CR', 'EC', 'MX', 'PE', 'PY', 'UY', 'VE', 'GY'];
    for (const [i, code] of countries.entries()) await insertPublishedEntry(db, { title: { en: `Kiwi orchard ${i}` }, actionLines: ['C11'], countries: ['AR', code] });
    const open = (await kit.app.inject({ url: '/fr/stocktaking?q=kiwi' })).body;
    expect(open).toContain('value="AR"');
    expect(open).toContain('value="CR"');
    // The other three are not sent: a button of the filter form asks for them, at the first of them.
    expect(open).not.toContain('value="VE"');
    const button = /<button type="submit" class="link-button facet-more" name="more" value="country" formaction="([^"]+)">Autres valeurs \(3\)<\/button>/.exec(open);
    expect(button?.[1]).toMatch(/^\/fr\/stocktaking#facet-country-value-\d+$/);
    const chosen = (await kit.app.inject({ url: '/fr/stocktaking?q=kiwi&country=VE' })).body;
    expect(chosen).toMatch(/value="VE" checked/);
    expect(chosen).toContain('Autres valeurs (2)');

    // Asked for (as the button submits the form): every value, the first new one where the button pointed, no button.
    const full = (await kit.app.inject({ url: '/fr/stocktaking?q=kiwi&more=country' })).body;
    for (const code of countries) expect(full).toContain(`value="${code}"`);
    expect(full).toContain(`id="${button?.[1]?.split('#')[1]}"`);
    expect(full).not.toContain('Autres valeurs');
    // The form keeps the choice when filters are applied; nonsense is ignored.
    expect(full).toContain('<input type="hidden" name="more" value="country"/>');
    expect((await kit.app.inject({ url: '/fr/stocktaking?q=kiwi&more=<script>,bogus' })).statusCode).toBe(200);
  });

  it('renders a <script> title as text', async () => {
    const res = await kit.app.inject({ url: '/en/stocktaking?q=evil' });
    expect(res.body).not.toContain('<script>alert');
    expect(res.body).not.toContain('<img src=x');
    expect(res.body).toContain('&lt;script>alert');
  });

  it('hides unpublished entries from the public and shows them to moderators', async () => {
    const pub = await kit.app.inject({ url: '/en/stocktaking?q=narwhal' });
    expect(pub.body).not.toContain('Hidden narwhal');
    const moderator = await kit.as({ email: moderatorEmail });
    const mod = await moderator.get('/en/stocktaking?q=narwhal');
    expect(mod.body).toContain('Hidden <mark>narwhal</mark> tracker');
    expect(mod.body).toContain('Awaiting moderation');
  });

  it('never shows the private contact', async () => {
    const res = await kit.app.inject({ url: '/en/stocktaking' });
    expect(res.body).not.toContain('private.contact@example.org');
  });
});

describe('GET /:locale/stocktaking/:id', () => {
  it('joins lists the way the reader language does', async () => {
    const fr = await kit.app.inject({ url: `/fr/stocktaking/${published}` });
    expect(fr.body).toContain('Sénégal et Gambie');
    const ar = await kit.app.inject({ url: `/ar/stocktaking/${published}` });
    expect(ar.body).toContain('السنغال وغامبيا');
  });

  it('shows every public field, links action lines and SDGs, and the demo badge', async () => {
    const res = await kit.app.inject({ url: `/en/stocktaking/${published}` });
    expect(res.statusCode).toBe(200);
    expect(count(res.body, /<h1[ >]/g)).toBe(1);
    expect(res.body).toContain('href="/en/action-lines/C2"');
    expect(res.body).toContain('href="/en/action-lines/C7.e-business"');
    expect(res.body).toContain('href="/en/sdgs/14"');
    expect(res.body).toContain('Senegal');
    expect(res.body).toContain('Gambia');
    expect(res.body).toContain('Demo entry');
    expect(res.body).not.toContain('private.contact@example.org');
    expect(res.body).not.toContain('Private Contact');
  });

  it('shows the French (unofficial) translation to French readers', async () => {
    const res = await kit.app.inject({ url: `/fr/stocktaking/${published}` });
    expect(res.body).toContain('Réseaux maillés pour les villages de pêcheurs');
    expect(res.body).toContain('class="translation-note"');
  });

  it.each(['abc', '0', '-1', '1.5', '99999999999999999999', '9999999'])('answers 404 for /en/stocktaking/%s', async (id) => {
    const res = await kit.app.inject({ url: `/en/stocktaking/${id}` });
    expect(res.statusCode).toBe(404);
  });

  it('answers 404 for an unpublished entry, which a moderator may open', async () => {
    expect((await kit.app.inject({ url: `/en/stocktaking/${unpublished}` })).statusCode).toBe(404);
    const moderator = await kit.as({ email: moderatorEmail });
    expect((await moderator.get(`/en/stocktaking/${unpublished}`)).statusCode).toBe(200);
  });
});

describe('GET /:locale/stocktaking/statistics', () => {
  it('draws bar charts with their data tables, every label whole', async () => {
    const res = await kit.app.inject({ url: '/en/stocktaking/statistics' });
    expect(res.statusCode).toBe(200);
    expect(count(res.body, /<h1[ >]/g)).toBe(1);
    expect(count(res.body, /<div class="bar-chart" role="img" aria-labelledby="chart-\w+-caption" aria-describedby="chart-\w+-desc">/g)).toBe(6);
    // Each chart's title is a heading of the page, and its description says what the bars are.
    expect(res.body).toContain('<figcaption id="chart-actionLine-caption"><h2>Entries by Action line</h2></figcaption>');
    expect(res.body).toContain(
      '<p id="chart-actionLine-desc" hidden>One bar per value of “Action line”, as long as its number of published entries; the table gives the same figures.</p>',
    );
    expect(res.body).toMatch(/<caption>Entries by Action line<\/caption>/);
    expect(res.body).toMatch(/<th scope="row"><a href="\/en\/stocktaking\?actionLine=C2">C2 [^<]+<\/a><\/th><td class="numeric">7<\/td>/); // 8 with C2, one unpublished
    expect(res.body).not.toContain('narwhal');
    // Labels are text that wraps, not cut at a number of characters.
    for (const locale of ['en', 'ru', 'zh']) {
      const body = (await kit.app.inject({ url: `/${locale}/stocktaking/statistics` })).body;
      const labels = [...body.matchAll(/<span class="bar-label"><bdi>([^<]*)<\/bdi><\/span>/g)].map((m) => m[1] ?? '');
      const tableLabels = [...body.matchAll(/<th scope="row"><a [^>]*>([^<]*)<\/a><\/th>/g)].map((m) => m[1] ?? '');
      expect(labels.length, locale).toBeGreaterThan(0);
      expect(labels, locale).toEqual(tableLabels);
      expect(
        labels.some((l) => l.endsWith('…')),
        locale,
      ).toBe(false);
    }
  });

  it('answers in Arabic', async () => {
    const res = await kit.app.inject({ url: '/ar/stocktaking/statistics' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toMatch(/<html lang="ar" dir="rtl">/);
  });

  it('mirrors the bars in Arabic: they grow from the right', async () => {
    const bars = async (locale: string) => {
      const body = (await kit.app.inject({ url: `/${locale}/stocktaking/statistics` })).body;
      return [...body.matchAll(/<rect x="([\d.]+)" y="0" width="([\d.]+)"/g)].map((m) => ({ x: Number(m[1]), width: Number(m[2]) }));
    };
    const en = await bars('en');
    const ar = await bars('ar');
    expect(en.length).toBeGreaterThan(0);
    expect(en.every((b) => b.x === 0)).toBe(true);
    expect(ar.every((b) => Math.abs(b.x + b.width - 100) < 1e-9)).toBe(true);
    expect(ar.some((b) => b.x > 0)).toBe(true);
  });
});
