/**
 * The reports' workflow through its commands, on PGlite and PostgreSQL: a report created from a
 * template (version 1), narratives saved as versions, draft → review → final, comments on
 * paragraphs, and the bad input of issue 17 refused with nothing written: an unknown template or
 * year, a second report of a template and year, a cut-off in the future, a narrative with script,
 * a section whose module is absent, a second final.
 */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../../core/audit/tables.js';
import type { ReportSectionContribution } from '../../../core/contributions.js';
import type { PlatformModule } from '../../../core/module.js';
import type { Actor } from '../../../core/permissions/index.js';
import { createTestDatabase, type TestDatabase } from '../../../test/db.js';
import { buildActor, ok } from './test-helpers.js';
import { type reportComments, reports, reportBuilds, reportSnapshots, reportTemplates, reportVersions } from '../tables.js';
import { SEED_TEMPLATES, seedReportTemplates } from '../templates/seed.js';
import { reportCalendarDates } from './calendar.js';
import { addComment } from './commands/add-comment.js';
import { finalizeReport, returnToDraft, submitForReview } from './commands/change-state.js';
import { createReport } from './commands/create-report.js';
import { saveNarratives } from './commands/save-narratives.js';
import { updateSettings } from './commands/update-settings.js';
import type { CreateInput } from './inputs.js';
import { reportDeadline, reportReminder } from './notifications.js';
import { findComments, findVersions } from './queries.js';

/** Modules contributing every section the seeded templates name (stand-ins: the blocks are not read here). */
const section = (id: string): ReportSectionContribution => ({ id, title: { key: 'reports.nav.title' }, build: async () => ({ blocks: [] }) });
const fakeModule = (id: string, sections: string[]): PlatformModule => ({ id, contributes: { reportSections: sections.map(section) } }) as PlatformModule;
const ALL: PlatformModule[] = [
  fakeModule('stocktaking', ['stocktaking.figures']),
  fakeModule('prizes', ['prizes.results', 'prizes.stories']),
  fakeModule('roadmaps', ['roadmaps.progress']),
  fakeModule('consultations', ['consultations.syntheses']),
  fakeModule('trust-fund', ['trust-fund.statement']),
];
const WITHOUT_TRUST_FUND = ALL.filter((m) => m.id !== 'trust-fund');

const NOW = new Date('2026-12-05T12:00:00Z');
const input = (overrides: Partial<CreateInput> = {}): CreateInput => ({
  templateKey: 'cstd',
  year: 2026,
  ownerId: null,
  deadline: '2026-12-20',
  cutoff: '2026-11-30',
  symbol: 'E/CN.16/2027/CRP.1',
  distribution: 'general',
  originalLanguage: 'en',
  ...overrides,
});

let database: TestDatabase;
let secretariat: Actor;
let member: Actor;

beforeAll(async () => {
  database = await createTestDatabase();
  secretariat = (await buildActor(database.db, ['secretariat'], 'reports-secretariat@example.org')).actor;
  member = (await buildActor(database.db, ['cwg-member'], 'reports-cwg@example.org')).actor;
}, 180_000);
afterAll(async () => database.drop());

const count = async (table: typeof reports | typeof reportVersions | typeof reportComments) => (await database.db.select().from(table)).length;

describe('the seeded templates', () => {
  it('are the six, with titles in six languages (seeding again changes nothing)', async () => {
    const { db } = database;
    const rows = await db.select().from(reportTemplates);
    expect(rows.map((r) => r.key).sort()).toEqual(SEED_TEMPLATES.map((t) => t.key).sort());
    for (const t of rows) expect(Object.keys(t.title).sort()).toEqual(['ar', 'en', 'es', 'fr', 'ru', 'zh']);
    await seedReportTemplates(db);
    expect((await db.select().from(reportTemplates)).length).toBe(6);
  });
});

