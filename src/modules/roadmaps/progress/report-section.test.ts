import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { roadmapsModule } from '../module.js';
import { cellText, type ReportBlock, reportText } from '../../../core/reports/document.js';
import type { Actor } from '../../../core/permissions/index.js';
import { createTestDatabase, type TestDatabase } from '../../../test/db.js';
import { roadmaps, roadmapVersions, tasks, taskUpdates } from '../tables.js';
import { addUpdate } from '../tasks/commands/add-update.js';
import { createTask, updateTask } from '../tasks/commands/save-task.js';
import { LIGHTS, trafficLight } from '../tasks/rules.js';
import { buildActor, taskInputAround } from '../tasks/test-helpers.js';

let database: TestDatabase;
let secretariat: Actor;
const at = (day: string) => new Date(`${day}T10:00:00Z`);
const asOf = new Date('2026-06-30T00:00:00Z');
const ids: Record<string, number> = {};

const ok = <T extends { ok: boolean }>(r: T) => {
  if (!r.ok) throw new Error(JSON.stringify(r));
  return r as T & { ok: true; id: number };
};
const section = () => {
  const found = roadmapsModule.contributes?.reportSections?.find((s) => s.id === 'roadmaps.progress');
  if (!found) throw new Error('no section');
  return found;
};
const build = (options: Record<string, string[]> = {}, { locale = 'en' as const, cutOff = asOf } = {}) =>
  section().build(database.db, { from: new Date('2026-01-01T00:00:00Z'), to: new Date('2027-01-01T00:00:00Z'), asOf: cutOff, locale, options });
const charts = (blocks: ReportBlock[]) => blocks.filter((b): b is Extract<ReportBlock, { type: 'chart' }> => b.type === 'chart');
const tables = (blocks: ReportBlock[]) => blocks.filter((b): b is Extract<ReportBlock, { type: 'table' }> => b.type === 'table');
const countsOf = (chart: Extract<ReportBlock, { type: 'chart' }>) => Object.fromEntries(chart.data.map((d, i) => [LIGHTS[i], d.value]));

beforeAll(async () => {
  database = await createTestDatabase();
  const db = database.db;
  const made = await db
    .insert(roadmaps)
    .values(['C2', 'C5', 'C6'].map((actionLine) => ({ actionLine, createdAt: at('2026-01-01') })))
    .returning();
  const roadmapOf = Object.fromEntries(made.map((r) => [r.actionLine, r.id]));
  await db.insert(roadmapVersions).values([
    {
      roadmapId: roadmapOf.C2 as number,
      number: 1,
      status: 'superseded',
      objectives: { en: 'Connect every school.', fr: 'Connecter toutes les écoles.' },
      presentedSymbol: 'CWG/1',
      currentSince: at('2026-01-10'),
    },
    {
      roadmapId: roadmapOf.C2 as number,
      number: 2,
      status: 'current',
      objectives: { en: 'Connect every school and clinic.' },
      presentedSymbol: 'CWG/2',
      currentSince: at('2026-09-01'),
    },
    {
      roadmapId: roadmapOf.C5 as number,
      number: 1,
      status: 'current',
      objectives: { en: 'Build confidence and security.' },
      presentedSymbol: 'CWG/3',
      currentSince: at('2026-03-01'),
    },
  ]);
  secretariat = (await buildActor(db, { roles: ['secretariat'] })).actor;
  const task = async (name: string, line: string, created: string, input: Parameters<typeof taskInputAround>[1]) => {
    ids[name] = ok(
      await createTask(db, { actor: secretariat, actionLine: line, input: { ...taskInputAround(at(created), input), title: { en: `Task ${name}` } }, now: at(created) }),
    ).id;
  };
  const update = async (name: string, day: string, status: 'on-track' | 'at-risk' | 'done') =>
    ok(
      await addUpdate(db, {
        actor: secretariat,
        taskId: ids[name] as number,
        input: { reportedOn: day, status, text: `Update of ${name}`, locale: 'en' },
        locale: 'en',
        now: at(day),
      }),
    );
  // A: due 1 June, updated in March: on track in May, late at the end of June.
  await task('A', 'C2', '2026-01-15', { startIn: 0, dueIn: 137, status: 'on-track' });
  await update('A', '2026-03-20', 'on-track');
  // B: at risk from May; the update of July (after the cut-off) says done.
  await task('B', 'C2', '2026-02-01', { startIn: 0, dueIn: 485, status: 'on-track' });
  await update('B', '2026-05-01', 'at-risk');
  await update('B', '2026-07-15', 'done');
  // C: never updated since February: stale at the end of June.
  await task('C', 'C5', '2026-02-01', { startIn: 0, dueIn: 334, status: 'not-started' });
  // D: created after the cut-off.
  await task('D', 'C5', '2026-08-01', { startIn: 0, dueIn: 60, status: 'on-track' });
  // E: created on track in June, its status edited to done in August (without an update).
  await task('E', 'C6', '2026-06-01', { startIn: 0, dueIn: 200, status: 'on-track' });
  ok(
    await updateTask(db, {
      actor: secretariat,
      id: ids.E as number,
      input: { ...taskInputAround(at('2026-06-01'), { startIn: 0, dueIn: 200, status: 'done' }), title: { en: 'Task E' } },
      now: at('2026-08-01'),
    }),
  );
});
afterAll(async () => database.drop());

