/**
 * The analysts' pages of a consultation (issue 14, analysis/) in a real browser, every page checked
 * with axe-core (WCAG 2.2 AA): an analyst in French adds a theme (an empty label refused with the
 * description kept), searches the free texts, codes every match, opens the campaigns and one
 * campaign, and codes one text; then every page of the analysis in the six languages.
 */
import { describe, expect, it } from 'vitest';
import { indexAnswerTexts } from '../src/modules/consultations/analysis/index-texts.js';
import { insertAnswer, insertConsultation } from '../src/modules/consultations/analysis/test-helpers.js';
import { buildUser } from '../src/test/factories.js';
import { expectAccessible, signIn, submitForm } from './support/actions.js';
import { skipBrowserTests } from './support/chromium.js';
import { useBrowserHarness } from './support/harness.js';

describe.skipIf(skipBrowserTests)('Consultations: analysis of free-text answers (six languages)', () => {
  const h = useBrowserHarness();

  let id = 0;
  const answerIds: number[] = [];
  let analystEmail = '';

  it('searches, codes and shows campaigns without script; every page is accessible', async () => {
    const { db } = h.platform.database;
    ({ id } = await insertConsultation(db));
    const template = 'Nous demandons un fonds de service universel transparent et une obligation de couverture pour chaque licence de spectre.';
    const written: [Parameters<typeof insertAnswer>[1]['language'], string][] = [
      ['fr', template],
      ['fr', `${template} Merci de votre attention.`],
      ['ar', 'نطالب بتحسين الخدمات الصحية للفتيات في المناطق الريفية.'],
      ['zh', '我们希望农村地区的数字教育平台得到更多支持。'],
    ];
    for (const [language, text] of written) {
      const answer = await insertAnswer(db, { consultationId: id, language, values: { q1: { text } } });
      await db.transaction((tx) => indexAnswerTexts(tx, answer.id));
      answerIds.push(answer.id);
    }
    const analyst = await buildUser(db, { roles: ['consultation-manager'], locale: 'fr' });
    analystEmail = analyst.email;
    const base = `/fr/admin/consultations/${id}/analysis`;

    const p = await h.newPage();
    await signIn(p, 'fr', analyst.email);
    await p.goto(`${base}/themes`);
    await p.locator('[name="description"]').fill('Fonds et licences');
    await submitForm(p, `main form[action="${base}/themes"]`);
    expect(await p.locator('#field-label-error').textContent()).toContain('Indiquez le libellé du thème.');
    expect(await p.locator('[name="description"]').inputValue()).toBe('Fonds et licences');
    await expectAccessible(p);
    await p.locator('[name="label"]').fill('Service universel');
    await submitForm(p, `main form[action="${base}/themes"]`);
    expect(await p.locator('.flash').textContent()).toContain('Service universel');

    await p.goto(`${base}?q=licences`);
    expect(await p.locator('main').textContent()).toContain('2 textes trouvés');
    await expectAccessible(p);
    await p.locator('[name="theme"]').selectOption({ label: 'Service universel' });
    await submitForm(p, `main form[action="${base}/bulk-tag"]`);
    expect(await p.locator('.flash').textContent()).toContain('2 textes codés.');

    await p.goto(`${base}/campaigns`);
    await expectAccessible(p);
    await Promise.all([p.waitForNavigation(), p.locator(`main a[href^="${base}/campaigns/"]`).first().click()]);
    expect(await p.locator('main').textContent()).toContain('Merci de votre attention.');
    await expectAccessible(p);

    await p.goto(`${base}/answers/${answerIds[0]}/q1`);
    expect(await p.locator('main input[type="checkbox"]').isChecked()).toBe(true);
    await p.locator('main input[type="checkbox"]').uncheck();
    await submitForm(p, `main form[action="${base}/answers/${answerIds[0]}/q1"]`);
    expect(await p.locator('.flash').textContent()).toContain('Aucun thème attribué.');
    await expectAccessible(p);
  }, 400_000);

  // Every page of the analysis in the other five languages (Arabic right to left).
  const queries: Record<string, string> = { ar: 'الفتيات', en: 'licence', es: 'licence', ru: 'licence', zh: '教育' };
  it.each(Object.keys(queries))(
    'every page of the analysis is accessible in %s',
    async (locale) => {
      const p = await h.newPage();
      await signIn(p, locale, analystEmail);
      const at = `/${locale}/admin/consultations/${id}/analysis`;
      for (const path of [`${at}?q=${encodeURIComponent(queries[locale] ?? '')}`, `${at}/campaigns`, `${at}/themes`, `${at}/answers/${answerIds[2]}/q1`]) {
        await p.goto(path);
        expect(await p.locator('html').getAttribute('dir')).toBe(locale === 'ar' ? 'rtl' : 'ltr');
        await expectAccessible(p);
      }
    },
    300_000,
  );
});
