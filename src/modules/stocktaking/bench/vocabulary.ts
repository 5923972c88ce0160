/**
 * The words of the benchmark corpus: parallel phrases in the six languages (one tuple per
 * concept, in the order ar, en, es, fr, ru, zh), so that an entry and its translations say the
 * same thing. Written for grammatical templates (see corpus.ts): French topics without article,
 * Russian groups in the genitive and partners in the instrumental, Arabic groups with their
 * preposition, Chinese without spaces (jieba segments it like real entries).
 */
import type { Locale } from '../../../core/i18n/locales.js';

export type Phrase = Record<Locale, string>;
const p = (ar: string, en: string, es: string, fr: string, ru: string, zh: string): Phrase => ({ ar, en, es, fr, ru, zh });

/** A subject of activity with the action lines and SDGs such entries are filed under. */
export type Topic = { text: Phrase; actionLines: string[]; sdgs: number[] };
const t = (text: Phrase, actionLines: string[], sdgs: number[]): Topic => ({ text, actionLines, sdgs });

/** Most frequent first: the generator draws them with a Zipf-like law, as real entries cluster. */
export const TOPICS: Topic[] = [
  t(p('الاتصال بالنطاق العريض', 'broadband connectivity', 'conectividad de banda ancha', 'connectivité à haut débit', 'Широкополосный доступ', '宽带连接'), ['C2'], [9]),
  t(p('محو الأمية الرقمية', 'digital literacy', 'alfabetización digital', 'alphabétisation numérique', 'Цифровая грамотность', '数字扫盲'), ['C4'], [4]),
  t(p('التعلم الإلكتروني', 'online learning', 'aprendizaje en línea', 'apprentissage en ligne', 'Дистанционное обучение', '在线学习'), ['C7.e-learning'], [4]),
  t(
    p('الخدمات الحكومية الإلكترونية', 'e-government services', 'servicios de gobierno electrónico', 'services publics en ligne', 'Электронное правительство', '电子政务服务'),
    ['C7.e-government'],
    [16],
  ),
  t(p('التطبيب عن بعد', 'telemedicine', 'telemedicina', 'télémédecine', 'Телемедицина', '远程医疗'), ['C7.e-health'], [3]),
  t(p('الأمن السيبراني', 'cybersecurity', 'ciberseguridad', 'cybersécurité', 'Кибербезопасность', '网络安全'), ['C5'], [9, 16]),
  t(
    p('الشمول المالي الرقمي', 'digital financial inclusion', 'inclusión financiera digital', 'inclusion financière numérique', 'Цифровые финансовые услуги', '数字普惠金融'),
    ['C7.e-business'],
    [1, 8],
  ),
  t(p('الزراعة الذكية', 'smart agriculture', 'agricultura inteligente', 'agriculture intelligente', 'Умное сельское хозяйство', '智慧农业'), ['C7.e-agriculture'], [2]),
  t(p('التجارة الإلكترونية', 'e-commerce', 'comercio electrónico', 'commerce électronique', 'Электронная коммерция', '电子商务'), ['C7.e-business'], [8]),
  t(p('الشبكات المجتمعية', 'community networks', 'redes comunitarias', 'réseaux communautaires', 'Общественные сети связи', '社区网络'), ['C2'], [9, 10]),
  t(p('البيانات المفتوحة', 'open data', 'datos abiertos', 'données ouvertes', 'Открытые данные', '开放数据'), ['C3'], [16, 17]),
  t(p('الذكاء الاصطناعي', 'artificial intelligence', 'inteligencia artificial', 'intelligence artificielle', 'Искусственный интеллект', '人工智能'), ['C1', 'C3'], [9]),
  t(
    p(
      'الإنذار المبكر بالمخاطر المناخية',
      'climate early warning',
      'alerta temprana climática',
      'alerte précoce climatique',
      'Раннее оповещение о климатических рисках',
      '气候预警',
    ),
    ['C7.e-environment'],
    [13],
  ),
  t(p('المهارات الرقمية', 'digital skills', 'competencias digitales', 'compétences numériques', 'Цифровые навыки', '数字技能'), ['C4'], [4, 8]),
  t(
    p('حماية الأطفال على الإنترنت', 'child online protection', 'protección de la infancia en línea', 'protection des enfants en ligne', 'Защита детей в интернете', '儿童在线保护'),
    ['C5', 'C10'],
    [16],
  ),
  t(p('المكتبات الرقمية', 'digital libraries', 'bibliotecas digitales', 'bibliothèques numériques', 'Цифровые библиотеки', '数字图书馆'), ['C3', 'C8'], [4]),
  t(
    p(
      'المحتوى المحلي باللغات الوطنية',
      'local content in national languages',
      'contenidos locales en lenguas originarias',
      'contenus locaux en langues nationales',
      'Местный контент на родных языках',
      '本地语言内容',
    ),
    ['C8'],
    [10],
  ),
  t(p('الإذاعة المجتمعية', 'community radio', 'radio comunitaria', 'radio communautaire', 'Общественное радио', '社区广播'), ['C9'], [16]),
  t(p('الهوية الرقمية', 'digital identity', 'identidad digital', 'identité numérique', 'Цифровая идентификация', '数字身份'), ['C7.e-government'], [16]),
  t(
    p('حماية البيانات الشخصية', 'personal data protection', 'protección de datos personales', 'protection des données personnelles', 'Защита персональных данных', '个人数据保护'),
    ['C5', 'C10'],
    [16],
  ),
  t(
    p('تنظيم الاتصالات', 'telecommunication regulation', 'regulación de las telecomunicaciones', 'réglementation des télécommunications', 'Регулирование электросвязи', '电信监管'),
    ['C6'],
    [9, 17],
  ),
  t(
    p(
      'إدارة النفايات الإلكترونية',
      'e-waste management',
      'gestión de residuos electrónicos',
      'gestion des déchets électroniques',
      'Утилизация электронных отходов',
      '电子废物管理',
    ),
    ['C7.e-environment'],
    [12],
  ),
  t(p('العمل عن بعد', 'remote work', 'teletrabajo', 'télétravail', 'Удаленная работа', '远程办公'), ['C7.e-employment'], [8]),
  t(
    p(
      'شبكات البحث والتعليم',
      'research and education networks',
      'redes de investigación y educación',
      'réseaux de recherche et d’éducation',
      'Научно-образовательные сети',
      '科研教育网络',
    ),
    ['C7.e-science'],
    [9],
  ),
  t(p('إمكانية النفاذ الرقمي', 'digital accessibility', 'accesibilidad digital', 'accessibilité numérique', 'Цифровая доступность', '数字无障碍'), ['C3', 'C10'], [10]),
  t(p('المدن الذكية', 'smart cities', 'ciudades inteligentes', 'villes intelligentes', 'Умные города', '智慧城市'), ['C7'], [11]),
  t(p('الاتصال عبر السواتل', 'satellite connectivity', 'conectividad satelital', 'connectivité par satellite', 'Спутниковая связь', '卫星通信'), ['C2'], [9]),
  t(
    p(
      'السجلات الصحية الإلكترونية',
      'electronic health records',
      'historias clínicas electrónicas',
      'dossiers médicaux électroniques',
      'Электронные медицинские карты',
      '电子健康档案',
    ),
    ['C7.e-health'],
    [3],
  ),
  t(p('البرمجة الحاسوبية', 'coding', 'programación informática', 'programmation informatique', 'Программирование', '编程教育'), ['C4'], [4]),
  t(
    p('الإدارة الذكية للمياه', 'smart water management', 'gestión inteligente del agua', 'gestion intelligente de l’eau', 'Умное управление водными ресурсами', '智能水资源管理'),
    ['C7.e-environment'],
    [6],
  ),
  t(
    p(
      'الطاقة الشمسية لمراكز الاتصال',
      'solar power for telecentres',
      'energía solar para telecentros',
      'énergie solaire pour les télécentres',
      'Солнечная энергия для телецентров',
      '太阳能电信中心',
    ),
    ['C2'],
    [7],
  ),
  t(
    p('المراكز المجتمعية للاتصالات', 'community telecentres', 'telecentros comunitarios', 'télécentres communautaires', 'Общественные телецентры', '社区电信中心'),
    ['C2', 'C4'],
    [9],
  ),
  t(p('أخلاقيات المعلومات', 'information ethics', 'ética de la información', 'éthique de l’information', 'Информационная этика', '信息伦理'), ['C10'], [16]),
  t(
    p(
      'التعاون الدولي في مجال تكنولوجيا المعلومات والاتصالات',
      'international ICT cooperation',
      'cooperación internacional en TIC',
      'coopération internationale en matière de TIC',
      'Международное сотрудничество в области ИКТ',
      '信息通信技术国际合作',
    ),
    ['C11'],
    [17],
  ),
  t(p('حوكمة الإنترنت', 'Internet governance', 'gobernanza de internet', 'gouvernance de l’internet', 'Управление интернетом', '互联网治理'), ['C1'], [16, 17]),
  t(p('التحول الرقمي', 'digital transformation', 'transformación digital', 'transformation numérique', 'Цифровая трансформация', '数字化转型'), ['C1'], [9, 17]),
  t(
    p('اتصالات الطوارئ', 'emergency telecommunications', 'telecomunicaciones de emergencia', 'télécommunications d’urgence', 'Экстренная электросвязь', '应急通信'),
    ['C7.e-environment', 'C2'],
    [11, 13],
  ),
  t(
    p(
      'رقمنة التراث الثقافي',
      'cultural heritage digitization',
      'digitalización del patrimonio cultural',
      'numérisation du patrimoine culturel',
      'Оцифровка культурного наследия',
      '文化遗产数字化',
    ),
    ['C8'],
    [11],
  ),
  t(
    p(
      'التربية الإعلامية والمعلوماتية',
      'media and information literacy',
      'alfabetización mediática e informacional',
      'éducation aux médias et à l’information',
      'Медиаграмотность',
      '媒体与信息素养',
    ),
    ['C9'],
    [4, 16],
  ),
  t(p('إنترنت الأشياء', 'Internet of Things', 'internet de las cosas', 'internet des objets', 'Интернет вещей', '物联网'), ['C2', 'C7'], [9]),
  t(
    p('الخدمات البريدية الرقمية', 'digital postal services', 'servicios postales digitales', 'services postaux numériques', 'Цифровые почтовые услуги', '数字邮政服务'),
    ['C7.e-business'],
    [8, 9],
  ),
  t(p('الصحة المتنقلة', 'mobile health', 'salud móvil', 'santé mobile', 'Мобильное здравоохранение', '移动医疗'), ['C7.e-health'], [3]),
];

