/**
 * Building a report from its page, in a real browser: the secretariat asks for the demo's final
 * Stocktaking report in French and Arabic as HTML and DOCX, sees the build waiting with its
 * progress (the page reloads itself while the build is under way: public/app.js), then the
 * download links once the job runner has run it; the French DOCX downloaded is a Word file with the
 * French text (read back by python-docx). Then a reader on a 360 px phone opens the public list of
 * reports and the report in Arabic: right to left, no sideways scrolling.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { platformJobs, startJobLoop } from '../src/core/jobs/background.js';
import { reportBuilds, reports } from '../src/modules/reports/tables.js';
import { MODULES } from '../src/platform-modules.js';
import { buildUser } from '../src/test/factories.js';
import { expectAccessible, signIn, submitForm } from './support/actions.js';
import { skipBrowserTests } from './support/chromium.js';
import { useBrowserHarness } from './support/harness.js';

/** The demo's paragraph (src/modules/reports/build/demo.ts) as a reader sees it. */
const DEMO_TEXT = {
  fr: 'Ce paragraphe est un texte de démonstration, rédigé pour montrer comment une section narrative se lit dans un rapport compilé.',
  ar: 'هذه الفقرة نص توضيحي، كُتب لبيان كيف يبدو القسم السردي في تقرير مُجمَّع.',
};

const python = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';
/** python-docx: the paragraphs' text and the first one's style (an independent reader of the file). */
const docxParagraphs = (path: string) =>
  JSON.parse(
    execFileSync(python, ['-c', 'import json, sys, docx; print(json.dumps([p.text for p in docx.Document(sys.argv[1]).paragraphs]))', path], { encoding: 'utf8' }),
  ) as string[];

/** The page's width against the window's: no sideways scrolling (a table may scroll inside its own box). */
const widths = (page: import('playwright-core').Page) => page.evaluate(() => ({ document: document.documentElement.scrollWidth, window: window.innerWidth }));

