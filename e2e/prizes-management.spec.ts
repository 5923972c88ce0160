/**
 * The WSIS Prizes pages added for issue 4 in a real browser, every page checked with axe-core
 * (WCAG 2.2 AA): a prize manager (French) adds, edits and removes a category of the edition; a
 * contributor (Arabic) withdraws a nomination after the confirmation step; a prize manager
 * (Chinese) removes an expert from a category after the confirmation step. Then the same forms
 * with JavaScript turned off (axe-core needs script, so those pages are checked in the first pass).
 */
import { describe, expect, it } from 'vitest';
import { createEdition } from '../src/modules/prizes/commands/create-edition.js';
import { submitNomination } from '../src/modules/prizes/commands/submit-nomination.js';
import { updateEdition } from '../src/modules/prizes/commands/update-edition.js';
import { getEditionByYear } from '../src/modules/prizes/queries.js';
import { experts } from '../src/modules/prizes/tables.js';
import { actorOf, phases } from '../src/modules/prizes/test-helpers.js';
import { insertPublishedEntry } from '../src/modules/stocktaking/test-helpers.js';
import { buildUser } from '../src/test/factories.js';
import { expectAccessible, signIn, submitForm } from './support/actions.js';
import { skipBrowserTests } from './support/chromium.js';
import { useBrowserHarness } from './support/harness.js';

const YEAR = 2047;