/** What the entry is (the head of its title). */
export const ACTIVITIES: Phrase[] = [
  p('برنامج', 'Programme', 'Programa', 'Programme', 'Программа', '计划'),
  p('منصة', 'Platform', 'Plataforma', 'Plateforme', 'Платформа', '平台'),
  p('مبادرة', 'Initiative', 'Iniciativa', 'Initiative', 'Инициатива', '倡议'),
  p('مشروع', 'Project', 'Proyecto', 'Projet', 'Проект', '项目'),
  p('شبكة', 'Network', 'Red', 'Réseau', 'Сеть', '网络'),
  p('مركز', 'Centre', 'Centro', 'Centre', 'Центр', '中心'),
  p('تدريب', 'Training', 'Capacitación', 'Formation', 'Обучение', '培训'),
  p('تطبيق', 'App', 'Aplicación', 'Application', 'Приложение', '应用程序'),
  p('بوابة', 'Portal', 'Portal', 'Portail', 'Портал', '门户网站'),
  p('استراتيجية', 'Strategy', 'Estrategia', 'Stratégie', 'Стратегия', '战略'),
  p('مرصد', 'Observatory', 'Observatorio', 'Observatoire', 'Обсерватория', '观察站'),
  p('هاكاثون', 'Hackathon', 'Hackatón', 'Hackathon', 'Хакатон', '黑客马拉松'),
  p('أكاديمية', 'Academy', 'Academia', 'Académie', 'Академия', '学院'),
  p('حملة', 'Campaign', 'Campaña', 'Campagne', 'Кампания', '宣传活动'),
  p('مشروع تجريبي', 'Pilot', 'Proyecto piloto', 'Projet pilote', 'Пилотный проект', '试点项目'),
];

