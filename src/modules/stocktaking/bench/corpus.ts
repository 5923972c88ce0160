/**
 * `wsis seed bench`: a realistic corpus of published Stocktaking entries for benchmarks. Titles
 * and summaries are composed from parallel phrases in the six languages (vocabulary.ts), with
 * the distributions of the real database (mostly English originals, a third translated into
 * English, recent years more frequent, a few topics very common). Deterministic for a seed.
 * Rows are inserted in batches with the search columns computed exactly as the commands compute
 * them (searchColumns).
 */
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../core/db/client.js';
import { type Locale, LOCALES, type Localized } from '../../../core/i18n/locales.js';
import { findCountries } from '../../reference/queries.js';
import { searchColumns } from '../commands/entry-content.js';
import type { STAKEHOLDER_TYPES } from '../inputs.js';
import { entries } from '../tables.js';
import { ACTIVITIES, BENEFITS, GROUPS, METHODS, type Phrase, PARTNERS, TOPICS } from './vocabulary.js';

type NewEntry = typeof entries.$inferInsert;

/** mulberry32: a small, fast, seedable generator (the corpus must be the same on every run). */
export const random = (seed: number) => {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let r = Math.imul(a ^ (a >>> 15), 1 | a);
    r = (r + Math.imul(r ^ (r >>> 7), 61 | r)) ^ r;
    return ((r ^ (r >>> 14)) >>> 0) / 4294967296;
  };
};
type Rng = ReturnType<typeof random>;

const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)] as T;
const weighted = <T>(rng: Rng, items: readonly (readonly [T, number])[]): T => {
  const total = items.reduce((s, [, w]) => s + w, 0);
  let r = rng() * total;
  for (const [item, w] of items) {
    r -= w;
    if (r <= 0) return item;
  }
  return (items.at(-1) as readonly [T, number])[0];
};
/** Index drawn with weight 1/(rank+1)^0.9: the first topics are common, the last rare. */
const zipf = (rng: Rng, n: number) =>
  weighted(
    rng,
    Array.from({ length: n }, (_, i) => [i, 1 / (i + 1) ** 0.9] as const),
  );

const ORIGINALS: (readonly [Locale, number])[] = [
  ['en', 52],
  ['fr', 14],
  ['es', 13],
  ['ar', 8],
  ['ru', 7],
  ['zh', 6],
];
/** Lead countries a language's entries often come from (the rest from anywhere). */
const HOME_COUNTRIES: Record<Locale, string[]> = {
  ar: ['EG', 'JO', 'SA', 'AE', 'MA', 'TN', 'OM', 'QA', 'LB', 'DZ', 'SD', 'IQ'],
  en: ['US', 'GB', 'IN', 'KE', 'NG', 'GH', 'PH', 'AU', 'ZA', 'UG', 'RW', 'BD', 'PK', 'CA', 'MY', 'TZ'],
  es: ['ES', 'MX', 'CO', 'AR', 'PE', 'CL', 'EC', 'BO', 'UY', 'PY', 'GT', 'CR'],
  fr: ['FR', 'SN', 'CI', 'CM', 'BF', 'ML', 'BJ', 'MG', 'CH', 'BE', 'TG', 'CD'],
  ru: ['RU', 'KZ', 'BY', 'UZ', 'KG', 'AM', 'AZ', 'TJ'],
  zh: ['CN'],
};
const STAKEHOLDERS: (readonly [(typeof STAKEHOLDER_TYPES)[number], number])[] = [
  ['government', 30],
  ['civil-society', 25],
  ['private-sector', 18],
  ['academia', 12],
  ['international-organization', 10],
  ['other', 5],
];
const ACTION_LINES = [
  'C1',
  'C2',
  'C3',
  'C4',
  'C5',
  'C6',
  'C7.e-government',
  'C7.e-business',
  'C7.e-learning',
  'C7.e-health',
  'C7.e-employment',
  'C7.e-environment',
  'C7.e-agriculture',
  'C7.e-science',
  'C8',
  'C9',
  'C10',
  'C11',
];
const FIRST_YEAR = 2005;
const LAST_YEAR = 2026;

const regionNames = Object.fromEntries(LOCALES.map((l) => [l, new Intl.DisplayNames([l], { type: 'region' })])) as Record<Locale, Intl.DisplayNames>;
/** The country's name in the six languages (CLDR, as the platform shows them). */
const displayed = (code: string): Phrase => Object.fromEntries(LOCALES.map((l) => [l, regionNames[l].of(code) ?? code])) as Phrase;

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
/** French "de" before a word, elided before a vowel or a mute h. */
const de = (word: string) => (/^[aeiouyéèêâîôûh]/i.test(word) ? `d’${word}` : `de ${word}`);

