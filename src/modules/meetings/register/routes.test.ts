import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { render } from 'preact-render-to-string';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { viewWithoutRequest } from '../../../core/views/document-view.js';
import type { Actor } from '../../../core/permissions/index.js';
import type { LocalFileStore } from '../../../core/storage/files.js';
import { createTestKit, type TestKit } from '../../../test/app.js';
import { buildUser } from '../../../test/factories.js';
import { withdrawDocument } from './commands/withdraw-document.js';
import { publishDocument } from './commands/publish-document.js';
import { minimalPdf } from './pdf.js';
import { actorOf, buildDocument, buildMeeting, documentInput, pdfFile } from './test-helpers.js';
import { loadMeetingDocumentsSection, MeetingDocumentsSection } from './views/MeetingDocumentsSection.js';

let kit: TestKit;
let actor: Actor;
let secretariatEmail: string;
let meetingId: number;
const ids: Record<string, number> = {};

const enc = encodeURIComponent;

beforeAll(async () => {
  kit = await createTestKit();
  const db = kit.database.db;
  const store = kit.app.platform.files as LocalFileStore;
  const user = await buildUser(db, { roles: ['secretariat'] });
  secretariatEmail = user.email;
  actor = actorOf(user, ['secretariat']);
  const { meeting, items } = await buildMeeting(db, { number: 41 });
  meetingId = meeting.id;
  // 41/1 … 41/11 published (41/3 with a Russian version of 200 KB), 41/INF/1 published, 41/12 registered only, 41/5 withdrawn.
  for (let i = 1; i <= 12; i++) {
    const files = i === 3 ? [pdfFile('en'), { locale: 'ru' as const, bytes: minimalPdf('Вклад', 200_000), fileName: 'ru.pdf' }] : [pdfFile('en', `doc ${i}`)];
    const doc = await buildDocument(db, {
      actor,
      store,
      input: documentInput(meeting.id, {
        files,
        agendaItemId: i % 2 === 0 ? items[1]?.id : items[0]?.id,
        title: i === 3 ? { en: 'Digital inclusion', ru: 'Цифровая интеграция', zh: '数字包容', ar: 'الإدماج الرقمي' } : { en: `Contribution ${i}` },
        ...(i === 4 ? { sourceKind: 'secretariat' as const, sourceCountry: null, kind: 'secretariat' as const } : {}),
      }),
    });
    ids[String(i)] = doc.id;
    if (i !== 12) await publishDocument(db, { actor, documentId: doc.id });
  }
  const inf = await buildDocument(db, { actor, store, input: documentInput(meeting.id, { kind: 'information', title: { en: 'Information on the WSIS Forum' } }) });
  await publishDocument(db, { actor, documentId: inf.id });
  await withdrawDocument(db, { actor, documentId: ids['5'] as number, note: 'Withdrawn by its author' });
  await buildMeeting(db, { number: 60, access: 'members' }).then(async ({ meeting: m }) => {
    const d = await buildDocument(db, { actor, store, input: documentInput(m.id) });
    await publishDocument(db, { actor, documentId: d.id });
  });
}, 300_000);
afterAll(async () => kit.close());

