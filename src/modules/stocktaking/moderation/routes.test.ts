import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../../core/audit/tables.js';
import { mailOutbox } from '../../../core/mail/tables.js';
import { createTestKit, type TestClient, type TestKit } from '../../../test/app.js';
import { buildUser } from '../../../test/factories.js';
import { entries, events } from '../tables.js';
import { insertPublishedEntry } from '../test-helpers.js';

let kit: TestKit;
let moderator: TestClient;
let owner: TestClient;
let ownerId: number;
let ownerEmail: string;
beforeAll(async () => {
  kit = await createTestKit();
  const { db } = kit.database;
  moderator = await kit.as(await buildUser(db, { roles: ['moderator'] }));
  const user = await buildUser(db, { locale: 'fr' });
  ownerId = user.id;
  ownerEmail = user.email;
  owner = await kit.as(user);
});
afterAll(async () => kit.close());

const submitted = async (over: Parameters<typeof insertPublishedEntry>[1] = {}) =>
  insertPublishedEntry(kit.database.db, { state: 'submitted', submitterId: ownerId, publishedAt: null, ...over });

describe('the moderation queue', () => {
  it('is for moderators only', async () => {
    expect((await owner.get('/en/admin/stocktaking')).statusCode).toBe(403);
    expect((await kit.client().get('/en/admin/stocktaking')).statusCode).toBe(303);
  });

  it('lists what awaits a decision oldest first, with completeness hints and likely duplicates', async () => {
    const { db } = kit.database;
    const older = await submitted({ title: { en: 'Community radio for farmers' }, summary: { en: 'Short.' } });
    const newer = await submitted({ title: { en: 'Community radios for farmers, phase two' } });
    await db
      .update(entries)
      .set({ submittedAt: new Date('2026-01-02T00:00:00Z') })
      .where(eq(entries.id, older.id));
    await db
      .update(entries)
      .set({ submittedAt: new Date('2026-03-04T00:00:00Z') })
      .where(eq(entries.id, newer.id));
    const page = await moderator.get('/en/admin/stocktaking?kind=new');
    expect(page.statusCode).toBe(200);
    const first = page.body.indexOf('Community radio for farmers<');
    const second = page.body.indexOf('Community radios for farmers, phase two');
    expect(first).toBeGreaterThan(0);
    expect(second).toBeGreaterThan(first);
    expect(page.body).toContain('Short summary: 1 words');
    expect(page.body).toContain('1 similar title from the same organization');
    expect(page.body).toContain('Complete in 1 language of 6');

    const review = await moderator.get(`/en/admin/stocktaking/${older.id}`);
    expect(review.statusCode).toBe(200);
    expect(review.body).toMatch(/Community radios for farmers, phase two<\/a> \(Awaiting moderation/);
    expect(review.body).toMatch(/\d+% similar/);
  });

  it('filters by language and title words, and ignores nonsense filter values', async () => {
    await submitted({ title: { fr: 'Télémédecine en montagne' }, summary: { fr: 'Consultations à distance.' }, originalLanguage: 'fr', translations: { fr: 'original' } });
    const fr = await moderator.get('/en/admin/stocktaking?language=fr');
    expect(fr.body).toContain('Télémédecine en montagne');
    expect(fr.body).not.toContain('Community radio for farmers<');
    const words = await moderator.get('/en/admin/stocktaking?q=MONTAGNE');
    expect(words.body).toContain('Télémédecine en montagne');
    const odd = await moderator.get('/en/admin/stocktaking?kind=%3Cscript%3E&language=xx&actionLine=DROP&page=-4');
    expect(odd.statusCode).toBe(200);
  });

  it('decides several entries at once, each audited and its submitter told in their language', async () => {
    const { db } = kit.database;
    const a = await submitted({ title: { en: 'Bulk one' } });
    const b = await submitted({ title: { en: 'Bulk two' } });
    await moderator.get('/en/admin/stocktaking');
    const res = await moderator.post('/en/admin/stocktaking/decisions', { ids: [String(a.id), String(b.id)], decision: 'publish', comment: '' });
    expect(res.statusCode).toBe(303);
    const after = await moderator.get('/en/admin/stocktaking');
    expect(after.body).toContain('Decision “Publish” applied to 2 entries.');
    const states = await db.select({ id: entries.id, state: entries.state }).from(entries).where(eq(entries.id, a.id));
    expect(states[0]?.state).toBe('published');
    const audited = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'stocktaking.entry.moderate'), eq(auditLog.subjectId, String(b.id))));
    expect(audited).toHaveLength(1);
    const mails = await db.select().from(mailOutbox).where(eq(mailOutbox.to, ownerEmail));
    expect(mails.some((m) => m.locale === 'fr' && m.subject.includes('Bulk two'))).toBe(true);
  });

  it('asks for a comment before returning or rejecting in bulk, and for a selection', async () => {
    const c = await submitted({ title: { en: 'Needs a comment' } });
    await moderator.get('/en/admin/stocktaking');
    await moderator.post('/en/admin/stocktaking/decisions', { ids: [String(c.id)], decision: 'reject', comment: '' });
    expect((await moderator.get('/en/admin/stocktaking')).body).toContain('Write a comment: the submitter needs to know why.');
    await moderator.post('/en/admin/stocktaking/decisions', { decision: 'publish' });
    expect((await moderator.get('/en/admin/stocktaking')).body).toContain('Select at least one entry.');
    const [row] = await kit.database.db.select().from(entries).where(eq(entries.id, c.id));
    expect(row?.state).toBe('submitted');
  });

  it('returns one entry with a comment from its review page, and shows it in the owner history', async () => {
    const d = await submitted({ title: { en: 'Return me' } });
    await moderator.get(`/en/admin/stocktaking/${d.id}`);
    const missing = await moderator.post(`/en/admin/stocktaking/${d.id}/decision`, { decision: 'return', comment: '' });
    expect(missing.statusCode).toBe(422);
    expect(missing.body).toContain('Write a comment');
    const res = await moderator.post(`/en/admin/stocktaking/${d.id}/decision`, { decision: 'return', comment: 'Merci d’ajouter le site web.' });
    expect(res.statusCode).toBe(303);
    const history = await owner.get(`/en/stocktaking/${d.id}/history`);
    expect(history.statusCode).toBe(200);
    expect(history.body).toContain('Returned to the submitter');
    expect(history.body).toContain('Merci d’ajouter le site web.');
    expect((await owner.get('/en/stocktaking/mine')).body).toContain('Merci d’ajouter le site web.');
    // Nobody else reads the history, not even of a published entry.
    const stranger = await kit.as(await buildUser(kit.database.db));
    expect((await stranger.get(`/en/stocktaking/${d.id}/history`)).statusCode).toBe(404);
  });

  it('says so on the history of an entry loaded as published, with no step recorded', async () => {
    const loaded = await insertPublishedEntry(kit.database.db, { submitterId: ownerId, title: { en: 'Loaded as published' } });
    const history = await owner.get(`/fr/stocktaking/${loaded.id}/history`);
    expect(history.statusCode).toBe(200);
    expect(history.body).toContain("Aucune étape de modération n'a été enregistrée pour cette fiche.");
    expect(history.body).not.toContain('<ol class="timeline">');
  });

  it('tells a second moderator, in their language, that the entry has already been decided, and changes nothing', async () => {
    const { db } = kit.database;
    const e = await submitted({ title: { en: 'Decided twice' } });
    const colleague = await kit.as(await buildUser(db, { roles: ['moderator'], locale: 'fr' }));
    // Both opened the review page before either decided.
    await moderator.get(`/en/admin/stocktaking/${e.id}`);
    await colleague.get(`/fr/admin/stocktaking/${e.id}`);
    expect((await moderator.post(`/en/admin/stocktaking/${e.id}/decision`, { decision: 'return', comment: 'Please add a website.' })).statusCode).toBe(303);
    const late = await colleague.post(`/fr/admin/stocktaking/${e.id}/decision`, { decision: 'publish', comment: '' });
    expect(late.statusCode).toBe(422);
    expect(late.body).toContain('Une décision a déjà été prise sur cette fiche');
    const [row] = await db.select().from(entries).where(eq(entries.id, e.id));
    expect(row?.state).toBe('returned');
    const decided = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'stocktaking.entry.moderate'), eq(auditLog.subjectId, String(e.id))));
    expect(decided).toHaveLength(1);
  });
});

