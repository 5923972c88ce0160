/**
 * The WSIS Prizes expert selection in a real browser: a prize manager (Arabic) sets the criteria
 * and assigns an expert; the expert (Chinese) declares a conflict on one nominee and scores
 * another; the manager confirms the winner; after the announcement the public reads the success
 * stories (Arabic) and downloads the DOCX and the PDF. Every page is checked with axe-core
 * (WCAG 2.2 AA).
 */
import { describe, expect, it } from 'vitest';
import { createEdition } from '../src/modules/prizes/commands/create-edition.js';
import { updateEdition } from '../src/modules/prizes/commands/update-edition.js';
import { getEditionByYear } from '../src/modules/prizes/queries.js';
import { actorOf, insertVotes, nominateAndAccept, phases } from '../src/modules/prizes/test-helpers.js';
import { insertPublishedEntry } from '../src/modules/stocktaking/test-helpers.js';
import { buildUser } from '../src/test/factories.js';
import { expectAccessible, signIn, submitForm } from './support/actions.js';
import { skipBrowserTests } from './support/chromium.js';
import { useBrowserHarness } from './support/harness.js';

const YEAR = 2046;

describe.skipIf(skipBrowserTests)('WSIS Prizes expert selection (ar, zh)', () => {
  const h = useBrowserHarness();

  it('from the criteria to the published success stories', async () => {
    const { db } = h.platform.database;
    const managerUser = await buildUser(db, { roles: ['prize-manager'], locale: 'ar' });
    const manager = actorOf(managerUser, ['prize-manager']);
    const ownerUser = await buildUser(db);
    const owner = actorOf(ownerUser);
    const expert = await buildUser(db, { roles: ['expert'], locale: 'zh' });
    await createEdition(db, { actor: manager, input: { year: YEAR, phases: phases(0) } });
    await updateEdition(db, { actor: manager, year: YEAR, patch: { summaryMinWords: 1, projectsPerOrganizationPerCategory: 10 } });
    const titles = [{ en: 'Solar school tablets', ar: 'أجهزة لوحية مدرسية تعمل بالطاقة الشمسية', zh: '太阳能学校平板电脑' }, { en: 'Fishers’ weather alerts' }];
    const entries = [];
    for (const title of titles) entries.push(await insertPublishedEntry(db, { submitterId: ownerUser.id, title, leadCountry: 'SN' }));
    const nominations = (await nominateAndAccept(db, { owner, manager, year: YEAR, category: 4, entries })).map((n) => n.nomination);
    const editionId = (await getEditionByYear(db, YEAR)).id;
    for (const nominationId of nominations) await insertVotes(db, { editionId, category: 4, nominationId, count: 1 });
    await updateEdition(db, { actor: manager, year: YEAR, patch: { phases: phases(3) }, confirmVoteChanges: true });

    // The manager, in Arabic: criteria, then the expert.
    const m = await h.newPage();
    await signIn(m, 'ar', managerUser.email);
    await m.goto(`/ar/prizes/${YEAR}/selection`);
    await expectAccessible(m);
    await m.locator('#criterion-0-id').fill('impact');
    await m.locator('#criterion-0-label').fill('الأثر');
    await m.locator('#criterion-0-weight').fill('2');
    await m.locator('#criterion-1-id').fill('innovation');
    await m.locator('#criterion-1-label').fill('الابتكار');
    await m.locator('#criterion-1-weight').fill('1');
    await submitForm(m, `form[action="/ar/prizes/${YEAR}/selection/criteria"]`);
    await m.locator('#expert-email').fill(expert.email);
    await m.locator('#expert-category').selectOption('4');
    await submitForm(m, `form[action="/ar/prizes/${YEAR}/selection/experts"]`);
    expect(await m.locator('.flash').textContent()).toContain(expert.email);
    await expectAccessible(m);

    // The expert, in Chinese: a conflict on the second nominee, a score for the first.
    const e = await h.newPage();
    await signIn(e, 'zh', expert.email);
    await e.goto(`/zh/prizes/${YEAR}/review`);
    await expectAccessible(e);
    await submitForm(e, `form[action="/zh/prizes/${YEAR}/review/${nominations[1]}/conflict"]`);
    await e.locator(`#score-${nominations[0]}-impact`).fill('9');
    await e.locator(`#score-${nominations[0]}-innovation`).fill('6');
    await e.locator(`#comment-${nominations[0]}`).fill('影响显著。');
    await submitForm(e, `form[action="/zh/prizes/${YEAR}/review/${nominations[0]}/score"]`);
    expect(await e.locator('.flash').textContent()).toContain('8');
    await expectAccessible(e);

    // The manager confirms the winner.
    await m.goto(`/ar/prizes/${YEAR}/selection`);
    await submitForm(m, `form[action="/ar/prizes/${YEAR}/selection/categories/4/winner"]:has(input[value="${nominations[0]}"])`);
    await expectAccessible(m);

    // After the announcement, the public reads the stories and downloads them.
    await updateEdition(db, { actor: manager, year: YEAR, patch: { phases: phases(4) }, confirmVoteChanges: true });
    const v = await h.newPage();
    await v.goto(`/ar/prizes/${YEAR}/stories`);
    await expectAccessible(v);
    expect(await v.locator('main').textContent()).toContain('أجهزة لوحية مدرسية تعمل بالطاقة الشمسية');
    const docx = await v.request.get(`/ar/prizes/${YEAR}/stories.docx`);
    expect(docx.headers()['content-type']).toContain('wordprocessingml');
    const pdf = await v.request.get(`/ar/prizes/${YEAR}/stories.pdf`);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');
  });
});