describe.skipIf(skipBrowserTests)('WSIS Prizes: categories, withdrawal, removal of an expert (fr, ar, zh)', () => {
  const h = useBrowserHarness();

  it('works without script, keeps what was typed on error, and every page is accessible', async () => {
    const { db } = h.platform.database;
    const managerUser = await buildUser(db, { roles: ['prize-manager'], locale: 'fr' });
    const manager = actorOf(managerUser, ['prize-manager']);
    const ownerUser = await buildUser(db, { locale: 'ar' });
    const expert = await buildUser(db, { roles: ['expert'], name: 'Li Wei' });
    await createEdition(db, { actor: manager, input: { year: YEAR, phases: phases(0) } });
    await updateEdition(db, { actor: manager, year: YEAR, patch: { summaryMinWords: 1 } });
    const entry = await insertPublishedEntry(db, { submitterId: ownerUser.id, title: { en: 'Solar school tablets', ar: 'أجهزة لوحية مدرسية تعمل بالطاقة الشمسية' } });
    const nominated = await submitNomination(db, { actor: actorOf(ownerUser), year: YEAR, input: { entryId: entry.id, category: 4, answers: {} } });
    if (!nominated.ok) throw new Error(nominated.error);
    await db.insert(experts).values({ editionId: (await getEditionByYear(db, YEAR)).id, categoryNumber: 4, userId: expert.id });

    // The manager, in French: the categories of the edition.
    const m = await h.newPage();
    await signIn(m, 'fr', managerUser.email);
    await m.goto(`/fr/admin/prizes/${YEAR}`);
    await expectAccessible(m);
    await Promise.all([m.waitForNavigation(), m.locator(`a[href="/fr/admin/prizes/${YEAR}/categories/new"]`).click()]);
    await m.locator('[name="number"]').fill('4');
    await m.locator('[name="actionLine"]').fill('C10');
    await m.locator('[name="title.fr"]').fill('Éthique de l’IA');
    await submitForm(m, `main form[action="/fr/admin/prizes/${YEAR}/categories"]`);
    expect(await m.locator('#field-number-error').textContent()).toContain('La catégorie 4 existe déjà dans cette édition.');
    expect(await m.locator('[name="title.fr"]').inputValue()).toBe('Éthique de l’IA');
    await expectAccessible(m);
    await m.locator('[name="number"]').fill('19');
    await submitForm(m, `main form[action="/fr/admin/prizes/${YEAR}/categories"]`);
    expect(await m.locator('.flash').textContent()).toContain('La catégorie 19 a été ajoutée.');
    await m.goto(`/fr/admin/prizes/${YEAR}/categories/19`);
    await expectAccessible(m);
    await m.locator('[name="title.en"]').fill('Ethics of AI');
    await submitForm(m, `main form[action="/fr/admin/prizes/${YEAR}/categories/19"]`);
    expect(await m.locator('.flash').textContent()).toContain('La catégorie 19 a été enregistrée.');
    await m.goto(`/fr/admin/prizes/${YEAR}/categories/4`);
    await m.locator('#field-confirm-0').check();
    await submitForm(m, `main form[action="/fr/admin/prizes/${YEAR}/categories/4/remove"]`);
    expect(await m.locator('#field-confirm-error').textContent()).toContain('La catégorie 4 a des candidatures\u00a0: elle ne peut pas être supprimée.');
    await expectAccessible(m);
    await m.goto(`/fr/admin/prizes/${YEAR}/categories/19`);
    await m.locator('#field-confirm-0').check();
    await submitForm(m, `main form[action="/fr/admin/prizes/${YEAR}/categories/19/remove"]`);
    expect(await m.locator('.flash').textContent()).toContain('La catégorie 19 a été supprimée.');

    // The contributor, in Arabic: withdraws the nomination after confirming.
    const c = await h.newPage();
    await signIn(c, 'ar', ownerUser.email);
    await c.goto(`/ar/prizes/${YEAR}/nominate`);
    await expectAccessible(c);
    await Promise.all([c.waitForNavigation(), c.locator(`a[href="/ar/prizes/${YEAR}/nominations/${nominated.id}/withdraw"]`).click()]);
    expect(await c.locator('main').textContent()).toContain('أجهزة لوحية مدرسية تعمل بالطاقة الشمسية');
    await expectAccessible(c);
    await submitForm(c, `main form[action="/ar/prizes/${YEAR}/nominations/${nominated.id}/withdraw"]`);
    expect(await c.locator('.flash').textContent()).toContain('سُحب ترشيحك.');
    await expectAccessible(c);

    // A manager, in Chinese: removes the expert from category 4.
    const z = await h.newPage();
    await signIn(z, 'zh', managerUser.email);
    await z.goto(`/zh/prizes/${YEAR}/selection`);
    await expectAccessible(z);
    await Promise.all([z.waitForNavigation(), z.locator(`a[href^="/zh/prizes/${YEAR}/selection/experts/remove?user=${expert.id}"]`).click()]);
    await expectAccessible(z);
    await submitForm(z, `main form[action="/zh/prizes/${YEAR}/selection/experts/remove"]`);
    expect(await z.locator('.flash').textContent()).toContain('已将该专家从第4类移除。');
    await expectAccessible(z);

    // Without JavaScript: a category added and removed, a second nomination withdrawn.
    const second = await insertPublishedEntry(db, { submitterId: ownerUser.id, title: { en: 'Fishers’ weather alerts' } });
    const again = await submitNomination(db, { actor: actorOf(ownerUser), year: YEAR, input: { entryId: second.id, category: 5, answers: {} } });
    if (!again.ok) throw new Error(again.error);
    const ms = await h.newPage({ javaScriptEnabled: false });
    await signIn(ms, 'en', managerUser.email);
    await ms.goto(`/en/admin/prizes/${YEAR}/categories/new`);
    await ms.locator('[name="number"]').fill('20');
    await ms.locator('[name="actionLine"]').fill('C11');
    await ms.locator('[name="title.en"]').fill('Cooperation');
    await submitForm(ms, `main form[action="/en/admin/prizes/${YEAR}/categories"]`);
    expect(await ms.locator('.flash').textContent()).toContain('Category 20 has been added.');
    await ms.goto(`/en/admin/prizes/${YEAR}/categories/20`);
    await ms.locator('#field-confirm-0').check();
    await submitForm(ms, `main form[action="/en/admin/prizes/${YEAR}/categories/20/remove"]`);
    expect(await ms.locator('.flash').textContent()).toContain('Category 20 has been removed.');
    const cs = await h.newPage({ javaScriptEnabled: false });
    await signIn(cs, 'en', ownerUser.email);
    await cs.goto(`/en/prizes/${YEAR}/nominations/${again.id}/withdraw`);
    await submitForm(cs, `main form[action="/en/prizes/${YEAR}/nominations/${again.id}/withdraw"]`);
    expect(await cs.locator('.flash').textContent()).toContain('Your nomination has been withdrawn.');
  });
});
