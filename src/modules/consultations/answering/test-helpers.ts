/** Consultations written straight into the tables, for answering's tests (the builder is management's). */
import { zipSync } from 'fflate';
import type { DbOrTx } from '../../../core/db/client.js';
import type { Questionnaire } from '../questionnaire.js';
import { consultations, versions } from '../tables.js';

export const HOUR = 3600_000;

/** A questionnaire with one question of each kind, a condition, and a file question. */
export const sampleQuestionnaire: Questionnaire = {
  sections: [
    {
      id: 's1',
      title: { en: 'Your priorities', fr: 'Vos priorités', ar: 'أولوياتك' },
      questions: [
        { id: 'views', type: 'long-text', label: { en: 'Your views', fr: 'Votre avis', ar: 'رأيك' }, required: true, maxWords: 10 },
        {
          id: 'priority',
          type: 'single-choice',
          label: { en: 'Main priority', fr: 'Priorité principale', ar: 'الأولوية الرئيسية' },
          required: false,
          allowOther: true,
          options: [
            { id: 'access', label: { en: 'Access', fr: 'Accès', ar: 'النفاذ' } },
            { id: 'skills', label: { en: 'Skills', fr: 'Compétences', ar: 'المهارات' } },
          ],
        },
        {
          id: 'why-access',
          type: 'short-text',
          label: { en: 'Why access?', fr: 'Pourquoi l’accès ?', ar: 'لماذا النفاذ؟' },
          required: true,
          condition: { questionId: 'priority', anyOf: ['access'] },
        },
      ],
    },
    {
      id: 's2',
      title: { en: 'Details', fr: 'Détails', ar: 'تفاصيل' },
      questions: [
        { id: 'score', type: 'scale', label: { en: 'How useful?', fr: 'Quelle utilité ?', ar: 'ما مدى الفائدة؟' }, required: false, min: 1, max: 5 },
        {
          id: 'tags',
          type: 'multiple-choice',
          label: { en: 'Topics', fr: 'Thèmes', ar: 'المواضيع' },
          required: false,
          maxChoices: 2,
          options: [
            { id: 'a', label: { en: 'A' } },
            { id: 'b', label: { en: 'B' } },
            { id: 'c', label: { en: 'C' } },
          ],
        },
        {
          id: 'order',
          type: 'ranking',
          label: { en: 'Rank these', fr: 'Classez', ar: 'رتّب' },
          required: false,
          options: [
            { id: 'x', label: { en: 'X' } },
            { id: 'y', label: { en: 'Y' } },
          ],
        },
        { id: 'lines', type: 'reference', list: 'action-lines', multiple: true, label: { en: 'Action lines', fr: 'Grandes orientations', ar: 'خطوط العمل' }, required: false },
        { id: 'agree', type: 'yes-no', label: { en: 'Do you agree?', fr: 'Êtes-vous d’accord ?', ar: 'هل توافق؟' }, required: false },
        { id: 'paper', type: 'file', label: { en: 'Your paper', fr: 'Votre document', ar: 'وثيقتك' }, required: false, maxBytes: 1024 * 1024 },
      ],
    },
  ],
};

/** Inserts an open consultation (open an hour ago, closing in a day unless told) with its questionnaire. */
export const insertConsultation = async (db: DbOrTx, overrides: Partial<typeof consultations.$inferInsert> & { questionnaire?: Questionnaire } = {}) => {
  const { questionnaire = sampleQuestionnaire, ...values } = overrides;
  const now = Date.now();
  const [row] = await db
    .insert(consultations)
    .values({
      title: { en: 'Call for contributions on rural broadband', fr: 'Appel à contributions sur le haut débit rural', ar: 'دعوة إلى تقديم مساهمات بشأن النطاق العريض الريفي' },
      originalLanguage: 'en',
      status: 'open',
      opensAt: new Date(now - HOUR),
      closesAt: new Date(now + 24 * HOUR),
      ...values,
    })
    .returning();
  if (!row) throw new Error('no consultation');
  await db.insert(versions).values({ consultationId: row.id, version: row.currentVersion, questionnaire });
  return row;
};

/** A ZIP archive holding these entries (stored or deflated), as Office files are: written by fflate, a real ZIP writer. */
export const zipOf = (entries: { name: string; data: string; deflate?: boolean }[]) =>
  Buffer.from(zipSync(Object.fromEntries(entries.map((e) => [e.name, [Buffer.from(e.data, 'utf8'), { level: e.deflate ? 6 : 0 }]]))));

export const DOCX = () =>
  zipOf([
    {
      name: '[Content_Types].xml',
      deflate: true,
      data: '<?xml version="1.0"?><Types><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
    },
    { name: 'word/document.xml', data: '<w:document/>', deflate: true },
  ]);
export const ODT = () =>
  zipOf([
    { name: 'mimetype', data: 'application/vnd.oasis.opendocument.text' },
    { name: 'content.xml', data: '<office:document/>', deflate: true },
  ]);
export const PDF = () => Buffer.from('%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
