import { readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../../core/audit/tables.js';
import { notifications } from '../../../core/notifications/tables.js';
import type { Actor } from '../../../core/permissions/index.js';
import { createTestDatabase, type TestDatabase } from '../../../test/db.js';
import { buildUser } from '../../../test/factories.js';
import { documentFiles, meetingDocuments, meetingFollowers, symbolCounters } from '../tables.js';
import { addLanguageVersion } from './commands/add-language-version.js';
import { createAmendment } from './commands/create-amendment.js';
import { createDocument } from './commands/create-document.js';
import { publishDocument } from './commands/publish-document.js';
import { registerDocument } from './commands/register-document.js';
import { withdrawDocument } from './commands/withdraw-document.js';
import { minimalPdf } from './pdf.js';
import { findDocumentBySymbol, findMeetingDocuments, searchDocuments } from './queries.js';
import { buildDocument, buildMeeting, buildSecretariat, documentInput, pdfFile, tempStore } from './test-helpers.js';

let database: TestDatabase;
let actor: Actor;
const store = tempStore();

/** Every file the store holds (its sha256 folder), to prove nothing was left behind. */
const storedHashes = () => {
  const root = join(store.dir, 'sha256');
  if (!existsSync(root)) return [];
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => e.name)
    .sort();
};

beforeAll(async () => {
  database = await createTestDatabase();
  ({ actor } = await buildSecretariat(database.db));
}, 180_000);
afterAll(async () => database.drop());