describe.skipIf(skipBrowserTests)('building a report from its page, and reading it on a phone', () => {
  const h = useBrowserHarness();

  it('the secretariat asks for French and Arabic as HTML and DOCX, follows the progress and downloads the French DOCX', async () => {
    const db = h.platform.database.db;
    const [report] = await db
      .select()
      .from(reports)
      .where(and(eq(reports.templateKey, 'stocktaking'), eq(reports.state, 'final')));
    if (!report) throw new Error('the demo has no final report');
    const secretariat = await buildUser(db, { roles: ['secretariat'], locale: 'fr' });

    const page = await h.newPage({ locale: 'fr' });
    await signIn(page, 'fr', secretariat.email);
    await page.goto(`/fr/admin/reports/${report.id}/builds`);
    expect(await page.locator('html').getAttribute('lang')).toBe('fr');
    await page.locator('main input[name="locales"][value="en"]').uncheck();
    await page.locator('main input[name="locales"][value="fr"]').check();
    await page.locator('main input[name="locales"][value="ar"]').check();
    await page.locator('main input[name="formats"][value="html"]').check();
    await page.locator('main input[name="formats"][value="docx"]').check();
    await page.locator('main input[name="formats"][value="pdf"]').uncheck();
    await page.locator('main select[name="version"]').selectOption('final');
    await submitForm(page, 'main form[action$="/builds"]');

    // No job runner yet: the build waits, with its progress (0 of 2 × (1 + 2) steps), and the page will reload itself.
    const builds = page.locator('main section[aria-labelledby="builds-heading"]');
    expect(await page.locator('body').textContent()).toContain("La production a été mise en file d'attente");
    expect(await builds.getAttribute('data-refresh-seconds')).toBe('3');
    expect(await builds.locator('li').first().textContent()).toContain('En attente');
    expect(await builds.locator('li').first().textContent()).toContain('0 étapes sur 6');
    expect(await builds.locator('progress').first().getAttribute('max')).toBe('6');
    expect(await builds.locator('a[download]').count()).toBe(0);
    await expectAccessible(page);
    const [build] = await db.select().from(reportBuilds).where(eq(reportBuilds.reportId, report.id));
    expect({ ...build, locales: [...(build?.locales ?? [])].sort() }).toMatchObject({ locales: ['ar', 'fr'], formats: ['html', 'docx'], total: 6 });

    // The job runner starts (as `wsis serve` runs it); the page, reloading itself, shows the files when the build is done.
    const stop = startJobLoop(db, {
      ...platformJobs({ modules: MODULES, baseUrl: h.platform.baseUrl, files: h.platform.app.platform.files }),
      by: 'e2e-reports-build',
      pollMs: 200,
      log: { error: (fields, msg) => console.error(msg, fields) },
    });
    try {
      await page.waitForSelector('main section[aria-labelledby="builds-heading"] a[download]', { timeout: 90_000 });
    } finally {
      stop();
    }
    expect(await builds.getAttribute('data-refresh-seconds')).toBeNull();
    const done = (await builds.locator('li').first().textContent()) ?? '';
    expect(done).toContain('Terminée');
    expect(done).toContain('6 étapes sur 6');
    const links = await builds.locator('a[download]').evaluateAll((as) => as.map((a) => [a.getAttribute('href'), a.textContent]));
    expect(links.map(([href]) => href?.split('/').at(-1)).sort()).toEqual(['ar.docx', 'ar.html', 'fr.docx', 'fr.html']);
    expect(links.find(([href]) => href?.endsWith('/fr.docx'))?.[1]).toMatch(/^français, DOCX \(\d+\s?k[Bo]\)$/i);
    await expectAccessible(page);

    // The French DOCX, downloaded as a reader would.
    const [download] = await Promise.all([page.waitForEvent('download'), builds.locator('a[download][href$="/fr.docx"]').click()]);
    expect(download.suggestedFilename()).toBe(`stocktaking-${report.year}-fr.docx`);
    const path = await download.path();
    const bytes = readFileSync(path);
    expect(bytes.subarray(0, 2).toString()).toBe('PK');
    expect(bytes.includes(Buffer.from('word/document.xml'))).toBe(true);
    const paragraphs = docxParagraphs(path);
    expect(paragraphs).toContain(DEMO_TEXT.fr);
    expect(paragraphs).toContain('Union internationale des télécommunications');
    expect(paragraphs.join('\n')).not.toContain(DEMO_TEXT.ar);
  }, 300_000);

  it('a reader on a 360 px phone opens the reports in Arabic and the report: right to left, without sideways scrolling', async () => {
    const db = h.platform.database.db;
    const [report] = await db
      .select()
      .from(reports)
      .where(and(eq(reports.templateKey, 'stocktaking'), eq(reports.state, 'final')));
    if (!report) throw new Error('the demo has no final report');
    const page = await h.newPage({ viewport: { width: 360, height: 740 }, locale: 'ar', isMobile: true, hasTouch: true });

    await page.goto('/ar/reports');
    expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
    const list = await widths(page);
    expect(list.document, `width of /ar/reports at ${list.window} px`).toBeLessThanOrEqual(list.window + 1);
    const link = page.locator(`main a[href="/ar/reports/stocktaking/${report.year}"]`).first();
    expect(await link.count()).toBe(1);
    await Promise.all([page.waitForNavigation(), link.click()]);

    expect(new URL(page.url()).pathname).toBe(`/ar/reports/stocktaking/${report.year}`);
    expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
    expect(await page.locator('main').textContent()).toContain(DEMO_TEXT.ar);
    const one = await widths(page);
    expect(one.document, `width of the report at ${one.window} px`).toBeLessThanOrEqual(one.window + 1);
    // The report's Arabic paragraphs are laid out right to left.
    const direction = await page
      .locator('main p', { hasText: DEMO_TEXT.ar.slice(0, 20) })
      .first()
      .evaluate((p) => getComputedStyle(p).direction);
    expect(direction).toBe('rtl');
    await expectAccessible(page);
  }, 120_000);
});
