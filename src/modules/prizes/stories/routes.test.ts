import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { and, eq } from 'drizzle-orm';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../../core/permissions/index.js';
import { createTestKit, type TestKit } from '../../../test/app.js';
import { buildUser } from '../../../test/factories.js';
import { insertPublishedEntry } from '../../stocktaking/test-helpers.js';
import { createEdition } from '../commands/create-edition.js';
import { updateEdition } from '../commands/update-edition.js';
import { getEditionByYear } from '../queries.js';
import { confirmResults } from '../selection/commands/confirm-results.js';
import { actorOf, insertVotes, nominateAndAccept, phases } from '../test-helpers.js';
import { organizations } from '../../accounts/tables.js';
import { entries } from '../../stocktaking/tables.js';
import { categories, nominations, results } from '../tables.js';
import { forgetPdfs } from './cache.js';
import { canPrintPdf } from '../../../core/exports/pdf.js';

const YEAR = 2044;
let kit: TestKit;
let manager: Actor;
let managerUser: { email: string };

/** Reads a binary answer of inject() as a Buffer. */
const bytes = (res: { rawPayload: Buffer }) => res.rawPayload;

beforeAll(async () => {
  kit = await createTestKit();
  const { db } = kit.database;
  const m = await buildUser(db, { roles: ['prize-manager'] });
  managerUser = m;
  manager = actorOf(m, ['prize-manager']);
  const ownerUser = await buildUser(db);
  const owner = actorOf(ownerUser);
  await createEdition(db, { actor: manager, input: { year: YEAR, phases: phases(0) } });
  await updateEdition(db, { actor: manager, year: YEAR, patch: { summaryMinWords: 1, projectsPerOrganizationPerCategory: 10 } });
  const entries = [
    {
      title: { en: 'Rural broadband cooperative', ar: 'تعاونية النطاق العريض الريفية', zh: '农村宽带合作社' },
      summary: { en: 'Villages own their network.', zh: '村庄拥有自己的网络。' },
    },
    { title: { en: 'Digital literacy buses' }, summary: { en: 'Buses that teach computing.' } },
  ];
  const nominations = (
    await nominateAndAccept(db, {
      owner,
      manager,
      year: YEAR,
      category: 3,
      entries: await Promise.all(entries.map((e) => insertPublishedEntry(db, { submitterId: ownerUser.id, ...e, leadCountry: 'KE' }))),
    })
  ).map((n) => n.nomination);
  const editionId = (await getEditionByYear(db, YEAR)).id;
  for (const nominationId of nominations) await insertVotes(db, { editionId, category: 3, nominationId, count: 1 });
  await updateEdition(db, { actor: manager, year: YEAR, patch: { phases: phases(3) }, confirmVoteChanges: true });
  const confirmed = await confirmResults(db, { actor: manager, year: YEAR, category: 3, nominationId: nominations[0] as number, baseUrl: 'http://platform.test' });
  if (!confirmed.ok) throw new Error(confirmed.error);
  // A fresh database and a whole edition: minutes on a loaded machine.
}, 300_000);
afterAll(async () => kit.close());

