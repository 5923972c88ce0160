/**
 * The results of a consultation as data: per question, counts and percentages "as submitted" and
 * "with each campaign counted once" side by side, the versions answers used, participation and an
 * optional breakdown. A function of the database only (no request), so the page, the API, the
 * synthesis and the periodic reports all read the same figures.
 */
import { readTogether } from '../../../core/db/reads.js';
import type { DbOrTx } from '../../../core/db/client.js';
import type { Locale, Localized } from '../../../core/i18n/locales.js';
import { hasMessage, localizeWithLocale, translator } from '../../../core/i18n/translate.js';
import { countryName, regionName } from '../../reference/queries.js';
import { type Question, type QuestionType, questionsOf } from '../questionnaire.js';
import { type Consultation, findVersions, getConsultation } from '../queries.js';
import { type Breakdown, findCampaignGroups, findParticipation, findQuestionVersions, findTallies, findThemeTallies, type ParticipationRow, type TallyRow } from './queries.js';

/** A figure counted both ways: every submitted answer, and each campaign group once. */
export type Pair = { asSubmitted: number; campaignsOnce: number };
/** One value of a question (a choice, a scale point, yes or no, a code, a theme) with its count and share (0–100) of the question's respondents. */
export type Figure = { key: string; label: string; count: Pair; percent: Pair };
export type RankedOption = { key: string; label: string; count: Pair; meanRank: { asSubmitted: number | null; campaignsOnce: number | null }; borda: Pair };
export type CampaignGroup = { id: number; size: number; text: string; language: string };
export type BreakdownGroup = { key: string; label: string; respondents: Pair; figures: Figure[]; mean: { asSubmitted: number | null; campaignsOnce: number | null } | null };

export type QuestionResult = {
  id: string;
  type: QuestionType;
  label: string;
  section: string;
  /** Answers to it per version of the questionnaire. */
  versions: { version: number; count: number }[];
  respondents: Pair;
  /** Submitted answers that did not answer it (skipped, or hidden by a condition). */
  notAnswered: number;
  figures: Figure[];
  /** Scale: the mean. */
  mean: { asSubmitted: number | null; campaignsOnce: number | null } | null;
  /** Ranking: mean rank (1 is first) and Borda points (n options: first gets n, last 1). */
  ranking: RankedOption[];
  /** Free text: theme counts of the coding, and the campaign groups. */
  themes: Figure[];
  campaigns: CampaignGroup[];
  breakdown: BreakdownGroup[];
};

export type Participation = {
  answers: Pair;
  byDimension: Record<string, { key: string; label: string; count: Pair }[]>;
};

export type ConsultationResults = {
  consultationId: number;
  title: string;
  status: Consultation['status'];
  locale: Locale;
  counting: 'as-submitted' | 'campaigns-once';
  breakdown: Breakdown | null;
  currentVersion: number;
  versions: { version: number; count: number; changeNote: string }[];
  participation: Participation;
  questions: QuestionResult[];
  computedAt: string;
};

const languageNames = new Map<Locale, Intl.DisplayNames>();
const languageName = (code: string, locale: Locale) => {
  let names = languageNames.get(locale);
  if (!names) {
    names = new Intl.DisplayNames([locale], { type: 'language', fallback: 'code' });
    languageNames.set(locale, names);
  }
  try {
    return names.of(code) ?? code;
  } catch {
    return code;
  }
};

/** The reader's label of a breakdown or participation group ('not-given' is always said, never guessed). */
export const groupLabel = (dimension: string, key: string, locale: Locale): string => {
  const t = translator(locale);
  if (key === 'not-given') return t('consultations.results.not_given');
  switch (dimension) {
    case 'stakeholder':
      return hasMessage(`accounts.stakeholder_types.${key}`) ? t(`accounts.stakeholder_types.${key}`) : key;
    case 'region':
      return regionName(key, locale);
    case 'country':
      return countryName(key, locale);
    case 'gender':
      return hasMessage(`consultations.results.gender_${key}`) ? t(`consultations.results.gender_${key}`) : key;
    case 'language':
      return languageName(key, locale);
    case 'kind':
      return t(`consultations.results.kind_${key === 'organization' ? 'organization' : 'individual'}`);
    case 'version':
      return t('consultations.results.version', { version: Number(key) });
    default:
      return key;
  }
};

const percentOf = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 1000) / 10 : 0);
const round2 = (n: number | null) => (n === null ? null : Math.round(n * 100) / 100);

