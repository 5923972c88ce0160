/**
 * The six templates every installation starts with (reference data, run by the module's `seed`):
 * the reports Resolution 1332 asks of ITU. Idempotent: an existing template keeps what the
 * secretariat made of it (insert … on conflict do nothing).
 *
 * A template section has one source; where a role of ITU calls for roadmaps and Stocktaking figures,
 * the figures follow as a section of their own ('facilitator' then 'facilitator-stocktaking').
 */
import type { Db, DbOrTx } from '../../../core/db/client.js';
import { LOCALES, type Locale, type Localized } from '../../../core/i18n/locales.js';
import { reportTemplates, type TemplateKey, type TemplateSection } from '../tables.js';

/** Section titles shared by the templates. */
const T = {
  introduction: {
    en: 'Introduction',
    fr: 'Introduction',
    es: 'Introducción',
    ru: 'Введение',
    zh: '导言',
    ar: 'مقدمة',
  },
  conclusions: {
    en: 'Conclusions',
    fr: 'Conclusions',
    es: 'Conclusiones',
    ru: 'Выводы',
    zh: '结论',
    ar: 'الاستنتاجات',
  },
  lead: {
    en: 'Lead facilitator of the WSIS process, with UNESCO and UNDP',
    fr: 'Coordonnateur principal du processus du SMSI, avec l’UNESCO et le PNUD',
    es: 'Facilitador principal del proceso de la CMSI, junto con la UNESCO y el PNUD',
    ru: 'Ведущий координатор процесса ВВУИО совместно с ЮНЕСКО и ПРООН',
    zh: '与教科文组织和开发计划署共同担任信息社会世界峰会进程的牵头推动方',
    ar: 'الميسر الرئيسي لعملية القمة العالمية لمجتمع المعلومات، مع اليونسكو وبرنامج الأمم المتحدة الإنمائي',
  },
  facilitator: {
    en: 'Facilitator of action lines C2, C5 and C6 (and C4)',
    fr: 'Coordonnateur des grandes orientations C2, C5 et C6 (et C4)',
    es: 'Facilitador de las líneas de acción C2, C5 y C6 (y C4)',
    ru: 'Координатор направлений деятельности C2, C5 и C6 (и C4)',
    zh: 'C2、C5和C6（以及C4）行动方面的推动方',
    ar: 'ميسر خطوط العمل C2 وC5 وC6 (وC4)',
  },
  coFacilitator: {
    en: 'Co-facilitator of action lines C1, C3, C7 and C11',
    fr: 'Co-coordonnateur des grandes orientations C1, C3, C7 et C11',
    es: 'Cofacilitador de las líneas de acción C1, C3, C7 y C11',
    ru: 'Сокоординатор направлений деятельности C1, C3, C7 и C11',
    zh: 'C1、C3、C7和C11行动方面的共同推动方',
    ar: 'الميسر المشارك لخطوط العمل C1 وC3 وC7 وC11',
  },
  partner: {
    en: 'Partner for action lines C8 and C9',
    fr: 'Partenaire pour les grandes orientations C8 et C9',
    es: 'Asociado para las líneas de acción C8 y C9',
    ru: 'Партнер по направлениям деятельности C8 и C9',
    zh: 'C8和C9行动方面的合作伙伴',
    ar: 'شريك في خطي العمل C8 وC9',
  },
  stocktakingOf: {
    en: 'Projects recorded in the WSIS Stocktaking',
    fr: 'Projets enregistrés dans l’inventaire du SMSI',
    es: 'Proyectos registrados en el Inventario de la CMSI',
    ru: 'Проекты, зарегистрированные в Инвентаризации ВВУИО',
    zh: '信息社会世界峰会盘点中登记的项目',
    ar: 'المشاريع المسجلة في حصر أنشطة القمة العالمية لمجتمع المعلومات',
  },
  consultations: {
    en: 'Open consultations',
    fr: 'Consultations ouvertes',
    es: 'Consultas abiertas',
    ru: 'Открытые консультации',
    zh: '公开磋商',
    ar: 'المشاورات المفتوحة',
  },
  trustFund: {
    en: 'WSIS Trust Fund',
    fr: 'Fonds d’affectation spéciale du SMSI',
    es: 'Fondo Fiduciario de la CMSI',
    ru: 'Целевой фонд ВВУИО',
    zh: '信息社会世界峰会信托基金',
    ar: 'الصندوق الاستئماني للقمة العالمية لمجتمع المعلومات',
  },
  sdg: {
    en: 'Sustainable Development Goals under review',
    fr: 'Objectifs de développement durable examinés',
    es: 'Objetivos de Desarrollo Sostenible objeto de examen',
    ru: 'Рассматриваемые цели в области устойчивого развития',
    zh: '审议中的可持续发展目标',
    ar: 'أهداف التنمية المستدامة قيد الاستعراض',
  },
  stocktaking: {
    en: 'WSIS Stocktaking',
    fr: 'Inventaire du SMSI',
    es: 'Inventario de la CMSI',
    ru: 'Инвентаризация ВВУИО',
    zh: '信息社会世界峰会盘点',
    ar: 'حصر أنشطة القمة العالمية لمجتمع المعلومات',
  },
  prizes: {
    en: 'WSIS Prizes',
    fr: 'Prix du SMSI',
    es: 'Premios de la CMSI',
    ru: 'Премии ВВУИО',
    zh: '信息社会世界峰会奖',
    ar: 'جوائز القمة العالمية لمجتمع المعلومات',
  },
  stories: {
    en: 'Success stories',
    fr: 'Exemples de réussite',
    es: 'Casos de éxito',
    ru: 'Истории успеха',
    zh: '成功案例',
    ar: 'قصص النجاح',
  },
  roadmaps: {
    en: 'Action line roadmaps and tasks',
    fr: 'Feuilles de route et tâches des grandes orientations',
    es: 'Hojas de ruta y tareas de las líneas de acción',
    ru: 'Дорожные карты и задачи направлений деятельности',
    zh: '行动方面路线图和任务',
    ar: 'خرائط الطريق والمهام الخاصة بخطوط العمل',
  },
  outlook: {
    en: 'Outlook beyond 2026',
    fr: 'Perspectives au-delà de 2026',
    es: 'Perspectivas después de 2026',
    ru: 'Перспективы на период после 2026 года',
    zh: '2026年以后的展望',
    ar: 'الآفاق لما بعد عام 2026',
  },
} satisfies Record<string, Localized>;

