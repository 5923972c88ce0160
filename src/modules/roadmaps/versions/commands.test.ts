/**
 * The life of a roadmap's versions through the commands: created with ITU's role from the
 * reference data, a draft edited in place, unknown targets and partners refused with nothing
 * written, presented (frozen), made current (the previous one superseded), every write audited.
 */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../../core/audit/tables.js';
import type { Actor } from '../../../core/permissions/index.js';
import { createTestDatabase, type TestDatabase } from '../../../test/db.js';
import { findVersions } from '../queries.js';
import { roadmapVersions, roadmaps } from '../tables.js';
import { buildActor, ok } from '../test-helpers.js';
import { createRoadmap } from './commands/create-roadmap.js';
import { makeCurrent } from './commands/make-current.js';
import { presentVersion } from './commands/present-version.js';
import { saveDraft } from './commands/save-draft.js';
import { startDraft } from './commands/start-draft.js';
import { diffVersions } from './diff.js';
import type { DraftInput } from './inputs.js';

let database: TestDatabase;
let secretariat: Actor;

beforeAll(async () => {
  database = await createTestDatabase();
  secretariat = (await buildActor(database.db)).actor;
}, 180_000);
afterAll(async () => database.drop());

const draft = (overrides: Partial<DraftInput> = {}): DraftInput => ({
  ituRole: { en: 'Lead facilitator' },
  objectives: { en: 'Connect every school by 2030.', fr: 'Connecter chaque école d’ici à 2030.', ar: 'ربط كل مدرسة بحلول عام 2030.' },
  expectedResults: { en: 'Schools online.' },
  partnerOrganizationIds: [],
  sdgTargets: ['4.4', '9.c'],
  connectTargets: ['1.1'],
  note: null,
  ...overrides,
});

describe('a roadmap', () => {
  it('is created for a known action line (a C7 sub-line too) with a draft 1 whose ITU role comes from the reference data', async () => {
    const { db } = database;
    const c5 = ok(await createRoadmap(db, { actor: secretariat, actionLine: 'C5' }));
    const [v1] = await findVersions(db, c5.id);
    expect(v1?.status).toBe('draft');
    expect(v1?.number).toBe(1);
    expect(v1?.ituRole.en?.length ?? 0).toBeGreaterThan(0);
    ok(await createRoadmap(db, { actor: secretariat, actionLine: 'C7.e-health' }));
  });

  it('refuses an unknown action line and a second roadmap of a line, writing nothing', async () => {
    const { db } = database;
    const before = (await db.select().from(roadmaps)).length;
    expect(await createRoadmap(db, { actor: secretariat, actionLine: 'C99' })).toEqual({ ok: false, error: 'unknown_action_line', field: 'actionLine' });
    expect(await createRoadmap(db, { actor: secretariat, actionLine: 'C5' })).toEqual({ ok: false, error: 'roadmap_exists', field: 'actionLine' });
    expect((await db.select().from(roadmaps)).length).toBe(before);
  });
});

