/**
 * The results and the synthesis as readers get them: the page with its SVG charts and data tables
 * (mirrored in Arabic), the breakdown form, who may see unpublished results, the API with campaigns
 * counted once, the DOCX in Arabic and Chinese, the frozen synthesis that does not move after a
 * new answer, and the section of the periodic report.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cellText, reportText } from '../../../core/reports/document.js';
import { createTestKit, type TestClient, type TestKit } from '../../../test/app.js';
import { buildUser } from '../../../test/factories.js';
import { consultationsModule } from '../module.js';
import { insertAnswer, insertConsultation, insertKnownResults, questionnaireV1 } from './test-helpers.js';

let kit: TestKit;
let analyst: TestClient;
let known: Awaited<ReturnType<typeof insertKnownResults>>;
let closedId: number;
let draftId: number;

/** The XML of a DOCX's body, read with Python's zipfile (as another program would open the file). */
const documentXml = (docx: Buffer) => {
  const dir = mkdtempSync(join(tmpdir(), 'synthesis-'));
  try {
    const file = join(dir, 'synthesis.docx');
    writeFileSync(file, docx);
    return execFileSync('python3', ['-c', 'import sys, zipfile; print(zipfile.ZipFile(sys.argv[1]).read("word/document.xml").decode("utf-8"))', file], { encoding: 'utf8' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};

beforeAll(async () => {
  kit = await createTestKit();
  const { db } = kit.database;
  known = await insertKnownResults(db, { status: 'published' });
  closedId = (await insertKnownResults(db, { status: 'closed' })).consultation.id;
  draftId = (await insertConsultation(db, { status: 'draft', questionnaires: [questionnaireV1] })).id;
  const user = await buildUser(db, { name: 'Amina Analyst', roles: ['consultation-manager'] });
  analyst = await kit.as(user);
}, 120_000);
afterAll(async () => kit.close());

describe('the results page', () => {
  it('shows each question as a chart with its data table, both countings side by side', async () => {
    const res = await kit.client().get(`/en/consultations/${known.consultation.id}/results`);
    expect(res.statusCode).toBe(200);
    // An image named by its caption and described by a sentence that is not shown (the table says the same).
    const chart = /<div class="bar-chart" role="img" aria-labelledby="([^"]+)-caption" aria-describedby="([^"]+)-desc">(.*?)<\/div><\/div><\/div>/s.exec(res.body);
    expect(chart?.[1]).toBe(chart?.[2]);
    expect(res.body).toMatch(new RegExp(`<figcaption id="${chart?.[1]}-caption">`));
    expect(res.body).toMatch(new RegExp(`<p id="${chart?.[1]}-desc" hidden>[^<]+</p>`));
    // Labels and values are text of the page (isolated, whatever their direction), not drawn in a picture.
    expect(chart?.[3]).toMatch(
      /<span class="bar-label"><bdi>Operator<\/bdi><\/span><svg class="bar"[^>]*aria-hidden="true"[^>]*><rect [^>]*><\/rect><\/svg><span class="bar-value">2<\/span>/,
    );
    expect(res.body).toContain('<caption>Your role: answers</caption>');
    // Operator: 2 answers (40%) as submitted, 1 (33.3%) with the campaign once.
    expect(res.body).toMatch(/<th scope="row">Operator<\/th><td class="numeric">2<\/td><td class="numeric">40%<\/td><td class="numeric">1<\/td><td class="numeric">33.3%<\/td>/);
    expect(res.body).toMatch(
      /<div class="column-chart" role="img"[^>]*>(<div class="column"><span class="column-value">\d+<\/span><svg class="column-bar"[^>]*><rect [^>]*><\/rect><\/svg><span class="column-label"><bdi>[^<]+<\/bdi><\/span><\/div>)+<\/div>/,
    );
    expect(res.body).toContain('Submitted answers: 5 (each campaign counted once: 3).');
    expect(res.body).toContain(known.campaignText);
  });

  it('breaks down by gender through the GET form, with not given shown', async () => {
    const res = await kit.client().get(`/en/consultations/${known.consultation.id}/results?breakdown=gender&counting=campaigns-once`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<option value="gender" selected>');
    expect(res.body).toMatch(/<input type="radio" id="counting-once" name="counting" value="campaigns-once" checked/);
    expect(res.body).toContain('<caption>Do you agree?: breakdown</caption>');
    expect(res.body).toMatch(/<th scope="row">Not given<\/th><td class="numeric">\d<\/td>/);
  });

  it('mirrors the charts in Arabic: the bars end at the start of their track and grow leftwards', async () => {
    const rects = (body: string) =>
      [...(/<div class="bar-chart"[^>]*>(.*?)<\/div><\/div><\/div>/s.exec(body)?.[1] ?? '').matchAll(/<rect x="([\d.]+)" y="0" width="([\d.]+)"/g)].map((m) => ({
        x: Number(m[1]),
        width: Number(m[2]),
      }));
    const ar = await kit.client().get(`/ar/consultations/${known.consultation.id}/results`);
    expect(ar.statusCode).toBe(200);
    // The grid follows the page's direction (the label on the right); each bar starts from the right end of its track.
    expect(ar.body).toContain('<span class="bar-label"><bdi>مشغل</bdi></span>');
    const bars = rects(ar.body);
    expect(bars.length).toBeGreaterThan(1);
    for (const bar of bars) expect(bar.x + bar.width).toBeCloseTo(100, 5);
    // The longest bar fills its track; left to right, the bars start at its left end.
    expect(Math.max(...bars.map((b) => b.width))).toBe(100);
    const en = await kit.client().get(`/en/consultations/${known.consultation.id}/results`);
    expect(rects(en.body).map((b) => b.x)).toEqual(bars.map(() => 0));
  });

  it('speaks French with its typography', async () => {
    const res = await kit.client().get(`/fr/consultations/${known.consultation.id}/results?breakdown=gender`);
    expect(res.body).toContain('Non indiqué');
    expect(res.body).toContain('Résultats\u00a0: Appel à contributions sur la connectivité rurale');
  });

  it('keeps unpublished results for analysts, and a draft out of sight', async () => {
    const anonymous = await kit.client().get(`/en/consultations/${closedId}/results`);
    expect(anonymous.statusCode).toBe(200);
    expect(anonymous.body).toContain('The results of this consultation are not published yet.');
    expect(anonymous.body).not.toContain('<svg');
    const own = await analyst.get(`/en/consultations/${closedId}/results`);
    expect(own.body).toContain('These results are not published yet: only analysts see them.');
    expect(own.body).toContain('<svg');
    expect((await kit.client().get(`/en/consultations/${draftId}/results`)).statusCode).toBe(404);
    expect((await kit.client().get(`/en/consultations/${closedId}/synthesis`)).statusCode).toBe(404);
    expect((await kit.client().get('/en/consultations/99999999/results')).statusCode).toBe(404);
    expect((await kit.client().get('/en/consultations/abc/results')).statusCode).toBe(404);
  });
});

describe('the results API', () => {
  it('answers JSON with both countings, campaigns counted once first when asked', async () => {
    const res = await kit.client().api('GET', `/api/v1/consultations/${known.consultation.id}/results?campaignsOnce=true&breakdown=gender`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.counting).toBe('campaigns-once');
    const agree = body.questions.find((q: { id: string }) => q.id === 'agree');
    expect(agree.figures[0]).toMatchObject({ key: 'yes', count: { asSubmitted: 4, campaignsOnce: 2 } });
    expect(agree.breakdown.map((g: { key: string }) => g.key)).toContain('not-given');
  });

  it('refuses unpublished results and bad options with problem details', async () => {
    const hidden = await kit.client().api('GET', `/api/v1/consultations/${closedId}/results`);
    expect(hidden.statusCode).toBe(404);
    expect(hidden.headers['content-type']).toContain('application/problem+json');
    const bad = await kit.client().api('GET', `/api/v1/consultations/${known.consultation.id}/results?breakdown=income`);
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
  });
});

describe('the synthesis for the Council', () => {
  it('is a DOCX in Arabic with right-to-left paragraphs and the Arabic text, and in Chinese with its fonts', async () => {
    const ar = await kit.client().get(`/ar/consultations/${known.consultation.id}/synthesis.docx`);
    expect(ar.statusCode).toBe(200);
    expect(ar.headers['content-type']).toContain('wordprocessingml');
    const xml = documentXml(ar.rawPayload);
    expect(xml).toContain('<w:bidi/>');
    expect(xml).toContain('<w:rtl/>');
    expect(xml).toContain('الخلاصة: دعوة إلى تقديم مساهمات بشأن التوصيل الريفي');
    expect(xml).toContain('المنهجية');
    expect(xml).toContain(known.campaignText);
    const zh = documentXml((await kit.client().get(`/zh/consultations/${known.consultation.id}/synthesis.docx`)).rawPayload);
    expect(zh).toContain('w:eastAsia="Noto Sans CJK SC"');
    expect(zh).toContain('参与情况');
    expect(zh).not.toContain('<w:bidi/>');
  });

  it('is frozen as final by an analyst and does not move after a new answer', async () => {
    const { db } = kit.database;
    const page = await analyst.get(`/en/admin/consultations/${closedId}/synthesis`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Freeze as final');
    expect(page.body).toContain('Submitted answers: 5 (each campaign counted once: 3).');
    const frozen = await analyst.post(`/en/admin/consultations/${closedId}/synthesis/freeze`);
    expect(frozen.statusCode).toBe(303);
    await insertAnswer(db, closedId, { version: 2, values: { role: { choice: 'b' }, scale: { number: 1 }, agree: { yes: false } } });
    const after = await analyst.get(`/en/admin/consultations/${closedId}/synthesis`);
    expect(after.body).toMatch(/Final version, frozen on [^<]+ by Amina Analyst\./);
    expect(after.body).toContain('Submitted answers: 5 (each campaign counted once: 3).');
    expect(after.body).not.toContain('Freeze as final');
    // The results themselves follow the answers.
    expect((await analyst.get(`/en/consultations/${closedId}/results`)).body).toContain('Submitted answers: 6 (each campaign counted once: 4).');
    // A second freeze changes nothing and says so.
    await analyst.post(`/en/admin/consultations/${closedId}/synthesis/freeze`);
    expect((await analyst.get(`/en/admin/consultations/${closedId}/synthesis`)).body).toContain('The synthesis was already frozen.');
  });

  it('is refused to others than analysts', async () => {
    const someone = await kit.as(await buildUser(kit.database.db, {}));
    expect((await someone.get(`/en/admin/consultations/${closedId}/synthesis`)).statusCode).toBe(403);
    expect((await someone.post(`/en/admin/consultations/${closedId}/synthesis/freeze`)).statusCode).toBe(403);
  });

  it('is the consultations’ section of the reports, as blocks: headings, real tables, a chart per question, figures of the database', async () => {
    const [section] = consultationsModule.contributes?.reportSections ?? [];
    const build = (section as NonNullable<typeof section>).build;
    const period = { from: new Date('2026-01-01T00:00:00Z'), to: new Date('2027-01-01T00:00:00Z'), options: {} };
    const { blocks } = await build(kit.database.db, { ...period, asOf: period.to, locale: 'fr' });
    const headings = blocks.filter((b) => b.type === 'heading');
    expect(headings[0]).toEqual({
      type: 'heading',
      level: 2,
      text: [{ text: 'Synthèse\u00a0: ' }, { text: 'Appel à contributions sur la connectivité rurale', isolate: true }],
    });
    // Only the published consultation (the closed one's results are not published).
    expect(headings.filter((b) => b.level === 2)).toHaveLength(1);
    // "Your role": a chart, then its full table with both countings, each count as the database has it.
    const chart = blocks.find((b) => b.type === 'chart' && b.title.startsWith('Votre rôle'));
    if (chart?.type !== 'chart') throw new Error('no chart');
    const { rows } = await kit.database.db.execute<{ choice: string; n: number }>(sql`
      select values->'role'->>'choice' as choice, count(*)::int as n from consultations_answers
      where consultation_id = ${known.consultation.id} and status = 'submitted' group by 1`);
    const counted = Object.fromEntries(rows.map((r) => [r.choice, r.n]));
    expect(chart.data.map((d) => d.label)).toEqual(['Opérateur', 'Régulateur', 'Universitaire', 'Autre']);
    expect(chart.data.map((d) => d.value)).toEqual(['a', 'b', 'c', 'other'].map((k) => counted[k] ?? 0));
    expect(chart.data[0]?.display).toBe(new Intl.NumberFormat('fr').format(counted.a ?? 0));
    const table = blocks[blocks.indexOf(chart) + 1];
    if (table?.type !== 'table') throw new Error('no table');
    expect(table.rowHeader).toBe(true);
    expect(table.columns.map((c) => !!c.numeric)).toEqual([false, true, true, true, true]);
    expect(table.rows[0]?.map(cellText)).toEqual(['Opérateur', '2', '40\u00a0%', '1', '33,3\u00a0%']);
    expect(table.rows[0]?.[1]).toEqual({ text: '2', value: 2 });
    // Participation as tables, the scale question as a chart too.
    expect(blocks.some((b) => b.type === 'table' && b.caption === 'Organisations et particuliers')).toBe(true);
    expect(blocks.filter((b) => b.type === 'chart').length).toBeGreaterThanOrEqual(2);
    expect(blocks.map((b) => ('text' in b ? reportText(b.text) : ''))).toContain('Réponses soumises\u00a0: 5 (chaque campagne comptée une fois\u00a0: 3).');
    // A cut-off before the close leaves it out; so does a period without any.
    const before = await build(kit.database.db, { ...period, asOf: new Date('2026-02-28T00:00:00Z'), locale: 'en' });
    expect(before.blocks).toEqual([{ type: 'paragraph', text: 'No consultation closed in this period has published results.' }]);
    const none = await build(kit.database.db, {
      from: new Date('2020-01-01T00:00:00Z'),
      to: new Date('2021-01-01T00:00:00Z'),
      asOf: new Date('2021-01-01T00:00:00Z'),
      locale: 'en',
      options: {},
    });
    expect(none.blocks).toHaveLength(1);
    // Frozen: the frozen synthesis, with the sentence saying so (the analyst's name isolated).
    expect((await analyst.post(`/en/admin/consultations/${known.consultation.id}/synthesis/freeze`)).statusCode).toBe(303);
    const frozen = await build(kit.database.db, { ...period, asOf: period.to, locale: 'en' });
    const sentence = frozen.blocks[1];
    expect(sentence?.type === 'paragraph' && reportText(sentence.text)).toMatch(/^Final version, frozen on .+ by Amina Analyst\.$/);
    expect(sentence?.type === 'paragraph' && Array.isArray(sentence.text) && sentence.text.find((r) => r.isolate)).toEqual({ text: 'Amina Analyst', isolate: true });
  });
});
