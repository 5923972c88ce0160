/**
 * Roadmaps as their readers and editors get them: the secretariat creates, edits, presents and
 * makes current; a focal point edits the draft of their line and gets a localized 403 on another
 * line with nothing written; bad input comes back as the form with the error beside the field;
 * the public pages, the diff with its words marked, the API and the DOCX read back with Python.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestKit, type TestClient, type TestKit } from '../../../test/app.js';
import { buildUser } from '../../../test/factories.js';
import { appointFocalPoint } from '../focal-points/commands/appoint-focal-point.js';
import { findRoadmap, findVersions } from '../queries.js';
import { roadmapVersions, roadmaps } from '../tables.js';
import { buildActor, ok } from '../test-helpers.js';
import { createRoadmap } from './commands/create-roadmap.js';

let kit: TestKit;
let secretariat: TestClient;
let focalC2: TestClient;
let withoutRole: TestClient;

/** The XML of a DOCX's body, read with Python's zipfile (as another program would open the file). */
const documentXml = (docx: Buffer) => {
  const dir = mkdtempSync(join(tmpdir(), 'roadmap-'));
  try {
    const file = join(dir, 'roadmap.docx');
    writeFileSync(file, docx);
    return execFileSync('python3', ['-c', 'import sys, zipfile; print(zipfile.ZipFile(sys.argv[1]).read("word/document.xml").decode("utf-8"))', file], { encoding: 'utf8' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};

const draftForm = (overrides: Record<string, string | string[]> = {}) => ({
  'ituRole.en': 'Facilitator of the line',
  'objectives.en': 'Secure networks for every country.',
  'objectives.ar': 'شبكات آمنة لكل بلد.',
  'objectives.zh': '每个国家都有安全的网络。',
  'expectedResults.en': 'National CIRTs in place.',
  sdgTargets: '16.10, 9.c',
  connectTargets: '1.1',
  note: '',
  ...overrides,
});

beforeAll(async () => {
  kit = await createTestKit();
  const { db } = kit.database;
  const { actor, user } = await buildActor(db, ['secretariat'], 'secretariat@example.org');
  secretariat = await kit.as(user);
  ok(await createRoadmap(db, { actor, actionLine: 'C2' }));
  const c2 = await buildActor(db, ['focal-point'], 'focal-c2@example.org');
  ok(await appointFocalPoint(db, { actor, input: { email: c2.user.email, bureau: 'BDT', actionLine: 'C2', appointedOn: '2026-01-01' } }));
  focalC2 = await kit.as(c2.user);
  const plain = await buildUser(db, { email: 'no-role@example.org' });
  ok(await appointFocalPoint(db, { actor, input: { email: plain.email, bureau: 'GS', actionLine: 'C5', appointedOn: '2026-01-01' } }));
  withoutRole = await kit.as(plain);
}, 240_000);
afterAll(async () => kit.close());

describe('the secretariat', () => {
  it('refuses an unknown action line with the form again, in French, and nothing written', async () => {
    const page = await secretariat.get('/fr/admin/roadmaps');
    expect(page.statusCode).toBe(200);
    const res = await secretariat.post('/fr/admin/roadmaps', { actionLine: 'C99' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('Choisissez une grande orientation dans la liste.');
    expect(await findRoadmap(kit.database.db, 'C99')).toBeUndefined();
  });

  it('creates C5, edits its draft (an unknown SDG target refused beside the field, values kept), presents it and makes it current', async () => {
    const { db } = kit.database;
    await secretariat.get('/en/admin/roadmaps');
    const created = await secretariat.post('/en/admin/roadmaps', { actionLine: 'C5' });
    expect(created.statusCode).toBe(303);
    expect(created.headers.location).toBe('/en/admin/roadmaps/C5/draft');

    await secretariat.get('/en/admin/roadmaps/C5/draft');
    const bad = await secretariat.post('/en/admin/roadmaps/C5/draft', draftForm({ sdgTargets: '16.10, 99.z' }));
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('One of these codes is not an SDG target');
    expect(bad.body).toContain('Secure networks for every country.');
    const badConnect = await secretariat.post('/es/admin/roadmaps/C5/draft', draftForm({ connectTargets: '7.7' }));
    expect(badConnect.statusCode).toBe(400);
    expect(badConnect.body).toContain('Uno de estos códigos no es una meta de Connect 2030');
    const roadmap = await findRoadmap(db, 'C5');
    if (!roadmap) throw new Error('no C5');
    expect((await findVersions(db, roadmap.id))[0]?.objectives).toEqual({});

    const saved = await secretariat.post('/en/admin/roadmaps/C5/draft', draftForm());
    expect(saved.statusCode).toBe(303);
    const admin = await secretariat.get('/en/admin/roadmaps/C5');
    expect(admin.body).toContain('Present draft 1');
    const noSymbol = await secretariat.post('/en/admin/roadmaps/C5/versions/1/present', { symbol: '', presentedOn: '2026-11-02' });
    expect(noSymbol.statusCode).toBe(400);
    expect(noSymbol.body).toContain('Enter the symbol of the CWG document');
    expect((await secretariat.post('/en/admin/roadmaps/C5/versions/1/present', { symbol: 'CWG-WSIS&SDG-42/5', presentedOn: '2026-11-02' })).statusCode).toBe(303);

    // Presented: frozen. Saving the draft now is refused (there is none), nothing written.
    await secretariat.get('/en/admin/roadmaps/C5');
    const frozen = await secretariat.post('/en/admin/roadmaps/C5/draft', draftForm({ 'objectives.en': 'Changed after presentation' }));
    expect(frozen.statusCode).toBe(409);
    expect(frozen.body).toContain('This version has been presented and can no longer be changed.');
    expect((await findVersions(db, roadmap.id))[0]?.objectives.en).toBe('Secure networks for every country.');

    expect((await secretariat.post('/en/admin/roadmaps/C5/versions/1/current')).statusCode).toBe(303);
    const page = await kit.client().get('/en/roadmaps/C5');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Secure networks for every country.');
    expect(page.body).toContain(`href="/en/documents/${encodeURIComponent('CWG-WSIS&SDG-42/5')}"`);
    expect(page.body).toContain('16.10');
    const ar = await kit.client().get('/ar/roadmaps/C5');
    expect(ar.body).toContain('شبكات آمنة لكل بلد.');
    expect(ar.body).toContain('dir="rtl"');
  });

  it('starts draft 2 from the current version; the public sees no draft; the diff marks inserted and deleted words in words too', async () => {
    await secretariat.get('/en/admin/roadmaps/C5');
    const started = await secretariat.post('/en/admin/roadmaps/C5/drafts');
    expect(started.statusCode).toBe(303);
    await secretariat.get('/en/admin/roadmaps/C5/draft');
    expect(
      (await secretariat.post('/en/admin/roadmaps/C5/draft', draftForm({ 'objectives.en': 'Secure and resilient networks for every country.', sdgTargets: '16.10' }))).statusCode,
    ).toBe(303);
    expect((await kit.client().get('/en/roadmaps/C5/versions/2')).statusCode).toBe(404);
    expect((await secretariat.get('/en/roadmaps/C5/versions/2')).statusCode).toBe(200);
    const diff = await secretariat.get('/en/roadmaps/C5/diff?from=1&to=2');
    expect(diff.statusCode).toBe(200);
    expect(diff.body).toMatch(/<ins><span class="visually-hidden">\[inserted: <\/span>and resilient <span class="visually-hidden">\]<\/span><\/ins>/);
    expect(diff.body).toMatch(/<del>Removed: <bdi>9\.c<\/bdi><\/del>/);
    expect((await kit.client().get('/en/roadmaps/C5/diff?from=1&to=7')).statusCode).toBe(404);
  });
});

describe('focal points', () => {
  it('edit the draft of their own line', async () => {
    await focalC2.get('/en/admin/roadmaps/C2/draft');
    const res = await focalC2.post('/en/admin/roadmaps/C2/draft', draftForm({ 'objectives.en': 'Broadband for all.' }));
    expect(res.statusCode).toBe(303);
  });

  it('get a localized 403 on another line’s roadmap, with nothing written', async () => {
    const { db } = kit.database;
    const roadmap = await findRoadmap(db, 'C5');
    if (!roadmap) throw new Error('no C5');
    const before = await db.select().from(roadmapVersions).where(eq(roadmapVersions.roadmapId, roadmap.id));
    await focalC2.get('/fr/admin/roadmaps');
    const res = await focalC2.post('/fr/admin/roadmaps/C5/draft', draftForm({ 'objectives.en': 'Hijacked' }));
    expect(res.statusCode).toBe(403);
    expect(res.body).toContain('lang="fr"');
    expect((await focalC2.post('/fr/admin/roadmaps/C5/drafts')).statusCode).toBe(403);
    expect((await focalC2.post('/fr/admin/roadmaps/C2/versions/1/present', { symbol: 'X', presentedOn: '2026-01-01' })).statusCode).toBe(403);
    expect(await db.select().from(roadmapVersions).where(eq(roadmapVersions.roadmapId, roadmap.id))).toEqual(before);
    // An appointment without the role grants nothing.
    await withoutRole.get('/en/account');
    expect((await withoutRole.post('/en/admin/roadmaps/C5/draft', draftForm())).statusCode).toBe(403);
  });
});

describe('public pages, API and DOCX', () => {
  it('lists the roadmaps with their current version and focal points, on the page and in the API', async () => {
    const page = await kit.client().get('/en/roadmaps');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('href="/en/roadmaps/C5"');
    const list = await kit.client().api('GET', '/api/v1/roadmaps');
    expect(list.statusCode).toBe(200);
    const items = list.json().items as { actionLine: string; currentVersion: number | null; focalPoints: { bureau: string }[] }[];
    expect(items.find((i) => i.actionLine === 'C5')?.currentVersion).toBe(1);
    expect(items.find((i) => i.actionLine === 'C2')?.currentVersion).toBeNull();
    expect(items.find((i) => i.actionLine === 'C2')?.focalPoints.map((f) => f.bureau)).toEqual(['BDT']);
    const one = await kit.client().api('GET', '/api/v1/roadmaps/C5');
    expect(one.statusCode).toBe(200);
    expect(one.json().version.sdgTargets).toEqual(['16.10', '9.c']);
    expect(one.json().version.presentedSymbol).toBe('CWG-WSIS&SDG-42/5');
    expect(one.json().tasks).toEqual([]);
    const missing = await kit.client().api('GET', '/api/v1/roadmaps/C99');
    expect(missing.statusCode).toBe(404);
    expect(missing.headers['content-type']).toContain('application/problem+json');
    expect((await kit.client().get('/en/roadmaps/C99')).statusCode).toBe(404);
  });

  it('gives the current version as a DOCX for the Council: Arabic right to left, Chinese with its fonts', async () => {
    const ar = await kit.client().get('/ar/roadmaps/C5/roadmap.docx');
    expect(ar.statusCode).toBe(200);
    expect(ar.headers['content-type']).toContain('wordprocessingml');
    const xml = documentXml(ar.rawPayload);
    expect(xml).toContain('<w:bidi/>');
    expect(xml).toContain('<w:rtl/>');
    expect(xml).toContain('شبكات آمنة لكل بلد.');
    expect(xml).toMatch(/خارطة الطريق \u2068?C5/);
    const zh = documentXml((await kit.client().get('/zh/roadmaps/C5/roadmap.docx')).rawPayload);
    expect(zh).toContain('w:eastAsia="Noto Sans CJK SC"');
    expect(zh).toContain('每个国家都有安全的网络。');
    expect(zh).not.toContain('<w:bidi/>');
    // C2 has no current version: no DOCX.
    expect((await kit.client().get('/en/roadmaps/C2/roadmap.docx')).statusCode).toBe(404);
    expect((await kit.database.db.select().from(roadmaps)).length).toBe(2);
  });
});
