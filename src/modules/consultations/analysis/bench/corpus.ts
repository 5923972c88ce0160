/**
 * A generated consultation with known campaigns, to measure campaign detection (and to load the
 * benchmark database): 30 questions (4 free-text: two long ones the campaigns answer, one long and
 * one short answered freely), N answers (5,000 by default), a fifth of them from three campaigns —
 * a French, an Arabic and a Chinese template circulated with small edits (words swapped or dropped,
 * a sentence added, names changed) — the rest written freely in the six languages. Returns the
 * ground truth: the campaign (0, 1, 2) of each (answer, question) text, or none.
 */
import type { DbOrTx } from '../../../../core/db/client.js';
import type { Locale } from '../../../../core/i18n/locales.js';
import type { AnswerValues, Question, Questionnaire } from '../../questionnaire.js';
import { answers, consultations, versions } from '../../tables.js';

/** A deterministic random generator (mulberry32). */
export const random = (seed: number) => {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
};
type Rand = ReturnType<typeof random>;
const pick = <T>(rand: Rand, list: readonly T[]): T => list[Math.floor(rand() * list.length)] as T;

/** The questions the campaigns answer, and the free ones. */
export const CAMPAIGN_QUESTIONS = ['q-priorities', 'q-proposals'] as const;
export const FREE_QUESTIONS = ['q-experience', 'q-name'] as const;

/** Words of each language, for the freely written answers (a sequence of them, so two free answers share little). */
const WORDS: Record<Locale, string[]> = {
  en: 'digital inclusion broadband rural schools teachers women girls access affordable connectivity policy regulation spectrum data privacy security skills training health services government platform mobile network community libraries farmers market open source innovation startups research universities cooperation partnership capacity infrastructure satellite fibre energy climate disaster early warning'.split(
    ' ',
  ),
  fr: 'inclusion numérique haut débit écoles rurales enseignants femmes filles accès abordable connectivité politique réglementation spectre données confidentialité sécurité compétences formation santé services administration plateforme mobile réseau communauté bibliothèques agriculteurs marché logiciel libre innovation jeunes pousses recherche universités coopération partenariat capacités infrastructures satellite fibre énergie climat catastrophes alerte'.split(
    ' ',
  ),
  es: 'inclusión digital banda ancha escuelas rurales docentes mujeres niñas acceso asequible conectividad política regulación espectro datos privacidad seguridad competencias formación salud servicios gobierno plataforma móvil red comunidad bibliotecas agricultores mercado código abierto innovación empresas investigación universidades cooperación alianza capacidad infraestructura satélite fibra energía clima desastres alerta'.split(
    ' ',
  ),
  ru: 'цифровая интеграция широкополосный доступ сельские школы учителя женщины девочки доступность связь политика регулирование спектр данные конфиденциальность безопасность навыки обучение здравоохранение услуги правительство платформа мобильная сеть сообщество библиотеки фермеры рынок открытый код инновации стартапы исследования университеты сотрудничество партнерство потенциал инфраструктура спутник волокно энергия климат бедствия оповещение'.split(
    ' ',
  ),
  ar: 'الإدماج الرقمي النطاق العريض المدارس الريفية المعلمون النساء الفتيات النفاذ الميسور التوصيلية السياسة التنظيم الطيف البيانات الخصوصية الأمن المهارات التدريب الصحة الخدمات الحكومة المنصة المتنقلة الشبكة المجتمع المكتبات المزارعون السوق المصدر المفتوح الابتكار الشركات البحث الجامعات التعاون الشراكة القدرات البنية الساتل الألياف الطاقة المناخ الكوارث الإنذار'.split(
    ' ',
  ),
  zh: '数字 包容 宽带 农村 学校 教师 妇女 女童 接入 负担 连通 政策 监管 频谱 数据 隐私 安全 技能 培训 卫生 服务 政府 平台 移动 网络 社区 图书馆 农民 市场 开源 创新 企业 研究 大学 合作 伙伴 能力 基础设施 卫星 光纤 能源 气候 灾害 预警'.split(
    ' ',
  ),
};

