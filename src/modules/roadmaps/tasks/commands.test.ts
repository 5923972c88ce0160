import { and, count, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MODULES } from '../../../app.js';
import { auditLog } from '../../../core/audit/tables.js';
import { notifications } from '../../../core/notifications/tables.js';
import { sendDueNotifications } from '../../../core/notifications/notify.js';
import type { Actor } from '../../../core/permissions/index.js';
import { createTestDatabase, type TestDatabase } from '../../../test/db.js';
import { tasks, taskUpdates } from '../tables.js';
import { addUpdate } from './commands/add-update.js';
import { createTask, updateTask } from './commands/save-task.js';
import { taskInput } from './inputs.js';
import { findTasks } from './queries.js';
import { DAY_MS } from './rules.js';
import { buildActor, buildFocalPoint, dayFrom, insertRoadmaps, taskInputAround } from './test-helpers.js';

let database: TestDatabase;
let secretariat: Actor;
let focalC2: Actor;
let focalC5: Actor;
let owner: Actor;
let ownerId: number;
let focalC2Id: number;
const now = new Date('2027-03-01T09:00:00Z');
const later = (days: number) => new Date(now.getTime() + days * DAY_MS);

const ok = <T extends { ok: boolean }>(r: T) => {
  if (!r.ok) throw new Error(JSON.stringify(r));
  return r as T & { ok: true; id: number };
};
const counts = async () => {
  const db = database.db;
  const [t] = await db.select({ n: count() }).from(tasks);
  const [u] = await db.select({ n: count() }).from(taskUpdates);
  const [a] = await db.select({ n: count() }).from(auditLog);
  return { tasks: t?.n, updates: u?.n, audit: a?.n };
};

beforeAll(async () => {
  database = await createTestDatabase();
  const db = database.db;
  await insertRoadmaps(db, ['C2', 'C5']);
  secretariat = (await buildActor(db, { roles: ['secretariat'] })).actor;
  const c2 = await buildFocalPoint(db, 'C2');
  focalC2 = c2.actor;
  focalC2Id = c2.user.id;
  focalC5 = (await buildFocalPoint(db, 'C5')).actor;
  const o = await buildActor(db, { locale: 'es' });
  owner = o.actor;
  ownerId = o.user.id;
});
afterAll(async () => database.drop());

describe('creating and editing tasks', () => {
  it('lets the secretariat and a focal point of the line create a task, audited', async () => {
    const before = await counts();
    const a = ok(await createTask(database.db, { actor: secretariat, actionLine: 'C2', input: taskInputAround(now), now }));
    const b = ok(await createTask(database.db, { actor: focalC2, actionLine: 'C2', input: taskInputAround(now, { ownerUserId: ownerId }), now }));
    expect(a.id).not.toBe(b.id);
    const after = await counts();
    expect(after.tasks).toBe((before.tasks ?? 0) + 2);
    expect(after.audit).toBe((before.audit ?? 0) + 2);
  });

  it('refuses a focal point of another line, writing nothing', async () => {
    const before = await counts();
    expect(await createTask(database.db, { actor: focalC5, actionLine: 'C2', input: taskInputAround(now), now })).toEqual({ ok: false, error: 'forbidden' });
    const [task] = await database.db.select().from(tasks).limit(1);
    expect(await updateTask(database.db, { actor: focalC5, id: task?.id ?? 0, input: taskInputAround(now, { status: 'done' }), now })).toEqual({ ok: false, error: 'forbidden' });
    expect(await counts()).toEqual(before);
  });

  it('refuses a deadline before the start, in the input and in the command', async () => {
    const parsed = taskInput.safeParse({ ...taskInputAround(now), startsOn: '2027-05-01', deadline: '2027-04-30' });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toBe('roadmaps.tasks.errors.deadline_before_start');
    const before = await counts();
    const r = await createTask(database.db, { actor: secretariat, actionLine: 'C2', input: { ...taskInputAround(now), startsOn: '2027-05-01', deadline: '2027-04-30' }, now });
    expect(r).toMatchObject({ ok: false, error: 'deadline_before_start', field: 'deadline' });
    expect(await counts()).toEqual(before);
  });

  it('refuses unknown SDG and Connect 2030 targets, unknown entries and a title in no language', async () => {
    const before = await counts();
    expect(await createTask(database.db, { actor: secretariat, actionLine: 'C2', input: taskInputAround(now, { sdgTargets: ['9.c', '99.z'] }), now })).toMatchObject({
      ok: false,
      error: 'unknown_sdg_targets',
      codes: ['99.z'],
    });
    expect(await createTask(database.db, { actor: secretariat, actionLine: 'C2', input: taskInputAround(now, { connectTargets: ['7.7'] }), now })).toMatchObject({
      ok: false,
      error: 'unknown_connect_targets',
      codes: ['7.7'],
    });
    expect(await createTask(database.db, { actor: secretariat, actionLine: 'C2', input: taskInputAround(now, { evidence: [987654] }), now })).toMatchObject({
      ok: false,
      error: 'unknown_entries',
    });
    expect(taskInput.safeParse({ ...taskInputAround(now), title: { en: '  ' } }).success).toBe(false);
    expect(await counts()).toEqual(before);
  });

  it('refuses an unknown roadmap', async () => {
    expect(await createTask(database.db, { actor: secretariat, actionLine: 'C99', input: taskInputAround(now), now })).toEqual({ ok: false, error: 'not_found' });
  });
});

