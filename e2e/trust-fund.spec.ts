/**
 * The public page of the WSIS Trust Fund in Arabic in a real browser: right to left, amounts as
 * Intl formats them for Arabic, each chart with its data table, the statement of a period; axe-core
 * (WCAG 2.2 AA) at zero violations.
 */
import { describe, expect, it } from 'vitest';
import { formatChf } from '../src/modules/trust-fund/transparency/money.js';
import { insertDonor, insertTask, postAllocation, postExpenditure, postPsc, postReceipt } from '../src/modules/trust-fund/transparency/test-helpers.js';
import { LOCALES } from '../src/core/i18n/locales.js';
import { expectAccessible } from './support/actions.js';
import { expectReflow, nuCheckTest, open } from './support/accessibility.js';
import { skipBrowserTests } from './support/chromium.js';
import { useBrowserHarness } from './support/harness.js';
import { NuBatch } from './support/nu.js';

describe.skipIf(skipBrowserTests)('WSIS Trust Fund public page (Arabic)', () => {
  const h = useBrowserHarness();
  const nu = new NuBatch();

  it('is right to left with its charts, their tables and Arabic amounts, accessible', async () => {
    const { db } = h.platform.database;
    const egypt = await insertDonor(db, { kind: 'member-state', countryCode: 'EG' });
    const foundation = await insertDonor(db, { kind: 'organization', name: { en: 'Digital Futures Foundation', ar: 'مؤسسة المستقبل الرقمي' } });
    const task = await insertTask(db, { actionLine: 'C4', title: { en: 'Digital skills course', ar: 'دورة المهارات الرقمية' } });
    await postReceipt(db, { donorId: egypt, amount: 5_000_050n, valueDate: '2025-03-10' });
    await postPsc(db, { amount: 350_003n, valueDate: '2025-03-10', donorId: egypt });
    await postReceipt(db, { donorId: foundation, amount: 1_200_000n, valueDate: '2025-09-01' });
    await postAllocation(db, { taskId: task, amount: 2_000_000n, valueDate: '2025-10-01' });
    await postExpenditure(db, { taskId: task, amount: 750_025n, valueDate: '2025-11-15' });

    const page = await h.newPage();
    await page.goto('/ar/trust-fund');
    expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
    expect(await page.locator('figure.chart [role="img"]').count()).toBe(3);
    expect(await page.locator('figure.chart table').count()).toBe(3);
    // Every label and amount of the charts is text inside its chart, at 12 px or more, and right to left
    // each label stands right of its bar, which stands right of its amount.
    const outside = await page.evaluate(() =>
      [...document.querySelectorAll('figure.chart .bar-chart')].flatMap((chart) => {
        const box = chart.getBoundingClientRect();
        return [...chart.querySelectorAll('.bar-row')].flatMap((row) => {
          const [label, bar, value] = [row.querySelector('.bar-label'), row.querySelector('.bar'), row.querySelector('.bar-value')].map((e) =>
            (e as Element).getBoundingClientRect(),
          );
          const text = row.textContent ?? '';
          const small = [...row.querySelectorAll('.bar-label, .bar-value')].some((e) => Number.parseFloat(getComputedStyle(e).fontSize) < 12);
          const out = [label, value].some((r) => r && (r.left < box.left - 1 || r.right > box.right + 1));
          const order = label && bar && value && label.left >= bar.right - 1 && bar.left >= value.right - 1;
          return small || out || !order ? [text] : [];
        });
      }),
    );
    expect(outside, 'chart texts drawn outside their chart').toEqual([]);
    const text = (await page.locator('main').textContent()) ?? '';
    expect(text).toContain(formatChf(5_000_050n, 'ar'));
    expect(text).toContain(formatChf(750_025n, 'ar'));
    expect(text).toContain(new Intl.DisplayNames(['ar'], { type: 'region' }).of('EG'));
    expect(text).toContain('دورة المهارات الرقمية');
    await expectAccessible(page);

    await page.goto('/ar/trust-fund/statement?from=2025-01-01&to=2025-12-31');
    expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
    expect((await page.locator('main').textContent()) ?? '').toContain(formatChf(5_000_050n + 1_200_000n - 350_003n - 750_025n, 'ar'));
    await expectAccessible(page);

    // With figures (the accessibility shards see the demo's empty fund): every language, 320 px reflow, the Nu checker below.
    for (const locale of LOCALES) {
      for (const path of [`/${locale}/trust-fund`, `/${locale}/trust-fund/statement?from=2025-01-01&to=2025-12-31`]) {
        await page.setViewportSize({ width: 1280, height: 900 });
        await open(nu, page, path);
        await expectAccessible(page);
        await expectReflow(page, path);
      }
    }
  }, 600_000);

  nuCheckTest(nu);
});
