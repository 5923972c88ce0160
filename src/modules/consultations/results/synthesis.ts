/**
 * The synthesis for the Council as data: the method, participation figures, per-question results,
 * the main themes with short quotes of coded answers, and the campaign groups, in one language.
 * Built from consultationResults; the HTML page, the DOCX, the periodic report and the frozen copy
 * (consultations_syntheses, all six languages) all render this object.
 */
import type { DbOrTx } from '../../../core/db/client.js';
import { type Locale, LOCALES } from '../../../core/i18n/locales.js';
import { formatters, localizeWithLocale, translator } from '../../../core/i18n/translate.js';
import { getConsultation } from '../queries.js';
import { findFrozenSynthesis, findThemeQuotes } from './queries.js';
import { type ConsultationResults, consultationResults, type Pair, type QuestionResult } from './results.js';

/** Quotes longer than this many characters are cut (a synthesis quotes, it does not reproduce answers). */
export const QUOTE_CHARS = 280;
const QUOTES_PER_THEME = 3;
const TOP_THEMES = 10;

export type SynthesisTheme = { label: string; question: string; count: Pair; quotes: { text: string; language: string }[] };
export type SynthesisCampaign = { question: string; size: number; text: string; language: string };

export type Synthesis = {
  consultationId: number;
  locale: Locale;
  title: string;
  /** Paragraphs saying how the consultation was run and how the figures are counted. */
  method: string[];
  participation: ConsultationResults['participation'];
  versions: ConsultationResults['versions'];
  questions: QuestionResult[];
  themes: SynthesisTheme[];
  campaigns: SynthesisCampaign[];
  builtAt: string;
};

/** The frozen synthesis: the data of every language as built at the moment of freezing. */
export type FrozenSynthesisData = { byLocale: Partial<Record<Locale, Synthesis>> };

const quote = (text: string) => {
  const chars = [...text.trim()];
  return chars.length > QUOTE_CHARS ? `${chars.slice(0, QUOTE_CHARS - 1).join('')}…` : chars.join('');
};

/** The synthesis of a consultation in one language, from the live data. Assumes the reader may see the results. */
export const buildSynthesis = async (db: DbOrTx, consultationId: number, { locale }: { locale: Locale }): Promise<Synthesis> => {
  const consultation = await getConsultation(db, consultationId);
  const t = translator(locale);
  const fmt = formatters(locale);
  const results = await consultationResults(db, consultationId, { locale });
  const quotes = await findThemeQuotes(db, { consultationId, perTheme: QUOTES_PER_THEME });
  const labelOf = new Map(results.questions.map((q) => [q.id, q.label]));
  const themes = results.questions
    .flatMap((q) =>
      q.themes.map((th) => ({
        label: th.label,
        question: q.label,
        count: th.count,
        quotes: quotes.filter((r) => String(r.themeId) === th.key && r.q === q.id).map((r) => ({ text: quote(r.text), language: r.language })),
      })),
    )
    .sort((a, b) => b.count.asSubmitted - a.count.asSubmitted)
    .slice(0, TOP_THEMES);
  const campaigns = results.questions.flatMap((q) => q.campaigns.map((c) => ({ question: labelOf.get(q.id) ?? q.id, size: c.size, text: quote(c.text), language: c.language })));
  const method = [
    t('consultations.results.method_call', {
      opens: fmt.date(consultation.opensAt, { dateStyle: 'long' }),
      closes: fmt.date(consultation.closesAt, { dateStyle: 'long' }),
      versions: results.versions.length,
    }),
    t('consultations.results.method_counting'),
    t('consultations.results.method_coding', { themes: themes.length }),
  ];
  return {
    consultationId,
    locale,
    title: localizeWithLocale(consultation.title, locale).text,
    method,
    participation: results.participation,
    versions: results.versions,
    questions: results.questions.map((q) => ({ ...q, breakdown: [] })),
    themes,
    campaigns,
    builtAt: new Date().toISOString(),
  };
};

/** The synthesis in every language, as frozen. */
export const buildSynthesisInEveryLanguage = async (db: DbOrTx, consultationId: number): Promise<FrozenSynthesisData> => {
  const byLocale: FrozenSynthesisData['byLocale'] = {};
  for (const locale of LOCALES) byLocale[locale] = await buildSynthesis(db, consultationId, { locale });
  return { byLocale };
};

/** The synthesis a reader sees: the frozen one (in their language) when it exists, else the live one. */
export const currentSynthesis = async (db: DbOrTx, consultationId: number, { locale }: { locale: Locale }) => {
  const frozen = await findFrozenSynthesis(db, consultationId);
  const kept = (frozen?.data as FrozenSynthesisData | undefined)?.byLocale?.[locale];
  if (frozen && kept) return { synthesis: kept, frozen: { at: frozen.frozenAt, by: frozen.frozenByName } };
  return { synthesis: await buildSynthesis(db, consultationId, { locale }), frozen: null };
};
