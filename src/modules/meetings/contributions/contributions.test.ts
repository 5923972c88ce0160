/**
 * Contributions end to end through HTTP (form, queue, API), on PGlite and PostgreSQL: who may
 * submit, the checks of the files (built here), late contributions, registration without a
 * symbol wasted, nothing half-written.
 */
import { createHash } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestKit, type TestClient, type TestKit } from '../../../test/app.js';
import { buildUser } from '../../../test/factories.js';
import { createApiToken } from '../../accounts/commands/create-api-token.js';
import { memberships, organizations } from '../../accounts/tables.js';
import { documentFiles, meetingDocuments } from '../tables.js';
import type { FileStore } from '../../../core/storage/files.js';
import { submitContribution } from './commands/submit-contribution.js';
import { docx, docxWithMacros, insertMeeting, pdf, zipBomb } from './test-helpers.js';

let kit: TestKit;
let db: TestKit['database']['db'];
type User = Awaited<ReturnType<typeof buildUser>>;
let cwg: User;
let delegate: User;
let ngo: User;
let secretariat: User;
let orgId: number;

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const PDF = 'application/pdf';
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

const counts = async () => {
  const { rows } = await db.execute<{ d: number; f: number; c: number; s: number; n: number }>(sql`select
    (select count(*) from meetings_documents)::int as d, (select count(*) from meetings_document_files)::int as f,
    (select count(*) from core_files)::int as c, (select count(*) from meetings_symbol_counters)::int as s,
    (select count(*) from core_notifications)::int as n`);
  return rows[0];
};

/** Opens the form (for its CSRF token), then posts it. */
const submit = async (c: TestClient, url: string, form: Record<string, string>, files: Record<string, { name: string; type: string; data: Buffer }>) => {
  await c.get(url);
  return c.postMultipart(url, form, files);
};

beforeAll(async () => {
  kit = await createTestKit();
  db = kit.database.db;
  cwg = await buildUser(db, { roles: ['cwg-member'], name: 'Ana CWG' });
  delegate = await buildUser(db, { locale: 'ru' });
  ngo = await buildUser(db);
  secretariat = await buildUser(db, { roles: ['secretariat'] });
  const [ministry] = await db.insert(organizations).values({ name: 'Ministry of Digital Development', stakeholderType: 'government', country: 'RU' }).returning();
  const [civil] = await db.insert(organizations).values({ name: 'Rural Connect', stakeholderType: 'civil-society', country: 'SN' }).returning();
  orgId = ministry?.id ?? 0;
  await db.insert(memberships).values({ organizationId: orgId, userId: delegate.id, role: 'member' });
  await db.insert(memberships).values({ organizationId: civil?.id ?? 0, userId: ngo.id, role: 'member' });
});
afterAll(async () => kit?.close());

