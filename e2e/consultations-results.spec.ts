/**
 * Results of a consultation in a real browser: the results page (charts, tables, the breakdown
 * form sent without script) and the synthesis in the six languages, then an analyst (French)
 * freezes the synthesis. Every page is checked with axe-core (WCAG 2.2 AA).
 */
import { describe, expect, it } from 'vitest';
import { LOCALES } from '../src/core/i18n/locales.js';
import { insertKnownResults } from '../src/modules/consultations/results/test-helpers.js';
import { buildUser } from '../src/test/factories.js';
import { expectAccessible, signIn, submitForm } from './support/actions.js';
import { skipBrowserTests } from './support/chromium.js';
import { useBrowserHarness } from './support/harness.js';

describe.skipIf(skipBrowserTests)('consultation results (six languages)', () => {
  const h = useBrowserHarness();

  it('shows the results and the synthesis, accessible in every language, and freezes the synthesis', async () => {
    const { db } = h.platform.database;
    const published = await insertKnownResults(db, { status: 'published' });
    const closed = await insertKnownResults(db, { status: 'closed' });
    const page = await h.newPage();
    for (const locale of LOCALES) {
      await page.goto(`/${locale}/consultations/${published.consultation.id}/results?breakdown=gender`);
      expect(await page.locator('figure.chart [role="img"]').count()).toBeGreaterThan(3);
      await expectAccessible(page);
      await page.goto(`/${locale}/consultations/${published.consultation.id}/synthesis`);
      await expectAccessible(page);
    }
    // The counting chosen in the form (no script needed: a GET form).
    await page.goto(`/en/consultations/${published.consultation.id}/results`);
    await page.locator('#counting-once').check();
    await page.locator('#breakdown').selectOption('language');
    await submitForm(page, 'form.results-options');
    expect(page.url()).toContain('breakdown=language');
    expect(page.url()).toContain('counting=campaigns-once');
    expect(await page.locator('caption', { hasText: 'Your role: breakdown' }).count()).toBe(1);

    const analyst = await buildUser(db, { roles: ['consultation-manager'], locale: 'fr' });
    const a = await h.newPage();
    await signIn(a, 'fr', analyst.email);
    await a.goto(`/fr/admin/consultations/${closed.consultation.id}/synthesis`);
    await expectAccessible(a);
    await submitForm(a, `form[action="/fr/admin/consultations/${closed.consultation.id}/synthesis/freeze"]`);
    expect(await a.locator('.notice').first().textContent()).toMatch(/Version finale, figée le/);
    await expectAccessible(a);
  }, 300_000);
});