type Slots = { topic: Phrase; activity: Phrase; group: Phrase; place: Phrase; method: Phrase; benefit: Phrase; partner: Phrase; since: number; people: number };

/** The title in one language, in one of three shapes. */
const titleIn = (l: Locale, s: Slots, shape: number): string => {
  const topic = s.topic[l];
  const act = s.activity[l];
  const group = s.group[l];
  const place = s.place[l];
  switch (l) {
    case 'en':
      return [`${capitalize(topic)} ${act.toLowerCase()} for ${group}`, `${act} on ${topic} in ${place}`, `${capitalize(topic)} for ${group} in ${place}`][shape] as string;
    case 'fr':
      return [`${act} ${de(topic)} pour ${group}`, `${act} ${de(topic)} – ${place}`, `${capitalize(topic)} pour ${group} (${place})`][shape] as string;
    case 'es':
      return [`${act} de ${topic} para ${group}`, `${act} de ${topic} en ${place}`, `${capitalize(topic)} para ${group} de ${place}`][shape] as string;
    case 'ru':
      return [`${act} «${topic}» для ${group}`, `${act} «${topic}» (${place})`, `${topic} для ${group} (${place})`][shape] as string;
    case 'ar':
      return [`${act} في مجال ${topic} ${group}`, `${act} في مجال ${topic} في ${place}`, `${topic} ${group} في ${place}`][shape] as string;
    case 'zh':
      return [`面向${group}的${topic}${act}`, `${place}${topic}${act}`, `${place}${group}${topic}${act}`][shape] as string;
  }
};

/**
 * Two to four sentences (what, how, how many since when, with whom), each in one of three
 * wordings (`wording`, the same in every language of an entry), so that no connecting word is in
 * every entry: the most frequent words of the corpus are its subjects, as in real entries.
 */
const summaryIn = (l: Locale, s: Slots, sentences: number, wording: number): string => {
  const n = new Intl.NumberFormat(l === 'ar' ? 'ar-u-nu-latn' : l).format(s.people);
  const { topic, group, place, method, benefit, partner } = {
    topic: s.topic[l],
    group: s.group[l],
    place: s.place[l],
    method: s.method[l],
    benefit: s.benefit[l],
    partner: s.partner[l],
  };
  const act = s.activity.en.toLowerCase();
  const parts: Record<Locale, string[][]> = {
    en: [
      [`The ${act} brings ${topic} to ${group} in ${place}.`, `This ${act} supports ${group} in ${place} with ${topic}.`, `In ${place}, ${group} gain from ${topic}.`],
      [`It uses ${method} to ${benefit}.`, `Relying on ${method}, it aims to ${benefit}.`, `${capitalize(method)} help to ${benefit}.`],
      [`Since ${s.since}, more than ${n} people have benefited.`, `${n} people have taken part since ${s.since}.`, `Started in ${s.since}, it has reached ${n} beneficiaries.`],
      [`It is carried out with ${partner}.`, `Partners include ${partner}.`, `Implemented together with ${partner}.`],
    ],
    fr: [
      [
        `Mis en œuvre dans le pays suivant : ${place}, le projet agit en matière ${de(topic)} pour ${group}.`,
        `L’initiative porte sur ${topic} ; public visé : ${group} (${place}).`,
        `${place} : ${topic} pour ${group}.`,
      ],
      [`Il s’appuie sur ${method} pour ${benefit}.`, `Grâce à ${method}, il s’agit ${de(benefit)}.`, `L’objectif est ${de(benefit)}, avec ${method}.`],
      [`Depuis ${s.since}, plus de ${n} personnes en ont bénéficié.`, `${n} bénéficiaires depuis ${s.since}.`, `Lancé en ${s.since}, il a touché ${n} personnes.`],
      [`Il est mené avec ${partner}.`, `Partenaires : ${partner}.`, `Réalisé en partenariat avec ${partner}.`],
    ],
    es: [
      [`El proyecto lleva ${topic} a ${group} de ${place}.`, `La iniciativa ofrece ${topic} a ${group} en ${place}.`, `En ${place}, ${group} acceden a ${topic}.`],
      [`Utiliza ${method} para ${benefit}.`, `Con ${method} busca ${benefit}.`, `Su objetivo es ${benefit} mediante ${method}.`],
      [`Desde ${s.since}, más de ${n} personas se han beneficiado.`, `${n} participantes desde ${s.since}.`, `Iniciado en ${s.since}, ha llegado a ${n} personas.`],
      [`Se ejecuta junto con ${partner}.`, `Socios: ${partner}.`, `Cuenta con el apoyo de ${partner}.`],
    ],
    ru: [
      [
        `Проект развивает направление «${topic}» в интересах ${group} (${place}).`,
        `Инициатива в области «${topic}» ориентирована на нужды ${group} (${place}).`,
        `${place}: «${topic}» для ${group}.`,
      ],
      [`Проект использует ${method}, чтобы ${benefit}.`, `Задача — ${benefit}; применяются ${method}.`, `Чтобы ${benefit}, задействованы ${method}.`],
      [`С ${s.since} года поддержку получили более ${n} человек.`, `Участники с ${s.since} года: ${n} человек.`, `Начат в ${s.since} году, охват — ${n} человек.`],
      [`Проект реализуется совместно с ${partner}.`, `Работа ведется вместе с ${partner}.`, `Партнерство с ${partner}.`],
    ],
    ar: [
      [`يهدف المشروع إلى تعزيز ${topic} ${group} في ${place}.`, `تقدم المبادرة ${topic} ${group} في ${place}.`, `في ${place}، ${topic} ${group}.`],
      [`ويستخدم المشروع ${method} من أجل ${benefit}.`, `ويعتمد على ${method} بهدف ${benefit}.`, `والغاية ${benefit} باستخدام ${method}.`],
      [`ومنذ عام ${s.since}، استفاد منه أكثر من ${n} شخص.`, `وبلغ عدد المستفيدين ${n} منذ ${s.since}.`, `انطلق في ${s.since} ووصل إلى ${n} شخص.`],
      [`وينفَّذ المشروع بالتعاون مع ${partner}.`, `ومن الشركاء ${partner}.`, `بالشراكة مع ${partner}.`],
    ],
    zh: [
      [`该项目在${place}为${group}提供${topic}服务。`, `本倡议面向${place}的${group}，重点是${topic}。`, `在${place}，${group}受惠于${topic}。`],
      [`项目利用${method}${benefit}。`, `借助${method}，目标是${benefit}。`, `通过${method}来${benefit}。`],
      [`自${s.since}年以来，已有${n}多人受益。`, `${s.since}年起共有${n}人参与。`, `始于${s.since}年，覆盖${n}人。`],
      [`项目与${partner}合作实施。`, `合作伙伴包括${partner}。`, `由${partner}共同推进。`],
    ],
  };
  return parts[l]
    .slice(0, sentences)
    .map((variants, i) => variants[(wording + i) % variants.length] as string)
    .join(l === 'zh' ? '' : ' ');
};