describe('symbols', () => {
  it('numbers the main series and the INF series apart, in registration order', async () => {
    const { meeting } = await buildMeeting(database.db, { number: 41 });
    const a = await buildDocument(database.db, { actor, store, input: documentInput(meeting.id) });
    const b = await buildDocument(database.db, { actor, store, input: documentInput(meeting.id, { kind: 'secretariat', sourceKind: 'secretariat', sourceCountry: null }) });
    const inf = await buildDocument(database.db, { actor, store, input: documentInput(meeting.id, { kind: 'information' }) });
    expect([a.symbol, b.symbol, inf.symbol]).toEqual(['CWG-WSIS&SDG-41/1', 'CWG-WSIS&SDG-41/2', 'CWG-WSIS&SDG-41/INF/1']);
    const audit = await database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.subjectId, String(a.id)), eq(auditLog.action, 'meetings.document.register')));
    expect(audit.length).toBe(2); // created, registered
  });

  it('lists 41/2 before 41/10, amendments right after their base, INF after the main series', async () => {
    const { meeting } = await buildMeeting(database.db, { number: 42 });
    const ids: number[] = [];
    for (let i = 0; i < 11; i++) ids.push((await buildDocument(database.db, { actor, store, input: documentInput(meeting.id, { files: [pdfFile('en', `doc ${i}`)] }) })).id);
    await buildDocument(database.db, { actor, store, input: documentInput(meeting.id, { kind: 'information' }) });
    const rev = await createAmendment(database.db, {
      actor,
      store,
      baseId: ids[1] as number,
      amendmentKind: 'rev',
      documentDate: '2026-03-05',
      files: [pdfFile('en', 'rev')],
      register: true,
    });
    const add = await createAmendment(database.db, {
      actor,
      store,
      baseId: ids[1] as number,
      amendmentKind: 'add',
      documentDate: '2026-03-05',
      files: [pdfFile('en', 'add')],
      register: true,
    });
    const rev2 = await createAmendment(database.db, {
      actor,
      store,
      baseId: ids[1] as number,
      amendmentKind: 'rev',
      documentDate: '2026-03-06',
      files: [pdfFile('en', 'rev 2')],
      register: true,
    });
    expect([rev.ok && rev.symbol, add.ok && add.symbol, rev2.ok && rev2.symbol]).toEqual(['CWG-WSIS&SDG-42/2(Rev.1)', 'CWG-WSIS&SDG-42/2(Add.1)', 'CWG-WSIS&SDG-42/2(Rev.2)']);
    const list = await findMeetingDocuments(database.db, { meetingId: meeting.id, actor });
    expect(list.map((d) => d.symbol?.replace('CWG-WSIS&SDG-42/', ''))).toEqual([
      '1',
      '2',
      '2(Add.1)',
      '2(Rev.1)',
      '2(Rev.2)',
      '3',
      '4',
      '5',
      '6',
      '7',
      '8',
      '9',
      '10',
      '11',
      'INF/1',
    ]);
    // An amendment of an amendment is refused (it would have no place in the list).
    const nested = await createAmendment(database.db, { actor, store, baseId: rev.ok ? rev.id : 0, amendmentKind: 'corr', documentDate: '2026-03-06', files: [pdfFile('en')] });
    expect(nested).toEqual({ ok: false, errors: { base: 'base_not_registered' } });
  });

  it('a refused registration allocates no number and writes no document', async () => {
    const { meeting } = await buildMeeting(database.db, { number: 43, opensInDays: 2 }); // deadline passed 10 days ago
    const before = await database.db.select().from(meetingDocuments).where(eq(meetingDocuments.meetingId, meeting.id));
    const refused = await createDocument(database.db, { actor, store, input: documentInput(meeting.id), register: true });
    expect(refused).toEqual({ ok: false, errors: { register: 'late_not_flagged' } });
    expect(await database.db.select().from(meetingDocuments).where(eq(meetingDocuments.meetingId, meeting.id))).toEqual(before);
    expect(await database.db.select().from(symbolCounters).where(eq(symbolCounters.meetingId, meeting.id))).toEqual([]);
    const late = await createDocument(database.db, { actor, store, input: documentInput(meeting.id), register: true, late: true });
    expect(late.ok && late.symbol).toBe('CWG-WSIS&SDG-43/1');
    const [row] = await database.db.select().from(meetingDocuments).where(eq(meetingDocuments.symbol, 'CWG-WSIS&SDG-43/1'));
    expect(row?.late).toBe(true);
  });

  it('never repeats nor skips a number when many registrations run at once on several connections', async () => {
    const { meeting } = await buildMeeting(database.db, { number: 44 });
    const created = [];
    for (let i = 0; i < 12; i++)
      created.push(await buildDocument(database.db, { actor, store, input: documentInput(meeting.id, { files: [pdfFile('en', `p${i}`)] }), register: false }));
    // Some registrations are refused in the middle of it (an amendment whose base is not registered).
    const orphan = await createDocument(database.db, { actor, store, input: documentInput(meeting.id, { files: [pdfFile('en', 'orphan')] }) });
    if (!orphan.ok) throw new Error('orphan');
    const results = await Promise.all([
      ...created.map((d) => registerDocument(database.db, { actor, documentId: d.id })),
      registerDocument(database.db, { actor, documentId: created[0]?.id ?? 0 }), // twice: wrong_status
    ]);
    const symbols = results.filter((r) => r.ok).map((r) => (r.ok ? r.symbol : ''));
    expect(symbols.length).toBe(12);
    expect(new Set(symbols).size).toBe(12);
    const numbers = symbols.map((s) => Number(s.split('/').pop())).sort((x, y) => x - y);
    expect(numbers).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    expect(results.filter((r) => !r.ok)).toEqual([{ ok: false, error: 'wrong_status' }]);
    const after = await registerDocument(database.db, { actor, documentId: orphan.id });
    expect(after.ok && after.symbol).toBe('CWG-WSIS&SDG-44/13');
  });
});