describe('the roadmaps’ progress section', () => {
  it('gives each task the light it had at the cut-off: late after its deadline, on track before, updates after the cut-off ignored', async () => {
    const { blocks } = await build();
    const rows = tables(blocks).flatMap((t) => t.rows.map((r) => r.map(cellText)));
    const byTitle = Object.fromEntries(rows.map((r) => [r[0], r]));
    expect(Object.keys(byTitle).sort()).toEqual(['Task A', 'Task B', 'Task C', 'Task E']);
    expect(byTitle['Task A']?.[4]).toBe('\u2BC3 Late');
    expect(byTitle['Task A']?.[2]).toBe('June 1, 2026');
    expect(byTitle['Task B']?.[3]).toBe('At risk');
    expect(byTitle['Task B']?.[4]).toBe('\u25B2 At risk');
    expect(byTitle['Task C']?.[4]).toBe('\u29D7 Stale (no update for 90 days)');
    expect(byTitle['Task E']?.[4]).toBe('\u25CF On track');
    expect(byTitle['Task E']?.[1]).toBe('Telecommunication Development Bureau (BDT)');
    // Earlier, A was on track (its March update).
    const may = await build({}, { cutOff: new Date('2026-05-15T00:00:00Z') });
    const a = tables(may.blocks)
      .flatMap((t) => t.rows.map((r) => r.map(cellText)))
      .find((r) => r[0] === 'Task A');
    expect(a?.[4]).toBe('\u25CF On track');
    // Today, B is done (the July update) and E done (edited).
    const now = await build({}, { cutOff: new Date('2026-12-01T00:00:00Z') });
    const today = Object.fromEntries(tables(now.blocks).flatMap((t) => t.rows.map((r) => [cellText(r[0] as never), cellText(r[4] as never)])));
    expect(today['Task B']).toBe('\u2713 Done');
    expect(today['Task E']).toBe('\u2713 Done');
    expect(today['Task D']).toBeDefined();
  });

  it('counts the tasks per light as an independent count of the database does, in the summary and per line', async () => {
    const { blocks } = await build();
    const db = database.db;
    const all = await db.select().from(tasks);
    const updates = await db.select().from(taskUpdates);
    const lineOf = new Map((await db.select().from(roadmaps)).map((r) => [r.id, r.actionLine]));
    const expected: Record<string, Record<string, number>> = { all: Object.fromEntries(LIGHTS.map((l) => [l, 0])) };
    for (const t of all.filter((t) => t.createdAt < asOf)) {
      const before = updates.filter((u) => u.taskId === t.id && u.createdAt < asOf).sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())[0];
      // E was created on track and edited to done after the cut-off, without an update.
      const status = before?.status ?? (t.id === ids.E ? 'on-track' : t.status);
      const light = trafficLight({ deadline: t.deadline, status, lastUpdateAt: before?.createdAt ?? t.createdAt }, asOf);
      const line = lineOf.get(t.roadmapId) as string;
      for (const key of [line, 'all']) {
        expected[key] ??= Object.fromEntries(LIGHTS.map((l) => [l, 0]));
        const counts = expected[key];
        counts[light] = (counts[light] ?? 0) + 1;
      }
    }
    const [summary, ...perLine] = charts(blocks);
    expect(countsOf(summary as never)).toEqual(expected.all);
    expect(countsOf(summary as never)).toMatchObject({ late: 1, 'at-risk': 1, stale: 1, 'on-track': 1, done: 0 });
    expect(perLine.map((c) => c.title)).toEqual([
      'Tasks of the C2 roadmap by status shown, as of June 30, 2026',
      'Tasks of the C5 roadmap by status shown, as of June 30, 2026',
      'Tasks of the C6 roadmap by status shown, as of June 30, 2026',
    ]);
    expect(perLine.map((c) => countsOf(c))).toEqual([expected.C2, expected.C5, expected.C6]);
  });

  it('shows the version in force at the cut-off with its objectives, and only the chosen lines', async () => {
    const { blocks } = await build({ actionLines: ['C2'] });
    const headings = blocks.flatMap((b) => (b.type === 'heading' && b.level === 2 ? [reportText(b.text)] : []));
    expect(headings).toHaveLength(1);
    expect(headings[0]).toMatch(/^C2 /);
    expect(blocks.map((b) => ('text' in b ? reportText(b.text) : ''))).toContain('Version 1 of the roadmap, in force since January 10, 2026.');
    expect(blocks).toContainEqual({ type: 'paragraph', text: 'Connect every school.' });
    expect(countsOf(charts(blocks)[0] as never)).toMatchObject({ late: 1, 'at-risk': 1, stale: 0 });
    const c5 = await build({ actionLines: ['C5'] });
    expect(tables(c5.blocks).flatMap((t) => t.rows.map((r) => cellText(r[0] as never)))).toEqual(['Task C']);
    // After September, version 2; in French the English objectives say their language.
    const fr = await build({ actionLines: ['C2'] }, { locale: 'fr' as never, cutOff: new Date('2026-10-01T00:00:00Z') });
    expect(fr.blocks).toContainEqual({ type: 'paragraph', text: 'Connect every school and clinic.', lang: 'en' });
    expect(fr.blocks.map((b) => ('text' in b ? reportText(b.text) : ''))).toContain('Version 2 de la feuille de route, en vigueur depuis le 1 septembre 2026.');
    const none = await build({ actionLines: ['C9'] });
    expect(none.blocks).toEqual([{ type: 'paragraph', text: 'None of the chosen action lines had a roadmap as of June 30, 2026.' }]);
  });

  it('formats counts in the report’s language and keeps their values', async () => {
    const { blocks } = await build({}, { locale: 'ar' as never });
    const summary = charts(blocks)[0];
    for (const d of summary?.data ?? []) expect(d.display).toBe(new Intl.NumberFormat('ar').format(d.value));
    expect(summary?.data[0]?.label).toBe('\u2BC3 متأخرة');
    expect(summary?.labelHeading).toBe('الحالة المعروضة');
  });
});
