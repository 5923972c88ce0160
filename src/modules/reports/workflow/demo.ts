/**
 * Demonstration content: this year's CSTD report, in review, with an introduction in six
 * languages (two paragraphs, one changed between versions 1 and 2) for the review page, its
 * comments and the diff. Written directly (the demo runs before any module's sections can be
 * checked); the report is marked "[Demo]" in its introduction.
 */
import { asc, eq } from 'drizzle-orm';
import { users } from '../../../core/auth/tables.js';
import type { Db } from '../../../core/db/client.js';
import type { Localized } from '../../../core/i18n/locales.js';
import { reports, reportTemplates, reportVersions } from '../tables.js';

const FIRST: Localized = {
  en: '[Demo] ITU continued to facilitate the implementation of the WSIS outcomes with its partners.',
  fr: '[Démo] L’UIT a continué de faciliter la mise en œuvre des textes issus du SMSI avec ses partenaires.',
  es: '[Demo] La UIT siguió facilitando la aplicación de los resultados de la CMSI con sus asociados.',
  ru: '[Демо] МСЭ продолжал содействовать выполнению решений ВВУИО совместно со своими партнерами.',
  zh: '[演示] 国际电联继续与合作伙伴一道推动落实信息社会世界峰会成果。',
  ar: '[عرض توضيحي] واصل الاتحاد تيسير تنفيذ نتائج القمة العالمية لمجتمع المعلومات مع شركائه.',
};
const SECOND: Localized = {
  en: 'The WSIS Forum brought together **stakeholders from all regions**.',
  fr: 'Le Forum du SMSI a réuni **des parties prenantes de toutes les régions**.',
  es: 'El Foro de la CMSI reunió a **partes interesadas de todas las regiones**.',
  ru: 'Форум ВВУИО собрал **заинтересованные стороны из всех регионов**.',
  zh: '信息社会世界峰会论坛汇聚了**来自所有区域的利益攸关方**。',
  ar: 'جمع منتدى القمة العالمية لمجتمع المعلومات **أصحاب المصلحة من جميع المناطق**.',
};
const join = (parts: Localized[]): Localized => Object.fromEntries((['ar', 'en', 'es', 'fr', 'ru', 'zh'] as const).map((l) => [l, parts.map((p) => p[l] ?? '').join('\n\n')]));

export const demoReports = async (db: Db) => {
  const [template] = await db.select().from(reportTemplates).where(eq(reportTemplates.key, 'cstd'));
  const [owner] = await db.select({ id: users.id }).from(users).orderBy(asc(users.id)).limit(1);
  if (!template) return;
  const now = new Date();
  const year = now.getUTCFullYear();
  const [report] = await db
    .insert(reports)
    .values({
      templateKey: 'cstd',
      year,
      title: template.title,
      sections: template.sections,
      state: 'review',
      symbol: `E/CN.16/${year + 1}/CRP.1`,
      originalLanguage: 'en',
      distribution: 'general',
      cutoff: now.toISOString().slice(0, 10),
      deadline: `${year + 1}-01-15`,
      ownerId: owner?.id ?? null,
      createdBy: owner?.id ?? null,
    })
    .onConflictDoNothing()
    .returning({ id: reports.id });
  if (!report) return;
  const translations = { en: 'original', fr: 'reviewed', es: 'reviewed', ru: 'unofficial', zh: 'unofficial', ar: 'unofficial' } as const;
  await db.insert(reportVersions).values([
    { reportId: report.id, number: 1, state: 'draft', narratives: { introduction: { text: FIRST, translations } }, createdBy: owner?.id ?? null },
    { reportId: report.id, number: 2, state: 'review', narratives: { introduction: { text: join([FIRST, SECOND]), translations } }, createdBy: owner?.id ?? null },
  ]);
};
