import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../../core/audit/tables.js';
import { createTestKit, type TestKit } from '../../../test/app.js';
import { buildUser } from '../../../test/factories.js';
import { reportBuilds, reports, reportVersions } from '../tables.js';
import { runBuild } from './job.js';
import { freezeSnapshot } from './snapshot.js';
import { insertReport } from './test-helpers.js';

let kit: TestKit;
let secretariat: { email: string };
let member: { email: string };
const sections = [{ id: 'intro', title: { en: 'Introduction', fr: 'Introduction générale' }, narrative: true }];
const narratives = { intro: { text: { en: 'A year of work.', fr: 'Une année de travail.' }, translations: {} } };

beforeAll(async () => {
  kit = await createTestKit();
  secretariat = await buildUser(kit.database.db, { roles: ['secretariat'] });
  member = await buildUser(kit.database.db, { roles: ['cwg-member'] });
});
afterAll(async () => kit?.close());

const runQueued = async (reportId: number) => {
  const builds = await kit.database.db.select().from(reportBuilds).where(eq(reportBuilds.reportId, reportId));
  for (const build of builds) await runBuild(kit.database.db, kit.app.platform.files, kit.app.platform.modules, build.id);
};

describe('the build page', () => {
  it('asks for a build, shows its progress and serves its files to the secretariat only', async () => {
    const { report } = await insertReport(kit.database.db, { year: 2026, sections, narratives });
    const page = `/en/admin/reports/${report.id}/builds`;
    const c = await kit.as(secretariat);
    const empty = await c.get(page);
    expect(empty.statusCode).toBe(200);
    expect(empty.body).toContain('No build has been requested yet.');
    expect(empty.body).not.toContain('data-refresh-seconds');

    const refused = await c.submit(page, { formats: ['html'], version: 'final' });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('Choose at least one language.');
    expect(refused.body).toContain('This report has no final version yet.');

    const asked = await c.submit(page, { locales: ['fr', 'en'], formats: ['html', 'docx'], version: 'latest' });
    expect(asked.statusCode).toBe(303);
    const waiting = await c.get(page);
    expect(waiting.body).toContain('data-refresh-seconds="3"');
    expect(waiting.body).toContain('0 of 6 steps');
    const [audit] = await kit.database.db.select().from(auditLog).where(eq(auditLog.action, 'reports.build.request'));
    expect(audit?.subjectId).toBe(String(report.id));

    await runQueued(report.id);
    const done = await c.get(page);
    expect(done.body).toContain('6 of 6 steps');
    expect(done.body).toContain('<progress max="6" value="6"');
    expect(done.body).not.toContain('data-refresh-seconds');
    const link = /href="(\/en\/admin\/reports\/\d+\/files\/\d+\/fr\.docx)"/.exec(done.body)?.[1];
    expect(link).toBeDefined();
    const file = await c.get(link ?? '');
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-disposition']).toContain('cstd-2026-fr.docx');
    expect(file.rawPayload.subarray(0, 2).toString()).toBe('PK');

    const other = await kit.as(member);
    expect((await other.get(page)).statusCode).toBe(403);
    expect((await other.get(link ?? '')).statusCode).toBe(403);
  });
});

describe('the preview', () => {
  it('shows the secretariat the whole report as a build would make it now, in the page language', async () => {
    const { report } = await insertReport(kit.database.db, { year: 2025, sections, narratives });
    const page = `/fr/admin/reports/${report.id}/preview`;
    const shown = await (await kit.as(secretariat)).get(page);
    expect(shown.statusCode).toBe(200);
    expect(shown.body).toContain('Introduction générale');
    expect(shown.body).toContain('Une année de travail.');
    expect(shown.body).toContain('Aperçu');
    expect((await (await kit.as(member)).get(page)).statusCode).toBe(403);
    expect((await (await kit.as(secretariat)).get('/fr/admin/reports/999999/preview')).statusCode).toBe(404);
  });
});

describe('the published reports', () => {
  it('lists final reports with files by year and language, shows one from its snapshot, and hides the others', async () => {
    const { report, version } = await insertReport(kit.database.db, { templateKey: 'council', year: 2025, sections, narratives });
    const draft = await insertReport(kit.database.db, { templateKey: 'hlpf', year: 2025, sections, narratives });
    const c = kit.client();
    expect((await c.get('/en/reports')).body).toContain('No published report matches this selection.');
    expect((await c.get('/en/reports/council/2025')).statusCode).toBe(404);

    await kit.database.db.transaction(async (tx) => {
      await tx
        .update(reports)
        .set({ state: 'final', finalizedAt: new Date('2026-01-15T10:00:00Z') })
        .where(eq(reports.id, report.id));
      await tx.update(reportVersions).set({ final: true, state: 'final' }).where(eq(reportVersions.id, version.id));
      await freezeSnapshot(tx, kit.app.platform.modules, version.id);
    });
    const s = await kit.as(secretariat);
    await s.submit(`/en/admin/reports/${report.id}/builds`, { locales: ['en', 'fr'], formats: ['html', 'docx'], version: 'final' });
    await s.submit(`/en/admin/reports/${draft.report.id}/builds`, { locales: ['en'], formats: ['html'], version: 'latest' });
    await runQueued(report.id);
    await runQueued(draft.report.id);

    const all = await c.get('/en/reports');
    expect(all.body).toContain('Reports of 2025');
    expect(all.body).toContain('Report council 2025 (en)');
    expect(all.body).not.toContain('Report hlpf 2025');
    expect(all.body).toMatch(/href="\/en\/reports\/council\/2025\/council-2025-fr\.docx"[^>]*>French, DOCX \(\d+ kB\)/);
    const french = await c.get('/en/reports?year=2025&lang=fr');
    expect(french.body).toContain('council-2025-fr.html');
    expect(french.body).not.toContain('council-2025-en.html');
    expect((await c.get('/en/reports?year=2024')).body).toContain('No published report matches this selection.');

    // The data moves on; the page shows the snapshot.
    await kit.database.db
      .update(reportVersions)
      .set({ narratives: { intro: { text: { en: 'Rewritten.' }, translations: {} } } })
      .where(eq(reportVersions.id, version.id));
    const read = await c.get('/fr/reports/council/2025');
    expect(read.statusCode).toBe(200);
    expect(read.body).toContain('Une année de travail.');
    expect(read.body).toContain('Introduction générale');
    const file = await c.get('/fr/reports/council/2025/council-2025-en.html');
    expect(file.statusCode).toBe(200);
    expect(file.rawPayload.toString('utf8')).toContain('A year of work.');
    expect((await c.get('/en/reports/council/2025/council-2025-ar.html')).statusCode).toBe(404);
    expect((await c.get('/en/reports/hlpf/2025')).statusCode).toBe(404);
    expect((await c.get('/en/reports/annual/2025')).statusCode).toBe(404);
    expect((await c.get('/en/reports/council/20x5')).statusCode).toBe(404);
  });
});