/** Who benefits; `code` is the entry's target group when it is one of TARGET_GROUPS. */
export type Group = { code: string | null; text: Phrase };
const g = (code: string | null, text: Phrase): Group => ({ code, text });
export const GROUPS: Group[] = [
  g(
    'rural-and-remote-communities',
    p(
      'للمجتمعات الريفية والنائية',
      'rural and remote communities',
      'comunidades rurales y remotas',
      'les communautés rurales et isolées',
      'сельских и отдаленных общин',
      '农村和偏远社区',
    ),
  ),
  g('women-and-girls', p('للنساء والفتيات', 'women and girls', 'mujeres y niñas', 'les femmes et les filles', 'женщин и девочек', '妇女和女童')),
  g('youth', p('للشباب', 'young people', 'jóvenes', 'les jeunes', 'молодежи', '青年')),
  g(
    null,
    p('للمؤسسات الصغيرة والمتوسطة', 'small and medium enterprises', 'pequeñas y medianas empresas', 'les petites et moyennes entreprises', 'малого и среднего бизнеса', '中小企业'),
  ),
  g('children', p('للأطفال', 'children', 'niños y niñas', 'les enfants', 'детей', '儿童')),
  g(null, p('للمعلمين', 'teachers', 'docentes', 'les enseignants', 'учителей', '教师')),
  g(
    'persons-with-disabilities',
    p('للأشخاص ذوي الإعاقة', 'persons with disabilities', 'personas con discapacidad', 'les personnes handicapées', 'людей с инвалидностью', '残疾人'),
  ),
  g(null, p('لصغار المزارعين', 'smallholder farmers', 'pequeños agricultores', 'les petits exploitants agricoles', 'мелких фермеров', '小农户')),
  g('older-persons', p('لكبار السن', 'older persons', 'personas mayores', 'les personnes âgées', 'пожилых людей', '老年人')),
  g('low-income', p('للأسر ذات الدخل المنخفض', 'low-income households', 'hogares de bajos ingresos', 'les ménages à faible revenu', 'малообеспеченных семей', '低收入家庭')),
  g(null, p('للموظفين الحكوميين', 'civil servants', 'funcionarios públicos', 'les fonctionnaires', 'государственных служащих', '公务员')),
  g('indigenous-peoples', p('للشعوب الأصلية', 'indigenous peoples', 'pueblos indígenas', 'les peuples autochtones', 'коренных народов', '土著人民')),
  g(
    'refugees-and-migrants',
    p('للاجئين والمهاجرين', 'refugees and migrants', 'personas refugiadas y migrantes', 'les réfugiés et les migrants', 'беженцев и мигрантов', '难民和移民'),
  ),
];