describe('creating a report', () => {
  it('copies the template and writes version 1 with empty narratives, audited', async () => {
    const { db } = database;
    const created = ok(await createReport(db, { actor: secretariat, input: input(), modules: ALL, now: NOW }));
    const [report] = await db.select().from(reports).where(eq(reports.id, created.id));
    expect(report?.state).toBe('draft');
    expect(report?.sections.map((s) => s.id)).toContain('trust-fund');
    expect(report?.title.fr).toContain('UIT');
    const versions = await findVersions(db, created.id);
    expect(versions.map((v) => [v.number, v.state, v.narratives])).toEqual([[1, 'draft', {}]]);
    const audit = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.subjectType, 'report'), eq(auditLog.subjectId, String(created.id))));
    expect(audit.length).toBe(1);
  });

  it('refuses bad input with a clear error and writes nothing', async () => {
    const { db } = database;
    const before = [await count(reports), await count(reportVersions)];
    const refused = async (i: Partial<CreateInput>, modules = ALL) => createReport(db, { actor: secretariat, input: input(i), modules, now: NOW });
    expect(await refused({ templateKey: 'nope' })).toMatchObject({ ok: false, error: 'unknown_template', field: 'templateKey' });
    expect(await refused({ year: 2002 })).toMatchObject({ ok: false, error: 'year' });
    expect(await refused({ year: 2101 })).toMatchObject({ ok: false, error: 'year' });
    expect(await refused({})).toMatchObject({ ok: false, error: 'report_exists', field: 'year' });
    expect(await refused({ year: 2025, cutoff: '2026-12-06' })).toMatchObject({ ok: false, error: 'cutoff_future', field: 'cutoff' });
    expect(await refused({ year: 2025 }, WITHOUT_TRUST_FUND)).toMatchObject({
      ok: false,
      error: 'section_module_absent',
      values: { source: 'trust-fund.statement', module: 'trust-fund' },
    });
    expect([await count(reports), await count(reportVersions)]).toEqual(before);
    // The cut-off may be today.
    ok(await refused({ year: 2025, cutoff: '2026-12-05' }));
  });
});

