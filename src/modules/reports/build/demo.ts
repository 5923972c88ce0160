/**
 * Demonstration reports on a first start: last year's Stocktaking report, final (frozen, with its
 * files in the six languages as HTML and DOCX: the public list has one published report), and
 * this year's report to the Council as a draft. Written as rows here (the workflow's commands are
 * not called): the templates' sections when the templates are seeded, else two narrative sections.
 * Every text says "demonstration" in its language.
 */
import { eq } from 'drizzle-orm';
import type { Db } from '../../../core/db/client.js';
import type { Localized } from '../../../core/i18n/locales.js';
import type { PlatformModule } from '../../../core/module.js';
import type { FileStore } from '../../../core/storage/files.js';
import { type Narrative, reports, reportTemplates, reportVersions, type TemplateKey, type TemplateSection } from '../tables.js';
import { buildReport } from './run.js';
import { freezeSnapshot } from './snapshot.js';

const DEMO_TITLE: Record<'stocktaking' | 'council', (year: number) => Localized> = {
  stocktaking: (year) => ({
    en: `[Demo] WSIS Stocktaking report ${year} (demonstration, not an ITU document)`,
    fr: `[Démo] Rapport de l'inventaire du SMSI ${year} (démonstration, pas un document de l'UIT)`,
    es: `[Demo] Informe del Inventario de la CMSI ${year} (demostración, no es un documento de la UIT)`,
    ru: `[Демо] Доклад об инвентаризации ВВУИО за ${year} год (демонстрация, не документ МСЭ)`,
    zh: `[演示] ${year} 年信息社会世界峰会盘点报告（演示，非国际电联文件）`,
    ar: `[عرض توضيحي] تقرير جرد القمة العالمية لمجتمع المعلومات لعام ${year} (عرض توضيحي، ليس وثيقة للاتحاد)`,
  }),
  council: (year) => ({
    en: `[Demo] Report to the Council on WSIS ${year} (demonstration, not an ITU document)`,
    fr: `[Démo] Rapport au Conseil sur le SMSI ${year} (démonstration, pas un document de l'UIT)`,
    es: `[Demo] Informe al Consejo sobre la CMSI ${year} (demostración, no es un documento de la UIT)`,
    ru: `[Демо] Доклад Совету о ВВУИО за ${year} год (демонстрация, не документ МСЭ)`,
    zh: `[演示] ${year} 年关于信息社会世界峰会的理事会报告（演示，非国际电联文件）`,
    ar: `[عرض توضيحي] تقرير إلى المجلس بشأن القمة العالمية لمجتمع المعلومات لعام ${year} (عرض توضيحي، ليس وثيقة للاتحاد)`,
  }),
};

const DEMO_TEXT: Localized = {
  en: 'This paragraph is demonstration text, written to show how a narrative section reads in a compiled report.',
  fr: 'Ce paragraphe est un texte de démonstration, rédigé pour montrer comment une section narrative se lit dans un rapport compilé.',
  es: 'Este párrafo es un texto de demostración, redactado para mostrar cómo se lee una sección narrativa en un informe compilado.',
  ru: 'Этот абзац является демонстрационным текстом, показывающим, как выглядит повествовательный раздел в составленном докладе.',
  zh: '本段为演示文字，用于展示叙述性章节在汇编报告中的呈现方式。',
  ar: 'هذه الفقرة نص توضيحي، كُتب لبيان كيف يبدو القسم السردي في تقرير مُجمَّع.',
};

const FALLBACK_SECTIONS: TemplateSection[] = [
  { id: 'introduction', title: { en: 'Introduction', fr: 'Introduction', es: 'Introducción', ru: 'Введение', zh: '导言', ar: 'مقدمة' }, narrative: true },
  { id: 'conclusions', title: { en: 'Conclusions', fr: 'Conclusions', es: 'Conclusiones', ru: 'Выводы', zh: '结论', ar: 'الاستنتاجات' }, narrative: true },
];

const insertDemoReport = async (db: Db, templateKey: 'stocktaking' | 'council', year: number, cutoff: string) => {
  const [template] = await db
    .select()
    .from(reportTemplates)
    .where(eq(reportTemplates.key, templateKey as TemplateKey));
  const sections = template?.sections ?? FALLBACK_SECTIONS;
  if (!template)
    await db
      .insert(reportTemplates)
      .values({ key: templateKey, title: DEMO_TITLE[templateKey](year), sections })
      .onConflictDoNothing();
  const narratives: Record<string, Narrative> = Object.fromEntries(sections.filter((s) => s.narrative).map((s) => [s.id, { text: DEMO_TEXT, translations: { en: 'original' } }]));
  const [report] = await db
    .insert(reports)
    .values({ templateKey, year, title: DEMO_TITLE[templateKey](year), sections, cutoff })
    .returning();
  if (!report) throw new Error('demo report not created');
  const [version] = await db.insert(reportVersions).values({ reportId: report.id, number: 1, state: 'draft', narratives, note: 'demo' }).returning();
  if (!version) throw new Error('demo version not created');
  return { report, version };
};

export const demoReports = async (db: Db, { files, modules, now = new Date() }: { files: FileStore; modules: readonly PlatformModule[]; now?: Date }) => {
  const year = now.getUTCFullYear();
  const last = await insertDemoReport(db, 'stocktaking', year - 1, `${year - 1}-12-31`);
  await db.transaction(async (tx) => {
    await tx
      .update(reports)
      .set({ state: 'final', finalizedAt: now, symbol: `DEMO/${year - 1}/1` })
      .where(eq(reports.id, last.report.id));
    await tx.update(reportVersions).set({ state: 'final', final: true }).where(eq(reportVersions.id, last.version.id));
    await freezeSnapshot(tx, modules, last.version.id);
  });
  await buildReport(db, files, modules, { reportId: last.report.id, version: 'final', locales: ['ar', 'en', 'es', 'fr', 'ru', 'zh'], formats: ['html', 'docx'], keep: true });
  await insertDemoReport(db, 'council', year, now.toISOString().slice(0, 10));
};