/** How the activity works (Russian in the accusative, which is the nominative for these). */
export const METHODS: Phrase[] = [
  p('الهواتف المحمولة', 'mobile phones', 'teléfonos móviles', 'les téléphones mobiles', 'мобильные телефоны', '移动电话'),
  p('الأكشاك العاملة بالطاقة الشمسية', 'solar-powered kiosks', 'quioscos solares', 'des kiosques solaires', 'солнечные киоски', '太阳能信息亭'),
  p('البرمجيات مفتوحة المصدر', 'open-source software', 'software libre', 'des logiciels libres', 'открытое программное обеспечение', '开源软件'),
  p('الوصلات الساتلية', 'satellite links', 'enlaces satelitales', 'des liaisons par satellite', 'спутниковые каналы', '卫星链路'),
  p('شبكات الواي فاي المجتمعية', 'community Wi-Fi', 'wifi comunitario', 'le Wi-Fi communautaire', 'общественные сети Wi-Fi', '社区无线网络'),
  p('الرسائل النصية القصيرة', 'text messages', 'mensajes de texto', 'les SMS', 'SMS-сообщения', '短信'),
  p('الخدمات السحابية', 'cloud services', 'servicios en la nube', 'des services en nuage', 'облачные сервисы', '云服务'),
  p('الأجهزة اللوحية منخفضة التكلفة', 'low-cost tablets', 'tabletas de bajo costo', 'des tablettes à bas coût', 'недорогие планшеты', '低成本平板电脑'),
  p('البث الإذاعي', 'radio broadcasts', 'emisiones de radio', 'la radio', 'радиовещание', '广播'),
  p('الدورات الإلكترونية', 'online courses', 'cursos en línea', 'des cours en ligne', 'онлайн-курсы', '在线课程'),
  p('البيانات الجغرافية المكانية', 'geospatial data', 'datos geoespaciales', 'des données géospatiales', 'геопространственные данные', '地理空间数据'),
];

