/**
 * Which edition each entry point leads to when several exist: the public's /prizes shows the
 * edition in its most active phase, and the experts' and managers' menus lead to the edition where
 * that role has work (never a 404), with a switcher between editions.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../core/permissions/index.js';
import { createTestKit, type TestKit } from '../../test/app.js';
import { buildUser } from '../../test/factories.js';
import { createEdition } from './commands/create-edition.js';
import { experts } from './tables.js';
import { getEditionByYear } from './queries.js';
import { actorOf, phases } from './test-helpers.js';

let kit: TestKit;
let manager: Actor;

beforeAll(async () => {
  kit = await createTestKit();
  const { db } = kit.database;
  manager = actorOf(await buildUser(db, { roles: ['prize-manager'] }), ['prize-manager']);
  // 2061 votes now; 2062, newer, is in its selection; 2063, newest, takes submissions.
  await createEdition(db, { actor: manager, input: { year: 2061, phases: phases('voting') } });
  await createEdition(db, { actor: manager, input: { year: 2062, phases: phases('selection') } });
  await createEdition(db, { actor: manager, input: { year: 2063, phases: phases('submission') } });
});
afterAll(async () => kit.close());

describe('the edition each menu leads to', () => {
  it('shows the public the edition whose vote is open, not merely the newest', async () => {
    expect((await kit.client().get('/en/prizes')).headers.location).toBe('/en/prizes/2061');
  });

  it('leads an expert to the edition where they have categories, with a switcher, and says so when they have none', async () => {
    const { db } = kit.database;
    const expert = await buildUser(db, { roles: ['expert'] });
    const client = await kit.as(expert);
    const none = await client.get('/en/prizes/review');
    expect(none.statusCode).toBe(200);
    expect(none.body).toContain('You have not been assigned a category to review in any edition.');
    // Assigned in 2061 only (an older edition than the one in selection): the menu leads there.
    await db.insert(experts).values({ editionId: (await getEditionByYear(db, 2061)).id, categoryNumber: 3, userId: expert.id });
    const menu = await client.get('/en/prizes/review');
    expect(menu.headers.location).toBe('/en/prizes/2061/review');
    expect((await client.get('/en/prizes/2061/review')).statusCode).toBe(200);
    await db.insert(experts).values({ editionId: (await getEditionByYear(db, 2062)).id, categoryNumber: 1, userId: expert.id });
    expect((await client.get('/en/prizes/review')).headers.location).toBe('/en/prizes/2062/review');
    const page = await client.get('/en/prizes/2062/review');
    expect(page.body).toContain('<nav class="edition-switcher" aria-label="Editions">');
    expect(page.body).toContain('<span aria-current="page">2062</span>');
    expect(page.body).toContain('<a href="/en/prizes/2061/review">2061</a>');
    expect(page.body).not.toContain('/en/prizes/2063/review');
  });

  it('leads prize managers to the edition in selection and to the one being voted on, with a switcher', async () => {
    const client = await kit.as(await buildUser(kit.database.db, { roles: ['prize-manager'] }));
    expect((await client.get('/en/prizes/selection')).headers.location).toBe('/en/prizes/2062/selection');
    expect((await client.get('/en/admin/prizes/integrity')).headers.location).toBe('/en/admin/prizes/2061/integrity');
    const selection = await client.get('/en/prizes/2062/selection');
    expect(selection.body).toContain('<a href="/en/prizes/2063/selection">2063</a>');
    const integrity = await client.get('/en/admin/prizes/2061/integrity');
    expect(integrity.body).toContain('<a href="/en/admin/prizes/2062/integrity">2062</a>');
  });
});