describe('submitting a contribution through the form', () => {
  it('receives a CWG member’s contribution: document submitted, files kept, receipt, notifications to the submitter and the secretariat', async () => {
    const meeting = await insertMeeting(db);
    const c = await kit.as(cwg);
    const url = `/en${meeting.path}/contribute`;
    const form = await c.get(url);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('enctype="multipart/form-data"');
    const original = pdf();
    const french = docx();
    const res = await submit(
      c,
      url,
      {
        agenda_item: String(meeting.agenda[1]?.id),
        original_language: 'en',
        title_en: 'Broadband for rural schools',
        title_fr: 'Le haut débit pour les écoles rurales',
        note: 'Please check the annex.',
      },
      { file_en: { name: 'contribution.pdf', type: PDF, data: original }, file_fr: { name: 'contribution-fr.docx', type: DOCX, data: french } },
    );
    expect(res.statusCode, res.body.slice(0, 2000)).toBe(303);
    const [doc] = await db.select().from(meetingDocuments).where(eq(meetingDocuments.meetingId, meeting.id));
    expect(doc).toMatchObject({
      kind: 'contribution',
      status: 'submitted',
      symbol: null,
      sourceKind: 'other',
      sourceName: 'Ana CWG',
      originalLanguage: 'en',
      agendaItemId: meeting.agenda[1]?.id,
    });
    expect(doc?.title).toEqual({ en: 'Broadband for rural schools', fr: 'Le haut débit pour les écoles rurales' });
    const files = await db
      .select()
      .from(documentFiles)
      .where(eq(documentFiles.documentId, doc?.id ?? 0));
    expect(files.map((f) => [f.locale, f.mediaType, f.sha256]).sort()).toEqual([
      ['en', PDF, sha(original)],
      ['fr', DOCX, sha(french)],
    ]);
    expect(await kit.app.platform.files.size(sha(original))).toBe(original.length);
    const receipt = await c.get(res.headers.location as string);
    expect(receipt.body).toContain('Broadband for rural schools');
    expect(receipt.body).toContain('Awaiting registration');
    const notes = await db.execute<{ kind: string; recipient_id: string }>(
      sql`select kind, recipient_id from core_notifications where params->>'meeting' = ${`CWG-WSIS&SDG-${meeting.number}`}`,
    );
    expect(notes.rows.map((r) => [r.kind, Number(r.recipient_id)])).toEqual(
      expect.arrayContaining([
        ['meetings.contribution_received', cwg.id],
        ['meetings.contribution_submitted', secretariat.id],
      ]),
    );
    const mine = await c.get('/en/meetings/my-contributions');
    expect(mine.body).toContain('Broadband for rural schools');
  });

  it('takes a delegate’s contribution in Russian as their Member State’s', async () => {
    const meeting = await insertMeeting(db);
    const c = await kit.as(delegate);
    const url = `/ru${meeting.path}/contribute`;
    const page = await c.get(url);
    expect(page.body).toContain('Представить вклад');
    const res = await submit(
      c,
      url,
      { agenda_item: String(meeting.agenda[0]?.id), original_language: 'ru', title_ru: 'Цифровая инклюзивность' },
      { file_ru: { name: 'вклад.pdf', type: PDF, data: pdf() } },
    );
    expect(res.statusCode).toBe(303);
    const [doc] = await db.select().from(meetingDocuments).where(eq(meetingDocuments.meetingId, meeting.id));
    expect(doc).toMatchObject({ sourceKind: 'member-state', sourceCountry: 'RU', sourceOrganizationId: orgId, title: { ru: 'Цифровая инклюзивность' } });
  });

  it('refuses people who may not submit (403) and writes nothing', async () => {
    const meeting = await insertMeeting(db);
    const before = await counts();
    const unverified = await buildUser(db, { roles: ['cwg-member'], verified: false });
    for (const user of [ngo, unverified]) {
      const c = await kit.as(user);
      const url = `/en${meeting.path}/contribute`;
      const page = await c.get(url);
      expect(page.statusCode).toBe(403);
      const res = await c.postMultipart(url, { original_language: 'en', title_en: 'x' }, { file_en: { name: 'a.pdf', type: PDF, data: pdf() } });
      expect(res.statusCode).toBe(403);
    }
    expect(await counts()).toEqual(before);
  });

  it('refuses each bad file beside its field, in the reader’s language, keeping what was typed, writing nothing and keeping no bytes', async () => {
    const meeting = await insertMeeting(db);
    const c = await kit.as(cwg);
    const url = `/fr${meeting.path}/contribute`;
    const cases: { data: Buffer; name: string; type: string; message: string }[] = [
      { data: Buffer.from('MZ this is an executable'), name: 'contribution.pdf', type: PDF, message: 'est pas un document' },
      { data: pdf(), name: 'contribution.docx', type: DOCX, message: 'ne correspond pas' },
      { data: Buffer.alloc(0), name: 'vide.pdf', type: PDF, message: 'Ce fichier est vide' },
      { data: docxWithMacros(), name: 'macros.docx', type: DOCX, message: 'contient des macros' },
      { data: zipBomb(), name: 'bombe.docx', type: DOCX, message: 'se décompresserait' },
    ];
    for (const bad of cases) {
      const good = pdf();
      const before = await counts();
      const res = await submit(
        c,
        url,
        { agenda_item: String(meeting.agenda[0]?.id), original_language: 'fr', title_fr: 'Titre gardé', title_en: 'Kept title' },
        { file_fr: { name: bad.name, type: bad.type, data: bad.data }, file_en: { name: 'ok.pdf', type: PDF, data: good } },
      );
      expect(res.statusCode, bad.name).toBe(422);
      expect(res.body, bad.name).toContain(bad.message);
      expect(res.body).toContain('id="field-file_fr-error"');
      expect(res.body).toContain('value="Titre gardé"');
      expect(await counts()).toEqual(before);
      expect(await kit.app.platform.files.size(sha(good))).toBeNull();
    }
  }, 120_000);

  it('asks for the title and the file of the original language', async () => {
    const meeting = await insertMeeting(db);
    const c = await kit.as(cwg);
    const url = `/en${meeting.path}/contribute`;
    const res = await submit(c, url, { agenda_item: String(meeting.agenda[0]?.id), original_language: 'es', title_en: 'Only English' }, {});
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('Give the title in the original language.');
    expect(res.body).toContain('Attach the file of the original language.');
  });

  it('refuses a held or cancelled meeting with a clear message (409), and an unknown one (404)', async () => {
    const c = await kit.as(cwg);
    for (const status of ['held', 'cancelled'] as const) {
      const meeting = await insertMeeting(db, { status });
      const res = await c.get(`/en${meeting.path}/contribute`);
      expect(res.statusCode).toBe(409);
      expect(res.body).toContain(status === 'held' ? 'has already been held' : 'was cancelled');
    }
    expect((await c.get('/en/meetings/CWG-WSIS%26SDG/999999/contribute')).statusCode).toBe(404);
    expect((await c.get('/en/meetings/NOPE/1/contribute')).statusCode).toBe(404);
  });
});

