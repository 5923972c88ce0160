/**
 * Demonstration meetings on a first start: the 41st (held five weeks ago, with its agenda and
 * decisions) and the 42nd (convened, in seven weeks, with its agenda) meetings of the CWG, made
 * through the commands in the name of the first administrator. Their titles say "demonstration"
 * in the six languages: a meeting has no description to say it in. The register adds the
 * documents of meeting 41 after this (module.ts calls its demo next).
 */
import { asc, eq } from 'drizzle-orm';
import { users } from '../../../core/auth/tables.js';
import type { Db } from '../../../core/db/client.js';
import type { Localized } from '../../../core/i18n/locales.js';
import { wallClock, zonedToUtc } from '../../../core/i18n/time-zones.js';
import type { Actor } from '../../../core/permissions/index.js';
import { meetingGroups } from '../tables.js';
import { changeMeetingStatus } from './commands/change-meeting-status.js';
import { saveAgendaItem } from './commands/edit-agenda.js';
import { saveDecision } from './commands/save-decision.js';
import { createMeeting } from './commands/save-meeting.js';

const DAY = 86_400_000;
const ZONE = 'Europe/Zurich';
const six = (en: string, fr: string, es: string, ru: string, zh: string, ar: string): Localized => ({ en, fr, es, ru, zh, ar });
const GENEVA = six(
  'ITU headquarters, Geneva',
  'Siège de l’UIT, Genève',
  'Sede de la UIT, Ginebra',
  'Штаб-квартира МСЭ, Женева',
  '国际电联总部，日内瓦',
  'مقر الاتحاد الدولي للاتصالات، جنيف',
);
const ORDINAL: Record<string, string> = { one: 'st', two: 'nd', few: 'rd', other: 'th' };
const title = (n: number) =>
  six(
    `${n}${ORDINAL[new Intl.PluralRules('en', { type: 'ordinal' }).select(n)] ?? 'th'} meeting of the Council Working Group on WSIS & SDGs (demonstration)`,
    `${n}e réunion du Groupe de travail du Conseil sur le SMSI et les ODD (démonstration)`,
    `${n}ª reunión del Grupo de Trabajo del Consejo sobre la CMSI y los ODS (demostración)`,
    `${n}-е собрание Рабочей группы Совета по ВВУИО и ЦУР (демонстрация)`,
    `理事会信息社会世界峰会和可持续发展目标工作组第${n}次会议（演示）`,
    `الاجتماع ${n} لفريق العمل التابع للمجلس المعني بالقمة العالمية لمجتمع المعلومات وأهداف التنمية المستدامة (عرض توضيحي)`,
  );
const AGENDA: { number: string; title: Localized }[] = [
  { number: '1', title: six('Opening of the meeting', 'Ouverture de la réunion', 'Apertura de la reunión', 'Открытие собрания', '会议开幕', 'افتتاح الاجتماع') },
  {
    number: '2',
    title: six('Adoption of the agenda', 'Adoption de l’ordre du jour', 'Aprobación del orden del día', 'Утверждение повестки дня', '通过议程', 'اعتماد جدول الأعمال'),
  },
  {
    number: '3',
    title: six(
      'Report on ITU’s WSIS activities',
      'Rapport sur les activités de l’UIT relatives au SMSI',
      'Informe sobre las actividades de la UIT relativas a la CMSI',
      'Отчет о деятельности МСЭ по ВВУИО',
      '国际电联信息社会世界峰会活动报告',
      'تقرير عن أنشطة الاتحاد المتعلقة بالقمة العالمية لمجتمع المعلومات',
    ),
  },
  {
    number: '3.1',
    title: six(
      'Contributions of Member States',
      'Contributions des États Membres',
      'Contribuciones de los Estados Miembros',
      'Вклады Государств-Членов',
      '成员国文稿',
      'مساهمات الدول الأعضاء',
    ),
  },
  { number: '4', title: six('Any other business', 'Divers', 'Otros asuntos', 'Разное', '其他事项', 'ما يستجد من أعمال') },
];

/** A day `days` from now at `time` in Geneva. */
const at = (days: number, time: string) => {
  const day = wallClock(new Date(Date.now() + days * DAY), ZONE).slice(0, 10);
  return (zonedToUtc(`${day}T${time}`, ZONE) ?? new Date(`${day}T${time}:00Z`)).toISOString();
};

export const demoMeetings = async (db: Db, _context?: unknown) => {
  const [admin] = await db.select().from(users).orderBy(asc(users.id)).limit(1);
  const [group] = await db.select().from(meetingGroups).where(eq(meetingGroups.code, 'CWG-WSIS&SDG'));
  if (!admin || !group) return;
  const actor: Actor = { id: admin.id, email: admin.email, name: admin.name, roles: ['admin'], locale: 'en', emailVerified: true, status: 'active' };
  const common = {
    groupId: group.id,
    timeZone: ZONE,
    place: GENEVA,
    onlineUrl: 'https://www.itu.int/en/council/cwg-wsis/Pages/default.aspx',
    chair: 'Ms Rim Belhaj',
    viceChairs: ['Mr Alexander Kuzmin', 'Ms Ana Cristina Amoroso das Neves'],
    access: 'public' as const,
    contributionsDeadline: null,
    actionLines: ['C1', 'C2', 'C7.e-health'],
  };
  const held = await createMeeting(db, { actor, input: { ...common, number: 41, title: title(41), startsAt: at(-36, '09:30'), endsAt: at(-35, '17:30') } });
  const next = await createMeeting(db, { actor, input: { ...common, number: 42, title: title(42), startsAt: at(49, '09:30'), endsAt: at(50, '17:30') } });
  if (!held.ok || !next.ok) return;
  const items: Record<string, number> = {};
  for (const meetingId of [held.id, next.id])
    for (const item of AGENDA) {
      const saved = await saveAgendaItem(db, { actor, meetingId, ...item });
      if (saved.ok && meetingId === held.id) items[item.number] = saved.id;
    }
  await changeMeetingStatus(db, { actor, id: held.id, transition: 'convene' });
  await changeMeetingStatus(db, { actor, id: held.id, transition: 'hold' });
  await changeMeetingStatus(db, { actor, id: next.id, transition: 'convene' });
  await saveDecision(db, {
    actor,
    meetingId: held.id,
    number: 1,
    agendaItemId: items['2'] ?? null,
    documentIds: [],
    text: six(
      'The group adopted the agenda.',
      'Le groupe a adopté l’ordre du jour.',
      'El Grupo aprobó el orden del día.',
      'Группа утвердила повестку дня.',
      '工作组通过了议程。',
      'اعتمد الفريق جدول الأعمال.',
    ),
  });
  await saveDecision(db, {
    actor,
    meetingId: held.id,
    number: 2,
    agendaItemId: items['3.1'] ?? null,
    documentIds: [],
    text: six(
      'The group took note of the contributions and asked the secretariat to reflect them in its report to the Council.',
      'Le groupe a pris note des contributions et a prié le secrétariat d’en tenir compte dans son rapport au Conseil.',
      'El Grupo tomó nota de las contribuciones y pidió a la secretaría que las reflejara en su informe al Consejo.',
      'Группа приняла к сведению вклады и поручила секретариату отразить их в своем отчете Совету.',
      '工作组注意到各份文稿，并请秘书处在其提交理事会的报告中予以反映。',
      'أحاط الفريق علماً بالمساهمات وطلب إلى الأمانة أن تعكسها في تقريرها إلى المجلس.',
    ),
  });
};
