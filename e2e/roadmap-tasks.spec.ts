/**
 * Roadmap tasks in a real browser, no script needed: a focal point of C2 reports progress on a
 * task in Spanish (an empty text first: the error beside the field, the values kept), the task's
 * light and the update appear; axe at zero violations on the task page and the C2 timeline.
 */
import { describe, expect, it } from 'vitest';
import { focalPoints, roadmaps, tasks } from '../src/modules/roadmaps/tables.js';
import { buildUser } from '../src/test/factories.js';
import { expectAccessible, signIn, submitForm } from './support/actions.js';
import { skipBrowserTests } from './support/chromium.js';
import { useBrowserHarness } from './support/harness.js';

describe.skipIf(skipBrowserTests)('roadmap tasks', () => {
  const h = useBrowserHarness();

  it('a focal point of C2 reports progress on a task in Spanish', async () => {
    const db = h.platform.database.db;
    await db.insert(roadmaps).values({ actionLine: 'C2' }).onConflictDoNothing();
    const [c2] = await db.select().from(roadmaps);
    const focal = await buildUser(db, { roles: ['focal-point'], locale: 'es' });
    await db.insert(focalPoints).values({ userId: focal.id, actionLine: 'C2', bureau: 'BDT', appointedOn: '2026-01-01' });
    const line = (await db.select().from(roadmaps)).find((r) => r.actionLine === 'C2') ?? c2;
    const [task] = await db
      .insert(tasks)
      .values({
        roadmapId: line?.id ?? 0,
        title: { es: 'Cartografía de la banda ancha', en: 'Broadband mapping' },
        ownerBureau: 'BDT',
        startsOn: '2026-01-01',
        deadline: '2030-12-31',
        status: 'on-track',
      })
      .returning();

    const page = await h.newPage({ locale: 'es' });
    await signIn(page, 'es', focal.email);
    await page.goto(`/es/roadmaps/tasks/${task?.id}`);
    expect(await page.locator('main h1').textContent()).toContain('Cartografía de la banda ancha');
    await expectAccessible(page);

    // No text: the form again with the error beside the field, the status kept.
    await page.locator('main select[name="status"]').selectOption('at-risk');
    await submitForm(page, 'main form[action$="/updates"]');
    expect(await page.locator('main .error-summary').textContent()).toContain('Describa los avances.');
    expect(await page.locator('main select[name="status"]').inputValue()).toBe('at-risk');
    await expectAccessible(page);

    await page.locator('main textarea[name="text"]').fill('La licitación se ha retrasado dos meses.');
    await submitForm(page, 'main form[action$="/updates"]');
    expect(new URL(page.url()).pathname).toBe(`/es/roadmaps/tasks/${task?.id}`);
    expect(await page.locator('main').textContent()).toContain('La licitación se ha retrasado dos meses.');
    expect(await page.locator('main .task-light').first().textContent()).toContain('En riesgo');
    await expectAccessible(page);

    await page.goto('/es/roadmaps/C2/tasks');
    expect(await page.locator('main svg[role="img"] title').first().textContent()).toBe('Calendario de las tareas');
    await expectAccessible(page);
  });
});
