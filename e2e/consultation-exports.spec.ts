/**
 * The consultation pages of exports/ in a real browser, in the six languages, each checked with
 * axe-core (WCAG 2.2 AA): the published answers, the circular letter, unsubscribing through the
 * link of the letter (the page asks, the button confirms), and the analysts' page from which a
 * manager sends the letter.
 */
import { describe, expect, it } from 'vitest';
import { LOCALES } from '../src/core/i18n/locales.js';
import { organizations } from '../src/modules/accounts/tables.js';
import { unsubscribeToken } from '../src/modules/consultations/exports/letter.js';
import { insertAnswer, insertConsultation } from '../src/modules/consultations/exports/test-helpers.js';
import { buildUser } from '../src/test/factories.js';
import { expectAccessible, signIn, submitForm } from './support/actions.js';
import { skipBrowserTests } from './support/chromium.js';
import { useBrowserHarness } from './support/harness.js';

describe.skipIf(skipBrowserTests)('consultation exports, letter and published answers (six languages)', () => {
  const h = useBrowserHarness();

  it.each(LOCALES)('%s: the public pages and the manager’s page are accessible and work', async (locale) => {
    const db = h.platform.database.db;
    const [org] = await db
      .insert(organizations)
      .values({ name: `Ministère ${locale}`, stakeholderType: 'government', country: 'FR' })
      .returning();
    const consultation = await insertConsultation(db, { answersMayBePublished: true, audience: 'cwg' });
    await insertAnswer(db, {
      consultationId: consultation.id,
      organizationId: org?.id ?? null,
      publish: true,
      values: { q1: { text: 'Rural broadband first.' }, q2: { choice: 'infra' }, q4: { yes: true } },
      meta: { stakeholderType: 'government', country: 'FR' },
    });
    await insertAnswer(db, { consultationId: consultation.id, userId: (await buildUser(db)).id, publish: true, language: 'ar', values: { q1: { text: 'النطاق العريض للجميع' } } });
    const visitor = await h.newPage();

    await visitor.goto(`/${locale}/consultations/${consultation.id}/answers`);
    expect(await visitor.locator('main article').count()).toBe(2);
    await expectAccessible(visitor);

    await visitor.goto(`/${locale}/consultations/${consultation.id}/letter`);
    expect(await visitor.locator('main h1').textContent()).toBeTruthy();
    await expectAccessible(visitor);

    const member = await buildUser(db, { roles: ['cwg-member'], locale });
    const signer = { sign: (v: string) => h.platform.app.signCookie(v), unsign: (t: string) => h.platform.app.unsignCookie(t) };
    await visitor.goto(`/${locale}/consultations/unsubscribe?token=${encodeURIComponent(unsubscribeToken(signer, member.email))}`);
    await expectAccessible(visitor);
    await submitForm(visitor, 'main form');
    expect(await visitor.locator('main [role="status"]').count()).toBe(1);
    await expectAccessible(visitor);

    const manager = await buildUser(db, { roles: ['consultation-manager'], locale });
    const page = await h.newPage();
    await signIn(page, locale, manager.email);
    await page.goto(`/${locale}/admin/consultations/${consultation.id}/exports`);
    await expectAccessible(page);
    await submitForm(page, 'main form.inline-form');
    expect(await page.locator('main table tbody tr').count()).toBe(1);
    await expectAccessible(page);
  });
});