describe('a submission that fails while its files are kept', () => {
  it('rolls back every row and removes the bytes it kept (no orphan file)', async () => {
    const meeting = await insertMeeting(db);
    const real = kit.app.platform.files;
    let puts = 0;
    // The second language version cannot be kept (a full disk): the first one was already written.
    const failing: FileStore = {
      ...real,
      put: async (data) => (++puts === 2 ? Promise.reject(new Error('disk full')) : real.put(data)),
      open: real.open.bind(real),
      size: real.size.bind(real),
      remove: real.remove.bind(real),
    };
    const first = pdf();
    const before = await counts();
    await expect(
      submitContribution(db, {
        actor: { id: cwg.id, email: cwg.email, name: cwg.name, roles: ['cwg-member'], locale: 'en', emailVerified: true, status: 'active' },
        organizations: [],
        meetingId: meeting.id,
        input: {
          originalLanguage: 'en',
          agendaItem: String(meeting.agenda[0]?.id),
          titles: { en: 'Two versions' },
          files: { en: { bytes: first, fileName: 'a.pdf', declaredType: PDF }, fr: { bytes: pdf(), fileName: 'b.pdf', declaredType: PDF } },
        },
        store: failing,
      }),
    ).rejects.toThrow('disk full');
    expect(puts).toBe(2);
    expect(await counts()).toEqual(before);
    expect(await real.size(sha(first))).toBeNull();
  });
});