describe('a report’s life', () => {
  let reportId: number;
  beforeAll(async () => {
    reportId = ok(await createReport(database.db, { actor: secretariat, input: input({ templateKey: 'council', ownerId: secretariat.id }), modules: ALL, now: NOW })).id;
  });

  it('saves narratives per language as new versions, keeping the other languages and the translation status', async () => {
    const { db } = database;
    const v2 = ok(
      await saveNarratives(db, {
        actor: secretariat,
        reportId,
        input: { locale: 'en', texts: { introduction: { text: 'ITU **led** the work.\n\nSecond paragraph.', kind: 'original' } } },
      }),
    );
    expect(v2.number).toBe(2);
    const v3 = ok(
      await saveNarratives(db, {
        actor: secretariat,
        reportId,
        input: { locale: 'fr', texts: { introduction: { text: 'L’UIT a **dirigé** les travaux.\n\nDeuxième paragraphe.', kind: 'unofficial' } } },
      }),
    );
    expect(v3.number).toBe(3);
    const [latest] = await findVersions(db, reportId);
    expect(latest?.narratives.introduction).toEqual({
      text: { en: 'ITU **led** the work.\n\nSecond paragraph.', fr: 'L’UIT a **dirigé** les travaux.\n\nDeuxième paragraphe.' },
      translations: { en: 'original', fr: 'unofficial' },
    });
  });

  it('refuses a narrative with script or broken markup, and a section without narrative: nothing written', async () => {
    const { db } = database;
    const before = await count(reportVersions);
    const save = (text: string, section = 'introduction') =>
      saveNarratives(db, { actor: secretariat, reportId, input: { locale: 'en', texts: { [section]: { text, kind: 'original' } } } });
    expect(await save('Hello <script>alert(1)</script>')).toMatchObject({
      ok: false,
      error: 'reports.narrative.html_not_allowed',
      field: 'text.introduction',
      values: { tag: '<script>' },
    });
    expect(await save('<img src=x onerror=alert(1)>')).toMatchObject({ ok: false, error: 'reports.narrative.html_not_allowed', values: { tag: '<img>' } });
    expect(await save('A **broken one')).toMatchObject({ ok: false, error: 'reports.narrative.unbalanced_emphasis' });
    expect(await save('Fine', 'no-such-section')).toMatchObject({ ok: false, error: 'unknown_section' });
    expect(await count(reportVersions)).toBe(before);
  });

  it('changes settings while a draft, not a cut-off in the future', async () => {
    const { db } = database;
    const settings = { ownerId: secretariat.id, deadline: '2026-12-15', cutoff: '2026-11-30', symbol: 'C27/25', distribution: 'general' as const, originalLanguage: 'en' as const };
    ok(await updateSettings(db, { actor: secretariat, reportId, input: settings, now: NOW }));
    expect(await updateSettings(db, { actor: secretariat, reportId, input: { ...settings, cutoff: '2027-01-01' }, now: NOW })).toMatchObject({ ok: false, error: 'cutoff_future' });
    expect((await db.select().from(reports).where(eq(reports.id, reportId)))[0]?.symbol).toBe('C27/25');
  });

  it('goes to review, where a CWG member comments on a paragraph and the secretariat answers and changes the text', async () => {
    const { db } = database;
    expect(await addComment(db, { actor: member, reportId, input: { sectionId: 'introduction', paragraph: 0, locale: 'fr', body: 'Trop tôt', parentId: null } })).toMatchObject({
      ok: false,
      error: 'not_review',
    });
    ok(await submitForReview(db, { actor: secretariat, reportId }));
    expect(
      await updateSettings(db, {
        actor: secretariat,
        reportId,
        input: { ownerId: null, deadline: null, cutoff: '2026-11-30', symbol: null, distribution: 'general', originalLanguage: 'en' },
        now: NOW,
      }),
    ).toMatchObject({
      ok: false,
      error: 'not_draft',
    });
    const comment = ok(
      await addComment(db, { actor: member, reportId, input: { sectionId: 'introduction', paragraph: 1, locale: 'fr', body: 'Préciser les dates.', parentId: null } }),
    );
    expect(await addComment(db, { actor: member, reportId, input: { sectionId: 'introduction', paragraph: 2, locale: 'fr', body: 'Hors texte', parentId: null } })).toMatchObject({
      ok: false,
      error: 'paragraph',
    });
    expect(
      await addComment(db, { actor: member, reportId, input: { sectionId: 'introduction', paragraph: 0, locale: 'fr', body: 'Réponse ?', parentId: comment.id } }),
    ).toMatchObject({
      ok: false,
      error: 'answer_forbidden',
    });
    ok(await addComment(db, { actor: secretariat, reportId, input: { sectionId: 'x', paragraph: 0, locale: 'en', body: 'Dates ajoutées.', parentId: comment.id } }));
    const changed = ok(
      await saveNarratives(db, {
        actor: secretariat,
        reportId,
        input: { locale: 'fr', texts: { introduction: { text: 'L’UIT a **dirigé** les travaux.\n\nDeuxième paragraphe, de janvier à décembre.', kind: 'unofficial' } } },
      }),
    );
    const versions = await findVersions(db, reportId);
    expect(versions[0]?.state).toBe('review');
    expect(versions[0]?.number).toBe(changed.number);
    // The comment and its answer stay with the version they were made on.
    const comments = await findComments(db, reportId);
    expect(comments.map((c) => [c.versionNumber, c.sectionId, c.paragraph, c.locale, c.parentId === null])).toEqual([
      [changed.number - 1, 'introduction', 1, 'fr', true],
      [changed.number - 1, 'introduction', 1, 'fr', false],
    ]);
    ok(await returnToDraft(db, { actor: secretariat, reportId }));
    expect(await returnToDraft(db, { actor: secretariat, reportId })).toMatchObject({ ok: false, error: 'not_review' });
    ok(await submitForReview(db, { actor: secretariat, reportId }));
  });

  it('refuses final when a section’s module is absent, writing nothing', async () => {
    const { db } = database;
    const before = await count(reportVersions);
    expect(await finalizeReport(db, { actor: secretariat, reportId, modules: WITHOUT_TRUST_FUND })).toMatchObject({ ok: false, error: 'section_module_absent' });
    expect(await count(reportVersions)).toBe(before);
  });

  it('makes the report final once: a second final is refused (by the state, and by the unique index when two race)', async () => {
    const { db } = database;
    const before = await count(reportVersions);
    const first = await finalizeReport(db, { actor: secretariat, reportId, modules: ALL, now: NOW });
    if (!first.ok) throw new Error(`final refused: ${JSON.stringify(first)}`);
    const [report] = await db.select().from(reports).where(eq(reports.id, reportId));
    expect(report?.state).toBe('final');
    expect(report?.finalizedAt?.toISOString()).toBe(NOW.toISOString());
    const [latest] = await findVersions(db, reportId);
    expect([latest?.final, latest?.state, latest?.id]).toEqual([true, 'final', first.versionId]);
    expect(await count(reportVersions)).toBe(before + 1);
    // Frozen in the six languages, and its publication queued: every language in every format.
    const frozen = await db.select().from(reportSnapshots).where(eq(reportSnapshots.versionId, first.versionId));
    expect(frozen.map((f) => f.locale).sort()).toEqual(['ar', 'en', 'es', 'fr', 'ru', 'zh']);
    const queued = await db.select().from(reportBuilds).where(eq(reportBuilds.versionId, first.versionId));
    expect(queued.map((b) => [b.state, [...b.locales].sort().join(','), b.formats.join(',')])).toEqual([['waiting', 'ar,en,es,fr,ru,zh', 'html,docx,pdf']]);
    expect(await finalizeReport(db, { actor: secretariat, reportId, modules: ALL })).toMatchObject({ ok: false, error: 'already_final' });
    expect(await saveNarratives(db, { actor: secretariat, reportId, input: { locale: 'en', texts: {} } })).toMatchObject({ ok: false, error: 'already_final' });
    expect(await submitForReview(db, { actor: secretariat, reportId })).toMatchObject({ ok: false, error: 'already_final' });
    expect(await count(reportVersions)).toBe(before + 1);
    // The index: a second final version of the same report cannot be written, whatever the state says.
    await expect(db.insert(reportVersions).values({ reportId, number: 999, state: 'final', final: true })).rejects.toThrow();
  });
});

