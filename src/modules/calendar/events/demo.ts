import type { Db } from '../../../core/db/client.js';
import { zonedToUtc } from '../dates.js';
import { createEvent, updateEvent } from './commands/save-event.js';

const DEMO = '[Demo] ';
const demoTitle = (t: Record<'ar' | 'en' | 'es' | 'fr' | 'ru' | 'zh', string>) => Object.fromEntries(Object.entries(t).map(([l, v]) => [l, `${DEMO}${v}`]));

/**
 * Demonstration dates, marked "[Demo]" in every language (the real dates of forum editions and
 * report deadlines are the secretariat's to enter): a forum week next spring, a report deadline,
 * a timed session in Geneva and a cancelled one.
 */
export const demoCalendar = async (db: Db) => {
  const year = new Date().getUTCFullYear() + 1;
  const day = (text: string) => zonedToUtc(text, 'Europe/Zurich') as Date;
  await createEvent(db, {
    actor: null,
    input: {
      kind: 'forum',
      title: demoTitle({
        en: `WSIS Forum ${year}`,
        fr: `Forum du SMSI ${year}`,
        es: `Foro de la CMSI ${year}`,
        ru: `Форум ВВУИО ${year} года`,
        zh: `${year}年信息社会世界峰会论坛`,
        ar: `منتدى القمة العالمية لمجتمع المعلومات لعام ${year}`,
      }),
      startsAt: day(`${year}-07-06`),
      endsAt: day(`${year}-07-11`),
      allDay: true,
      timeZone: 'Europe/Zurich',
      location: { en: 'Geneva', fr: 'Genève', es: 'Ginebra', ru: 'Женева', zh: '日内瓦', ar: 'جنيف' },
      href: null,
      group: null,
      actionLines: [],
    },
  });
  await createEvent(db, {
    actor: null,
    input: {
      kind: 'report',
      title: demoTitle({
        en: 'ITU contribution to the HLPF due',
        fr: "Date limite de la contribution de l'UIT au HLPF",
        es: 'Plazo de la contribución de la UIT al HLPF',
        ru: 'Срок представления вклада МСЭ в ПФВУ',
        zh: '国际电联向高级别政治论坛提交文稿的截止日期',
        ar: 'الموعد النهائي لمساهمة الاتحاد في المنتدى السياسي الرفيع المستوى',
      }),
      startsAt: day(`${year}-03-31T17:00`),
      endsAt: null,
      allDay: false,
      timeZone: 'Europe/Zurich',
      location: {},
      href: null,
      group: 'CWG-WSIS&SDG',
      actionLines: [],
    },
  });
  await createEvent(db, {
    actor: null,
    input: {
      kind: 'meeting',
      title: demoTitle({
        en: 'Briefing on action line C4',
        fr: "Séance d'information sur la grande orientation C4",
        es: 'Sesión informativa sobre la línea de acción C4',
        ru: 'Брифинг по направлению деятельности C4',
        zh: '关于C4行动方面的情况介绍会',
        ar: 'إحاطة بشأن خط العمل C4',
      }),
      startsAt: day(`${year}-06-10T10:00`),
      endsAt: day(`${year}-06-10T12:00`),
      allDay: false,
      timeZone: 'Europe/Zurich',
      location: { en: 'Geneva, ITU', fr: 'Genève, UIT', es: 'Ginebra, UIT', ru: 'Женева, МСЭ', zh: '日内瓦，国际电联', ar: 'جنيف، الاتحاد' },
      href: null,
      group: null,
      actionLines: ['C4'],
    },
  });
  const cancelled = await createEvent(db, {
    actor: null,
    input: {
      kind: 'meeting',
      title: demoTitle({
        en: 'Briefing on action line C6',
        fr: "Séance d'information sur la grande orientation C6",
        es: 'Sesión informativa sobre la línea de acción C6',
        ru: 'Брифинг по направлению деятельности C6',
        zh: '关于C6行动方面的情况介绍会',
        ar: 'إحاطة بشأن خط العمل C6',
      }),
      startsAt: day(`${year}-06-17T10:00`),
      endsAt: day(`${year}-06-17T12:00`),
      allDay: false,
      timeZone: 'Europe/Zurich',
      location: {},
      href: null,
      group: null,
      actionLines: ['C6'],
    },
  });
  await updateEvent(db, { actor: null, id: cancelled.id, cancelled: true });
};