/** What it is for (an infinitive; Arabic a verbal noun). */
export const BENEFITS: Phrase[] = [
  p('سد الفجوة الرقمية', 'reduce the digital divide', 'reducir la brecha digital', 'réduire la fracture numérique', 'сократить цифровой разрыв', '缩小数字鸿沟'),
  p(
    'تحسين الوصول إلى الخدمات العامة',
    'improve access to public services',
    'mejorar el acceso a los servicios públicos',
    'améliorer l’accès aux services publics',
    'улучшить доступ к государственным услугам',
    '改善公共服务的获取',
  ),
  p('خلق فرص العمل', 'create jobs', 'crear empleo', 'créer des emplois', 'создать рабочие места', '创造就业机会'),
  p(
    'تعزيز القدرة على الصمود في وجه تغير المناخ',
    'strengthen resilience to climate change',
    'fortalecer la resiliencia ante el cambio climático',
    'renforcer la résilience face aux changements climatiques',
    'повысить устойчивость к изменению климата',
    '增强气候韧性',
  ),
  p('تحسين النتائج الصحية', 'improve health outcomes', 'mejorar la salud de la población', 'améliorer la santé des populations', 'улучшить здоровье населения', '改善健康状况'),
  p('حماية الأطفال على الإنترنت', 'keep children safe online', 'proteger a los niños en línea', 'protéger les enfants en ligne', 'защитить детей в интернете', '保护儿童上网安全'),
  p('زيادة الدخل', 'increase incomes', 'aumentar los ingresos', 'augmenter les revenus', 'повысить доходы', '提高收入'),
  p(
    'تعزيز المساواة بين الجنسين',
    'promote gender equality',
    'promover la igualdad de género',
    'promouvoir l’égalité des genres',
    'содействовать гендерному равенству',
    '促进性别平等',
  ),
  p('الحفاظ على اللغات المحلية', 'preserve local languages', 'preservar las lenguas locales', 'préserver les langues locales', 'сохранить местные языки', '保护本地语言'),
  p(
    'تحسين نتائج التعلم',
    'improve learning outcomes',
    'mejorar los resultados de aprendizaje',
    'améliorer les résultats scolaires',
    'улучшить результаты обучения',
    '提高学习成果',
  ),
  p('زيادة الشفافية', 'increase transparency', 'aumentar la transparencia', 'accroître la transparence', 'повысить прозрачность', '提高透明度'),
];

/** With whom (Russian in the instrumental, after «совместно с»). */
export const PARTNERS: Phrase[] = [
  p('وزارة التعليم', 'the ministry of education', 'el ministerio de educación', 'le ministère de l’éducation', 'министерством образования', '教育部'),
  p('الهيئة الوطنية لتنظيم الاتصالات', 'the national regulator', 'el regulador nacional', 'l’autorité nationale de régulation', 'национальным регулятором', '国家监管机构'),
  p('الجامعات المحلية', 'local universities', 'universidades locales', 'des universités locales', 'местными университетами', '当地大学'),
  p(
    'منظمات المجتمع المدني',
    'civil society organizations',
    'organizaciones de la sociedad civil',
    'des organisations de la société civile',
    'организациями гражданского общества',
    '民间社会组织',
  ),
  p('القطاع الخاص', 'the private sector', 'el sector privado', 'le secteur privé', 'частным сектором', '私营部门'),
  p('وكالات الأمم المتحدة', 'United Nations agencies', 'organismos de las Naciones Unidas', 'des institutions des Nations Unies', 'учреждениями ООН', '联合国机构'),
  p('البلديات', 'municipalities', 'los municipios', 'les municipalités', 'муниципалитетами', '市政当局'),
  p('وزارة الصحة', 'the ministry of health', 'el ministerio de salud', 'le ministère de la santé', 'министерством здравоохранения', '卫生部'),
];
