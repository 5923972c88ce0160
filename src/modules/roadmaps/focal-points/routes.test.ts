/**
 * Focal points: the secretariat appoints (unknown person or line refused), ends (not before the
 * appointment, nothing written), sees who lacks the role; the public page and the API list those
 * serving; an ended appointment no longer lets its person edit.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestKit, type TestClient, type TestKit } from '../../../test/app.js';
import { buildUser } from '../../../test/factories.js';
import { canEditRoadmap, findServingLines } from '../queries.js';
import { focalPoints } from '../tables.js';
import { buildActor, ok } from '../test-helpers.js';
import { appointFocalPoint } from './commands/appoint-focal-point.js';
import { endFocalPoint } from './commands/end-focal-point.js';

let kit: TestKit;
let secretariat: TestClient;

beforeAll(async () => {
  kit = await createTestKit();
  const { db } = kit.database;
  secretariat = await kit.as((await buildActor(db, ['secretariat'], 'secretariat@example.org')).user);
  await buildActor(db, ['focal-point'], 'amina@example.org');
  await buildUser(db, { email: 'no-role@example.org', name: 'Sans Rôle' });
}, 240_000);
afterAll(async () => kit.close());

describe('the secretariat', () => {
  it('appoints a focal point, refusing an unknown person or action line in the language of the page', async () => {
    await secretariat.get('/es/admin/roadmaps/focal-points');
    const unknown = await secretariat.post('/es/admin/roadmaps/focal-points', { email: 'nobody@example.org', bureau: 'BDT', actionLine: 'C2', appointedOn: '2026-03-01' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.body).toContain('Ninguna cuenta tiene esta dirección de correo electrónico.');
    expect(unknown.body).toContain('value="nobody@example.org"');
    const line = await secretariat.post('/es/admin/roadmaps/focal-points', { email: 'amina@example.org', bureau: 'BDT', actionLine: 'C42', appointedOn: '2026-03-01' });
    expect(line.statusCode).toBe(400);
    expect(line.body).toContain('Elija una línea de acción de la lista.');
    expect(await kit.database.db.select().from(focalPoints)).toEqual([]);

    const res = await secretariat.post('/en/admin/roadmaps/focal-points', { email: 'amina@example.org', bureau: 'BDT', actionLine: 'C2', appointedOn: '2026-03-01' });
    expect(res.statusCode).toBe(303);
    const again = await secretariat.post('/en/admin/roadmaps/focal-points', { email: 'amina@example.org', bureau: 'BDT', actionLine: 'C2', appointedOn: '2026-04-01' });
    expect(again.statusCode).toBe(400);
    expect(again.body).toContain('This person is already a focal point for this action line.');
  });

  it('says on the page when an appointed person lacks the role focal-point', async () => {
    await secretariat.get('/en/admin/roadmaps/focal-points');
    const res = await secretariat.post('/en/admin/roadmaps/focal-points', { email: 'no-role@example.org', bureau: 'GS', actionLine: 'C7.e-health', appointedOn: '2026-03-01' });
    expect(res.statusCode).toBe(303);
    const page = await secretariat.get('/en/admin/roadmaps/focal-points');
    const lacking = page.body.split('Lacks the role').length - 1;
    expect(lacking).toBe(1);
  });

  it('refuses to end an appointment before it began (localized, nothing written), then ends it', async () => {
    const { db } = kit.database;
    const [row] = await db.select().from(focalPoints).where(eq(focalPoints.actionLine, 'C2'));
    if (!row) throw new Error('no appointment');
    await secretariat.get('/ru/admin/roadmaps/focal-points');
    const early = await secretariat.post(`/ru/admin/roadmaps/focal-points/${row.id}/end`, { endedOn: '2026-02-01' });
    expect(early.statusCode).toBe(400);
    expect(early.body).toContain('Дата окончания назначения не может быть раньше дня его начала.');
    expect((await db.select().from(focalPoints).where(eq(focalPoints.id, row.id)))[0]?.endedOn).toBeNull();
    const notADate = await secretariat.post(`/ru/admin/roadmaps/focal-points/${row.id}/end`, { endedOn: 'soon' });
    expect(notADate.statusCode).toBe(400);
    expect((await secretariat.post(`/en/admin/roadmaps/focal-points/${row.id}/end`, { endedOn: '2026-03-01' })).statusCode).toBe(303);
    const twice = await secretariat.post(`/en/admin/roadmaps/focal-points/${row.id}/end`, { endedOn: '2026-03-02' });
    expect(twice.statusCode).toBe(400);
  });
});

describe('who serves', () => {
  it('counts serving appointments only: an ended one no longer lets its person edit', async () => {
    const { db } = kit.database;
    const { actor: secretary } = await buildActor(db, ['secretariat']);
    const { actor } = await buildActor(db, ['focal-point'], 'sergei@example.org');
    const c4 = ok(await appointFocalPoint(db, { actor: secretary, input: { email: 'sergei@example.org', bureau: 'TSB', actionLine: 'C4', appointedOn: '2026-01-10' } }));
    ok(await appointFocalPoint(db, { actor: secretary, input: { email: 'sergei@example.org', bureau: 'TSB', actionLine: 'C6', appointedOn: '2026-01-10' } }));
    const now = new Date('2026-06-01T10:00:00Z');
    expect(await findServingLines(db, actor.id, now)).toEqual(['C4', 'C6']);
    expect(await canEditRoadmap(db, { actor, actionLine: 'C4', now })).toBe(true);
    expect(await canEditRoadmap(db, { actor, actionLine: 'C5', now })).toBe(false);
    expect(await endFocalPoint(db, { actor: secretary, id: c4.id, endedOn: '2026-01-09' })).toEqual({ ok: false, error: 'ended_before_appointed', field: 'endedOn' });
    ok(await endFocalPoint(db, { actor: secretary, id: c4.id, endedOn: '2026-05-31' }));
    expect(await findServingLines(db, actor.id, now)).toEqual(['C6']);
    expect(await canEditRoadmap(db, { actor, actionLine: 'C4', now })).toBe(false);
    expect(await canEditRoadmap(db, { actor: secretary, actionLine: 'C4', now })).toBe(true);
    expect(await canEditRoadmap(db, { actor: null, actionLine: 'C4', now })).toBe(false);
  });

  it('lists the focal points serving on the public page and in the API, name and bureau only', async () => {
    const page = await kit.client().get('/fr/roadmaps/focal-points');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Sans Rôle');
    expect(page.body).toContain('Secrétariat général');
    expect(page.body).not.toContain('no-role@example.org');
    const api = await kit.client().api('GET', '/api/v1/focal-points');
    expect(api.statusCode).toBe(200);
    const items = api.json().items as { actionLine: string; bureau: string; name: string }[];
    expect(items.map((i) => i.actionLine).sort()).toEqual(['C6', 'C7.e-health']);
    expect(JSON.stringify(items)).not.toContain('@');
  });
});
