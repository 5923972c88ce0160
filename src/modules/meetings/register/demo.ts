/**
 * Demonstration documents for meeting 41 of the CWG on a first start, made through the commands
 * in the name of the first administrator: a Member State's contribution in six languages, a
 * secretariat document and its revision (41/2(Rev.1)), a withdrawn contribution and an
 * information document (41/INF/1). The files are minimal PDFs made in code. If management's demo
 * made no meeting 41, a plain one is made here, so the register's demo stands on its own.
 */
import { and, asc, eq } from 'drizzle-orm';
import { users } from '../../../core/auth/tables.js';
import type { Db } from '../../../core/db/client.js';
import { LOCALES, type Locale, type Localized } from '../../../core/i18n/locales.js';
import type { Actor } from '../../../core/permissions/index.js';
import type { FileStore } from '../../../core/storage/files.js';
import { meetingGroups, meetings } from '../tables.js';
import { createAmendment } from './commands/create-amendment.js';
import { createDocument } from './commands/create-document.js';
import type { LanguageFileInput } from './commands/language-files.js';
import { publishDocument } from './commands/publish-document.js';
import { withdrawDocument } from './commands/withdraw-document.js';
import { minimalPdf } from './pdf.js';

const DAY = 86_400_000;
const six = (en: string, fr: string, es: string, ru: string, zh: string, ar: string): Localized => ({ en, fr, es, ru, zh, ar });
const pdfs = (name: string, locales: readonly Locale[]): LanguageFileInput[] =>
  locales.map((locale) => ({ locale, bytes: minimalPdf(`${name} (${locale}) - demonstration`), fileName: `${name}-${locale}.pdf`, declaredType: 'application/pdf' }));

const meeting41 = async (db: Db): Promise<number | null> => {
  const [group] = await db.select().from(meetingGroups).where(eq(meetingGroups.code, 'CWG-WSIS&SDG'));
  if (!group) return null;
  const [existing] = await db
    .select({ id: meetings.id })
    .from(meetings)
    .where(and(eq(meetings.groupId, group.id), eq(meetings.number, 41)));
  if (existing) return existing.id;
  const startsAt = new Date(Date.now() + 40 * DAY);
  const [made] = await db
    .insert(meetings)
    .values({
      groupId: group.id,
      number: 41,
      title: six(
        '41st meeting of the CWG-WSIS&SDG',
        '41e réunion du GTC-SMSI&ODD',
        '41ª reunión del GTC-CMSI&ODS',
        '41-е собрание РГС-ВВУИО&ЦУР',
        '理事会WSIS&SDG工作组第41次会议',
        'الاجتماع الحادي والأربعون لفريق العمل CWG-WSIS&SDG',
      ),
      startsAt,
      endsAt: new Date(startsAt.getTime() + 2 * DAY),
      contributionsDeadline: new Date(startsAt.getTime() - 12 * DAY),
    })
    .returning({ id: meetings.id });
  return made?.id ?? null;
};

export const demoDocuments = async (db: Db, { files }: { files: FileStore }) => {
  const [admin] = await db.select().from(users).orderBy(asc(users.id)).limit(1);
  const meetingId = await meeting41(db);
  if (!admin || !meetingId) return;
  const actor: Actor = { id: admin.id, email: admin.email, name: admin.name, roles: ['admin'], locale: 'en', emailVerified: true, status: 'active' };
  const today = new Date().toISOString().slice(0, 10);
  const make = async (input: Omit<Parameters<typeof createDocument>[1]['input'], 'meetingId' | 'documentDate'>, publish = true) => {
    const made = await createDocument(db, { actor, store: files, input: { ...input, meetingId, documentDate: today }, register: true, late: true });
    if (!made.ok) throw new Error(`demo document refused: ${JSON.stringify(made.errors)}`);
    if (publish) await publishDocument(db, { actor, documentId: made.id });
    return made;
  };
  await make({
    kind: 'contribution',
    title: six(
      'Contribution of Brazil on meaningful connectivity',
      'Contribution du Brésil sur la connectivité significative',
      'Contribución del Brasil sobre la conectividad significativa',
      'Вклад Бразилии о полноценном подключении',
      '巴西关于有意义连通的文稿',
      'مساهمة البرازيل بشأن التوصيلية المجدية',
    ),
    sourceKind: 'member-state',
    sourceCountry: 'BR',
    originalLanguage: 'es',
    files: pdfs('contribution-brazil', LOCALES),
  });
  const report = await make({
    kind: 'secretariat',
    title: six(
      'Report on ITU activities implementing the WSIS outcomes',
      "Rapport sur les activités de l'UIT relatives à la mise en œuvre des résultats du SMSI",
      'Informe sobre las actividades de la UIT para aplicar los resultados de la CMSI',
      'Отчет о деятельности МСЭ по выполнению решений ВВУИО',
      '国际电联落实信息社会世界峰会成果活动报告',
      'تقرير عن أنشطة الاتحاد لتنفيذ نتائج القمة العالمية لمجتمع المعلومات',
    ),
    sourceKind: 'secretariat',
    originalLanguage: 'en',
    files: pdfs('secretariat-report', ['en', 'fr', 'es']),
  });
  const rev = await createAmendment(db, {
    actor,
    store: files,
    baseId: report.id,
    amendmentKind: 'rev',
    documentDate: today,
    files: pdfs('secretariat-report-rev1', ['en']),
    register: true,
  });
  if (rev.ok) await publishDocument(db, { actor, documentId: rev.id });
  const withdrawn = await make({
    kind: 'contribution',
    title: six(
      'Contribution on digital skills (withdrawn)',
      'Contribution sur les compétences numériques (retirée)',
      'Contribución sobre las competencias digitales (retirada)',
      'Вклад о цифровых навыках (отозван)',
      '关于数字技能的文稿（已撤回）',
      'مساهمة بشأن المهارات الرقمية (مسحوبة)',
    ),
    sourceKind: 'sector-member',
    sourceName: 'Example Telecom',
    originalLanguage: 'en',
    files: pdfs('contribution-skills', ['en']),
  });
  await withdrawDocument(db, { actor, documentId: withdrawn.id, note: 'Withdrawn at the request of its author (demonstration).' });
  await make({
    kind: 'information',
    title: six(
      'Programme of the WSIS Forum',
      'Programme du Forum du SMSI',
      'Programa del Foro de la CMSI',
      'Программа Форума ВВУИО',
      '信息社会世界峰会论坛日程',
      'برنامج منتدى القمة العالمية لمجتمع المعلومات',
    ),
    sourceKind: 'secretariat',
    originalLanguage: 'en',
    files: pdfs('wsis-forum-programme', ['en', 'fr']),
  });
};