describe('the document page', () => {
  it('is at the URL-encoded symbol, in the reader language, with its versions and history', async () => {
    const res = await kit.client().get(`/fr/documents/${enc('CWG-WSIS&SDG-41/3')}`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('CWG-WSIS&amp;SDG-41/3');
    expect(res.body).toContain("Contribution d'un membre");
    expect(res.body).toContain('France');
    expect(res.body).toContain(`/fr/documents/${enc('CWG-WSIS&SDG-41/3')}/ru`);
    expect(res.body).toContain('Enregistré par');
    // The title is in English only: shown marked as English.
    const ru = await kit.client().get(`/ru/documents/${enc('CWG-WSIS&SDG-41/3')}`);
    expect(ru.body).toContain('Цифровая интеграция');
  });

  it('takes the same symbol unencoded, and answers 404 in the reader language for forged, double-encoded or unknown symbols', async () => {
    expect((await kit.client().get('/en/documents/CWG-WSIS&SDG-41/3')).statusCode).toBe(200);
    for (const url of [
      `/fr/documents/${enc(enc('CWG-WSIS&SDG-41/3'))}`,
      '/fr/documents/CWG-WSIS%26SDG-41%2F999',
      "/fr/documents/CWG-WSIS%26SDG-41%2F3'%20or%201=1",
      '/fr/documents/..%2F..%2Fetc%2Fpasswd',
      '/fr/documents/CWG-WSIS%26SDG-41%2F3%2Fxx',
      `/fr/documents/${enc('CWG-WSIS&SDG-60/1')}`,
      `/fr/documents/${enc('CWG-WSIS&SDG-41/12')}`,
      `/fr/documents/${'A'.repeat(3000)}`,
    ]) {
      const res = await kit.client().get(url);
      expect(res.statusCode, url).toBe(404);
      expect(res.body, url).toContain('lang="fr"');
    }
    const odd = await kit.client().get('/fr/documents/CWG%E0%A4%A');
    expect(odd.statusCode).toBeGreaterThanOrEqual(400);
    expect(odd.statusCode).toBeLessThan(500);
  });

  it('says clearly that a withdrawn document is withdrawn, with its note', async () => {
    const res = await kit.client().get(`/en/documents/${enc('CWG-WSIS&SDG-41/5')}`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('has been withdrawn');
    expect(res.body).toContain('Withdrawn by its author');
  });

  it('members-only meetings: 404 for the public, the page for a CWG member', async () => {
    const member = await buildUser(kit.database.db, { roles: ['cwg-member'] });
    expect((await kit.client().get(`/en/documents/${enc('CWG-WSIS&SDG-60/1')}`)).statusCode).toBe(404);
    expect((await (await kit.as(member)).get(`/en/documents/${enc('CWG-WSIS&SDG-60/1')}`)).statusCode).toBe(200);
  });
});

describe('downloads', () => {
  it('sends the file with its type, as an attachment named by symbol and language, and answers ranges', async () => {
    const url = `/en/documents/${enc('CWG-WSIS&SDG-41/3')}/ru`;
    const res = await kit.client().get(url);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(String(res.headers['content-disposition'])).toContain(`filename*=UTF-8''${enc('CWG-WSIS&SDG-41-3-ru.pdf')}`);
    expect(res.rawPayload.length).toBe(200_000);
    const part = await kit.client().get(url, { range: 'bytes=0-4' });
    expect(part.statusCode).toBe(206);
    expect(part.body).toBe('%PDF-');
    expect(part.headers['content-range']).toBe('bytes 0-4/200000');
    expect((await kit.client().get(url, { range: 'bytes=300000-' })).statusCode).toBe(416);
    expect((await kit.client().get(`/en/documents/${enc('CWG-WSIS&SDG-41/3')}/zh`)).statusCode).toBe(404);
    expect((await kit.client().get(`/en/documents/${enc('CWG-WSIS&SDG-60/1')}/en`)).statusCode).toBe(404);
  });

  it('zips every published document of the meeting in one language, readable by an independent reader', async () => {
    const res = await kit.client().get(`/en/meetings/${enc('CWG-WSIS&SDG')}/41/documents.zip?lang=en`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/zip');
    const dir = mkdtempSync(join(tmpdir(), 'register-zip-'));
    const file = join(dir, 'docs.zip');
    writeFileSync(file, res.rawPayload);
    const listing = execFileSync('python3', [
      '-c',
      'import sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); assert z.testzip() is None; print("\\n".join(i.filename + " " + str(i.compress_type) for i in z.infolist()))',
      file,
    ]).toString();
    const names = listing.trim().split('\n');
    // 41/1…41/11 without the withdrawn 41/5, then INF/1; 41/12 is not published.
    expect(names.map((n) => n.split(' ')[0])).toEqual([...[1, 2, 3, 4, 6, 7, 8, 9, 10, 11].map((n) => `CWG-WSIS&SDG-41-${n}-en.pdf`), 'CWG-WSIS&SDG-41-INF-1-en.pdf']);
    expect(names.every((n) => n.endsWith(' 0'))).toBe(true); // stored, not deflated
    const ru = await kit.client().get(`/en/meetings/${enc('CWG-WSIS&SDG')}/41/documents.zip?lang=ru`);
    writeFileSync(file, ru.rawPayload);
    expect(execFileSync('unzip', ['-l', file]).toString()).toContain('CWG-WSIS&SDG-41-3-ru.pdf');
    expect((await kit.client().get(`/en/meetings/${enc('CWG-WSIS&SDG')}/41/documents.zip?lang=xx`)).statusCode).toBe(404);
    expect((await kit.client().get(`/en/meetings/${enc('CWG-WSIS&SDG')}/999/documents.zip?lang=en`)).statusCode).toBe(404);
    expect((await kit.client().get(`/en/meetings/NOPE/41/documents.zip?lang=en`)).statusCode).toBe(404);
    expect((await kit.client().get(`/en/meetings/${enc('CWG-WSIS&SDG')}/60/documents.zip?lang=en`)).statusCode).toBe(404);
  });
});

describe('the meeting documents section', () => {
  it('lists in symbol order with the availability grid in words and filters', async () => {
    const view = viewWithoutRequest('en');
    const data = await loadMeetingDocumentsSection(kit.database.db, { meetingId, locale: 'en', actor: null, filters: {} });
    expect(data.rows.map((r) => r.symbol?.replace('CWG-WSIS&SDG-41/', ''))).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11', 'INF/1']);
    const html = render(MeetingDocumentsSection({ view, data, basePath: '/en/meetings/CWG-WSIS%26SDG/41' }));
    expect(html).toContain('<table');
    expect(html).toContain('Not available');
    expect(html).toContain(`aria-label="Download CWG-WSIS&amp;SDG-41/3 in Russian"`);
    expect(html).toContain('documents.zip?lang=ru');
    const filtered = await loadMeetingDocumentsSection(kit.database.db, { meetingId, locale: 'en', actor: null, filters: { kind: 'secretariat' } });
    expect(filtered.rows.map((r) => r.symbol)).toEqual(['CWG-WSIS&SDG-41/4']);
    const bySource = await loadMeetingDocumentsSection(kit.database.db, { meetingId, locale: 'en', actor: null, filters: { source: 'country:FR' } });
    expect(bySource.rows.length).toBe(11);
  });
});

describe('search page and API', () => {
  it('finds by words in Chinese, Arabic and Russian titles and by symbol prefix', async () => {
    for (const q of ['数字', 'الرقمية', 'интеграции']) {
      const res = await kit.client().get(`/en/documents?q=${enc(q)}`);
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain('CWG-WSIS&amp;SDG-41/3');
      expect(res.body).not.toContain('CWG-WSIS&amp;SDG-41/2<');
    }
    const api = await kit.client().api('GET', `/api/v1/documents?q=${enc('CWG-WSIS&SDG-41/1')}`);
    expect(api.statusCode).toBe(200);
    expect(api.json().items.map((d: { symbol: string }) => d.symbol)).toEqual(['CWG-WSIS&SDG-41/1', 'CWG-WSIS&SDG-41/10', 'CWG-WSIS&SDG-41/11']);
  });

  it('filters the API by meeting, kind and source, pages it, and gives one document by encoded symbol', async () => {
    const c = kit.client();
    const byKind = (await c.api('GET', `/api/v1/documents?meeting=${enc('CWG-WSIS&SDG-41')}&kind=information`)).json();
    expect(byKind.items.map((d: { symbol: string }) => d.symbol)).toEqual(['CWG-WSIS&SDG-41/INF/1']);
    const bySource = (await c.api('GET', '/api/v1/documents?source=secretariat')).json();
    expect(bySource.items.map((d: { symbol: string }) => d.symbol)).toEqual(['CWG-WSIS&SDG-41/4']);
    const page2 = (await c.api('GET', `/api/v1/documents?meeting=${enc('CWG-WSIS&SDG-41')}&page=2`)).json();
    expect(page2.total).toBe(12);
    expect(page2.items.length).toBe(0);
    const one = await c.api('GET', `/api/v1/documents/${enc('CWG-WSIS&SDG-41/3')}`);
    expect(one.statusCode).toBe(200);
    expect(one.json()).toMatchObject({
      symbol: 'CWG-WSIS&SDG-41/3',
      kind: 'contribution',
      status: 'published',
      source: { kind: 'member-state', country: 'FR' },
      meeting: { group: 'CWG-WSIS&SDG', number: 41 },
    });
    expect(
      one
        .json()
        .files.map((f: { language: string }) => f.language)
        .sort(),
    ).toEqual(['en', 'ru']);
    for (const url of [
      `/api/v1/documents/${enc(enc('CWG-WSIS&SDG-41/3'))}`,
      `/api/v1/documents/${enc('CWG-WSIS&SDG-60/1')}`,
      '/api/v1/documents?kind=poem',
      '/api/v1/documents?meeting=nothing',
    ]) {
      const res = await c.api('GET', url);
      expect(res.statusCode, url).toBeGreaterThanOrEqual(400);
      expect(res.statusCode, url).toBeLessThan(500);
      expect(res.headers['content-type'], url).toContain('application/problem+json');
    }
  });
});

describe('odd input', () => {
  it('answers the search page and API with a 4xx or a normal page, never a 500', async () => {
    const c = kit.client();
    for (const url of [
      `/en/documents?q=${enc('!!! & | :* ((')}`,
      `/zh/documents?q=${enc('（）')}`,
      `/ar/documents?q=${enc("'")}`,
      `/en/documents?q=${'a'.repeat(5000)}`,
      '/en/documents?page=abc',
      '/en/documents?page=99999999999999999999',
      '/en/documents?meeting=%00',
      '/en/documents?kind=evil&source=evil',
      `/en/documents?q=${enc('CWG-WSIS&SDG-41/%_')}`,
      `/en/meetings/${enc('CWG-WSIS&SDG')}/abc/documents.zip?lang=en`,
      `/en/meetings/${enc('CWG-WSIS&SDG')}/41/documents.zip`,
      '/api/v1/documents?q=' + 'a'.repeat(5000),
      '/api/v1/documents?page=0',
      `/api/v1/documents?q=${enc('!!! & | :* ((')}`,
      '/api/v1/documents/%E0%A4%A',
      `/api/v1/documents/${enc('CWG-WSIS&SDG-41/3')}%00`,
    ]) {
      const res = await c.get(url);
      expect(res.statusCode, url).toBeLessThan(500);
    }
  });
});

describe('the secretariat pages', () => {
  it('files a document with its language files, registers it at once; a bad file comes back with the values kept', async () => {
    const c = await kit.as({ email: secretariatEmail });
    const page = await c.get(`/en/admin/meetings/${enc('CWG-WSIS&SDG')}/41/documents`);
    expect(page.statusCode).toBe(200);
    const form = {
      kind: 'contribution',
      title_en: 'Roadmap for C4',
      originalLanguage: 'en',
      sourceKind: 'member-state',
      sourceCountry: 'BR',
      documentDate: '2026-03-01',
      register: 'yes',
    };
    const bad = await c.postMultipart(`/en/admin/meetings/${enc('CWG-WSIS&SDG')}/41/documents`, form, {
      file_en: { name: 'roadmap.pdf', type: 'application/pdf', data: Buffer.from('<html>not a pdf</html>') },
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('The file is not a PDF');
    expect(bad.body).toContain('value="Roadmap for C4"');
    const good = await c.postMultipart(`/en/admin/meetings/${enc('CWG-WSIS&SDG')}/41/documents`, form, {
      file_en: { name: 'roadmap.pdf', type: 'application/pdf', data: minimalPdf('roadmap') },
    });
    expect(good.statusCode).toBe(303);
    const after = await c.get(`/en/admin/meetings/${enc('CWG-WSIS&SDG')}/41/documents`);
    expect(after.body).toContain('Registered as CWG-WSIS&amp;SDG-41/13.');
    // The public cannot reach the secretariat's page.
    const anonymous = await kit.client().get(`/en/admin/meetings/${enc('CWG-WSIS&SDG')}/41/documents`);
    expect(anonymous.statusCode).not.toBe(200);
    expect(anonymous.body).not.toContain('Roadmap for C4');
  });

  it('French reader: the admin page and errors are in French', async () => {
    const c = await kit.as({ email: secretariatEmail });
    const page = await c.get(`/fr/admin/meetings/${enc('CWG-WSIS&SDG')}/41/documents`);
    expect(page.body).toContain('Déposer un nouveau document');
  });
});