describe('the success stories', () => {
  it('are kept for the announcement; prize managers preview them', async () => {
    const page = await kit.client().get(`/en/prizes/${YEAR}/stories`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`<h1>Success stories, WSIS Prizes ${YEAR}</h1>`);
    expect(page.body).toContain('The winners and champions are announced on');
    expect(page.body).not.toContain('Rural broadband cooperative');
    expect((await kit.client().get(`/en/prizes/${YEAR}/stories.docx`)).statusCode).toBe(404);
    expect((await kit.client().get(`/en/prizes/${YEAR}/stories.pdf`)).statusCode).toBe(404);
    const preview = await (await kit.as(managerUser)).get(`/en/prizes/${YEAR}/stories`);
    expect(preview.body).toContain('Rural broadband cooperative');
    expect((await kit.client().get('/en/prizes/2099/stories')).statusCode).toBe(404);
    expect((await kit.client().get('/en/prizes/20x4/stories.docx')).statusCode).toBe(404);
  });

  it('show the winner and champions of each category in the reader’s language, marking text in another one', async () => {
    await updateEdition(kit.database.db, { actor: manager, year: YEAR, patch: { phases: phases(4) }, confirmVoteChanges: true });
    const en = await kit.client().get(`/en/prizes/${YEAR}/stories`);
    expect(en.body).toContain('Category 3: Access to information and knowledge');
    expect(en.body).toMatch(/<span class="demo-badge">Winner<\/span> <a href="\/en\/stocktaking\/\d+"><bdi>Rural broadband cooperative<\/bdi><\/a>/);
    expect(en.body).toMatch(/<span class="demo-badge">Champion<\/span> <a href="\/en\/stocktaking\/\d+"><bdi>Digital literacy buses<\/bdi><\/a>/);
    expect(en.body).toContain('Kenya');
    expect(en.body).toContain(`href="/en/prizes/${YEAR}/stories.docx"`);
    const ar = await kit.client().get(`/ar/prizes/${YEAR}/stories`);
    expect(ar.body).toContain('<html lang="ar" dir="rtl">');
    expect(ar.body).toContain('تعاونية النطاق العريض الريفية');
    expect(ar.body).toContain('كينيا');
    // An entry without an Arabic text is shown in English, marked as such.
    expect(ar.body).toMatch(/<bdi lang="en">Digital literacy buses</);
    // The results page links to them.
    expect((await kit.client().get(`/en/prizes/${YEAR}/results`)).body).toContain(`<a href="/en/prizes/${YEAR}/stories">Winners and champions (success stories)</a>`);
  });

  it('download as a Word document in the reader’s language, right to left in Arabic', async () => {
    const res = await kit.client().get(`/en/prizes/${YEAR}/stories.docx`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(res.headers['content-disposition']).toBe(`attachment; filename="wsis-prizes-${YEAR}-success-stories-en.docx"`);
    const xml = await (await JSZip.loadAsync(bytes(res))).file('word/document.xml')?.async('string');
    expect(xml).toContain(`Success stories, WSIS Prizes ${YEAR}`);
    expect(xml).toContain('Rural broadband cooperative');
    expect(xml).toContain('Villages own their network.');
    const ar = await kit.client().get(`/ar/prizes/${YEAR}/stories.docx`);
    const arXml = (await (await JSZip.loadAsync(bytes(ar))).file('word/document.xml')?.async('string')) ?? '';
    expect(arXml).toContain('تعاونية النطاق العريض الريفية');
    expect(arXml).toContain('<w:bidi/>');
    expect(arXml).toContain('<w:rtl/>');
    const zh = await kit.client().get(`/zh/prizes/${YEAR}/stories.docx`);
    const zhXml = (await (await JSZip.loadAsync(bytes(zh))).file('word/document.xml')?.async('string')) ?? '';
    expect(zhXml).toContain('农村宽带合作社');
    expect(zhXml).toContain('w:eastAsia="zh-CN"');
  });

  it('download as a PDF printed by Chromium, with Chinese and Arabic text (or a clear 503 without Chromium)', async () => {
    const res = await kit.client().get(`/zh/prizes/${YEAR}/stories.pdf`);
    if (!canPrintPdf()) {
      expect(res.statusCode).toBe(503);
      expect(res.body).toContain('PDF');
      return;
    }
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    // Debian's pdftotext (poppler-utils, installed by .ci/run) reads the text back in logical
    // order; shaped Arabic may come as presentation forms, and with bidirectional marks: normalized.
    const text = (body: Buffer) =>
      execFileSync('pdftotext', ['-enc', 'UTF-8', '-', '-'], { input: body })
        .toString('utf8')
        .normalize('NFKC')
        .replace(/[\u200e\u200f\u202a-\u202e]/g, '');
    const zh = text(bytes(res));
    // The title's 年 is printed but has no Unicode mapping in the font subset, so pdftotext leaves it out.
    expect(zh).toContain(`${YEAR}`);
    expect(zh).toContain('信息社会世界峰会奖成功案例');
    expect(zh).toContain('农村宽带合作社');
    const ar = text(bytes(await kit.client().get(`/ar/prizes/${YEAR}/stories.pdf`)));
    expect(ar).toContain('القمة العالمية لمجتمع المعلومات');
    expect(ar).toContain('تعاونية النطاق العريض الريفية');
  }, 60_000);

  it('are built once per edition, language and data version: the same file again, a 304 to a reader who has it, a new one when the stories change', async () => {
    const first = await kit.client().get(`/en/prizes/${YEAR}/stories.docx`);
    const etag = String(first.headers.etag);
    expect(etag).toMatch(/^"docx-/);
    const again = await kit.client().get(`/en/prizes/${YEAR}/stories.docx`);
    expect(again.headers.etag).toBe(etag);
    expect(Buffer.compare(bytes(again), bytes(first))).toBe(0);
    expect((await kit.client().get(`/en/prizes/${YEAR}/stories.docx`, { 'if-none-match': etag })).statusCode).toBe(304);
    // Another language is another file.
    expect((await kit.client().get(`/fr/prizes/${YEAR}/stories.docx`)).headers.etag).not.toBe(etag);
    // A category renamed: the stories change, so does the file.
    const editionId = (await getEditionByYear(kit.database.db, YEAR)).id;
    await kit.database.db
      .update(categories)
      .set({ title: { en: 'Access to information, renamed' } })
      .where(and(eq(categories.editionId, editionId), eq(categories.number, 3)));
    const changed = await kit.client().get(`/en/prizes/${YEAR}/stories.docx`, { 'if-none-match': etag });
    expect(changed.statusCode).toBe(200);
    expect(changed.headers.etag).not.toBe(etag);
    const xml = await (await JSZip.loadAsync(bytes(changed))).file('word/document.xml')?.async('string');
    expect(xml).toContain('Access to information, renamed');
    if (!canPrintPdf()) return;
    // The PDF is kept in the cache folder: served again without printing, the same bytes.
    const pdf = await kit.client().get(`/en/prizes/${YEAR}/stories.pdf`);
    expect(pdf.statusCode).toBe(200);
    const kept = readdirSync(join(kit.app.platform.config.cacheDir, 'prize-stories')).filter((f) => f.startsWith(`stories-${YEAR}-en-`));
    expect(kept).toEqual([`stories-${YEAR}-en-${String(pdf.headers.etag).slice(5, -1)}.pdf`]);
    const pdfAgain = await kit.client().get(`/en/prizes/${YEAR}/stories.pdf`);
    expect(Buffer.compare(bytes(pdfAgain), bytes(pdf))).toBe(0);
    expect((await kit.client().get(`/en/prizes/${YEAR}/stories.pdf`, { 'if-none-match': String(pdf.headers.etag) })).statusCode).toBe(304);
    // Deleted from the folder: built again.
    await forgetPdfs(kit.app.platform.config.cacheDir, YEAR);
    const rebuilt = await kit.client().get(`/en/prizes/${YEAR}/stories.pdf`);
    expect(rebuilt.statusCode).toBe(200);
    expect(rebuilt.headers.etag).toBe(pdf.headers.etag);
    expect(execFileSync('pdftotext', ['-enc', 'UTF-8', '-', '-'], { input: bytes(rebuilt) }).toString('utf8')).toContain('Access to information, renamed');
  }, 60_000);

  it('are never served stale: a story’s entry or organization changed by any write gives a new file', async () => {
    const { db } = kit.database;
    const download = async () => {
      const res = await kit.client().get(`/en/prizes/${YEAR}/stories.docx`);
      const xml = (await (await JSZip.loadAsync(bytes(res))).file('word/document.xml')?.async('string')) ?? '';
      return { etag: String(res.headers.etag), xml };
    };
    const before = await download();
    expect((await download()).etag).toBe(before.etag);
    const editionId = (await getEditionByYear(db, YEAR)).id;
    const [winner] = await db
      .select({ entryId: nominations.entryId })
      .from(results)
      .innerJoin(nominations, eq(nominations.id, results.nominationId))
      .where(and(eq(results.editionId, editionId), eq(results.rank, 'winner')));
    const entryId = Number(winner?.entryId);
    // The entry's summary rewritten (a plain UPDATE, as a command or an administrator's script would do).
    await db
      .update(entries)
      .set({ summary: { en: 'Villages own and run their fibre network.' } })
      .where(eq(entries.id, entryId));
    const edited = await download();
    expect(edited.etag).not.toBe(before.etag);
    expect(edited.xml).toContain('Villages own and run their fibre network.');
    // Its organization renamed.
    const [organization] = await db
      .insert(organizations)
      .values({ name: 'Rural Networks Cooperative', stakeholderType: 'civil-society', country: 'KE' })
      .returning({ id: organizations.id });
    await db.update(entries).set({ organizationId: organization?.id }).where(eq(entries.id, entryId));
    const withOrganization = await download();
    expect(withOrganization.xml).toContain('Rural Networks Cooperative');
    await db
      .update(organizations)
      .set({ name: 'Rural Networks Union' })
      .where(eq(organizations.id, organization?.id as number));
    const renamed = await download();
    expect(renamed.etag).not.toBe(withOrganization.etag);
    expect(renamed.xml).toContain('Rural Networks Union');
    expect(renamed.xml).not.toContain('Rural Networks Cooperative');
  }, 60_000);
});