const FIGURES_ALL = ['action-line', 'sdg', 'region', 'stakeholder', 'target-group'];
const narrative = (id: string, title: Localized): TemplateSection => ({ id, title, narrative: true });
/** A role of ITU: its narrative with the roadmaps of its lines, then the Stocktaking figures of those lines. */
/** "<the role>: <entries of the Stocktaking>" in each language, so the contents tell the roles' figures apart. */
const COLON: Record<Locale, string> = { ar: ': ', en: ': ', es: ': ', fr: '\u00a0: ', ru: ': ', zh: '：' };
const figuresOf = (title: Localized): Localized =>
  Object.fromEntries(LOCALES.flatMap((l) => (title[l] && T.stocktakingOf[l] ? [[l, `${title[l]}${COLON[l]}${T.stocktakingOf[l]}`]] : [])));
const role = (id: string, title: Localized, lines: string[]): TemplateSection[] => [
  { id, title, source: 'roadmaps.progress', options: { actionLines: lines }, narrative: true },
  {
    id: `${id}-stocktaking`,
    title: figuresOf(title),
    source: 'stocktaking.figures',
    options: { figures: ['action-line', 'target-group'], actionLines: lines },
    narrative: false,
  },
];
/** Every generated section, each after its narrative (the Council's and the Plenipotentiary's reports). */
const allSources = (): TemplateSection[] => [
  { id: 'stocktaking', title: T.stocktaking, source: 'stocktaking.figures', options: { figures: FIGURES_ALL }, narrative: true },
  { id: 'prizes', title: T.prizes, source: 'prizes.results', narrative: true },
  { id: 'roadmaps', title: T.roadmaps, source: 'roadmaps.progress', narrative: true },
  { id: 'consultations', title: T.consultations, source: 'consultations.syntheses', narrative: true },
  { id: 'trust-fund', title: T.trustFund, source: 'trust-fund.statement', narrative: true },
];

export type SeedTemplate = { key: TemplateKey; title: Localized; description: Localized; sections: TemplateSection[]; hlpfGoals?: Record<string, number[]> };