describe('versions', () => {
  it('edits a draft in place, refuses unknown SDG and Connect 2030 targets and partners with nothing written, then freezes it once presented', async () => {
    const { db } = database;
    const roadmap = ok(await createRoadmap(db, { actor: secretariat, actionLine: 'C2' }));
    const versionId = roadmap.versionId;
    ok(await saveDraft(db, { actor: secretariat, versionId, input: draft() }));
    const unknownSdg = await saveDraft(db, { actor: secretariat, versionId, input: draft({ objectives: { en: 'changed' }, sdgTargets: ['4.4', '99.z'] }) });
    expect(unknownSdg).toEqual({ ok: false, error: 'unknown_sdg_target', field: 'sdgTargets' });
    const unknownConnect = await saveDraft(db, { actor: secretariat, versionId, input: draft({ objectives: { en: 'changed' }, connectTargets: ['9.9'] }) });
    expect(unknownConnect).toEqual({ ok: false, error: 'unknown_connect_target', field: 'connectTargets' });
    const unknownPartner = await saveDraft(db, { actor: secretariat, versionId, input: draft({ objectives: { en: 'changed' }, partnerOrganizationIds: [987_654] }) });
    expect(unknownPartner).toEqual({ ok: false, error: 'unknown_partner', field: 'partnerOrganizationIds' });
    const [kept] = await db.select().from(roadmapVersions).where(eq(roadmapVersions.id, versionId));
    expect(kept?.objectives.en).toBe('Connect every school by 2030.');

    expect(await makeCurrent(db, { actor: secretariat, versionId })).toEqual({ ok: false, error: 'not_presented' });
    ok(await presentVersion(db, { actor: secretariat, versionId, input: { symbol: 'CWG-WSIS&SDG-42/5', presentedOn: '2026-10-01' } }));
    expect(await saveDraft(db, { actor: secretariat, versionId, input: draft({ objectives: { en: 'changed' } }) })).toEqual({ ok: false, error: 'frozen', field: '_form' });
    expect(await presentVersion(db, { actor: secretariat, versionId, input: { symbol: 'X', presentedOn: '2026-10-02' } })).toEqual({ ok: false, error: 'not_draft' });
    ok(await makeCurrent(db, { actor: secretariat, versionId }));

    // Version 2 from the current one; made current, it supersedes version 1.
    const v2 = ok(await startDraft(db, { actor: secretariat, roadmapId: roadmap.id }));
    expect(v2.number).toBe(2);
    expect(await startDraft(db, { actor: secretariat, roadmapId: roadmap.id })).toEqual({ ok: false, error: 'draft_exists' });
    ok(
      await saveDraft(db, {
        actor: secretariat,
        versionId: v2.id,
        input: draft({ objectives: { en: 'Connect every school and clinic by 2030.', ar: 'ربط كل مدرسة بحلول عام 2030.' }, sdgTargets: ['4.4', '3.8'] }),
      }),
    );
    ok(await presentVersion(db, { actor: secretariat, versionId: v2.id, input: { symbol: 'CWG-WSIS&SDG-43/2', presentedOn: '2027-02-01' } }));
    const made = ok(await makeCurrent(db, { actor: secretariat, versionId: v2.id }));
    expect(made.superseded).toBe(versionId);
    const statuses = (await findVersions(db, roadmap.id)).map((v) => [v.number, v.status]);
    expect(statuses).toEqual([
      [2, 'current'],
      [1, 'superseded'],
    ]);

    const actions = await db
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(and(eq(auditLog.subjectType, 'roadmap_version'), eq(auditLog.subjectId, String(v2.id))));
    expect(actions.map((a) => a.action).sort()).toEqual(['roadmaps.roadmap.edit', 'roadmaps.roadmap.edit', 'roadmaps.roadmap.manage', 'roadmaps.roadmap.manage']);

    // The diff of 1 and 2: the English objectives word by word, French removed, the targets added and removed.
    const [two, one] = await findVersions(db, roadmap.id);
    if (!one || !two) throw new Error('versions missing');
    const diff = diffVersions(one, two);
    const en = diff.texts.find((c) => c.field === 'objectives' && c.locale === 'en');
    expect(en?.runs.filter((r) => r.kind === 'ins').map((r) => r.text.trim())).toEqual(['and clinic']);
    expect(en?.runs.filter((r) => r.kind === 'del')).toEqual([]);
    expect(en?.runs.map((r) => r.text).join('')).toBe('Connect every school and clinic by 2030.');
    expect(diff.texts.find((c) => c.locale === 'fr')?.runs).toEqual([{ kind: 'del', text: 'Connecter chaque école d’ici à 2030.' }]);
    expect(diff.texts.some((c) => c.locale === 'ar')).toBe(false);
    expect(diff.lists).toEqual([{ field: 'sdgTargets', added: ['3.8'], removed: ['9.c'] }]);
  });
});
