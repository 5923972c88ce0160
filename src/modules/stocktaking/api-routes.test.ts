import { translator } from '../../core/i18n/translate.js';
import { desc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../core/audit/tables.js';
import { mailOutbox } from '../../core/mail/tables.js';
import { createTestKit, type TestKit } from '../../test/app.js';
import { buildUser } from '../../test/factories.js';
import { createApiToken } from '../accounts/commands/create-api-token.js';
import { entries, events, revisions } from './tables.js';

let kit: TestKit;
let contributor: string;
let moderator: string;
let contributorEmail: string;

const tokenFor = async (userId: number) => (await createApiToken(kit.database.db, { userId, label: 'test', actor: null })).token;

beforeAll(async () => {
  kit = await createTestKit();
  const user = await buildUser(kit.database.db, { locale: 'fr', name: 'Amina' });
  contributorEmail = user.email;
  contributor = await tokenFor(user.id);
  moderator = await tokenFor((await buildUser(kit.database.db, { roles: ['moderator'] })).id);
});
afterAll(async () => kit.close());

const call = (token: string, method: 'POST' | 'PATCH', url: string, payload?: unknown) =>
  kit.app.inject({ method, url: `/api/v1${url}`, payload: payload as object | undefined, headers: { authorization: `Bearer ${token}` } });

const valid = (overrides: Record<string, unknown> = {}) => ({
  language: 'fr',
  title: 'Services numériques pour les écoles rurales',
  summary: 'Connecter les écoles rurales à internet et former les enseignants.',
  actionLines: ['C2', 'C4'],
  sdgs: [4, 9],
  countries: ['SN', 'ML'],
  leadCountry: 'SN',
  stakeholderType: 'civil-society',
  scope: 'regional',
  targetGroups: ['youth', 'rural-and-remote-communities'],
  status: 'ongoing',
  startDate: '2024-01-15',
  endDate: '2026-12-31',
  website: 'https://example.org/ecoles',
  contact: { name: 'Amina Diop', email: 'amina@example.org' },
  ...overrides,
});

const pointers = (body: { errors?: { pointer: string }[] }) => (body.errors ?? []).map((e) => e.pointer);

describe('entries API: the whole path', () => {
  it('create → submit → publish → edit (revision) → accept', async () => {
    const created = await call(contributor, 'POST', '/entries', valid());
    expect(created.statusCode).toBe(201);
    const { id, state } = created.json();
    expect(state).toBe('draft');

    const db = kit.database.db;
    const [row] = await db.select().from(entries).where(eq(entries.id, id));
    expect(row).toMatchObject({ state: 'draft', originalLanguage: 'fr', region: 'AFR', organizationId: null, contactEmail: 'amina@example.org' });
    expect(row?.title).toEqual({ fr: 'Services numériques pour les écoles rurales' });
    expect(row?.translations).toEqual({ fr: 'original' });
    expect(row?.titleText).toContain('numériques');
    const [hit] = (await db.execute(sql`select search_vector @@ to_tsquery('french', 'numérique') as hit from stocktaking_entries where id = ${id}`)).rows as { hit: boolean }[];
    expect(hit?.hit).toBe(true);

    expect((await call(contributor, 'PATCH', `/entries/${id}`, { title: 'Écoles rurales connectées' })).json()).toMatchObject({ id, state: 'draft', revisionId: null });
    expect((await call(contributor, 'POST', `/entries/${id}/submit`)).json()).toEqual({ id, state: 'submitted' });
    // Under moderation, the submitter cannot change it.
    expect((await call(contributor, 'PATCH', `/entries/${id}`, { title: 'Encore' })).statusCode).toBe(409);
    // A contributor cannot decide.
    expect((await call(contributor, 'POST', `/entries/${id}/decision`, { decision: 'publish' })).statusCode).toBe(403);

    const published = await call(moderator, 'POST', `/entries/${id}/decision`, { decision: 'publish' });
    expect(published.statusCode).toBe(200);
    expect(published.json()).toEqual({ id, state: 'published' });
    const [afterPublish] = await db.select().from(entries).where(eq(entries.id, id));
    expect(afterPublish?.publishedAt).toBeInstanceOf(Date);
    expect(afterPublish?.publishedYear).toBe(new Date().getUTCFullYear());

    // The submitter is told in their language (French); translations come later, so only the locale is checked.
    const [mail] = await db.select().from(mailOutbox).where(eq(mailOutbox.to, contributorEmail)).orderBy(desc(mailOutbox.id));
    expect(mail?.locale).toBe('fr');
    expect(mail?.text).toContain('Écoles rurales connectées');

    // Editing a published entry proposes a revision; the public version does not change.
    const edited = await call(contributor, 'PATCH', `/entries/${id}`, { title: 'Écoles rurales connectées, deuxième phase', sdgs: [4, 9, 15] });
    expect(edited.statusCode).toBe(200);
    const { revisionId, unlinkedSdgs } = edited.json();
    expect(revisionId).toEqual(expect.any(Number));
    expect(unlinkedSdgs).toEqual([15]);
    const [stillPublished] = await db.select().from(entries).where(eq(entries.id, id));
    expect(stillPublished).toMatchObject({ state: 'published', title: { fr: 'Écoles rurales connectées' }, sdgs: [4, 9] });
    const visible = await kit.app.inject({ url: `/api/v1/entries/${id}` });
    expect(visible.statusCode).toBe(200);
    expect(visible.json().title.fr).toBe('Écoles rurales connectées');

    // Returning the revision needs a comment.
    const noComment = await call(moderator, 'POST', `/entries/${id}/decision`, { decision: 'return' });
    expect(noComment.statusCode).toBe(422);
    expect(pointers(noComment.json())).toEqual(['/comment']);

    const accepted = await call(moderator, 'POST', `/entries/${id}/decision`, { decision: 'publish' });
    expect(accepted.json()).toEqual({ id, state: 'published', revisionId });
    const [final] = await db.select().from(entries).where(eq(entries.id, id));
    expect(final).toMatchObject({ state: 'published', title: { fr: 'Écoles rurales connectées, deuxième phase' }, sdgs: [4, 9, 15] });
    expect(final?.titleText).toContain('deuxième');
    expect(final?.publishedAt?.getTime()).toBe(afterPublish?.publishedAt?.getTime());
    const [revision] = await db.select().from(revisions).where(eq(revisions.id, revisionId));
    expect(revision?.state).toBe('accepted');

    const history = (await db.select({ kind: events.kind }).from(events).where(eq(events.entryId, id)).orderBy(events.id)).map((e) => e.kind);
    expect(history).toEqual(['created', 'edited', 'submitted', 'published', 'revision-proposed', 'revision-accepted']);
    const audited = (
      await db
        .select({ action: auditLog.action })
        .from(auditLog)
        .where(eq(auditLog.subjectId, String(id)))
    ).map((a) => a.action);
    expect(audited).toEqual(expect.arrayContaining(['stocktaking.entry.create', 'stocktaking.entry.submit', 'stocktaking.entry.moderate']));
  });

  it('returns an entry with a comment, then it can be edited and submitted again', async () => {
    const { id } = (await call(contributor, 'POST', '/entries', valid())).json();
    await call(contributor, 'POST', `/entries/${id}/submit`);
    const returned = await call(moderator, 'POST', `/entries/${id}/decision`, { decision: 'return', comment: 'Ajoutez les partenaires.' });
    expect(returned.json()).toEqual({ id, state: 'returned' });
    expect((await call(contributor, 'PATCH', `/entries/${id}`, { partners: 'Ministère de l’Éducation' })).json().state).toBe('returned');
    expect((await call(contributor, 'POST', `/entries/${id}/submit`)).json().state).toBe('submitted');
    const rejected = await call(moderator, 'POST', `/entries/${id}/decision`, { decision: 'reject', comment: 'Hors sujet.' });
    expect(rejected.json().state).toBe('rejected');
    // A rejected entry is closed.
    expect((await call(contributor, 'PATCH', `/entries/${id}`, { title: 'x' })).statusCode).toBe(403);
    const [mail] = await kit.database.db.select().from(mailOutbox).where(eq(mailOutbox.to, contributorEmail)).orderBy(desc(mailOutbox.id));
    expect(mail?.text).toContain('Hors sujet.');
  });

  it('lets nobody else edit, submit or see a draft', async () => {
    const { id } = (await call(contributor, 'POST', '/entries', valid())).json();
    const stranger = await tokenFor((await buildUser(kit.database.db)).id);
    expect((await call(stranger, 'PATCH', `/entries/${id}`, { title: 'Mine now' })).statusCode).toBe(404);
    expect((await call(stranger, 'POST', `/entries/${id}/submit`)).statusCode).toBe(404);
    // Without a token or a session, a write asks for authentication.
    const anonymous = await kit.app.inject({ method: 'POST', url: `/api/v1/entries/${id}/submit` });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.headers['content-type']).toContain('application/problem+json');
  });

  it('refuses an unverified contributor', async () => {
    const unverified = await tokenFor((await buildUser(kit.database.db, { verified: false })).id);
    expect((await call(unverified, 'POST', '/entries', valid())).statusCode).toBe(403);
  });
});