describe('files', () => {
  it('refuses a file whose bytes are not what its name says, an empty file, and writes nothing', async () => {
    const { meeting } = await buildMeeting(database.db, { number: 45 });
    const before = storedHashes();
    const result = await createDocument(database.db, {
      actor,
      store,
      input: documentInput(meeting.id, {
        files: [
          pdfFile('en'),
          { locale: 'fr', bytes: Buffer.from('<html><script>alert(1)</script></html>'), fileName: 'contribution.pdf', declaredType: 'application/pdf' },
          { locale: 'ru', bytes: Buffer.alloc(0), fileName: 'empty.pdf' },
          { locale: 'es', bytes: minimalPdf('x'), fileName: 'contribution.docx' },
        ],
      }),
    });
    expect(result).toEqual({ ok: false, errors: { file_fr: 'file_type', file_ru: 'file_empty', file_es: 'file_mismatch' } });
    expect(await database.db.select().from(meetingDocuments).where(eq(meetingDocuments.meetingId, meeting.id))).toEqual([]);
    expect(storedHashes()).toEqual(before);
  });

  it('refuses unknown meetings, countries and agenda items of another meeting', async () => {
    const { meeting } = await buildMeeting(database.db, { number: 46 });
    const other = await buildMeeting(database.db, { number: 47 });
    const result = await createDocument(database.db, {
      actor,
      store,
      input: documentInput(meeting.id, { sourceCountry: 'XX', agendaItemId: other.items[0]?.id, documentDate: '2026-02-30', title: { fr: 'Seulement en français' } }),
    });
    expect(result).toEqual({
      ok: false,
      errors: { sourceCountry: 'unknown_country', agendaItemId: 'unknown_agenda_item', documentDate: 'invalid_date', title_en: 'title_original_missing' },
    });
    expect(await createDocument(database.db, { actor, store, input: documentInput(999_999) })).toEqual({ ok: false, errors: { meeting: 'unknown_meeting' } });
  });

  it('replaces a language version and keeps the old one as history; a refused upload changes nothing', async () => {
    const { meeting } = await buildMeeting(database.db, { number: 48 });
    const doc = await buildDocument(database.db, { actor, store, input: documentInput(meeting.id) });
    const replaced = await addLanguageVersion(database.db, { actor, store, documentId: doc.id, file: { locale: 'fr', bytes: minimalPdf('nouvelle version'), fileName: 'v2.pdf' } });
    expect(replaced).toEqual({ ok: true });
    const added = await addLanguageVersion(database.db, { actor, store, documentId: doc.id, file: { locale: 'zh', bytes: minimalPdf('zh'), fileName: 'zh.pdf' } });
    expect(added).toEqual({ ok: true });
    const before = storedHashes();
    const rowsBefore = await database.db.select().from(documentFiles).where(eq(documentFiles.documentId, doc.id));
    const refused = await addLanguageVersion(database.db, {
      actor,
      store,
      documentId: doc.id,
      file: { locale: 'ar', bytes: Buffer.from('MZ\x90\x00 not a document'), fileName: 'ar.pdf' },
    });
    expect(refused).toEqual({ ok: false, errors: { file_ar: 'file_type' } });
    expect(await database.db.select().from(documentFiles).where(eq(documentFiles.documentId, doc.id))).toEqual(rowsBefore);
    expect(storedHashes()).toEqual(before);
    const detail = await findDocumentBySymbol(database.db, { symbol: doc.symbol ?? '', actor });
    expect(detail?.files.map((f) => f.locale).sort()).toEqual(['en', 'fr', 'zh']);
    const fr = detail?.versions.filter((v) => v.locale === 'fr') ?? [];
    expect(fr.length).toBe(2);
    expect(fr.filter((v) => v.replacedAt === null).length).toBe(1);
  });
});