/** The three campaigns' templates ({name}: the sending organization, changed in each copy). */
const TEMPLATES: { language: Locale; texts: Record<(typeof CAMPAIGN_QUESTIONS)[number], string>; added: string[]; names: string[] }[] = [
  {
    language: 'fr',
    texts: {
      'q-priorities':
        "Au nom de {name}, nous demandons que la connectivité universelle et abordable devienne la première priorité du SMSI après 2025. Les zones rurales restent exclues du haut débit, les écoles n'ont pas d'accès et les femmes sont les premières touchées. Nous appelons les États membres à financer des réseaux communautaires et à ouvrir le spectre aux opérateurs locaux.",
      'q-proposals':
        '{name} propose trois mesures concrètes : un fonds de service universel transparent, une obligation de couverture pour chaque licence de spectre et un programme national de compétences numériques pour les enseignants. Ces mesures doivent être suivies chaque année par des indicateurs publics et discutées avec la société civile.',
    },
    added: ['Nous comptons sur votre soutien.', 'Merci de votre attention.', 'Notre réseau compte des milliers de membres.', 'La situation est urgente dans notre région.'],
    names: ['Association Numérique pour Tous', 'Réseau Citoyen du Sahel', 'Collectif Connectons les Villages', 'Fondation Accès Libre', 'Union des Radios Rurales'],
  },
  {
    language: 'ar',
    texts: {
      'q-priorities':
        'باسم {name} نطالب بأن يكون النفاذ الشامل والميسور إلى الإنترنت الأولوية الأولى للقمة العالمية لمجتمع المعلومات بعد عام 2025. لا تزال المناطق الريفية محرومة من النطاق العريض والمدارس بلا اتصال والنساء هن الأكثر تضررا. ندعو الدول الأعضاء إلى تمويل الشبكات المجتمعية وفتح الطيف للمشغلين المحليين.',
      'q-proposals':
        'تقترح {name} ثلاثة تدابير ملموسة: صندوق خدمة شاملة يتسم بالشفافية والتزام بالتغطية في كل ترخيص للطيف وبرنامج وطني للمهارات الرقمية للمعلمين. ويجب متابعة هذه التدابير كل عام بمؤشرات علنية ومناقشتها مع المجتمع المدني.',
    },
    added: ['نعتمد على دعمكم.', 'شكرا لاهتمامكم.', 'تضم شبكتنا آلاف الأعضاء.', 'الوضع عاجل في منطقتنا.'],
    names: ['جمعية الرقمنة للجميع', 'شبكة المواطنين العربية', 'مؤسسة النفاذ الحر', 'اتحاد الإذاعات الريفية', 'منتدى الشباب الرقمي'],
  },
  {
    language: 'zh',
    texts: {
      'q-priorities':
        '我们代表{name}要求将普遍和负担得起的连通作为二〇二五年后信息社会世界峰会的首要优先事项。农村地区仍然没有宽带，学校没有接入，妇女受到的影响最大。我们呼吁成员国为社区网络提供资金，并向本地运营商开放频谱。',
      'q-proposals':
        '{name}提出三项具体措施：一个透明的普遍服务基金，每一项频谱许可都附带覆盖义务，以及一个面向教师的国家数字技能计划。这些措施应当每年通过公开指标进行跟踪，并与民间社会进行讨论。',
    },
    added: ['我们期待您的支持。', '感谢您的关注。', '我们的网络拥有数千名成员。', '我们地区的情况十分紧迫。'],
    names: ['全民数字协会', '乡村互联网联盟', '开放接入基金会', '青年数字论坛', '社区广播联合会'],
  },
];

/** Words of a text for editing: Chinese characters one by one would be too fine, so by punctuation-free runs of two. */
const splitWords = (language: Locale, text: string) => (language === 'zh' ? (text.match(/[^，。：；]{1,2}|[，。：；]/gu) ?? []) : text.split(' '));
const joinWords = (language: Locale, words: string[]) => words.join(language === 'zh' ? '' : ' ');

/** A copy of a campaign's template with small edits: a name, 0–3 of (two words swapped, a word dropped, a sentence added). */
const campaignCopy = (rand: Rand, campaign: (typeof TEMPLATES)[number], question: (typeof CAMPAIGN_QUESTIONS)[number]) => {
  const name = pick(rand, campaign.names);
  let words = splitWords(campaign.language, campaign.texts[question].replace('{name}', name));
  const edits = Math.floor(rand() * 4);
  for (let e = 0; e < edits; e++) {
    const kind = Math.floor(rand() * 3);
    const at = Math.floor(rand() * (words.length - 1));
    if (kind === 0) [words[at], words[at + 1]] = [words[at + 1] as string, words[at] as string];
    else if (kind === 1) words = [...words.slice(0, at), ...words.slice(at + 1)];
    else words.push(...splitWords(campaign.language, pick(rand, campaign.added)));
  }
  return joinWords(campaign.language, words);
};

