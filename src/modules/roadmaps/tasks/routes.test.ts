import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestKit, type TestClient, type TestKit } from '../../../test/app.js';
import { createApiToken } from '../../accounts/commands/create-api-token.js';
import { insertPublishedEntry } from '../../stocktaking/test-helpers.js';
import { tasks, taskUpdates } from '../tables.js';
import { addUpdate } from './commands/add-update.js';
import { createTask } from './commands/save-task.js';
import { buildActor, buildFocalPoint, dayFrom, insertRoadmaps, taskInputAround } from './test-helpers.js';

let kit: TestKit;
let focalC2: TestClient;
let focalC5: TestClient;
let reader: TestClient;
let ownerToken: string;
let strangerToken: string;
let lateTask: number;
let freshTask: number;
let entryId: number;
const now = new Date();

const ok = <T extends { ok: boolean }>(r: T) => {
  if (!r.ok) throw new Error(JSON.stringify(r));
  return r as T & { ok: true; id: number };
};
const taskCount = async () => (await kit.database.db.select({ n: count() }).from(tasks))[0]?.n;

/** Runs a Python reader (Debian's python3 with openpyxl) on the bytes of a download. */
const python = (code: string, body: Buffer, name: string) => {
  const dir = mkdtempSync(join(tmpdir(), 'wsis-tasks-'));
  try {
    const file = join(dir, name);
    writeFileSync(file, body);
    return JSON.parse(execFileSync('/usr/bin/python3', ['-c', code, file], { encoding: 'utf8' }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};

beforeAll(async () => {
  kit = await createTestKit();
  const db = kit.database.db;
  await insertRoadmaps(db, ['C2', 'C5']);
  const sec = await buildActor(db, { roles: ['secretariat'], email: 'secretariat@example.org' });
  focalC2 = await kit.as((await buildFocalPoint(db, 'C2', { email: 'fp-c2@example.org', locale: 'es' })).user);
  focalC5 = await kit.as((await buildFocalPoint(db, 'C5', { email: 'fp-c5@example.org' })).user);
  reader = kit.client();
  const owner = await buildActor(db, { email: 'owner@example.org' });
  const stranger = await buildActor(db);
  ownerToken = (await createApiToken(db, { userId: owner.user.id, label: 't', actor: null })).token;
  strangerToken = (await createApiToken(db, { userId: stranger.user.id, label: 't', actor: null })).token;
  entryId = (await insertPublishedEntry(db, { title: { en: 'Rural broadband in Kenya' } })).id;
  const long = new Date(now.getTime() - 200 * 86_400_000);
  lateTask = ok(
    await createTask(db, {
      actor: sec.actor,
      actionLine: 'C2',
      input: taskInputAround(long, {
        startIn: 0,
        dueIn: 150,
        ownerUserId: owner.user.id,
        title: { en: 'Late fibre task', fr: 'Tâche fibre en retard' },
        sdgTargets: ['9.c'],
        ownerBureau: 'BR',
      }),
      now: long,
    }),
  ).id;
  freshTask = ok(
    await createTask(db, {
      actor: sec.actor,
      actionLine: 'C2',
      input: taskInputAround(now, { ownerUserId: owner.user.id, title: { en: 'Fresh task' }, evidence: [entryId], sdgTargets: ['4.4'] }),
      now,
    }),
  ).id;
  ok(await addUpdate(db, { actor: owner.actor, taskId: freshTask, input: { reportedOn: dayFrom(now, 0), status: 'on-track', text: 'Started well' }, locale: 'en', now }));
});
afterAll(async () => kit.close());

describe('pages', () => {
  it('shows the late-and-stale list with the light as shape and word, and filters by bureau and SDG target', async () => {
    const res = await reader.get('/en/roadmaps/tasks?late=true&stale=true');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Late fibre task');
    expect(res.body).not.toContain('Fresh task');
    expect(res.body).toMatch(/task-light-late[\s\S]*?<svg[^>]*aria-hidden="true"[\s\S]*?Late/);
    expect((await reader.get('/en/roadmaps/tasks?bureau=BR')).body).not.toContain('Fresh task');
    const byTarget = await reader.get('/fr/roadmaps/tasks?target=4.4');
    expect(byTarget.body).toContain('Fresh task');
    expect(byTarget.body).not.toContain('Tâche fibre en retard');
    expect((await reader.get('/en/roadmaps/tasks?late=maybe')).statusCode).toBe(400);
  });

  it('draws a roadmap’s timeline as an accessible SVG with a table underneath', async () => {
    const res = await reader.get('/en/roadmaps/C2/tasks');
    expect(res.statusCode).toBe(200);
    expect(res.body).toMatch(/<svg role="img" aria-labelledby="timeline-title timeline-desc"/);
    // At its own size (its text as large as the page's), in a region that scrolls sideways on a phone.
    expect(res.body).toMatch(/<div class="table-wrap" role="region" aria-label="[^"]+" tabindex="0" dir="ltr"><svg [^>]*width="800" height="\d+"/);
    expect(res.body).toContain('<title id="timeline-title">');
    expect(res.body).toContain('<table>');
    expect((await reader.get('/en/roadmaps/C99/tasks')).statusCode).toBe(404);
  });

  it('shows a task with its evidence and updates; my tasks for its owner', async () => {
    const res = await reader.get(`/en/roadmaps/tasks/${freshTask}`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Rural broadband in Kenya');
    expect(res.body).toContain('Started well');
    expect(res.body).not.toContain('name="text"');
    const owner = await kit.as({ email: 'owner@example.org' });
    const mine = await owner.get('/en/roadmaps/my-tasks');
    expect(mine.body).toContain('Fresh task');
    expect(mine.body).toContain('Late fibre task');
    const signedOut = await reader.get('/en/roadmaps/my-tasks');
    expect(signedOut.statusCode).toBe(303);
    expect(signedOut.headers.location).toContain('/en/sign-in');
  });

  it('lets the line’s focal point report progress in Spanish', async () => {
    await focalC2.get(`/es/roadmaps/tasks/${lateTask}`);
    const res = await focalC2.post(`/es/roadmaps/tasks/${lateTask}/updates`, { reportedOn: dayFrom(now, 0), status: 'at-risk', text: 'Licitación retrasada' });
    expect(res.statusCode).toBe(303);
    const page = await focalC2.get(`/es/roadmaps/tasks/${lateTask}`);
    expect(page.body).toContain('Licitación retrasada');
    const [update] = await kit.database.db.select().from(taskUpdates).where(eq(taskUpdates.text, 'Licitación retrasada'));
    expect(update?.locale).toBe('es');
  });

  it('answers a focal point of another line with a localized 403 and writes nothing', async () => {
    const before = await taskCount();
    await focalC5.get('/fr/roadmaps/tasks');
    const create = await focalC5.post('/fr/roadmaps/C2/tasks', { 'title.fr': 'Intrus', ownerBureau: 'BDT', startsOn: '2027-01-01', deadline: '2027-02-01', status: 'on-track' });
    expect(create.statusCode).toBe(403);
    expect(create.body).toContain('lang="fr"');
    const update = await focalC5.post(`/fr/roadmaps/tasks/${lateTask}/updates`, { reportedOn: dayFrom(now, 0), status: 'done', text: 'x' });
    expect(update.statusCode).toBe(403);
    expect(await taskCount()).toBe(before);
  });

  it('gives the form again with the values kept and the error beside the field for a deadline before the start or unknown targets', async () => {
    const before = await taskCount();
    await focalC2.get('/es/roadmaps/C2/tasks/new');
    const bad = await focalC2.post('/es/roadmaps/C2/tasks', { 'title.es': 'Tarea nueva', ownerBureau: 'BDT', startsOn: '2027-05-01', deadline: '2027-04-01', status: 'on-track' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('El plazo no puede ser anterior al inicio.');
    expect(bad.body).toContain('value="Tarea nueva"');
    const unknown = await focalC2.post('/es/roadmaps/C2/tasks', {
      'title.es': 'Tarea nueva',
      ownerBureau: 'BDT',
      startsOn: '2027-01-01',
      deadline: '2027-04-01',
      status: 'on-track',
      sdgTargets: '9.c, 99.9',
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.body).toContain('Metas de los ODS desconocidas: 99.9.');
    expect(await taskCount()).toBe(before);
    const good = await focalC2.post('/es/roadmaps/C2/tasks', {
      'title.es': 'Tarea nueva',
      ownerBureau: 'BDT',
      startsOn: '2027-01-01',
      deadline: '2027-04-01',
      status: 'on-track',
      sdgTargets: '9.c',
      connectTargets: '1.1',
      evidence: String(entryId),
    });
    expect(good.statusCode).toBe(303);
    expect(await taskCount()).toBe((before ?? 0) + 1);
  });
});

describe('exports', () => {
  it('CSV: a BOM, a header and one record per task with the computed light', async () => {
    const res = await reader.get('/en/roadmaps/tasks/export.csv?late=true');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    const lines = res.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe('id,action_line,title,owner_bureau,owner,starts_on,deadline,status,light,light_label,last_update_at,sdg_targets,connect_targets,url');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(`${lateTask},C2,Late fibre task,BR,`);
    expect(lines[1]).toContain(',late,Late,');
  });

  it('XLSX read back by openpyxl: the rows, dates as dates, Arabic right to left', async () => {
    const res = await reader.get('/ar/roadmaps/tasks/export.xlsx');
    expect(res.statusCode).toBe(200);
    const sheet = python(
      `
import json, sys, datetime, openpyxl
ws = openpyxl.load_workbook(sys.argv[1]).active
def v(c):
    return c.isoformat() if isinstance(c, datetime.datetime) else c
print(json.dumps({"title": ws.title, "rtl": ws.sheet_view.rightToLeft, "rows": [[v(c) for c in r] for r in ws.iter_rows(values_only=True)]}))
`,
      res.rawPayload,
      'tasks.xlsx',
    );
    expect(sheet.title).toBe('tasks');
    expect(sheet.rtl).toBe(true);
    expect(sheet.rows[0][0]).toBe('id');
    const late = sheet.rows.find((r: unknown[]) => r[0] === lateTask);
    expect(late[8]).toBe('late');
    expect(late[9]).toBe('متأخرة');
    expect(late[6]).toMatch(/^\d{4}-\d\d-\d\dT00:00:00$/);
  });
});

describe('API', () => {
  it('GET /api/v1/tasks filters late tasks, paginated', async () => {
    const res = await kit.app.inject({ url: '/api/v1/tasks?late=true&bureau=BR' });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.items.map((t: { id: number }) => t.id)).toEqual([lateTask]);
    expect(body.items[0]).toMatchObject({ light: 'late', late: true, actionLine: 'C2' });
    expect(body).toMatchObject({ total: 1, page: 1, pageSize: 50 });
    expect((await kit.app.inject({ url: '/api/v1/tasks?status=unknown' })).statusCode).toBe(400);
  });

  it('POST /api/v1/tasks/{id}/updates: the owner’s token writes; another person gets 403; bad input a localized 400 problem', async () => {
    const post = (token: string, payload: unknown, lang = 'en') =>
      kit.app.inject({
        method: 'POST',
        url: `/api/v1/tasks/${freshTask}/updates`,
        payload: payload as object,
        headers: { authorization: `Bearer ${token}`, 'accept-language': lang },
      });
    const good = await post(ownerToken, { reportedOn: dayFrom(now, 0), status: 'at-risk', text: 'Supplier late', locale: 'en' });
    expect(good.statusCode).toBe(201);
    expect(good.json().task).toMatchObject({ id: freshTask, status: 'at-risk', light: 'at-risk' });
    const before = (await kit.database.db.select({ n: count() }).from(taskUpdates))[0]?.n;
    const forbidden = await post(strangerToken, { reportedOn: dayFrom(now, 0), status: 'done', text: 'x' }, 'fr');
    expect(forbidden.statusCode).toBe(403);
    expect(forbidden.headers['content-type']).toContain('application/problem+json');
    const bad = await post(ownerToken, { reportedOn: '2027-02-30x', status: 'finished', text: '' }, 'fr');
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    expect(
      bad
        .json()
        .errors.map((e: { pointer: string }) => e.pointer)
        .sort(),
    ).toEqual(['/reportedOn', '/status', '/text']);
    expect((await kit.database.db.select({ n: count() }).from(taskUpdates))[0]?.n).toBe(before);
    expect(
      (
        await kit.app.inject({
          method: 'POST',
          url: '/api/v1/tasks/999999/updates',
          payload: { reportedOn: '2027-01-01', status: 'done', text: 'x' },
          headers: { authorization: `Bearer ${ownerToken}` },
        })
      ).statusCode,
    ).toBe(404);
  });

  it('is in the OpenAPI document', async () => {
    const doc = (await kit.app.inject({ url: '/api/v1/openapi.json' })).json();
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/v1/tasks', '/api/v1/tasks/{id}/updates']));
  });
});