/** The values a question offers, in their order, with labels (scale points, yes/no, options; 'other' when offered). */
const offeredValues = (question: Question, text: (v: Localized | undefined) => string, t: (key: string) => string): { key: string; label: string }[] => {
  switch (question.type) {
    case 'single-choice':
    case 'multiple-choice':
      return [...question.options.map((o) => ({ key: o.id, label: text(o.label) })), ...(question.allowOther ? [{ key: 'other', label: t('consultations.results.other') }] : [])];
    case 'ranking':
      return question.options.map((o) => ({ key: o.id, label: text(o.label) }));
    case 'scale':
      return Array.from({ length: Math.max(0, Math.min(100, question.max - question.min + 1)) }, (_, i) => ({ key: String(question.min + i), label: String(question.min + i) }));
    case 'yes-no':
      return [
        { key: 'yes', label: t('consultations.results.yes') },
        { key: 'no', label: t('consultations.results.no') },
      ];
    default:
      return [];
  }
};

const codeLabel = (question: Question, code: string, locale: Locale) => (question.type === 'reference' && question.list === 'countries' ? countryName(code, locale) : code);

/** Figures of one question from its tally rows (one breakdown group, or all). */
const figuresOf = ({
  question,
  rows,
  offered,
  respondents,
  locale,
  otherLabel,
}: {
  question: Question;
  rows: TallyRow[];
  offered: { key: string; label: string }[];
  respondents: Pair;
  locale: Locale;
  otherLabel: string;
}): Figure[] => {
  const byItem = new Map(rows.filter((r) => r.item !== '#').map((r) => [r.item, r]));
  const keys = [...offered];
  // Values given that the newest version no longer offers (an older version's option, 'other'): still counted, at the end.
  for (const item of byItem.keys()) if (!keys.some((k) => k.key === item)) keys.push({ key: item, label: item === 'other' ? otherLabel : codeLabel(question, item, locale) });
  const figures = keys.map(({ key, label }) => {
    const row = byItem.get(key);
    const count = { asSubmitted: row?.count ?? 0, campaignsOnce: row?.once ?? 0 };
    return {
      key,
      label,
      count,
      percent: { asSubmitted: percentOf(count.asSubmitted, respondents.asSubmitted), campaignsOnce: percentOf(count.campaignsOnce, respondents.campaignsOnce) },
    };
  });
  // Codes of reference data have no order of their own: most given first.
  return question.type === 'reference' ? figures.sort((a, b) => b.count.asSubmitted - a.count.asSubmitted || a.key.localeCompare(b.key)) : figures;
};

const meanOf = (row: TallyRow | undefined) =>
  row && row.numSum !== null
    ? { asSubmitted: round2(row.count > 0 ? row.numSum / row.count : null), campaignsOnce: round2(row.once > 0 && row.numSumOnce !== null ? row.numSumOnce / row.once : null) }
    : null;

/**
 * Every figure of a consultation's results in the reader's language. `campaignsOnce` says which
 * counting the reader chose to see first (both are always in the data); `breakdown` adds each
 * question's figures per group. Only submitted answers count. Assumes the caller checked the
 * reader may see the results (published, or consultations.consultation.analyse).
 */
