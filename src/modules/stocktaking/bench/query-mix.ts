/**
 * The search benchmark's query mix, taken from the corpus itself: the twenty most frequent words
 * of each language (the worst case: each matches thousands of entries), the same words with facet
 * filters, two-word queries, misspelt words (the typo-tolerant path) and filters without words.
 */
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../core/db/client.js';
import { type Locale, LOCALES } from '../../../core/i18n/locales.js';
import type { MaybeActor } from '../../../core/permissions/index.js';
import { type EntryFilters, type FindEntriesArgs, findEntries } from '../queries.js';
import { SEARCH_CONFIGS, segmentChinese } from '../search.js';
import { entries } from '../tables.js';
import { random } from './corpus.js';

export type MixKind = 'frequent word' | 'frequent word + facets' | 'two words' | 'typo' | 'facets only';
export type MixQuery = { kind: MixKind; args: FindEntriesArgs };

/** The `n` words found in most entries of each language (stop words left out), most frequent first. */
export const frequentWords = async (db: DbOrTx, n = 20, sample = 3000): Promise<Record<Locale, string[]>> => {
  const result = {} as Record<Locale, string[]>;
  for (const locale of LOCALES) {
    const rows = await db.execute<{ t: string }>(
      sql`select coalesce(${entries.title}->>${locale}, '') || ' ' || coalesce(${entries.summary}->>${locale}, '') as t from ${entries} where ${entries.title} ? ${locale} and ${entries.state} = 'published' order by ${entries.id} limit ${sample}`,
    );
    const documents = new Map<string, number>();
    for (const { t } of rows.rows) {
      const words = locale === 'zh' ? segmentChinese(t).split(' ') : t.toLowerCase().split(/[^\p{L}\p{M}\p{N}]+/u);
      for (const w of new Set(words)) if (w && !/^\p{N}+$/u.test(w) && (locale === 'zh' ? w.length >= 2 : w.length >= 4)) documents.set(w, (documents.get(w) ?? 0) + 1);
    }
    const candidates = [...documents.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, n * 3);
    // Stop words (which the language's configuration drops) are not searches anyone makes.
    const kept = await db.execute<{ w: string }>(
      sql`select w from unnest(${sql.param(candidates.map(([w]) => w))}::text[]) with ordinality as c(w, i) where to_tsvector(${SEARCH_CONFIGS[locale]}::regconfig, w) <> ''::tsvector order by i`,
    );
    result[locale] = kept.rows.map((r) => r.w).slice(0, n);
  }
  return result;
};

/** A plausible typo: one letter dropped in the middle of the word. */
const misspell = (word: string) => {
  const letters = [...word];
  const at = Math.floor(letters.length / 2);
  return [...letters.slice(0, at), ...letters.slice(at + 1)].join('');
};

const FILTERS: EntryFilters[] = [
  { actionLine: ['C2'] },
  { sdg: ['4'] },
  { region: ['AFR'] },
  { year: ['2024'] },
  { stakeholderType: ['government'], status: ['ongoing'] },
  { actionLine: ['C7.e-health', 'C7.e-learning'], region: ['ASP', 'ARB'] },
  { targetGroup: ['women-and-girls'] },
  { country: ['KE', 'FR', 'CN'] },
];

/** The query mix: for each language, its frequent words alone and with filters, two-word and misspelt queries; and filters alone. */
export const buildQueryMix = (words: Record<Locale, string[]>, actor: MaybeActor = null): MixQuery[] => {
  const rng = random(7);
  const mix: MixQuery[] = [];
  for (const locale of LOCALES) {
    const list = words[locale];
    list.forEach((q, i) => {
      mix.push({ kind: 'frequent word', args: { actor, locale, q } });
      mix.push({ kind: 'frequent word + facets', args: { actor, locale, q, filters: FILTERS[i % FILTERS.length] } });
    });
    for (let i = 0; i + 1 < list.length; i += 4) mix.push({ kind: 'two words', args: { actor, locale, q: `${list[i]} ${list[i + 1]}` } });
    for (const w of list.filter((w) => [...w].length >= 7).slice(0, 4)) mix.push({ kind: 'typo', args: { actor, locale, q: misspell(w) } });
  }
  for (const [i, filters] of FILTERS.entries()) mix.push({ kind: 'facets only', args: { actor, locale: LOCALES[i % LOCALES.length] as Locale, filters } });
  mix.push({ kind: 'facets only', args: { actor, locale: 'en' } });
  mix.push({ kind: 'facets only', args: { actor, locale: 'fr', page: 40 } });
  // A stable shuffle, so that no language or kind is measured in a block.
  return mix
    .map((m) => ({ m, k: rng() }))
    .sort((a, b) => a.k - b.k)
    .map(({ m }) => m);
};

export type Timing = { kind: MixKind | 'all'; count: number; p50: number; p95: number; max: number };

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;

/** Times every query of the mix in turn (one caller, in-process timer), `rounds` times after a warm-up round. */
export const timeQueryMix = async (db: DbOrTx, mix: MixQuery[], { rounds = 2, warmUp = true }: { rounds?: number; warmUp?: boolean } = {}): Promise<Timing[]> => {
  if (warmUp) for (const q of mix) await findEntries(db, q.args);
  const times = new Map<MixKind, number[]>();
  for (let r = 0; r < rounds; r++) {
    for (const q of mix) {
      const started = performance.now();
      await findEntries(db, q.args);
      const list = times.get(q.kind) ?? [];
      list.push(performance.now() - started);
      times.set(q.kind, list);
    }
  }
  const summarize = (kind: Timing['kind'], list: number[]): Timing => {
    const sorted = [...list].sort((a, b) => a - b);
    return { kind, count: sorted.length, p50: percentile(sorted, 50), p95: percentile(sorted, 95), max: sorted.at(-1) ?? 0 };
  };
  return [summarize('all', [...times.values()].flat()), ...[...times.entries()].map(([kind, list]) => summarize(kind, list))];
};