/** The six templates as first seeded (also what the tests compare with). */
export const SEED_TEMPLATES: SeedTemplate[] = [
  {
    key: 'cstd',
    title: {
      en: 'ITU’s contribution to the implementation of the WSIS outcomes',
      fr: 'Contribution de l’UIT à la mise en œuvre des textes issus du SMSI',
      es: 'Contribución de la UIT a la aplicación de los resultados de la CMSI',
      ru: 'Вклад МСЭ в выполнение решений ВВУИО',
      zh: '国际电联对落实信息社会世界峰会成果的贡献',
      ar: 'مساهمة الاتحاد في تنفيذ نتائج القمة العالمية لمجتمع المعلومات',
    },
    description: {
      en: 'Yearly contribution to the report of the Secretary-General to the Commission on Science and Technology for Development and the Economic and Social Council, arranged by ITU’s roles in the WSIS process.',
      fr: 'Contribution annuelle au rapport du Secrétaire général à la Commission de la science et de la technique au service du développement et au Conseil économique et social, présentée selon les rôles de l’UIT dans le processus du SMSI.',
      es: 'Contribución anual al informe del Secretario General a la Comisión de Ciencia y Tecnología para el Desarrollo y al Consejo Económico y Social, organizada según las funciones de la UIT en el proceso de la CMSI.',
      ru: 'Ежегодный вклад в доклад Генерального секретаря Комиссии по науке и технике в целях развития и Экономическому и Социальному Совету, построенный по ролям МСЭ в процессе ВВУИО.',
      zh: '对秘书长提交科学和技术促进发展委员会及经济及社会理事会的报告的年度投入，按国际电联在信息社会世界峰会进程中的作用编排。',
      ar: 'مساهمة سنوية في تقرير الأمين العام المقدم إلى لجنة تسخير العلم والتكنولوجيا لأغراض التنمية والمجلس الاقتصادي والاجتماعي، مرتبة حسب أدوار الاتحاد في عملية القمة العالمية لمجتمع المعلومات.',
    },
    sections: [
      narrative('introduction', T.introduction),
      { id: 'lead-facilitator', title: T.lead, source: 'stocktaking.figures', options: { figures: ['action-line'] }, narrative: true },
      ...role('facilitator', T.facilitator, ['C2', 'C5', 'C6', 'C4']),
      ...role('co-facilitator', T.coFacilitator, ['C1', 'C3', 'C7', 'C11']),
      ...role('partner', T.partner, ['C8', 'C9']),
      { id: 'consultations', title: T.consultations, source: 'consultations.syntheses', narrative: true },
      { id: 'trust-fund', title: T.trustFund, source: 'trust-fund.statement', narrative: true },
      narrative('conclusions', T.conclusions),
    ],
  },
  {
    key: 'hlpf',
    title: {
      en: 'Contribution to the High-level Political Forum on Sustainable Development',
      fr: 'Contribution au Forum politique de haut niveau pour le développement durable',
      es: 'Contribución al Foro Político de Alto Nivel sobre el Desarrollo Sostenible',
      ru: 'Вклад в работу Политического форума высокого уровня по устойчивому развитию',
      zh: '对可持续发展问题高级别政治论坛的贡献',
      ar: 'المساهمة في المنتدى السياسي الرفيع المستوى المعني بالتنمية المستدامة',
    },
    description: {
      en: 'ITU’s contribution on the Sustainable Development Goals under review at the Forum of the year, drawn from the WSIS–SDG matrix.',
      fr: 'Contribution de l’UIT sur les objectifs de développement durable examinés par le Forum de l’année, établie à partir de la matrice SMSI-ODD.',
      es: 'Contribución de la UIT sobre los Objetivos de Desarrollo Sostenible examinados por el Foro del año, elaborada a partir de la matriz CMSI-ODS.',
      ru: 'Вклад МСЭ по целям в области устойчивого развития, рассматриваемым Форумом в текущем году, подготовленный на основе матрицы ВВУИО–ЦУР.',
      zh: '国际电联就论坛当年审议的可持续发展目标提交的投入，依据信息社会世界峰会—可持续发展目标矩阵编写。',
      ar: 'مساهمة الاتحاد بشأن أهداف التنمية المستدامة قيد الاستعراض في المنتدى لتلك السنة، المستمدة من مصفوفة القمة العالمية لمجتمع المعلومات وأهداف التنمية المستدامة.',
    },
    sections: [
      narrative('introduction', T.introduction),
      { id: 'sdg', title: T.sdg, source: 'stocktaking.figures', options: { figures: ['action-line', 'target-group'] }, narrative: true, forEach: 'hlpf-sdgs' },
      narrative('conclusions', T.conclusions),
    ],
    hlpfGoals: { '2023': [6, 7, 9, 11, 17], '2024': [1, 2, 13, 16, 17], '2025': [3, 5, 8, 14, 17], '2026': [6, 7, 9, 11, 17] },
  },
  {
    key: 'council',
    title: {
      en: 'Annual report to the Council on ITU’s activities in the implementation of the WSIS outcomes',
      fr: 'Rapport annuel au Conseil sur les activités de l’UIT relatives à la mise en œuvre des textes issus du SMSI',
      es: 'Informe anual al Consejo sobre las actividades de la UIT para la aplicación de los resultados de la CMSI',
      ru: 'Ежегодный отчет Совету о деятельности МСЭ по выполнению решений ВВУИО',
      zh: '关于国际电联落实信息社会世界峰会成果活动的年度理事会报告',
      ar: 'التقرير السنوي إلى المجلس عن أنشطة الاتحاد في تنفيذ نتائج القمة العالمية لمجتمع المعلومات',
    },
    description: {
      en: 'The yearly report of the Secretary-General to the Council under Resolution 1332, through the Council Working Group on WSIS & SDGs.',
      fr: 'Rapport annuel du Secrétaire général au Conseil au titre de la Résolution 1332, par l’intermédiaire du Groupe de travail du Conseil sur le SMSI et les ODD.',
      es: 'Informe anual del Secretario General al Consejo en virtud de la Resolución 1332, por conducto del Grupo de Trabajo del Consejo sobre la CMSI y los ODS.',
      ru: 'Ежегодный отчет Генерального секретаря Совету в соответствии с Резолюцией 1332, представляемый через Рабочую группу Совета по ВВУИО и ЦУР.',
      zh: '秘书长根据第1332号决议通过理事会信息社会世界峰会和可持续发展目标工作组向理事会提交的年度报告。',
      ar: 'التقرير السنوي للأمين العام إلى المجلس بموجب القرار 1332، عن طريق فريق العمل التابع للمجلس المعني بالقمة العالمية لمجتمع المعلومات وأهداف التنمية المستدامة.',
    },
    sections: [narrative('introduction', T.introduction), ...allSources(), narrative('conclusions', T.conclusions)],
  },
  {
    key: 'pp',
    title: {
      en: 'Final report to the Plenipotentiary Conference 2026 on ITU’s role in the implementation of the WSIS outcomes',
      fr: 'Rapport final à la Conférence de plénipotentiaires de 2026 sur le rôle de l’UIT dans la mise en œuvre des textes issus du SMSI',
      es: 'Informe final a la Conferencia de Plenipotenciarios de 2026 sobre el papel de la UIT en la aplicación de los resultados de la CMSI',
      ru: 'Заключительный отчет Полномочной конференции 2026 года о роли МСЭ в выполнении решений ВВУИО',
      zh: '关于国际电联在落实信息社会世界峰会成果中的作用提交2026年全权代表大会的最后报告',
      ar: 'التقرير النهائي إلى مؤتمر المندوبين المفوضين لعام 2026 عن دور الاتحاد في تنفيذ نتائج القمة العالمية لمجتمع المعلومات',
    },
    description: {
      en: 'The final and comprehensive report Resolution 1332 asks the Secretary-General to submit to the Council and to the Plenipotentiary Conference 2026.',
      fr: 'Le rapport final et exhaustif que la Résolution 1332 charge le Secrétaire général de soumettre au Conseil et à la Conférence de plénipotentiaires de 2026.',
      es: 'El informe final y exhaustivo que la Resolución 1332 encarga al Secretario General presentar al Consejo y a la Conferencia de Plenipotenciarios de 2026.',
      ru: 'Заключительный всеобъемлющий отчет, который Резолюция 1332 поручает Генеральному секретарю представить Совету и Полномочной конференции 2026 года.',
      zh: '第1332号决议责成秘书长提交理事会和2026年全权代表大会的全面最后报告。',
      ar: 'التقرير النهائي والشامل الذي يكلف القرار 1332 الأمين العام بتقديمه إلى المجلس وإلى مؤتمر المندوبين المفوضين لعام 2026.',
    },
    sections: [
      narrative('introduction', T.introduction),
      narrative('lead-facilitator', T.lead),
      ...allSources(),
      { id: 'stories', title: T.stories, source: 'prizes.stories', narrative: true },
      narrative('outlook', T.outlook),
      narrative('conclusions', T.conclusions),
    ],
  },
  {
    key: 'stocktaking',
    title: {
      en: 'WSIS Stocktaking report',
      fr: 'Rapport sur l’inventaire du SMSI',
      es: 'Informe sobre el Inventario de la CMSI',
      ru: 'Отчет об Инвентаризации ВВУИО',
      zh: '信息社会世界峰会盘点报告',
      ar: 'تقرير حصر أنشطة القمة العالمية لمجتمع المعلومات',
    },
    description: {
      en: 'The projects recorded in the WSIS Stocktaking during the year, by action line, SDG, region, type of stakeholder and target group.',
      fr: 'Les projets enregistrés dans l’inventaire du SMSI au cours de l’année, par grande orientation, ODD, région, type de partie prenante et groupe cible.',
      es: 'Los proyectos registrados en el Inventario de la CMSI durante el año, por línea de acción, ODS, región, tipo de parte interesada y grupo destinatario.',
      ru: 'Проекты, зарегистрированные в Инвентаризации ВВУИО за год, по направлениям деятельности, ЦУР, регионам, типам заинтересованных сторон и целевым группам.',
      zh: '年内在信息社会世界峰会盘点中登记的项目，按行动方面、可持续发展目标、区域、利益攸关方类型和目标群体分列。',
      ar: 'المشاريع المسجلة في حصر أنشطة القمة العالمية لمجتمع المعلومات خلال السنة، حسب خط العمل وهدف التنمية المستدامة والمنطقة ونوع أصحاب المصلحة والفئة المستهدفة.',
    },
    sections: [
      narrative('introduction', T.introduction),
      { id: 'figures', title: T.stocktaking, source: 'stocktaking.figures', options: { figures: FIGURES_ALL }, narrative: true },
      narrative('conclusions', T.conclusions),
    ],
  },
  {
    key: 'stories',
    title: {
      en: 'WSIS Prizes success stories',
      fr: 'Prix du SMSI : exemples de réussite',
      es: 'Premios de la CMSI: casos de éxito',
      ru: 'Премии ВВУИО: истории успеха',
      zh: '信息社会世界峰会奖成功案例',
      ar: 'جوائز القمة العالمية لمجتمع المعلومات: قصص النجاح',
    },
    description: {
      en: 'The winners and champions of the year’s WSIS Prizes, and their projects told as success stories.',
      fr: 'Les lauréats et les champions des Prix du SMSI de l’année, et leurs projets présentés comme des exemples de réussite.',
      es: 'Los ganadores y campeones de los Premios de la CMSI del año, y sus proyectos presentados como casos de éxito.',
      ru: 'Победители и чемпионы Премий ВВУИО года и их проекты, представленные как истории успеха.',
      zh: '当年信息社会世界峰会奖的获奖者和优胜者，以及作为成功案例介绍的项目。',
      ar: 'الفائزون والأبطال في جوائز القمة العالمية لمجتمع المعلومات لتلك السنة، ومشاريعهم معروضة بوصفها قصص نجاح.',
    },
    sections: [
      narrative('introduction', T.introduction),
      { id: 'results', title: T.prizes, source: 'prizes.results', narrative: false },
      { id: 'stories', title: T.stories, source: 'prizes.stories', narrative: false },
    ],
  },
];

/** Inserts the templates not yet there; a template the secretariat edited stays as it is. */
export const seedReportTemplates = async (db: Db | DbOrTx) => {
  await db
    .insert(reportTemplates)
    .values(SEED_TEMPLATES.map((t) => ({ key: t.key, title: t.title, description: t.description, sections: t.sections, hlpfGoals: t.hlpfGoals ?? {} })))
    .onConflictDoNothing({ target: reportTemplates.key });
};
