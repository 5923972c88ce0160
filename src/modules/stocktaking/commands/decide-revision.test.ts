import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getActorById } from '../../../core/auth/sessions.js';
import { mailOutbox } from '../../../core/mail/tables.js';
import type { Actor } from '../../../core/permissions/index.js';
import { createTestDatabase, type TestDatabase } from '../../../test/db.js';
import { buildUser } from '../../../test/factories.js';
import { entryInput } from '../inputs.js';
import { entries, revisions } from '../tables.js';
import { createEntry } from './create-entry.js';
import { decideEntry } from './decide-entry.js';
import { decideRevision } from './decide-revision.js';
import { submitEntry } from './submit-entry.js';
import { updateEntry } from './update-entry.js';

let database: TestDatabase;
let owner: Actor;
let moderator: Actor;
const baseUrl = 'http://platform.test';
beforeAll(async () => {
  database = await createTestDatabase();
  owner = (await getActorById(database.db, (await buildUser(database.db, { locale: 'ru' })).id)) as Actor;
  moderator = (await getActorById(database.db, (await buildUser(database.db, { roles: ['moderator'] })).id)) as Actor;
});
afterAll(async () => database.drop());

const publishedEntry = async () => {
  const input = entryInput.parse({
    language: 'ru',
    title: 'Цифровые библиотеки',
    summary: 'Оцифровка фондов сельских библиотек.',
    actionLines: ['C3'],
    leadCountry: 'KZ',
    stakeholderType: 'government',
    scope: 'national',
    status: 'ongoing',
  });
  const created = await createEntry(database.db, { actor: owner, input });
  if (!created.ok) throw new Error(created.error);
  expect(await submitEntry(database.db, { actor: owner, id: created.id })).toMatchObject({ ok: true });
  expect(await decideEntry(database.db, { actor: moderator, id: created.id, decision: 'publish', baseUrl })).toMatchObject({ ok: true, state: 'published' });
  return created.id;
};

describe('revisions of a published entry', () => {
  it('replaces an earlier pending revision, building on it', async () => {
    const id = await publishedEntry();
    const first = await updateEntry(database.db, { actor: owner, id, patch: { impact: 'Тысячи читателей' } });
    const second = await updateEntry(database.db, { actor: owner, id, patch: { title: 'Цифровые сельские библиотеки' } });
    expect(first.ok && second.ok).toBe(true);
    const rows = await database.db.select().from(revisions).where(eq(revisions.entryId, id)).orderBy(revisions.number);
    // Version 0 is the one published before the first proposed change.
    expect(rows.map((r) => [r.number, r.state])).toEqual([
      [0, 'accepted'],
      [1, 'superseded'],
      [2, 'pending'],
    ]);
    expect(rows[0]?.content).toMatchObject({ title: { ru: 'Цифровые библиотеки' } });
    expect(rows[2]?.content).toMatchObject({ title: { ru: 'Цифровые сельские библиотеки' }, impact: { ru: 'Тысячи читателей' } });
  });

  it('adds a translation as unofficial, kept apart until accepted', async () => {
    const id = await publishedEntry();
    const result = await updateEntry(database.db, { actor: owner, id, patch: { language: 'en', title: 'Digital libraries', summary: 'Digitizing rural library collections.' } });
    expect(result).toMatchObject({ ok: true, state: 'published' });
    expect(await decideRevision(database.db, { actor: moderator, entryId: id, decision: 'publish', baseUrl })).toMatchObject({ ok: true, state: 'accepted' });
    const [row] = await database.db.select().from(entries).where(eq(entries.id, id));
    expect(row?.title).toEqual({ ru: 'Цифровые библиотеки', en: 'Digital libraries' });
    expect(row?.translations).toEqual({ ru: 'original', en: 'unofficial' });
    expect(row?.searchVector).toContain("'librari':");
  });

  it('returns or rejects a revision with a comment, leaving the published version and telling the author', async () => {
    const id = await publishedEntry();
    await updateEntry(database.db, { actor: owner, id, patch: { title: 'Новое название' } });
    expect(await decideRevision(database.db, { actor: moderator, entryId: id, decision: 'reject', baseUrl })).toEqual({ ok: false, error: 'comment_required' });
    expect(await decideRevision(database.db, { actor: moderator, entryId: id, decision: 'return', comment: 'Уточните.', baseUrl })).toMatchObject({ ok: true, state: 'returned' });
    expect(await decideRevision(database.db, { actor: moderator, entryId: id, decision: 'publish', baseUrl })).toEqual({ ok: false, error: 'no_pending_revision' });
    const [row] = await database.db.select().from(entries).where(eq(entries.id, id));
    expect(row?.title).toEqual({ ru: 'Цифровые библиотеки' });
    const mails = await database.db
      .select()
      .from(mailOutbox)
      .where(and(eq(mailOutbox.to, owner.email)));
    expect(mails.every((m) => m.locale === 'ru')).toBe(true);
    expect(mails.some((m) => m.text.includes('Уточните.'))).toBe(true);
  });

  it('refuses to decide an entry that is not submitted', async () => {
    const id = await publishedEntry();
    const draft = await createEntry(database.db, {
      actor: owner,
      input: entryInput.parse({
        language: 'ru',
        title: 'Черновик',
        summary: 'Текст.',
        actionLines: ['C1'],
        leadCountry: 'RU',
        stakeholderType: 'other',
        scope: 'national',
        status: 'planned',
      }),
    });
    if (!draft.ok) throw new Error(draft.error);
    expect(await decideEntry(database.db, { actor: moderator, id: draft.id, decision: 'publish', baseUrl })).toEqual({ ok: false, error: 'invalid_state' });
    expect(await decideEntry(database.db, { actor: moderator, id: 999_999, decision: 'publish', baseUrl })).toEqual({ ok: false, error: 'not_found' });
    expect(await decideEntry(database.db, { actor: moderator, id, decision: 'publish', baseUrl })).toEqual({ ok: false, error: 'already_decided' });
  });
});
