/**
 * Demonstration roadmaps on a first start, made through the commands in the name of the first
 * administrator: C2, C4, C5 and C6 with a version 1 presented (in the register's demo document
 * CWG-WSIS&SDG-41/2) and made current, a draft 2 of C2 that changes its texts, and two demo focal
 * points (accounts that cannot sign in). Every text says "demonstration" in its language. Two
 * operational-plan outputs marked "[Demo]" (codes O.DEMO.n): there are no real facts here to seed
 * the plan's outputs from, so none is presented as ITU's.
 */
import { asc } from 'drizzle-orm';
import { userRoles, users } from '../../../core/auth/tables.js';
import { planOutputs } from '../tables.js';
import type { Db } from '../../../core/db/client.js';
import type { Localized } from '../../../core/i18n/locales.js';
import type { Actor } from '../../../core/permissions/index.js';
import { findVersions } from '../queries.js';
import { appointFocalPoint } from '../focal-points/commands/appoint-focal-point.js';
import { createRoadmap } from './commands/create-roadmap.js';
import { makeCurrent } from './commands/make-current.js';
import { presentVersion } from './commands/present-version.js';
import { saveDraft } from './commands/save-draft.js';
import { startDraft } from './commands/start-draft.js';

const six = (en: string, fr: string, es: string, ru: string, zh: string, ar: string): Localized => ({ en, fr, es, ru, zh, ar });
const objectives = (line: string) =>
  six(
    `[Demo] Objectives of the ${line} roadmap (demonstration text, not an ITU document).`,
    `[Démo] Objectifs de la feuille de route ${line} (texte de démonstration, pas un document de l’UIT).`,
    `[Demo] Objetivos de la hoja de ruta ${line} (texto de demostración, no es un documento de la UIT).`,
    `[Демо] Цели дорожной карты ${line} (демонстрационный текст, не документ МСЭ).`,
    `[演示] ${line}路线图的目标（演示文本，并非国际电联文件）。`,
    `[عرض توضيحي] أهداف خارطة الطريق ${line} (نص للعرض التوضيحي، وليس وثيقة من وثائق الاتحاد).`,
  );
const results = (line: string) =>
  six(
    `[Demo] Expected results of the ${line} roadmap (demonstration text).`,
    `[Démo] Résultats attendus de la feuille de route ${line} (texte de démonstration).`,
    `[Demo] Resultados esperados de la hoja de ruta ${line} (texto de demostración).`,
    `[Демо] Ожидаемые результаты дорожной карты ${line} (демонстрационный текст).`,
    `[演示] ${line}路线图的预期成果（演示文本）。`,
    `[عرض توضيحي] النتائج المتوقعة لخارطة الطريق ${line} (نص للعرض التوضيحي).`,
  );
const TARGETS: Record<string, { sdg: string[]; connect: string[] }> = {
  C2: { sdg: ['9.1', '9.c'], connect: ['1.1', '1.2'] },
  C4: { sdg: ['4.4'], connect: ['2.1'] },
  C5: { sdg: ['16.10'], connect: ['3.1'] },
  C6: { sdg: ['17.6', '16.7'], connect: ['4.1'] },
};
const SYMBOL = 'CWG-WSIS&SDG-41/2';

/** Two demonstration focal points who cannot sign in (no password matches '!', the addresses are reserved), with the role `focal-point`. */
const demoPeople = async (db: Db) => {
  const rows = await db
    .insert(users)
    .values([
      { email: 'demo-focal-point-c2@example.invalid', name: 'Demo focal point (C2)', passwordHash: '!', emailVerifiedAt: new Date() },
      { email: 'demo-focal-point-c5@example.invalid', name: 'Demo focal point (C5)', passwordHash: '!', emailVerifiedAt: new Date() },
    ])
    .onConflictDoNothing()
    .returning({ id: users.id, email: users.email });
  if (rows.length > 0)
    await db
      .insert(userRoles)
      .values(rows.map((r) => ({ userId: r.id, role: 'focal-point' })))
      .onConflictDoNothing();
  return rows;
};