describe('entries API: bad input', () => {
  it('stores script tags verbatim as text', async () => {
    const title = '<script>alert("x")</script> Écoles';
    const res = await call(contributor, 'POST', '/entries', valid({ title, summary: '<img src=x onerror=alert(1)> **bold**' }));
    expect(res.statusCode).toBe(201);
    const [row] = await kit.database.db.select().from(entries).where(eq(entries.id, res.json().id));
    expect(row?.title.fr).toBe(title);
    expect(row?.summary.fr).toBe('<img src=x onerror=alert(1)> **bold**');
  });

  it('answers unknown action line, SDG and country codes with 422 and a pointer to each', async () => {
    const res = await call(contributor, 'POST', '/entries', valid({ actionLines: ['C2', 'C99'], sdgs: [4, 18], countries: ['SN', 'XX'], leadCountry: 'QQ' }));
    expect(res.statusCode).toBe(422);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(pointers(res.json()).sort()).toEqual(['/actionLines/1', '/countries/1', '/leadCountry', '/sdgs/1']);
    expect(res.json().errors[0].detail).toContain('C99');
  });

  it('refuses a 201-character title, stating the limit of 200', async () => {
    const res = await call(contributor, 'POST', '/entries', valid({ title: 'a'.repeat(201) }));
    expect(res.statusCode).toBe(400);
    const error = res.json().errors.find((e: { pointer: string }) => e.pointer === '/title');
    expect(error.detail).toContain('200');
  });

  it('refuses a summary of 201 words and accepts one of 200', async () => {
    const tooLong = await call(contributor, 'POST', '/entries', valid({ summary: Array.from({ length: 201 }, (_, i) => `mot${i}`).join(' ') }));
    expect(tooLong.statusCode).toBe(400);
    const error = tooLong.json().errors.find((e: { pointer: string }) => e.pointer === '/summary');
    expect(error.detail).toContain('200');
    expect((await call(contributor, 'POST', '/entries', valid({ summary: Array.from({ length: 200 }, (_, i) => `mot${i}`).join(' ') }))).statusCode).toBe(201);
  });

  it('refuses a javascript: website and an end date before the start date', async () => {
    const res = await call(contributor, 'POST', '/entries', valid({ website: 'javascript:alert(1)', startDate: '2025-05-01', endDate: '2025-04-30' }));
    expect(res.statusCode).toBe(400);
    expect(pointers(res.json()).sort()).toEqual(['/endDate', '/website']);
    expect(res.json().errors.find((e: { pointer: string }) => e.pointer === '/endDate').detail).toMatch(/end date/i);
  });

  it('refuses a completed activity whose end date is in the future, in the caller’s language', async () => {
    const future = `${new Date().getUTCFullYear() + 1}-01-31`;
    const res = await call(contributor, 'POST', '/entries?lang=fr', valid({ status: 'completed', endDate: future }));
    expect(res.statusCode).toBe(400);
    expect(pointers(res.json())).toEqual(['/endDate']);
    expect(res.json().errors[0].detail).toBe(translator('fr')('stocktaking.errors.completed_end_in_future'));
    expect((await call(contributor, 'POST', '/entries', valid({ status: 'completed', startDate: '2022-01-01', endDate: '2023-06-30' }))).statusCode).toBe(201);
    const { id } = (await call(contributor, 'POST', '/entries', valid())).json();
    expect((await call(contributor, 'PATCH', `/entries/${id}`, { status: 'completed' })).statusCode).toBe(400);
  });

  it('checks an edit as a whole: an end date before the existing start date is refused', async () => {
    const { id } = (await call(contributor, 'POST', '/entries', valid())).json();
    const res = await call(contributor, 'PATCH', `/entries/${id}`, { endDate: '2023-01-01' });
    expect(res.statusCode).toBe(400);
    expect(pointers(res.json())).toEqual(['/endDate']);
    const unknown = await call(contributor, 'PATCH', `/entries/${id}`, { actionLines: ['C42'] });
    expect(unknown.statusCode).toBe(422);
    expect(pointers(unknown.json())).toEqual(['/actionLines/0']);
  });

  it('describes the write endpoints in the OpenAPI document', async () => {
    const doc = (await kit.app.inject({ url: '/api/v1/openapi.json' })).json();
    expect(doc.paths['/api/v1/entries'].post.tags).toEqual(['stocktaking']);
    expect(doc.paths['/api/v1/entries/{id}'].patch.requestBody).toBeTruthy();
    expect(doc.paths['/api/v1/entries/{id}/submit'].post).toBeTruthy();
    expect(doc.paths['/api/v1/entries/{id}/decision'].post.requestBody).toBeTruthy();
  });
});
