/**
 * Text as a reader sees it: Latin titles inside Arabic pages stay where they belong (beside their
 * list bullet, inside the vote button's quotes), chart labels are whole and readable on a 320-pixel
 * phone in Russian and Chinese, and the audit log's records are scroll regions one can reach with
 * the keyboard, in Arabic and Chinese.
 */
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { users } from '../src/core/auth/tables.js';
import { insertDonor, postReceipt } from '../src/modules/trust-fund/transparency/test-helpers.js';
import { buildUser } from '../src/test/factories.js';
import { expectAccessible, signIn } from './support/actions.js';
import { skipBrowserTests } from './support/chromium.js';
import { useBrowserHarness } from './support/harness.js';

const LATIN = /^[\p{Script=Latin}\p{P}\p{N}\s]+$/u;

describe.skipIf(skipBrowserTests)('text in six languages', () => {
  const h = useBrowserHarness();
  const year = new Date().getUTCFullYear();

  it('keeps a Latin nominee title beside its bullet and inside the quotes of the Arabic vote button', async () => {
    const user = await buildUser(h.platform.database.db, { locale: 'ar' });
    await h.platform.database.db
      .update(users)
      .set({ createdAt: new Date(Date.now() - 90 * 86_400_000) })
      .where(eq(users.id, user.id));
    const page = await h.newPage();
    await signIn(page, 'ar', user.email);
    await page.goto(`/ar/prizes/${year}/vote`);
    const nominees = await page.locator('li.nominee').evaluateAll((items) =>
      items.map((li) => {
        const title = li.querySelector('h3 bdi') as HTMLElement;
        const button = li.querySelector('form button') as HTMLElement | null;
        const item = li.getBoundingClientRect();
        const text = title.getBoundingClientRect();
        // Where the button's Arabic words and the title are drawn.
        let arabicLeft = Number.NaN;
        let titleRight = Number.NaN;
        const content = button?.firstChild?.textContent ?? '';
        if (button?.firstChild && content.indexOf('\u2068') > 2 && content.indexOf('\u2069') > content.indexOf('\u2068')) {
          const node = button.firstChild;
          const start = content.indexOf('\u2068');
          const end = content.indexOf('\u2069');
          const range = document.createRange();
          range.setStart(node, 0);
          range.setEnd(node, Math.max(0, start - 2));
          arabicLeft = range.getBoundingClientRect().left;
          range.setStart(node, start + 1);
          range.setEnd(node, end);
          titleRight = range.getBoundingClientRect().right;
        }
        return { title: title.textContent ?? '', button: button?.textContent ?? '', gap: item.right - text.right, arabicLeft, titleRight };
      }),
    );
    const latin = nominees.filter((n) => LATIN.test(n.title));
    expect(latin.length, 'nominees with a Latin title on the Arabic vote page').toBeGreaterThan(0);
    for (const n of latin) {
      // The title starts at the right, beside the bullet of the right-to-left list (it was 1,100 px away).
      expect(n.gap, `${n.title}: distance from the list item's right edge`).toBeLessThan(40);
      expect(n.button).toBe(`التصويت لصالح «\u2068${n.title}\u2069»`);
      // Read right to left: the Arabic words first (on the right), then the title.
      expect(n.arabicLeft, `${n.title}: Arabic words right of the title in the button`).toBeGreaterThanOrEqual(n.titleRight);
    }
    await expectAccessible(page);
  });

  it.each([
    ['ru', '/stocktaking/statistics'],
    ['zh', '/stocktaking/statistics'],
    ['ar', '/stocktaking/statistics'],
    ['ar', '/trust-fund'],
  ])('draws the charts in %s on %s with whole labels of at least 12 px on a 320 px phone', async (locale, path) => {
    const page = await h.newPage({ viewport: { width: 320, height: 640 } });
    if (path === '/trust-fund') {
      // A donor named in Latin letters on the Arabic page, and amounts long enough to fill the row.
      const { db } = h.platform.database;
      const donor = await insertDonor(db, { kind: 'organization', name: { en: 'Digital Futures Foundation for Connectivity' } });
      await postReceipt(db, { donorId: donor, amount: 123_456_789_012n, valueDate: '2025-03-10' });
    }
    await page.goto(`/${locale}${path}`);
    const charts = await page.locator('.bar-chart').evaluateAll((all) =>
      all.map((chart) => {
        const labels = [...chart.querySelectorAll<HTMLElement>('.bar-label')];
        const table = chart.closest('figure')?.querySelector('table');
        const names = table ? [...table.querySelectorAll('tbody th')].map((th) => th.textContent ?? '') : [];
        const box = chart.getBoundingClientRect();
        return {
          labels: labels.map((l) => l.textContent ?? ''),
          names,
          smallest: Math.min(...[...chart.querySelectorAll<HTMLElement>('.bar-label, .bar-value')].map((e) => Number.parseFloat(getComputedStyle(e).fontSize))),
          clipped: labels.filter((l) => l.scrollWidth > l.clientWidth + 1 || l.getBoundingClientRect().right > box.right + 1 || l.getBoundingClientRect().left < box.left - 1)
            .length,
          inside: box.left >= 0 && box.right <= document.documentElement.clientWidth,
        };
      }),
    );
    expect(charts.length).toBeGreaterThan(0);
    for (const c of charts) {
      // The statistics' tables have a row per bar (the Trust Fund's have a row per donor and year, per task).
      if (path === '/stocktaking/statistics') expect(c.labels, 'chart labels are the table labels, whole').toEqual(c.names);
      expect(c.smallest, 'smallest chart text, CSS px').toBeGreaterThanOrEqual(12);
      expect(c.clipped, 'labels sticking out of the chart').toBe(0);
      expect(c.inside, 'chart within the screen').toBe(true);
    }
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, 'sideways scrolling of the page').toBeLessThanOrEqual(0);
  });

  it.each(['ar', 'zh'])('shows the audit log in %s with named, focusable record boxes and "none" for a missing state', async (locale) => {
    const page = await h.newPage();
    await signIn(page, locale, h.platform.admin.email, h.platform.admin.password);
    await page.goto(`/${locale}/admin/audit`);
    const boxes = await page
      .locator('pre.json')
      .evaluateAll((all) => all.map((pre) => ({ tabindex: pre.getAttribute('tabindex'), label: pre.getAttribute('aria-label') ?? '', text: (pre.textContent ?? '').trim() })));
    expect(boxes.length).toBeGreaterThan(0);
    for (const b of boxes) {
      expect(b.tabindex).toBe('0');
      expect(b.label.length).toBeGreaterThan(0);
      expect(b.text.length, 'a record box is never empty').toBeGreaterThan(0);
    }
    await expectAccessible(page);
  });
});