/** `year`: every entry published in that year (a corpus for one year's report), else 2005–2026 with recent years more frequent. */
export type CorpusContext = { countries: { code: string; region: string | null }[]; year?: number };

/** The nth entry of the corpus of `seed` (independent of batch boundaries). */
export const corpusEntry = (context: CorpusContext, seed: number, index: number): NewEntry => {
  const rng = random(seed * 1_000_003 + index);
  const original = weighted(rng, ORIGINALS);
  const topicIndex = zipf(rng, TOPICS.length);
  const topic = TOPICS[topicIndex] as (typeof TOPICS)[number];
  const group = GROUPS[zipf(rng, GROUPS.length)] as (typeof GROUPS)[number];
  const byCode = new Map(context.countries.map((c) => [c.code, c]));
  const home = HOME_COUNTRIES[original].filter((c) => byCode.has(c));
  const leadCountry = rng() < 0.75 && home.length > 0 ? pick(rng, home) : pick(rng, context.countries).code;
  // More entries in recent years (the database grows every year).
  const drawn = FIRST_YEAR + Math.floor((LAST_YEAR - FIRST_YEAR + 1) * Math.sqrt(rng()));
  const year = context.year ?? drawn;
  const publishedAt = new Date(Date.UTC(year, Math.floor(rng() * 12), 1 + Math.floor(rng() * 28), 8 + Math.floor(rng() * 10), Math.floor(rng() * 60)));
  if (context.year === undefined && publishedAt > new Date()) publishedAt.setUTCFullYear(year - 1);
  const slots: Slots = {
    topic: topic.text,
    activity: pick(rng, ACTIVITIES),
    group: group.text,
    place: displayed(leadCountry),
    method: pick(rng, METHODS),
    benefit: pick(rng, BENEFITS),
    partner: pick(rng, PARTNERS),
    since: Math.max(FIRST_YEAR - 3, publishedAt.getUTCFullYear() - Math.floor(rng() * 4)),
    people: pick(rng, [120, 450, 800, 1200, 2500, 5000, 12000, 30000, 75000, 250000]),
  };
  // A third of the entries have an English translation; some have more languages.
  const languages = new Set<Locale>([original]);
  if (original !== 'en' && rng() < 0.35) languages.add('en');
  for (const l of LOCALES) if (rng() < 0.06) languages.add(l);
  const shape = Math.floor(rng() * 3);
  const sentences = 2 + Math.floor(rng() * 3);
  const wording = Math.floor(rng() * 3);
  const title: Localized = {};
  const summary: Localized = {};
  const description: Localized = {};
  const translations: Partial<Record<Locale, 'original' | 'unofficial' | 'reviewed'>> = {};
  for (const l of LOCALES) {
    if (!languages.has(l)) continue;
    title[l] = titleIn(l, slots, shape);
    summary[l] = summaryIn(l, slots, sentences, wording);
    translations[l] = l === original ? 'original' : rng() < 0.3 ? 'reviewed' : 'unofficial';
  }
  description[original] =
    `${summaryIn(original, slots, 4, wording)}\n\n${summaryIn(original, { ...slots, method: pick(rng, METHODS), benefit: pick(rng, BENEFITS) }, 2, wording + 1)}`;
  const actionLines = new Set(topic.actionLines.map((c) => (c === 'C7' ? 'C7.e-government' : c)));
  if (rng() < 0.25) actionLines.add(pick(rng, ACTION_LINES));
  const sdgs = new Set(topic.sdgs);
  if (rng() < 0.3) sdgs.add(1 + Math.floor(rng() * 17));
  const countries = new Set([leadCountry]);
  const scope = weighted(rng, [
    ['national', 70],
    ['regional', 20],
    ['international', 10],
  ] as const);
  if (scope !== 'national') for (let i = 0; i < 1 + Math.floor(rng() * 4); i++) countries.add(pick(rng, context.countries).code);
  const targetGroups = new Set<string>();
  if (group.code) targetGroups.add(group.code);
  if (rng() < 0.2) targetGroups.add(pick(rng, ['youth', 'women-and-girls', 'persons-with-disabilities', 'low-income']));
  const projectStatus = weighted(rng, [
    ['ongoing', 50],
    ['completed', 40],
    ['planned', 10],
  ] as const);
  const start = new Date(Date.UTC(slots.since, Math.floor(rng() * 12), 1));
  return {
    state: 'published',
    originalLanguage: original,
    title,
    summary,
    description,
    translations,
    stakeholderType: weighted(rng, STAKEHOLDERS),
    leadCountry,
    countries: [...countries],
    region: byCode.get(leadCountry)?.region ?? null,
    scope,
    actionLines: [...actionLines],
    sdgs: [...sdgs].sort((a, b) => a - b),
    targetGroups: [...targetGroups],
    projectStatus,
    startDate: start.toISOString().slice(0, 10),
    endDate: projectStatus === 'completed' ? `${Math.min(LAST_YEAR, slots.since + 1 + Math.floor(rng() * 4))}-12-31` : null,
    website: rng() < 0.6 ? `https://example.org/projects/${seed}-${index}` : null,
    isDemo: true,
    createdAt: publishedAt,
    updatedAt: publishedAt,
    submittedAt: publishedAt,
    publishedAt,
    publishedYear: publishedAt.getUTCFullYear(),
  };
};