describe('progress updates and the light', () => {
  it('lets the owner report; the task takes the status and the last update in the same transaction', async () => {
    const id = ok(await createTask(database.db, { actor: secretariat, actionLine: 'C2', input: taskInputAround(now, { ownerUserId: ownerId, dueIn: 200 }), now })).id;
    const when = later(10);
    const r = ok(
      await addUpdate(database.db, {
        actor: owner,
        taskId: id,
        input: { reportedOn: dayFrom(when, 0), status: 'at-risk', text: 'Retraso en la contratación' },
        locale: 'es',
        now: when,
      }),
    );
    expect(r.taskId).toBe(id);
    const [task] = await database.db.select().from(tasks).where(eq(tasks.id, id));
    expect(task?.status).toBe('at-risk');
    expect(task?.lastUpdateAt.toISOString()).toBe(when.toISOString());
    const [update] = await database.db.select().from(taskUpdates).where(eq(taskUpdates.taskId, id));
    expect(update).toMatchObject({ locale: 'es', status: 'at-risk', text: 'Retraso en la contratación' });
  });

  it('lets the line’s focal point report, and refuses a focal point of another line and anyone else', async () => {
    const id = ok(await createTask(database.db, { actor: secretariat, actionLine: 'C2', input: taskInputAround(now), now })).id;
    ok(await addUpdate(database.db, { actor: focalC2, taskId: id, input: { reportedOn: dayFrom(now, 0), status: 'on-track', text: 'Fine' }, locale: 'en', now }));
    const before = await counts();
    const stranger = (await buildActor(database.db)).actor;
    for (const actor of [focalC5, stranger])
      expect(await addUpdate(database.db, { actor, taskId: id, input: { reportedOn: dayFrom(now, 0), status: 'done', text: 'x' }, locale: 'en', now })).toEqual({
        ok: false,
        error: 'forbidden',
      });
    expect(await counts()).toEqual(before);
  });

  it('lists late and stale tasks as the clock moves', async () => {
    const db = database.db;
    await db.delete(tasks);
    const due = ok(await createTask(db, { actor: secretariat, actionLine: 'C5', input: taskInputAround(now, { dueIn: 20 }), now })).id;
    const long = ok(await createTask(db, { actor: secretariat, actionLine: 'C5', input: taskInputAround(now, { dueIn: 400 }), now })).id;
    const done = ok(await createTask(db, { actor: secretariat, actionLine: 'C5', input: taskInputAround(now, { dueIn: 5, status: 'done' }), now })).id;
    const ids = async (at: Date, filters: { late?: 'true'; stale?: 'true' }) => (await findTasks(db, { filters, now: at })).items.map((t) => t.id).sort();
    expect(await ids(later(20), { late: 'true' })).toEqual([]);
    expect(await ids(later(21), { late: 'true' })).toEqual([due]);
    expect(await ids(later(89), { stale: 'true' })).toEqual([]);
    expect(await ids(later(90), { stale: 'true' })).toEqual([due, long].sort());
    expect(await ids(later(30), { late: 'true', stale: 'true' })).toEqual([due]);
    ok(await addUpdate(db, { actor: secretariat, taskId: long, input: { reportedOn: dayFrom(later(80), 0), status: 'on-track', text: 'ok' }, locale: 'en', now: later(80) }));
    expect(await ids(later(100), { stale: 'true' })).toEqual([due]);
    expect((await ids(later(400), { late: 'true' })).includes(done)).toBe(false);
  });
});