export const demoRoadmaps = async (db: Db, _context?: unknown) => {
  const [admin] = await db.select().from(users).orderBy(asc(users.id)).limit(1);
  if (!admin) return;
  const actor: Actor = { id: admin.id, email: admin.email, name: admin.name, roles: ['admin'], locale: 'en', emailVerified: true, status: 'active' };
  const presentedOn = new Date(Date.now() - 35 * 86_400_000).toISOString().slice(0, 10);
  for (const line of ['C2', 'C4', 'C5', 'C6']) {
    const created = await createRoadmap(db, { actor, actionLine: line });
    if (!created.ok) continue;
    const targets = TARGETS[line] ?? { sdg: [], connect: [] };
    const version = (await findVersions(db, created.id))[0];
    await saveDraft(db, {
      actor,
      versionId: created.versionId,
      input: {
        ituRole: version?.ituRole ?? {},
        objectives: objectives(line),
        expectedResults: results(line),
        partnerOrganizationIds: [],
        sdgTargets: targets.sdg,
        connectTargets: targets.connect,
        note: '[Demo] First version',
      },
    });
    await presentVersion(db, { actor, versionId: created.versionId, input: { symbol: SYMBOL, presentedOn } });
    await makeCurrent(db, { actor, versionId: created.versionId });
    if (line === 'C2') {
      const draft = await startDraft(db, { actor, roadmapId: created.id });
      if (draft.ok)
        await saveDraft(db, {
          actor,
          versionId: draft.id,
          input: {
            ituRole: version?.ituRole ?? {},
            objectives: six(
              '[Demo] Revised objectives of the C2 roadmap: broadband for schools and rural areas (demonstration text, not an ITU document).',
              '[Démo] Objectifs révisés de la feuille de route C2\u00a0: le haut débit pour les écoles et les zones rurales (texte de démonstration, pas un document de l’UIT).',
              '[Demo] Objetivos revisados de la hoja de ruta C2: banda ancha para escuelas y zonas rurales (texto de demostración, no es un documento de la UIT).',
              '[Демо] Пересмотренные цели дорожной карты C2: широкополосный доступ для школ и сельских районов (демонстрационный текст, не документ МСЭ).',
              '[演示] C2路线图的修订目标：为学校和农村地区提供宽带（演示文本，并非国际电联文件）。',
              '[عرض توضيحي] الأهداف المنقحة لخارطة الطريق C2: النطاق العريض للمدارس والمناطق الريفية (نص للعرض التوضيحي، وليس وثيقة من وثائق الاتحاد).',
            ),
            expectedResults: results('C2'),
            partnerOrganizationIds: [],
            sdgTargets: [...targets.sdg, '4.1'],
            connectTargets: targets.connect,
            note: '[Demo] Schools added',
          },
        });
    }
  }
  await db
    .insert(planOutputs)
    .values([
      {
        code: 'O.DEMO.1',
        bureau: 'BDT',
        title: six(
          '[Demo] Output 1 (demonstration)',
          '[Démo] Produit 1 (démonstration)',
          '[Demo] Producto 1 (demostración)',
          '[Демо] Конечный результат 1 (демонстрация)',
          '[演示] 产出1（演示）',
          '[عرض توضيحي] الناتج 1 (عرض توضيحي)',
        ),
      },
      {
        code: 'O.DEMO.2',
        bureau: 'GS',
        title: six(
          '[Demo] Output 2 (demonstration)',
          '[Démo] Produit 2 (démonstration)',
          '[Demo] Producto 2 (demostración)',
          '[Демо] Конечный результат 2 (демонстрация)',
          '[演示] 产出2（演示）',
          '[عرض توضيحي] الناتج 2 (عرض توضيحي)',
        ),
      },
    ])
    .onConflictDoNothing();
  const people = await demoPeople(db);
  const appointedOn = new Date(Date.now() - 200 * 86_400_000).toISOString().slice(0, 10);
  for (const [i, person] of people.entries())
    await appointFocalPoint(db, { actor, input: { email: person.email, bureau: i === 0 ? 'BDT' : 'GS', actionLine: i === 0 ? 'C2' : 'C5', appointedOn } });
};