export type SeedBenchOptions = { entries: number; seed?: number; batchSize?: number; onBatch?: (inserted: number) => void; year?: number };

/**
 * Inserts `entries` published demo entries (isDemo: they are benchmark data), in batches of one
 * multi-row INSERT each; returns how many rows the table holds afterwards.
 */
export const seedBenchEntries = async (db: DbOrTx, { entries: count, seed = 1, batchSize = 250, onBatch, year }: SeedBenchOptions): Promise<number> => {
  const countries = (await findCountries(db)).map((c) => ({ code: c.code, region: c.region }));
  if (countries.length === 0) throw new Error('no reference countries: load the reference data first (wsis seed reference)');
  const context: CorpusContext = { countries, year };
  const [offsetRow] = (await db.execute<{ n: string | number }>(sql`select count(*) as n from ${entries}`)).rows;
  const offset = Number(offsetRow?.n ?? 0);
  for (let from = 0; from < count; from += batchSize) {
    const rows = Array.from({ length: Math.min(batchSize, count - from) }, (_, i) => {
      const entry = corpusEntry(context, seed, offset + from + i);
      return { ...entry, ...searchColumns(entry) };
    });
    await db.insert(entries).values(rows);
    onBatch?.(rows.length);
  }
  // Fresh statistics, so that the first searches are planned for the table's real size.
  await db.execute(sql`analyze ${entries}`);
  const [after] = (await db.execute<{ n: string | number }>(sql`select count(*) as n from ${entries}`)).rows;
  return Number(after?.n ?? 0);
};
