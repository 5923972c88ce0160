/**
 * Demonstration tasks on a first start: twelve tasks on the roadmaps of the lines ITU moderates
 * (C2, C4, C5, C6), made through the commands in the name of the first administrator, dated
 * around today so that some are late, some stale (created and last updated months ago), some
 * done, with progress updates in several languages. The roadmap rows are made here when the
 * versions folder's demo has not made them (idempotent), so this demo stands on its own.
 */
import { asc } from 'drizzle-orm';
import { users } from '../../../core/auth/tables.js';
import type { Db } from '../../../core/db/client.js';
import type { Locale, Localized } from '../../../core/i18n/locales.js';
import type { Actor } from '../../../core/permissions/index.js';
import { type Bureau, roadmaps, type TaskStatus } from '../tables.js';
import { addUpdate } from './commands/add-update.js';
import { createTask } from './commands/save-task.js';
import { DAY_MS, dayOf } from './rules.js';

export const DEMO_LINES = ['C2', 'C4', 'C5', 'C6'] as const;

type DemoTask = {
  line: (typeof DEMO_LINES)[number];
  title: Localized;
  bureau: Bureau;
  /** Days from today: created, started, due. */
  created: number;
  start: number;
  due: number;
  status: TaskStatus;
  sdg: string[];
  connect: string[];
  /** Progress updates: days from today, status, text, language. */
  updates: [number, TaskStatus, string, Locale][];
};