describe('proposed changes of a published entry', () => {
  it('shows the moderator and the owner what changed, word by word, then publishes them', async () => {
    const { id } = await insertPublishedEntry(kit.database.db, {
      submitterId: ownerId,
      title: { en: 'Rural telecentres' },
      summary: { en: 'Telecentres in 12 villages.' },
      actionLines: ['C2'],
      leadCountry: 'KE',
    });
    await owner.get(`/en/stocktaking/${id}/edit`);
    await owner.post(`/en/stocktaking/${id}/edit`, {
      language: 'en',
      title: 'Rural telecentres',
      summary: 'Telecentres in 30 villages.',
      actionLines: ['C2', 'C4'],
      leadCountry: 'KE',
      stakeholderType: 'government',
      scope: 'national',
      status: 'ongoing',
      intent: 'save',
    });
    const queue = await moderator.get('/en/admin/stocktaking?kind=revision');
    expect(queue.body).toContain('Proposed changes');
    expect(queue.body).toContain('Rural telecentres');
    const review = await moderator.get(`/en/admin/stocktaking/${id}`);
    expect(review.body).toMatch(/<del><span class="visually-hidden">\[deleted: <\/span>12<span/);
    expect(review.body).toMatch(/<ins><span class="visually-hidden">\[inserted: <\/span>30<span/);
    expect(review.body).toContain('<ins>Added: <bdi>C4</bdi></ins>');
    await moderator.post(`/en/admin/stocktaking/${id}/decision`, { decision: 'publish' });
    expect((await kit.client().get(`/en/stocktaking/${id}`)).body).toContain('Telecentres in 30 villages.');
    const history = await owner.get(`/en/stocktaking/${id}/history`);
    expect(history.body).toContain('First published version');
    expect(history.body).toContain('Version 1');
    expect(history.body).toContain('Changes accepted');
  });
});

describe('the yearly call for new and updated entries', () => {
  it('e-mails each owner of entries not updated for a year once, in their language, and records the call', async () => {
    const { db } = kit.database;
    const stale = await insertPublishedEntry(db, { submitterId: ownerId, title: { fr: 'Ancienne activité' }, originalLanguage: 'fr', translations: { fr: 'original' } });
    const stale2 = await insertPublishedEntry(db, { submitterId: ownerId, title: { en: 'Old activity two' } });
    const fresh = await insertPublishedEntry(db, { submitterId: ownerId, title: { en: 'Fresh activity' } });
    const old = new Date(Date.now() - 400 * 86_400_000);
    await db.update(entries).set({ updatedAt: old }).where(eq(entries.id, stale.id));
    await db.update(entries).set({ updatedAt: old }).where(eq(entries.id, stale2.id));
    const before = (await db.select().from(mailOutbox).where(eq(mailOutbox.to, ownerEmail))).length;

    expect((await owner.get('/en/admin/stocktaking/calls')).statusCode).toBe(403);
    await moderator.get('/en/admin/stocktaking/calls');
    const wrong = await moderator.post('/en/admin/stocktaking/calls', { opensOn: '2026-12-10', closesOn: '2026-12-01' });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.body).toContain('The closing date must be on or after the opening date.');
    const today = new Date().toISOString().slice(0, 10);
    const closes = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    const res = await moderator.post('/en/admin/stocktaking/calls', { opensOn: today, closesOn: closes });
    expect(res.statusCode).toBe(303);
    const page = await moderator.get('/en/admin/stocktaking/calls');
    expect(page.body).toMatch(/The call is open\. 1 owner will be e-mailed \(2 entries not updated for a year\)/);

    const mails = (await db.select().from(mailOutbox).where(eq(mailOutbox.to, ownerEmail))).slice(before);
    expect(mails).toHaveLength(1);
    expect(mails[0]?.locale).toBe('fr');
    expect(mails[0]?.text).toContain('Ancienne activité');
    expect(mails[0]?.text).not.toContain('Fresh activity');
    const requested = await db
      .select()
      .from(events)
      .where(and(eq(events.entryId, stale.id), eq(events.kind, 'update-requested')));
    expect(requested).toHaveLength(1);
    expect((await owner.get('/en/stocktaking/mine')).body).toContain('A call for new and updated entries is open until');
    const [audited] = await db.select().from(auditLog).where(eq(auditLog.action, 'stocktaking.call.open'));
    expect(audited?.after).toMatchObject({ ownersNotified: 1, entriesConcerned: 2 });
    void fresh;
  });
});