describe('publish and withdraw', () => {
  it('publishing tells the meeting followers (not the one publishing), with the symbol and the title', async () => {
    const { meeting } = await buildMeeting(database.db, { number: 49 });
    const follower = await buildUser(database.db, { locale: 'ru' });
    const stranger = await buildUser(database.db);
    await database.db.insert(meetingFollowers).values([
      { meetingId: meeting.id, userId: follower.id },
      { meetingId: meeting.id, userId: actor.id },
    ]);
    const doc = await buildDocument(database.db, { actor, store, input: documentInput(meeting.id) });
    const published = await publishDocument(database.db, { actor, documentId: doc.id });
    expect(published).toEqual({ ok: true, symbol: 'CWG-WSIS&SDG-49/1', notified: 1 });
    const sent = await database.db.select().from(notifications).where(eq(notifications.kind, 'meetings.document_published'));
    expect(sent.map((n) => n.recipientId)).toContain(follower.id);
    expect(sent.map((n) => n.recipientId)).not.toContain(stranger.id);
    const mine = sent.find((n) => n.recipientId === follower.id);
    expect(mine?.params).toMatchObject({ symbol: 'CWG-WSIS&SDG-49/1', title: { en: 'Contribution on the WSIS roadmaps' } });
    expect(mine?.link).toBe('/documents/CWG-WSIS%26SDG-49%2F1');
    expect(await publishDocument(database.db, { actor, documentId: doc.id })).toEqual({ ok: false, error: 'wrong_status' });
  });

  it('a withdrawn document keeps its symbol and its note, and the next one takes the next number', async () => {
    const { meeting } = await buildMeeting(database.db, { number: 50 });
    const doc = await buildDocument(database.db, { actor, store, input: documentInput(meeting.id) });
    expect(await withdrawDocument(database.db, { actor, documentId: doc.id, note: '  ' })).toEqual({ ok: false, error: 'note_missing' });
    expect(await withdrawDocument(database.db, { actor, documentId: doc.id, note: 'Replaced by 50/2' })).toEqual({ ok: true, symbol: 'CWG-WSIS&SDG-50/1' });
    const next = await buildDocument(database.db, { actor, store, input: documentInput(meeting.id) });
    expect(next.symbol).toBe('CWG-WSIS&SDG-50/2');
    const shown = await findDocumentBySymbol(database.db, { symbol: 'CWG-WSIS&SDG-50/1', actor: null });
    expect(shown?.status).toBe('withdrawn');
    expect(shown?.statusNote).toBe('Replaced by 50/2');
    expect(await addLanguageVersion(database.db, { actor, store, documentId: doc.id, file: pdfFile('ru') })).toEqual({ ok: false, error: 'wrong_status' });
  });
});

describe('search', () => {
  it('finds documents by words of their titles in Chinese, Arabic and Russian, and by symbol', async () => {
    const { meeting } = await buildMeeting(database.db, { number: 51 });
    const title = {
      en: 'Digital inclusion of persons with disabilities',
      zh: '残疾人的数字包容',
      ar: 'الإدماج الرقمي للأشخاص ذوي الإعاقة',
      ru: 'Цифровая интеграция лиц с ограниченными возможностями',
    };
    const doc = await buildDocument(database.db, { actor, store, input: documentInput(meeting.id, { title }) });
    await publishDocument(database.db, { actor, documentId: doc.id });
    await buildDocument(database.db, { actor, store, input: documentInput(meeting.id, { title: { en: 'Budget of the Trust Fund' } }) });
    const found = async (q: string, who: Actor | null = null) => (await searchDocuments(database.db, { actor: who, search: { q } })).items.map((d) => d.symbol);
    expect(await found('数字')).toEqual(['CWG-WSIS&SDG-51/1']);
    expect(await found('الرقمية')).toEqual(['CWG-WSIS&SDG-51/1']);
    expect(await found('интеграции')).toEqual(['CWG-WSIS&SDG-51/1']);
    expect(await found('inclusion')).toEqual(['CWG-WSIS&SDG-51/1']);
    expect(await found('CWG-WSIS&SDG-51/1')).toEqual(['CWG-WSIS&SDG-51/1']);
    // Registered but not published: the public does not find it; the secretariat does.
    expect(await found('Trust Fund')).toEqual([]);
    expect(await found('Trust Fund', actor)).toEqual(['CWG-WSIS&SDG-51/2']);
    expect(await found('CWG-WSIS&SDG-51/', actor)).toEqual(['CWG-WSIS&SDG-51/1', 'CWG-WSIS&SDG-51/2']);
  });

  it('members-only meetings are invisible to the public', async () => {
    const { meeting } = await buildMeeting(database.db, { number: 52, access: 'members' });
    const doc = await buildDocument(database.db, { actor, store, input: documentInput(meeting.id) });
    await publishDocument(database.db, { actor, documentId: doc.id });
    expect(await findDocumentBySymbol(database.db, { symbol: 'CWG-WSIS&SDG-52/1', actor: null })).toBeNull();
    const member = { ...actor, roles: ['cwg-member'] } as Actor;
    expect((await findDocumentBySymbol(database.db, { symbol: 'CWG-WSIS&SDG-52/1', actor: member }))?.symbol).toBe('CWG-WSIS&SDG-52/1');
    const { rows } = await database.db.execute<{ n: number }>(sql`select count(*)::int as n from meetings_documents where meeting_id = ${meeting.id}`);
    expect(Number(rows[0]?.n)).toBe(1);
  });
});