const DEMO: DemoTask[] = [
  {
    line: 'C2',
    title: {
      en: 'Broadband mapping of least developed countries',
      fr: 'Cartographie du haut débit dans les pays les moins avancés',
      es: 'Cartografía de la banda ancha en los países menos adelantados',
    },
    bureau: 'BDT',
    created: -300,
    start: -300,
    due: 60,
    status: 'on-track',
    sdg: ['9.c'],
    connect: ['1.1'],
    updates: [
      [-200, 'on-track', 'Data collected for 30 countries.', 'en'],
      [-20, 'on-track', 'Carte interactive publiée pour 42 pays.', 'fr'],
    ],
  },
  {
    line: 'C2',
    title: { en: 'Guidelines on rural connectivity financing', ar: 'مبادئ توجيهية بشأن تمويل التوصيلية الريفية' },
    bureau: 'BDT',
    created: -400,
    start: -380,
    due: -15,
    status: 'on-track',
    sdg: ['9.1', '17.6'],
    connect: ['2.1'],
    updates: [[-60, 'at-risk', 'Consultation with regulators extended.', 'en']],
  },
  {
    line: 'C2',
    title: { en: 'Spectrum for satellite backhaul: study', ru: 'Исследование спектра для спутниковых транзитных линий' },
    bureau: 'BR',
    created: -250,
    start: -240,
    due: 200,
    status: 'not-started',
    sdg: ['9.c'],
    connect: [],
    updates: [],
  },
  {
    line: 'C4',
    title: { en: 'Digital skills toolkit, second edition', es: 'Conjunto de herramientas sobre competencias digitales, segunda edición' },
    bureau: 'BDT',
    created: -200,
    start: -180,
    due: 120,
    status: 'on-track',
    sdg: ['4.4'],
    connect: ['1.4'],
    updates: [[-10, 'on-track', 'Borrador revisado por los expertos.', 'es']],
  },
  {
    line: 'C4',
    title: { en: 'Training of trainers in Africa', fr: 'Formation de formateurs en Afrique' },
    bureau: 'BDT',
    created: -360,
    start: -330,
    due: -40,
    status: 'at-risk',
    sdg: ['4.4', '4.5'],
    connect: [],
    updates: [[-150, 'at-risk', 'Deux ateliers reportés.', 'fr']],
  },
  {
    line: 'C4',
    title: { en: 'Women in ICT mentoring network', zh: '信通技术领域女性导师网络' },
    bureau: 'GS',
    created: -500,
    start: -480,
    due: -100,
    status: 'done',
    sdg: ['5.b'],
    connect: [],
    updates: [[-110, 'done', 'Network launched with 120 mentors.', 'en']],
  },
  {
    line: 'C5',
    title: { en: 'Child online protection guidelines update', fr: 'Mise à jour des lignes directrices sur la protection des enfants en ligne' },
    bureau: 'BDT',
    created: -150,
    start: -150,
    due: 30,
    status: 'on-track',
    sdg: ['16.2'],
    connect: ['4.1'],
    updates: [[-5, 'on-track', 'Final review by the expert group.', 'en']],
  },
  {
    line: 'C5',
    title: { en: 'National CIRT assessments', ar: 'تقييمات أفرقة الاستجابة للحوادث الحاسوبية الوطنية' },
    bureau: 'BDT',
    created: -420,
    start: -400,
    due: 150,
    status: 'on-track',
    sdg: ['16.a'],
    connect: [],
    updates: [[-130, 'on-track', 'اكتملت التقييمات في ستة بلدان.', 'ar']],
  },
  {
    line: 'C5',
    title: { en: 'Security standards for IoT devices', ru: 'Стандарты безопасности для устройств интернета вещей' },
    bureau: 'TSB',
    created: -300,
    start: -280,
    due: 7,
    status: 'at-risk',
    sdg: ['9.c'],
    connect: [],
    updates: [[-30, 'at-risk', 'Проект стандарта ожидает утверждения.', 'ru']],
  },
  {
    line: 'C6',
    title: { en: 'Regulatory outlook report', es: 'Informe sobre las perspectivas de la reglamentación' },
    bureau: 'BDT',
    created: -200,
    start: -200,
    due: -5,
    status: 'on-track',
    sdg: ['17.14'],
    connect: [],
    updates: [[-45, 'on-track', 'Capítulos en revisión.', 'es']],
  },
  {
    line: 'C6',
    title: { en: 'ICT regulatory tracker: new indicators', zh: '信通技术监管跟踪器：新指标' },
    bureau: 'BDT',
    created: -320,
    start: -300,
    due: 240,
    status: 'on-track',
    sdg: ['17.18'],
    connect: ['2.2'],
    updates: [[-180, 'on-track', '新增指标已定稿。', 'zh']],
  },
  {
    line: 'C6',
    title: { en: 'Global Symposium for Regulators follow-up', fr: 'Suite donnée au Colloque mondial des régulateurs' },
    bureau: 'GS',
    created: -90,
    start: -60,
    due: 90,
    status: 'cancelled',
    sdg: ['17.16'],
    connect: [],
    updates: [[-30, 'cancelled', 'Merged into the regulatory outlook report.', 'en']],
  },
];

export const demoTasks = async (db: Db) => {
  const [admin] = await db.select().from(users).orderBy(asc(users.id)).limit(1);
  if (!admin) return;
  const actor: Actor = { id: admin.id, email: admin.email, name: admin.name, roles: ['admin'], locale: 'en', emailVerified: true, status: 'active' };
  await db
    .insert(roadmaps)
    .values(DEMO_LINES.map((actionLine) => ({ actionLine })))
    .onConflictDoNothing();
  const today = Date.now();
  const at = (days: number) => new Date(today + days * DAY_MS);
  for (const d of DEMO) {
    const made = await createTask(db, {
      actor,
      actionLine: d.line,
      input: {
        title: d.title,
        description: {},
        ownerBureau: d.bureau,
        ownerUserId: admin.id,
        startsOn: dayOf(at(d.start)),
        deadline: dayOf(at(d.due)),
        status: d.status,
        outputId: null,
        sdgTargets: d.sdg,
        connectTargets: d.connect,
        evidence: [],
      },
      now: at(d.created),
    });
    if (!made.ok) throw new Error(`demo task refused: ${JSON.stringify(made)}`);
    for (const [day, status, text, locale] of d.updates) await addUpdate(db, { actor, taskId: made.id, input: { reportedOn: dayOf(at(day)), status, text }, locale, now: at(day) });
  }
};