describe('reminders and escalation', () => {
  const written = async (kind: string) =>
    database.db
      .select({ recipient: notifications.recipientId, key: notifications.key, params: notifications.params })
      .from(notifications)
      .where(and(eq(notifications.kind, kind), inArray(notifications.recipientId, [ownerId, focalC2Id])));

  it('writes the 30- and 7-day reminders and the stale one once each, and escalates a late task to the line’s focal point once', async () => {
    const db = database.db;
    await db.delete(tasks);
    await db.delete(notifications);
    const id = ok(await createTask(db, { actor: secretariat, actionLine: 'C2', input: taskInputAround(now, { ownerUserId: ownerId, dueIn: 45 }), now })).id;
    const run = (at: Date) => sendDueNotifications(db, { modules: MODULES, now: at });

    await run(later(10));
    expect(await written('roadmaps.task_deadline')).toEqual([]);
    await run(later(15));
    await run(later(16));
    const thirty = await written('roadmaps.task_deadline');
    expect(thirty).toHaveLength(1);
    expect(thirty[0]).toMatchObject({ recipient: ownerId, key: `${id}:30:${dayFrom(now, 45)}` });
    expect((thirty[0]?.params as { title: Record<string, string> } | undefined)?.title.es).toContain('Cartografía');

    await run(later(38));
    await run(later(40));
    expect((await written('roadmaps.task_deadline')).map((n) => n.key).sort()).toEqual([`${id}:30:${dayFrom(now, 45)}`, `${id}:7:${dayFrom(now, 45)}`]);

    expect(await written('roadmaps.task_late')).toEqual([]);
    await run(later(46));
    await run(later(47));
    const late = await written('roadmaps.task_late');
    expect(late).toEqual([expect.objectContaining({ recipient: focalC2Id, key: `${id}:late:${dayFrom(now, 45)}` })]);

    expect(await written('roadmaps.task_stale')).toEqual([]);
    await run(later(90));
    await run(later(95));
    expect(await written('roadmaps.task_stale')).toEqual([expect.objectContaining({ recipient: ownerId })]);
    // An update ends the silence; a new one reminds again.
    ok(await addUpdate(db, { actor: owner, taskId: id, input: { reportedOn: dayFrom(later(96), 0), status: 'at-risk', text: 'Seguimos' }, locale: 'es', now: later(96) }));
    await run(later(150));
    expect(await written('roadmaps.task_stale')).toHaveLength(1);
    await run(later(186));
    expect(await written('roadmaps.task_stale')).toHaveLength(2);
  });

  it('reminds nobody of a done task', async () => {
    const db = database.db;
    await db.delete(tasks);
    await db.delete(notifications);
    ok(await createTask(db, { actor: secretariat, actionLine: 'C2', input: taskInputAround(now, { ownerUserId: ownerId, dueIn: 20, status: 'done' }), now }));
    for (const d of [0, 15, 25, 100]) await sendDueNotifications(db, { modules: MODULES, now: later(d) });
    expect(await written('roadmaps.task_deadline')).toEqual([]);
    expect(await written('roadmaps.task_late')).toEqual([]);
    expect(await written('roadmaps.task_stale')).toEqual([]);
  });
});
