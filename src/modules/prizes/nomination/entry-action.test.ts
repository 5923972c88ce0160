/**
 * While an edition accepts nominations, an entry's owner is offered "nominate" on the entry's page,
 * and whoever writes an entry sees the edition's word limits beside the summary: both reach
 * Stocktaking through the core's contributions (Stocktaking does not import the prizes).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../../core/permissions/index.js';
import { createTestKit, type TestKit } from '../../../test/app.js';
import { buildUser } from '../../../test/factories.js';
import { insertPublishedEntry } from '../../stocktaking/test-helpers.js';
import { createEdition } from '../commands/create-edition.js';
import { updateEdition } from '../commands/update-edition.js';
import { actorOf, phases } from '../test-helpers.js';

let kit: TestKit;
let manager: Actor;
let owner: Awaited<ReturnType<typeof buildUser>>;
let entryId: number;

beforeAll(async () => {
  kit = await createTestKit();
  const { db } = kit.database;
  manager = actorOf(await buildUser(db, { roles: ['prize-manager'] }), ['prize-manager']);
  await createEdition(db, { actor: manager, input: { year: 2071, phases: phases('submission') } });
  await updateEdition(db, { actor: manager, year: 2071, patch: { summaryMinWords: 40, summaryMaxWords: 120 } });
  owner = await buildUser(db);
  entryId = (await insertPublishedEntry(db, { submitterId: owner.id, title: { en: 'Solar kiosks for rural schools' } })).id;
});
afterAll(async () => kit.close());

describe('nominating from Stocktaking', () => {
  it('offers its owner "nominate" on the entry page, with the word limits, leading to the form with the entry chosen', async () => {
    const client = await kit.as(owner);
    const page = await client.get(`/en/stocktaking/${entryId}`);
    expect(page.body).toContain(`<a href="/en/prizes/2071/nominate?entryId=${entryId}">Nominate for the WSIS Prizes 2071</a>`);
    expect(page.body).toContain('(its summary must have between 40 and 120 words)');
    const fr = await client.get(`/fr/stocktaking/${entryId}`);
    expect(fr.body).toContain('Proposer pour les Prix du SMSI 2071');
    const form = await client.get(`/en/prizes/2071/nominate?entryId=${entryId}`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain(`<option value="${entryId}" selected>`);
    // Someone else, and the public, are not offered it.
    expect((await (await kit.as(await buildUser(kit.database.db))).get(`/en/stocktaking/${entryId}`)).body).not.toContain('/nominate');
    expect((await kit.client().get(`/en/stocktaking/${entryId}`)).body).not.toContain('/nominate');
  });

  it('shows the edition’s word limits beside the summary while the entry is written, and none once nominations close', async () => {
    const client = await kit.as(owner);
    expect((await client.get('/en/stocktaking/new')).body).toContain("To be nominated for the WSIS Prizes 2071, an entry's summary must have between 40 and 120 words.");
    await updateEdition(kit.database.db, { actor: manager, year: 2071, patch: { phases: phases('validation') } });
    expect((await client.get('/en/stocktaking/new')).body).not.toContain('WSIS Prizes 2071');
    expect((await client.get(`/en/stocktaking/${entryId}`)).body).not.toContain('/nominate');
  });
});