/** A freely written text of `min`–`max` words in a language. */
const freeText = (rand: Rand, language: Locale, min: number, max: number) => {
  const n = min + Math.floor(rand() * (max - min + 1));
  const words = Array.from({ length: n }, () => pick(rand, WORDS[language]));
  return joinWords(language, words);
};

const label = (en: string, fr: string) => ({ en, fr });

/** The questionnaire: 30 questions in three sections (4 free-text). */
export const corpusQuestionnaire = (): Questionnaire => {
  const options = ['a', 'b', 'c', 'd'].map((id) => ({ id, label: label(`Option ${id}`, `Option ${id}`) }));
  const closed: Question[] = Array.from({ length: 26 }, (_, i): Question => {
    const id = `q-closed-${i + 1}`;
    const l = label(`Question ${i + 1}`, `Question ${i + 1}`);
    if (i % 3 === 0) return { id, label: l, required: false, type: 'single-choice', options, allowOther: i === 0 };
    if (i % 3 === 1) return { id, label: l, required: false, type: 'scale', min: 1, max: 5 };
    return { id, label: l, required: false, type: 'yes-no' };
  });
  return {
    sections: [
      {
        id: 's-free',
        title: label('Your views', 'Vos avis'),
        questions: [
          { id: 'q-priorities', label: label('What should the priorities be?', 'Quelles devraient être les priorités ?'), required: true, type: 'long-text', maxWords: 500 },
          { id: 'q-proposals', label: label('What do you propose?', 'Que proposez-vous ?'), required: false, type: 'long-text', maxWords: 500 },
          { id: 'q-experience', label: label('Your experience', 'Votre expérience'), required: false, type: 'long-text', maxWords: 500 },
          { id: 'q-name', label: label('Your project', 'Votre projet'), required: false, type: 'short-text' },
        ],
      },
      { id: 's-closed-1', title: label('Questions 1–13', 'Questions 1 à 13'), questions: closed.slice(0, 13) },
      { id: 's-closed-2', title: label('Questions 14–26', 'Questions 14 à 26'), questions: closed.slice(13) },
    ],
  };
};

export type CorpusTruth = Map<string, number>;
/** The key of one text in the ground truth. */
export const truthKey = (answerId: number, questionId: string) => `${answerId}:${questionId}`;

export type Corpus = { consultationId: number; answerIds: number[]; truth: CorpusTruth; campaignAnswers: number };

/** The values (and language, campaign) of the i-th generated answer. */
export const corpusAnswer = (rand: Rand, { campaign }: { campaign: number | null }): { language: Locale; values: AnswerValues } => {
  const languages: Locale[] = ['en', 'fr', 'es', 'ru', 'ar', 'zh'];
  const template = campaign === null ? undefined : TEMPLATES[campaign];
  const language = template?.language ?? pick(rand, languages);
  const values: AnswerValues = {};
  for (const q of CAMPAIGN_QUESTIONS) {
    if (template) values[q] = { text: campaignCopy(rand, template, q) };
    else if (q === 'q-priorities' || rand() < 0.7) values[q] = { text: freeText(rand, language, 25, 70) };
  }
  if (rand() < 0.6) values['q-experience'] = { text: freeText(rand, language, 15, 60) };
  if (rand() < 0.8) values['q-name'] = { text: freeText(rand, language, 2, 5) };
  for (let i = 1; i <= 26; i++) {
    const id = `q-closed-${i}`;
    if ((i - 1) % 3 === 0) values[id] = i === 1 && rand() < 0.1 ? { choice: 'other', other: freeText(rand, language, 3, 8) } : { choice: pick(rand, ['a', 'b', 'c', 'd']) };
    else if ((i - 1) % 3 === 1) values[id] = { number: 1 + Math.floor(rand() * 5) };
    else values[id] = { yes: rand() < 0.5 };
  }
  return { language, values };
};

