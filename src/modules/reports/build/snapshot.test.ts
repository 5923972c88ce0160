import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { and, eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { canPrintPdf, closePrinter } from '../../../core/exports/pdf.js';
import { platformJobs } from '../../../core/jobs/background.js';
import { LocalFileStore } from '../../../core/storage/files.js';
import { MODULES } from '../../../platform-modules.js';
import { createTestDatabase, type TestDatabase } from '../../../test/db.js';
import { buildUser } from '../../../test/factories.js';
import { reportBuilds, reportOutputs, reports, reportSnapshots, reportVersions } from '../tables.js';
import { composeReport } from './compose.js';
import { BUILD_JOB, requestBuild, runBuild } from './job.js';
import { buildReport } from './run.js';
import { freezeSnapshot, reportDocument } from './snapshot.js';
import { insertReport, testingModule } from './test-helpers.js';

/** The text of a DOCX's paragraphs, read back by an independent reader (Python's zipfile and XML parser). */
const READ_DOCX = `
import sys, zipfile, xml.etree.ElementTree as ET
W = '{http://schemas.openxmlformats.org/wordprocessingml/2006/main}'
root = ET.fromstring(zipfile.ZipFile(sys.argv[1]).read('word/document.xml'))
print('\\n'.join(''.join(t.text or '' for t in p.iter(W + 't')) for p in root.iter(W + 'p')))
`;
export const docxText = (bytes: Buffer) => {
  const dir = mkdtempSync(join(tmpdir(), 'wsis-report-docx-'));
  try {
    const file = join(dir, 'report.docx');
    writeFileSync(file, bytes);
    return execFileSync('python3', ['-c', READ_DOCX, file], { encoding: 'utf8' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};

/** The text of a PDF, read back by pdftotext (poppler). */
const pdfText = (bytes: Buffer) => {
  const dir = mkdtempSync(join(tmpdir(), 'wsis-report-pdf-'));
  try {
    const file = join(dir, 'report.pdf');
    writeFileSync(file, bytes);
    return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};

const modules = [...MODULES, testingModule];
let database: TestDatabase;
const filesDir = mkdtempSync(join(tmpdir(), 'wsis-report-files-'));
const files = new LocalFileStore(filesDir);
const chromium = process.env.CHROMIUM_PATH;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await closePrinter();
  await database?.drop();
  rmSync(filesDir, { recursive: true, force: true });
});
afterEach(() => {
  if (chromium === undefined) delete process.env.CHROMIUM_PATH;
  else process.env.CHROMIUM_PATH = chromium;
});

/** Makes the version final and freezes it, as the workflow's final transition does. */
const finalize = async (reportId: number, versionId: number) =>
  database.db.transaction(async (tx) => {
    await tx
      .update(reports)
      .set({ state: 'final', finalizedAt: new Date('2027-01-20T09:00:00Z') })
      .where(eq(reports.id, reportId));
    await tx.update(reportVersions).set({ final: true, state: 'final' }).where(eq(reportVersions.id, versionId));
    await freezeSnapshot(tx, modules, versionId);
  });

describe('a frozen report', () => {
  it('rebuilds to the same HTML bytes and the same DOCX text after the data moved on', async () => {
    const { report, version } = await insertReport(database.db, { year: 2026, cutoff: '2026-12-31' });
    await finalize(report.id, version.id);
    expect((await database.db.select().from(reportSnapshots).where(eq(reportSnapshots.versionId, version.id))).map((r) => r.locale).sort()).toEqual([
      'ar',
      'en',
      'es',
      'fr',
      'ru',
      'zh',
    ]);
    // The PDF too where Chromium is installed (CI installs it).
    const request = { templateKey: 'cstd', year: 2026, version: 'final' as const, locales: ['en', 'ar'], formats: canPrintPdf() ? ['html', 'docx', 'pdf'] : ['html', 'docx'] };
    const first = await buildReport(database.db, null, modules, request);

    // The data moves on: more accounts, a narrative changed in place.
    for (let i = 0; i < 3; i++) await buildUser(database.db);
    await database.db
      .update(reportVersions)
      .set({ narratives: { intro: { text: { en: 'Rewritten.' }, translations: {} } } })
      .where(eq(reportVersions.id, version.id));
    const live = await composeReport(database.db, modules, { versionId: version.id, locale: 'en' });
    const frozen = await reportDocument(database.db, modules, version.id, 'en');
    expect(JSON.stringify(live.sections)).not.toBe(JSON.stringify(frozen.sections));

    const again = await buildReport(database.db, null, modules, request);
    expect(again.outputs.map((o) => [o.locale, o.format])).toEqual(first.outputs.map((o) => [o.locale, o.format]));
    for (const [i, output] of again.outputs.entries()) {
      const before = first.outputs[i];
      if (!before || !('bytes' in output) || !('bytes' in before)) throw new Error('an output is missing');
      if (output.format === 'html') expect(output.bytes.equals(before.bytes)).toBe(true);
      else if (output.format === 'docx') expect(docxText(output.bytes)).toBe(docxText(before.bytes));
      else expect(pdfText(output.bytes)).toBe(pdfText(before.bytes));
    }
    const html = again.outputs.find((o) => o.locale === 'en' && o.format === 'html');
    expect(html && 'bytes' in html && html.bytes.toString('utf8')).toContain('The first paragraph.');
    const docx = again.outputs.find((o) => o.locale === 'ar' && o.format === 'docx');
    expect(docx && 'bytes' in docx && docxText(docx.bytes)).toContain('الاتحاد الدولي للاتصالات');
    const pdf = again.outputs.find((o) => o.locale === 'en' && o.format === 'pdf');
    if (canPrintPdf()) expect(pdf && 'bytes' in pdf && pdfText(pdf.bytes)).toMatch(/Accounts counted: \d+/);
  });
});

describe('the build job', () => {
  it('records its progress, keeps its files and replaces the rows of a second build', async () => {
    const { report, version } = await insertReport(database.db, { templateKey: 'stocktaking', year: 2026 });
    const buildId = await database.db.transaction((tx) =>
      requestBuild(tx, { reportId: report.id, versionId: version.id, locales: ['fr', 'zh'], formats: ['html', 'docx'], requestedBy: null }),
    );
    const queued = await database.db.execute<{ name: string }>(`select name from core_jobs where payload->>'buildId' = '${buildId}'` as never);
    expect(queued.rows.map((r) => r.name)).toEqual([BUILD_JOB]);
    await runBuild(database.db, files, modules, buildId);
    const [build] = await database.db.select().from(reportBuilds).where(eq(reportBuilds.id, buildId));
    expect(build).toMatchObject({ state: 'done', done: 6, total: 6, error: null });
    const rows = await database.db.select().from(reportOutputs).where(eq(reportOutputs.versionId, version.id));
    expect(rows.map((r) => `${r.locale}.${r.format}`).sort()).toEqual(['fr.docx', 'fr.html', 'zh.docx', 'zh.html']);
    for (const row of rows) expect(await files.size(row.fileSha256)).toBeGreaterThan(0);

    // A second build of the same version and formats replaces the rows (one per language and format).
    const second = await database.db.transaction((tx) => requestBuild(tx, { reportId: report.id, versionId: version.id, locales: ['fr'], formats: ['html'], requestedBy: null }));
    await buildUser(database.db);
    await runBuild(database.db, files, modules, second);
    const after = await database.db
      .select()
      .from(reportOutputs)
      .where(and(eq(reportOutputs.versionId, version.id), eq(reportOutputs.locale, 'fr'), eq(reportOutputs.format, 'html')));
    expect(after).toHaveLength(1);
    expect(after[0]?.fileSha256).not.toBe(rows.find((r) => r.locale === 'fr' && r.format === 'html')?.fileSha256);
  });

  it('runs on the job runner with the modules and the file store the runner hands it', async () => {
    const { report, version } = await insertReport(database.db, { templateKey: 'hlpf', year: 2026 });
    const buildId = await database.db.transaction((tx) => requestBuild(tx, { reportId: report.id, versionId: version.id, locales: ['ru'], formats: ['html'], requestedBy: null }));
    const { handlers } = platformJobs({ modules, baseUrl: 'http://localhost', files });
    await handlers.get(BUILD_JOB)?.(database.db, { payload: { buildId }, now: new Date(), attempt: 1, id: 1 });
    const [build] = await database.db.select().from(reportBuilds).where(eq(reportBuilds.id, buildId));
    expect(build).toMatchObject({ state: 'done', done: 2, total: 2 });
  });

  it('keeps the other formats and says how to install Chromium when it is missing', async () => {
    process.env.CHROMIUM_PATH = '/nonexistent/chromium';
    const { report, version } = await insertReport(database.db, { templateKey: 'pp', year: 2026 });
    const buildId = await database.db.transaction((tx) =>
      requestBuild(tx, { reportId: report.id, versionId: version.id, locales: ['en'], formats: ['html', 'pdf'], requestedBy: null }),
    );
    await runBuild(database.db, files, modules, buildId);
    const [build] = await database.db.select().from(reportBuilds).where(eq(reportBuilds.id, buildId));
    expect(build).toMatchObject({ state: 'done', done: 3, total: 3, error: { key: 'reports.output.pdf_unavailable' } });
    const rows = await database.db.select().from(reportOutputs).where(eq(reportOutputs.versionId, version.id));
    expect(rows.map((r) => r.format)).toEqual(['html']);
  });

  it('fails with the message key when a section’s module is absent, keeping no file', async () => {
    const { report, version } = await insertReport(database.db, { templateKey: 'stories', year: 2026 });
    const buildId = await database.db.transaction((tx) => requestBuild(tx, { reportId: report.id, versionId: version.id, locales: ['en'], formats: ['html'], requestedBy: null }));
    await runBuild(database.db, files, MODULES, buildId);
    const [build] = await database.db.select().from(reportBuilds).where(eq(reportBuilds.id, buildId));
    expect(build).toMatchObject({ state: 'failed', done: 0, error: { key: 'reports.build.section_module_absent', values: { module: 'testing' } } });
    expect(await database.db.select().from(reportOutputs).where(eq(reportOutputs.versionId, version.id))).toEqual([]);
  });
});