describe('the secretariat’s queue', () => {
  const submitOne = async (meeting: Awaited<ReturnType<typeof insertMeeting>>, title: string) => {
    const c = await kit.as(cwg);
    const res = await submit(
      c,
      `/en${meeting.path}/contribute`,
      { agenda_item: String(meeting.agenda[0]?.id), original_language: 'en', title_en: title },
      { file_en: { name: 'c.pdf', type: PDF, data: pdf() } },
    );
    expect(res.statusCode).toBe(303);
    const [doc] = await db
      .select()
      .from(meetingDocuments)
      .where(and(eq(meetingDocuments.meetingId, meeting.id), sql`${meetingDocuments.title}->>'en' = ${title}`));
    return doc?.id ?? 0;
  };

  it('registers a late contribution only when flagged late; a refused registration allocates no symbol', async () => {
    const meeting = await insertMeeting(db, { deadlineInDays: -1 });
    const c = await kit.as(cwg);
    const form = await c.get(`/en${meeting.path}/contribute`);
    expect(form.body).toContain('The deadline for contributions has passed');
    expect(form.body).toContain('registered as a late contribution');
    const id = await submitOne(meeting, 'Late but useful');
    const s = await kit.as(secretariat);
    const queueUrl = `/fr/admin${meeting.path}/contributions`;
    const queue = await s.get(queueUrl);
    expect(queue.statusCode).toBe(200);
    expect(queue.body).toContain('Late but useful');
    expect(queue.body).toContain('Enregistrer comme contribution tardive');
    const refused = await s.post(`${queueUrl}/${id}/register`, {});
    expect(refused.statusCode).toBe(422);
    expect(refused.body).toContain('reçue après la date limite');
    const counters = await db.execute(sql`select * from meetings_symbol_counters where meeting_id = ${meeting.id}`);
    expect(counters.rows).toEqual([]);
    expect((await db.select().from(meetingDocuments).where(eq(meetingDocuments.id, id)))[0]).toMatchObject({ status: 'submitted', symbol: null });
    const registered = await s.post(`${queueUrl}/${id}/register`, { late: 'yes' });
    expect(registered.statusCode).toBe(303);
    expect((await db.select().from(meetingDocuments).where(eq(meetingDocuments.id, id)))[0]).toMatchObject({
      status: 'registered',
      late: true,
      symbol: `CWG-WSIS&SDG-${meeting.number}/1`,
    });
    await s.get(queueUrl);
    expect((await s.post(`${queueUrl}/${id}/publish`, {})).statusCode).toBe(303);
    expect((await db.select().from(meetingDocuments).where(eq(meetingDocuments.id, id)))[0]).toMatchObject({ status: 'published' });
    const mine = await c.get('/en/meetings/my-contributions');
    expect(mine.body).toContain(`CWG-WSIS&amp;SDG-${meeting.number}/1`);
  });

  it('rejects with a reason (no symbol), tells the submitter, and serves the files to the secretariat only', async () => {
    const meeting = await insertMeeting(db);
    const id = await submitOne(meeting, 'Not on topic');
    const s = await kit.as(secretariat);
    const queueUrl = `/en/admin${meeting.path}/contributions`;
    await s.get(queueUrl);
    const file = await s.get(`${queueUrl}/${id}/files/en`);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe(PDF);
    expect(file.headers['content-disposition']).toContain('attachment');
    const member = await kit.as(cwg);
    expect((await member.get(`${queueUrl}/${id}/files/en`)).statusCode).toBe(403);
    expect((await s.post(`${queueUrl}/${id}/reject`, { reason: '' })).body).toContain('Give the reason');
    await s.get(queueUrl);
    expect((await s.post(`${queueUrl}/${id}/reject`, { reason: 'Outside the agenda.' })).statusCode).toBe(303);
    expect((await db.select().from(meetingDocuments).where(eq(meetingDocuments.id, id)))[0]).toMatchObject({ status: 'rejected', symbol: null, statusNote: 'Outside the agenda.' });
    const told = await db.execute(sql`select 1 from core_notifications where recipient_id = ${cwg.id} and kind = 'meetings.contribution_rejected'`);
    expect(told.rows.length).toBeGreaterThan(0);
    expect((await db.execute(sql`select * from meetings_symbol_counters where meeting_id = ${meeting.id}`)).rows).toEqual([]);
  });
});

