/**
 * A report's review in a real browser, on a phone's width: a CWG member reads the French text
 * paragraph by paragraph and comments on the second one; the secretariat answers the comment and
 * changes the text (a new version); the member sees the answer, the new text, and the comment
 * marked with the version it was made on. axe at zero violations on the review page.
 */
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { reports, reportTemplates, reportVersions } from '../src/modules/reports/tables.js';
import { buildUser } from '../src/test/factories.js';
import { expectAccessible, signIn, submitForm } from './support/actions.js';
import { skipBrowserTests } from './support/chromium.js';
import { useBrowserHarness } from './support/harness.js';

describe.skipIf(skipBrowserTests)('reports in review', () => {
  const h = useBrowserHarness();

  it('a CWG member comments on a paragraph in French; the secretariat answers and changes the text', async () => {
    const db = h.platform.database.db;
    const [template] = await db.select().from(reportTemplates).where(eq(reportTemplates.key, 'stocktaking'));
    if (!template) throw new Error('the templates are not seeded');
    const [report] = await db
      .insert(reports)
      .values({ templateKey: 'stocktaking', year: 2024, title: template.title, sections: template.sections, state: 'review', cutoff: '2024-12-31' })
      .returning();
    if (!report) throw new Error('no report');
    await db.insert(reportVersions).values({
      reportId: report.id,
      number: 1,
      state: 'review',
      narratives: {
        introduction: {
          text: { fr: 'Le nombre de projets a **augmenté**.\n\nLes femmes et les filles sont au cœur des projets.' },
          translations: { fr: 'original' },
        },
      },
    });
    const member = await buildUser(db, { roles: ['cwg-member'], locale: 'fr' });
    const secretariat = await buildUser(db, { roles: ['secretariat'], locale: 'fr' });
    const phone = { viewport: { width: 360, height: 740 }, locale: 'fr' };

    // The member comments on paragraph 2 of the introduction.
    const page = await h.newPage(phone);
    await signIn(page, 'fr', member.email);
    await page.goto(`/fr/reports/review/${report.id}?lang=fr`);
    expect(await page.locator('main #p-introduction-0').textContent()).toContain('Le nombre de projets a augmenté.');
    await expectAccessible(page);
    await page.locator('main #p-introduction-1 summary').click();
    await page.locator('main #p-introduction-1 textarea[name="body"]').fill('Donner les chiffres par région.');
    await submitForm(page, 'main #p-introduction-1 form');
    expect(await page.locator('main #p-introduction-1 .comments').textContent()).toContain('Donner les chiffres par région.');
    await expectAccessible(page);

    // The secretariat answers, then changes the text of paragraph 2 (a new version).
    const office = await h.newPage({ locale: 'fr' });
    await signIn(office, 'fr', secretariat.email);
    await office.goto(`/fr/reports/review/${report.id}?lang=fr`);
    await office.locator('main #p-introduction-1 .comment summary').first().click();
    await office.locator('main #p-introduction-1 .comment textarea[name="body"]').fill('Les chiffres par région figurent dans la section suivante.');
    await submitForm(office, 'main #p-introduction-1 .comment form');
    expect(await office.locator('main #p-introduction-1 .answers').textContent()).toContain('Les chiffres par région figurent dans la section suivante.');
    await office.goto(`/fr/admin/reports/${report.id}?lang=fr`);
    await office
      .locator('main textarea[name="text.introduction"]')
      .fill('Le nombre de projets a **augmenté**.\n\nLes femmes et les filles sont au cœur des projets, dans toutes les régions.');
    await submitForm(office, 'main form[action*="/narratives"]');
    expect(await office.locator('main').textContent()).toContain('version 2');
    await office.goto(`/fr/admin/reports/${report.id}/versions/1/diff/2`);
    expect(await office.locator('main ins').first().textContent()).toContain('dans toutes les régions');

    // The member sees the new text, the answer, and the comment marked with version 1.
    await page.goto(`/fr/reports/review/${report.id}?lang=fr`);
    const paragraph = page.locator('main #p-introduction-1');
    expect(await paragraph.textContent()).toContain('dans toutes les régions.');
    expect(await paragraph.locator('.comments').textContent()).toContain('sur la version 1');
    expect(await paragraph.locator('.answers').textContent()).toContain('Les chiffres par région figurent dans la section suivante.');
    await expectAccessible(page);
  });
});