/** Campaign of the i-th answer: one in five, in three campaigns of 50 %, 30 % and 20 % of that fifth, spread through. */
const campaignOf = (i: number, rand: Rand): number | null => {
  if (i % 5 !== 2) return null;
  const r = rand();
  return r < 0.5 ? 0 : r < 0.8 ? 1 : 2;
};

/**
 * Inserts the consultation (open from 1 January to 1 March of `year`) and its submitted answers (texts not indexed: the caller indexes them,
 * answer by answer with indexAnswerTexts or all at once with reindexConsultationTexts).
 */
export const makeCorpus = async (db: DbOrTx, { answers: count = 5000, seed = 14, year = 2026 }: { answers?: number; seed?: number; year?: number } = {}): Promise<Corpus> => {
  const rand = random(seed);
  const opensAt = new Date(Date.UTC(year, 0, 1));
  const [consultation] = await db
    .insert(consultations)
    .values({
      status: 'closed',
      title: { en: `Generated consultation (${count} answers)`, fr: `Consultation générée (${count} réponses)` },
      originalLanguage: 'en',
      translations: { en: 'original', fr: 'unofficial' },
      opensAt,
      closesAt: new Date(Date.UTC(year, 2, 1)),
    })
    .returning({ id: consultations.id });
  if (!consultation) throw new Error('consultation not inserted');
  await db.insert(versions).values({ consultationId: consultation.id, version: 1, questionnaire: corpusQuestionnaire() });
  const truth: CorpusTruth = new Map();
  const answerIds: number[] = [];
  let campaignAnswers = 0;
  const BATCH = 500;
  for (let start = 0; start < count; start += BATCH) {
    const batch = Array.from({ length: Math.min(BATCH, count - start) }, (_, k) => {
      const i = start + k;
      const campaign = campaignOf(i, rand);
      const { language, values } = corpusAnswer(rand, { campaign });
      return {
        campaign,
        row: {
          consultationId: consultation.id,
          version: 1,
          respondent: `bench:${seed}:${i}`,
          status: 'submitted' as const,
          language,
          values,
          submittedAt: new Date(opensAt.getTime() + i * 60_000),
        },
      };
    });
    const inserted = await db
      .insert(answers)
      .values(batch.map((b) => b.row))
      .returning({ id: answers.id });
    inserted.forEach(({ id }, k) => {
      answerIds.push(id);
      const campaign = batch[k]?.campaign ?? null;
      if (campaign === null) return;
      campaignAnswers++;
      for (const q of CAMPAIGN_QUESTIONS) truth.set(truthKey(id, q), campaign);
    });
  }
  return { consultationId: consultation.id, answerIds, truth, campaignAnswers };
};

/**
 * Precision and recall of a grouping against the truth, over pairs of texts of the same question:
 * precision, of the pairs put in one group, the share from one campaign; recall, of the pairs from
 * one campaign, the share put in one group.
 */
export const pairScores = (found: { answerId: number; questionId: string; campaignId: number | null }[], truth: CorpusTruth) => {
  const pairs = (n: number) => (n * (n - 1)) / 2;
  const cells = new Map<string, number>();
  const foundSizes = new Map<string, number>();
  const trueSizes = new Map<string, number>();
  for (const row of found) {
    const t = truth.get(truthKey(row.answerId, row.questionId));
    if (row.campaignId !== null) foundSizes.set(`${row.campaignId}`, (foundSizes.get(`${row.campaignId}`) ?? 0) + 1);
    if (t !== undefined) trueSizes.set(`${row.questionId}:${t}`, (trueSizes.get(`${row.questionId}:${t}`) ?? 0) + 1);
    if (row.campaignId !== null && t !== undefined) cells.set(`${row.campaignId}|${row.questionId}:${t}`, (cells.get(`${row.campaignId}|${row.questionId}:${t}`) ?? 0) + 1);
  }
  let both = 0;
  for (const n of cells.values()) both += pairs(n);
  let predicted = 0;
  for (const n of foundSizes.values()) predicted += pairs(n);
  let actual = 0;
  for (const n of trueSizes.values()) actual += pairs(n);
  return { precision: predicted === 0 ? 1 : both / predicted, recall: actual === 0 ? 1 : both / actual };
};
