/**
 * What a moderator sees before deciding: every field the submitter filled, what changed since the
 * entry was returned, and a decision list with nothing chosen in advance. And what readers and
 * editors see when a language version is older than the original's latest change.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../../core/permissions/index.js';
import { createTestKit, type TestClient, type TestKit } from '../../../test/app.js';
import { buildUser } from '../../../test/factories.js';
import { submitEntry } from '../commands/submit-entry.js';
import { updateEntry } from '../commands/update-entry.js';
import { insertPublishedEntry } from '../test-helpers.js';

let kit: TestKit;
let moderator: TestClient;
let owner: Actor;

beforeAll(async () => {
  kit = await createTestKit();
  const { db } = kit.database;
  moderator = await kit.as(await buildUser(db, { roles: ['moderator'] }));
  const user = await buildUser(db, { locale: 'fr' });
  owner = { id: user.id, email: user.email, name: user.name, roles: [], status: 'active', emailVerified: true, locale: 'fr' } as unknown as Actor;
});
afterAll(async () => kit.close());

describe('the moderator’s review', () => {
  it('shows every field filled, no decision chosen in advance, and what changed since a return', async () => {
    const entry = await insertPublishedEntry(kit.database.db, {
      state: 'submitted',
      submitterId: owner.id,
      publishedAt: null,
      title: { en: 'Mobile clinics for nomadic herders' },
      impact: { en: 'Twelve thousand consultations a year.' },
      partners: { en: 'Ministry of Health; Red Crescent' },
      countries: ['MN', 'KZ'],
      targetGroups: ['women-and-girls', 'rural-and-remote-communities'],
      startDate: '2024-03-01',
      endDate: '2027-02-28',
    });
    // The queue's bulk decision starts on an empty choice too.
    expect((await moderator.get('/en/admin/stocktaking')).body).toContain('<select id="bulk-decision" name="decision" required><option value>Choose a decision</option>');
    const page = await moderator.get(`/en/admin/stocktaking/${entry.id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Twelve thousand consultations a year.');
    expect(page.body).toContain('Ministry of Health; Red Crescent');
    expect(page.body).toMatch(/<dt>Countries of implementation<\/dt><dd>[^<]*Mongolia[^<]*Kazakhstan[^<]*<\/dd>/);
    expect(page.body).toMatch(/<dt>Target group<\/dt><dd>[^<]*Women and girls/);
    expect(page.body).toContain('<time datetime="2024-03-01">');
    expect(page.body).toContain('<time datetime="2027-02-28">');
    expect(page.body).toMatch(/<h3>Images<\/h3><p>—<\/p>|<h3>Images<\/h3><p>[^<]+<\/p>/);
    // The decision list starts on an empty choice (a required select's placeholder).
    expect(page.body).toMatch(/<select id="field-decision" name="decision" required[^>]*><option value>Choose a decision<\/option><option value="publish">/);
    expect(page.body).not.toMatch(/<option value="publish" selected/);
    // A decision must be chosen.
    const none = await moderator.post(`/en/admin/stocktaking/${entry.id}/decision`, { decision: '', comment: '' });
    expect(none.statusCode).toBe(422);

    // Returned, corrected, submitted again: the review shows what changed since the return.
    const returned = await moderator.post(`/en/admin/stocktaking/${entry.id}/decision`, { decision: 'return', comment: 'Say who runs the clinics.' });
    expect(returned.statusCode).toBe(303);
    const edited = await updateEntry(kit.database.db, { actor: owner, id: entry.id, patch: { partners: 'Ministry of Health; Red Crescent; Mongolian Nurses Association' } });
    expect(edited.ok).toBe(true);
    expect((await submitEntry(kit.database.db, { actor: owner, id: entry.id })).ok).toBe(true);
    const again = await moderator.get(`/en/admin/stocktaking/${entry.id}`);
    expect(again.body).toContain('<h2>Changes since the entry was returned</h2>');
    expect(again.body).toContain('Mongolian Nurses Association');
    expect(again.body).toMatch(/<caption>Changes since the entry was returned<\/caption>[\s\S]*Partners/);
  });
});

describe('language versions older than the original', () => {
  it('are marked out of date when the original changes, shown so to readers with the original a click away, until saved again', async () => {
    const { db } = kit.database;
    const entry = await insertPublishedEntry(db, {
      state: 'draft',
      submitterId: owner.id,
      publishedAt: null,
      originalLanguage: 'en',
      title: { en: 'Solar water pumps', fr: 'Pompes à eau solaires' },
      summary: { en: 'Pumps for villages.', fr: 'Des pompes pour les villages.' },
      translations: { en: 'original', fr: 'unofficial' },
    });
    // Saving the French version alone marks nothing.
    expect((await updateEntry(db, { actor: owner, id: entry.id, patch: { language: 'fr', summary: 'Des pompes solaires pour les villages.' } })).ok).toBe(true);
    const readerFr = async () => (await (await kit.as(await buildUser(db, { roles: ['moderator'] }))).get(`/fr/stocktaking/${entry.id}`)).body;
    expect(await readerFr()).not.toContain('translation-outdated');
    // The English original changes: the French version is out of date.
    expect((await updateEntry(db, { actor: owner, id: entry.id, patch: { language: 'en', summary: 'Solar pumps for forty villages.' } })).ok).toBe(true);
    const fr = await readerFr();
    expect(fr).toContain('Cette version linguistique est antérieure à la dernière modification du texte original');
    expect(fr).toContain(`<a href="/en/stocktaking/${entry.id}" hreflang="en">Lire l’original (anglais)</a>`);
    // Readers of the original are told nothing.
    expect((await (await kit.as(await buildUser(db, { roles: ['moderator'] }))).get(`/en/stocktaking/${entry.id}`)).body).not.toContain('translation-outdated');
    // Saving the French version again brings it up to date.
    expect((await updateEntry(db, { actor: owner, id: entry.id, patch: { language: 'fr', summary: 'Des pompes solaires pour quarante villages.' } })).ok).toBe(true);
    expect(await readerFr()).not.toContain('translation-outdated');
  });
});