export const consultationResults = async (
  db: DbOrTx,
  consultationId: number,
  { locale, campaignsOnce = false, breakdown = null }: { locale: Locale; campaignsOnce?: boolean; breakdown?: Breakdown | null },
): Promise<ConsultationResults> => {
  const consultation = await getConsultation(db, consultationId);
  const t = translator(locale);
  const text = (v: Localized | undefined) => localizeWithLocale(v, locale).text;
  const versions = await findVersions(db, consultationId);
  const reads = [
    () => findTallies(db, { consultationId, versions, breakdown: null }),
    () => (breakdown ? findTallies(db, { consultationId, versions, breakdown }) : Promise.resolve([] as TallyRow[])),
    () => findQuestionVersions(db, consultationId),
    () => findParticipation(db, consultationId),
    () => findThemeTallies(db, consultationId),
    () => findCampaignGroups(db, consultationId),
  ] as const;
  const [tallies, grouped, perVersion, participationRows, themeRows, campaignRows] = (await readTogether<unknown>(db, reads)) as [
    TallyRow[],
    TallyRow[],
    Awaited<ReturnType<typeof findQuestionVersions>>,
    ParticipationRow[],
    Awaited<ReturnType<typeof findThemeTallies>>,
    Awaited<ReturnType<typeof findCampaignGroups>>,
  ];

  const participation = participationOf(participationRows, locale);
  const total = participation.answers;

  // Questions of the current version in its order, then those only older versions asked (newest wording wins).
  const seen = new Map<string, { question: Question; section: string }>();
  for (const v of versions) for (const s of v.questionnaire.sections) for (const q of s.questions) if (!seen.has(q.id)) seen.set(q.id, { question: q, section: text(s.title) });
  const current = versions.find((v) => v.version === consultation.currentVersion);
  const order = [...(current ? questionsOf(current.questionnaire).map((q) => q.id) : []), ...seen.keys()].filter((id, i, all) => all.indexOf(id) === i);

  const rowsOf = (rows: TallyRow[], q: string) => rows.filter((r) => r.q === q);
  const otherLabel = t('consultations.results.other');

  const questions = order.flatMap((id): QuestionResult[] => {
    const entry = seen.get(id);
    if (!entry) return [];
    const { question, section } = entry;
    const rows = rowsOf(tallies, id);
    const head = rows.find((r) => r.item === '#');
    const respondents = { asSubmitted: head?.count ?? 0, campaignsOnce: head?.once ?? 0 };
    const offered = offeredValues(question, text, t);
    const figures =
      question.type === 'short-text' || question.type === 'long-text' || question.type === 'file' ? [] : figuresOf({ question, rows, offered, respondents, locale, otherLabel });
    const ranking =
      question.type === 'ranking'
        ? figures.map((f) => {
            const row = rows.find((r) => r.item === f.key);
            return {
              key: f.key,
              label: f.label,
              count: f.count,
              meanRank: {
                asSubmitted: round2(row && row.count > 0 && row.numSum !== null ? row.numSum / row.count : null),
                campaignsOnce: round2(row && row.once > 0 && row.numSumOnce !== null ? row.numSumOnce / row.once : null),
              },
              borda: { asSubmitted: round2(row?.ptsSum ?? 0) ?? 0, campaignsOnce: round2(row?.ptsSumOnce ?? 0) ?? 0 },
            };
          })
        : [];
    const themes = themeRows
      .filter((r) => r.q === id)
      .map((r) => ({
        key: String(r.themeId),
        label: text(r.label),
        count: { asSubmitted: r.count, campaignsOnce: r.once },
        percent: { asSubmitted: percentOf(r.count, respondents.asSubmitted), campaignsOnce: percentOf(r.once, respondents.campaignsOnce) },
      }));
    const groupRows = rowsOf(grouped, id);
    const groupKeys = [...new Set(groupRows.map((r) => r.dim))].sort();
    const breakdownGroups = breakdown
      ? groupKeys
          .map((key) => {
            const inGroup = groupRows.filter((r) => r.dim === key);
            const h = inGroup.find((r) => r.item === '#');
            const resp = { asSubmitted: h?.count ?? 0, campaignsOnce: h?.once ?? 0 };
            return {
              key,
              label: groupLabel(breakdown, key, locale),
              respondents: resp,
              figures: figures.length > 0 ? figuresOf({ question, rows: inGroup, offered, respondents: resp, locale, otherLabel }) : [],
              mean: question.type === 'scale' ? meanOf(h) : null,
            };
          })
          .sort((a, b) => Number(a.key === 'not-given') - Number(b.key === 'not-given') || a.label.localeCompare(b.label, locale))
      : [];
    return [
      {
        id,
        type: question.type,
        label: text(question.label),
        section,
        versions: perVersion
          .filter((r) => r.q === id)
          .map((r) => ({ version: r.version, count: r.count }))
          .sort((a, b) => a.version - b.version),
        respondents,
        notAnswered: Math.max(0, total.asSubmitted - respondents.asSubmitted),
        figures,
        mean: question.type === 'scale' ? meanOf(head) : null,
        ranking,
        themes,
        campaigns: campaignRows.filter((r) => r.q === id).map((r) => ({ id: r.id, size: r.size, text: r.text, language: r.language })),
        breakdown: breakdownGroups,
      },
    ];
  });

  const versionCounts = participation.byDimension.version ?? [];
  return {
    consultationId,
    title: text(consultation.title),
    status: consultation.status,
    locale,
    counting: campaignsOnce ? 'campaigns-once' : 'as-submitted',
    breakdown,
    currentVersion: consultation.currentVersion,
    versions: [...versions]
      .sort((a, b) => a.version - b.version)
      .map((v) => ({ version: v.version, count: versionCounts.find((c) => c.key === String(v.version))?.count.asSubmitted ?? 0, changeNote: text(v.changeNote) })),
    participation,
    questions,
    computedAt: new Date().toISOString(),
  };
};

const participationOf = (rows: ParticipationRow[], locale: Locale): Participation => {
  const totalRow = rows.find((r) => r.dimension === 'total');
  const byDimension: Participation['byDimension'] = {};
  for (const r of rows) {
    if (r.dimension === 'total') continue;
    const list = byDimension[r.dimension] ?? [];
    byDimension[r.dimension] = list;
    list.push({ key: r.key, label: groupLabel(r.dimension, r.key, locale), count: { asSubmitted: r.count, campaignsOnce: r.once } });
  }
  for (const [dimension, list] of Object.entries(byDimension)) {
    list.sort((a, b) =>
      dimension === 'version'
        ? Number(a.key) - Number(b.key)
        : Number(a.key === 'not-given') - Number(b.key === 'not-given') || b.count.asSubmitted - a.count.asSubmitted || a.label.localeCompare(b.label, locale),
    );
  }
  return { answers: { asSubmitted: totalRow?.count ?? 0, campaignsOnce: totalRow?.once ?? 0 }, byDimension };
};