describe('deadlines', () => {
  it('are in the calendar as all-day dates, with a fingerprint', async () => {
    const { db } = database;
    const dates = await reportCalendarDates.find(db, { from: new Date('2026-12-01T00:00:00Z'), to: new Date('2027-01-01T00:00:00Z') });
    const days = dates.map((d) => [d.start.toISOString().slice(0, 10), d.allDay, d.kind, d.label.key]);
    expect(days).toContainEqual(['2026-12-20', true, 'deadline', 'reports.workflow.calendar_deadline']);
    expect(typeof (await reportCalendarDates.version?.(db))).toBe('string');
  });

  it('remind the owner 14 and 3 days before, keyed by report, reminder and deadline', async () => {
    const { db } = database;
    expect([reportReminder('2026-12-19', NOW), reportReminder('2026-12-08', NOW), reportReminder('2027-01-20', NOW), reportReminder('2026-12-01', NOW)]).toEqual([
      14,
      3,
      null,
      null,
    ]);
    const reportId = ok(
      await createReport(db, { actor: secretariat, input: input({ templateKey: 'stories', ownerId: secretariat.id, deadline: '2026-12-15' }), modules: ALL, now: NOW }),
    ).id;
    const due = (await reportDeadline.due?.(db, { now: NOW })) ?? [];
    expect(due.filter((d) => d.link === `/admin/reports/${reportId}`)).toEqual([
      expect.objectContaining({ to: [secretariat.id], key: `${reportId}:14:2026-12-15`, params: expect.objectContaining({ days: 14 }) }),
    ]);
  });
});