describe('POST /api/v1/meetings/{group}/{number}/contributions', () => {
  const post = async (url: string, token: string, fields: Record<string, string>, files: Record<string, { name: string; type: string; data: Buffer }>, language = 'en') => {
    const body = new FormData();
    for (const [k, v] of Object.entries(fields)) body.append(k, v);
    for (const [k, f] of Object.entries(files)) body.append(k, new Blob([new Uint8Array(f.data)], { type: f.type }), f.name);
    const encoded = new Request('http://test.invalid/', { method: 'POST', body });
    return kit.app.inject({
      method: 'POST',
      url,
      payload: Buffer.from(await encoded.arrayBuffer()),
      headers: { authorization: `Bearer ${token}`, 'content-type': encoded.headers.get('content-type') ?? '', 'accept-language': language },
    });
  };
  let token: string;
  let ngoToken: string;
  beforeAll(async () => {
    token = (await createApiToken(db, { userId: delegate.id, label: 'tests', actor: null })).token;
    ngoToken = (await createApiToken(db, { userId: ngo.id, label: 'tests', actor: null })).token;
  });

  it('is documented in the OpenAPI document with a multipart body', async () => {
    const doc = (await kit.app.inject({ url: '/api/v1/openapi.json' })).json();
    const op = doc.paths['/api/v1/meetings/{group}/{number}/contributions'].post;
    expect(Object.keys(op.requestBody.content)).toEqual(['multipart/form-data']);
    expect(op.requestBody.content['multipart/form-data'].schema.properties.file_ru).toMatchObject({ type: 'string', format: 'binary' });
    expect(op.responses['201']).toBeDefined();
  });

  it('answers 201 with the id and status', async () => {
    const meeting = await insertMeeting(db);
    const res = await post(
      `/api/v1${meeting.path}/contributions`,
      token,
      { agenda_item: String(meeting.agenda[0]?.id), original_language: 'ru', title_ru: 'Вклад' },
      { file_ru: { name: 'v.docx', type: DOCX, data: docx() } },
    );
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ status: 'submitted', late: false });
    expect((await db.select().from(meetingDocuments).where(eq(meetingDocuments.id, res.json().id)))[0]).toMatchObject({ status: 'submitted', sourceCountry: 'RU' });
  });

  it('answers localized problems: bad files and a missing title 400 at their field, not allowed 403, unknown meeting 404; writes nothing', async () => {
    const meeting = await insertMeeting(db);
    const url = `/api/v1${meeting.path}/contributions`;
    const fields = { agenda_item: String(meeting.agenda[0]?.id), original_language: 'ru', title_ru: 'Вклад' };
    const before = await counts();
    const cases: [Buffer, string, string][] = [
      [Buffer.from('<html><script>alert(1)</script></html>'), 'v.pdf', "n’est pas|n'est pas"],
      [Buffer.alloc(0), 'v.pdf', 'vide'],
      [docxWithMacros(), 'v.docx', 'macros'],
      [zipBomb(), 'v.docx', 'décompresserait'],
      [Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(30 * 1024 * 1024 + 1)]), 'big.pdf', 'trop volumineux'],
    ];
    for (const [data, name, message] of cases) {
      const res = await post(url, token, fields, { file_ru: { name, type: 'application/octet-stream', data } }, 'fr');
      expect(res.statusCode, name).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      const errors = res.json().errors as { pointer: string; detail: string }[];
      expect(errors[0]?.pointer).toBe('/file_ru');
      expect(errors[0]?.detail).toMatch(new RegExp(message));
    }
    const untitled = await post(url, token, { ...fields, title_ru: '' }, { file_ru: { name: 'v.pdf', type: PDF, data: pdf() } });
    expect(untitled.statusCode).toBe(400);
    expect((untitled.json().errors as { pointer: string }[]).map((e) => e.pointer)).toEqual(['/title_ru']);
    expect((await post(url, ngoToken, fields, { file_ru: { name: 'v.pdf', type: PDF, data: pdf() } })).statusCode).toBe(403);
    const unknown = await post('/api/v1/meetings/CWG-WSIS%26SDG/999999/contributions', token, fields, { file_ru: { name: 'v.pdf', type: PDF, data: pdf() } });
    expect(unknown.statusCode).toBe(404);
    expect(await counts()).toEqual(before);
  }, 120_000);
});
