/**
 * Read side of the reference data. Other modules may import these functions (read-only). All of
 * this data is public; the only filter is that removed matrix links are never shown.
 */
import { readFileSync } from 'node:fs';
import { and, asc, eq, inArray, isNull, or, type SQL } from 'drizzle-orm';
import type { Database, DbOrTx } from '../../core/db/client.js';
import { preparedPerHandle } from '../../core/db/prepared.js';
import { versionReader } from '../../core/db/versions.js';
import type { Fragment } from '../../core/db/statement.js';
import type { Locale } from '../../core/i18n/locales.js';
import { notFound } from '../../core/http/problems.js';
import { compareTargetCodes } from './rules.js';
import { actionLines, connectGoals, connectTargets, countries, matrixLinks, prizeCategories, referenceVersion, regions, sdgs, sdgTargets } from './tables.js';

export type ActionLine = typeof actionLines.$inferSelect;
export type Sdg = typeof sdgs.$inferSelect;
export type SdgTarget = typeof sdgTargets.$inferSelect;
export type MatrixLink = typeof matrixLinks.$inferSelect;
export type PrizeCategory = typeof prizeCategories.$inferSelect;
export type Region = typeof regions.$inferSelect;
export type Country = typeof countries.$inferSelect;
export type ConnectGoal = typeof connectGoals.$inferSelect & { targets: (typeof connectTargets.$inferSelect)[] };

/**
 * The version of the reference data: it moves, at commit, with every transaction that writes to a
 * reference table (seed, admin pages; triggers of migration 0012). One primary-key read.
 */
export const getReferenceVersion = async (db: DbOrTx): Promise<number> => {
  // Read on every request for a reference page: prepared once per handle.
  const [row] = await versionRead(db).execute();
  return row?.version ?? 0;
};
/** The version as the reference pages' caches read it: on the embedded database, kept until a change's notification (core/db/versions.ts). */
export const referenceVersionReader = (database: Database) => versionReader(database, { channel: 'reference_data_version', read: () => getReferenceVersion(database.db) });
const versionRead = preparedPerHandle('reference_data_version', (db, name) => db.select({ version: referenceVersion.version }).from(referenceVersion).prepare(name));

/** Matrix links that exist: a removed link keeps its row (so the seed does not restore it). */
export const activeLinks = () => isNull(matrixLinks.deletedAt);

/** The 19 action lines (C1–C11 and C7's sub-lines) in the order of the Geneva Plan of Action. */
export const findActionLines = async (db: DbOrTx): Promise<ActionLine[]> => db.select().from(actionLines).orderBy(asc(actionLines.position));

/** One action line by code (e.g. 'C5', 'C7.e-health'); throws NotFound. */
export const getActionLine = async (db: DbOrTx, code: string): Promise<ActionLine> => {
  const [line] = await db.select().from(actionLines).where(eq(actionLines.code, code));
  if (!line) throw notFound();
  return line;
};

/** The 17 SDGs in order. */
export const findSdgs = async (db: DbOrTx): Promise<Sdg[]> => db.select().from(sdgs).orderBy(asc(sdgs.number));

/** One SDG by number; throws NotFound. */
export const getSdg = async (db: DbOrTx, number: number): Promise<Sdg> => {
  const [goal] = Number.isInteger(number) ? await db.select().from(sdgs).where(eq(sdgs.number, number)) : [];
  if (!goal) throw notFound();
  return goal;
};

/** SDG targets known to the platform (those the matrix cites), in the order of the 2030 Agenda. */
export const findSdgTargets = async (db: DbOrTx, { sdg, codes }: { sdg?: number; codes?: string[] } = {}): Promise<SdgTarget[]> => {
  if (codes && codes.length === 0) return [];
  const rows = await db
    .select()
    .from(sdgTargets)
    .where(and(sdg === undefined ? undefined : eq(sdgTargets.sdg, sdg), codes ? inArray(sdgTargets.code, codes) : undefined));
  return rows.sort((a, b) => compareTargetCodes(a.code, b.code));
};

/** Matrix order: action lines as in the Geneva Plan of Action, then SDG number (needs the join on action lines). */
const matrixOrder = () => [asc(actionLines.position), asc(matrixLinks.sdg)];

/** Matrix links (not removed), optionally for one action line or one SDG, in matrix order. */
export const findMatrixLinks = async (db: DbOrTx, { actionLine, sdg }: { actionLine?: string; sdg?: number } = {}): Promise<MatrixLink[]> => {
  const rows = await db
    .select({ link: matrixLinks })
    .from(matrixLinks)
    .innerJoin(actionLines, eq(actionLines.code, matrixLinks.actionLine))
    .where(and(activeLinks(), actionLine ? eq(matrixLinks.actionLine, actionLine) : undefined, sdg === undefined ? undefined : eq(matrixLinks.sdg, sdg)))
    .orderBy(...matrixOrder());
  return rows.map((r) => r.link);
};

export type MatrixCell = Pick<MatrixLink, 'actionLine' | 'sdg'>;

/**
 * Which action line serves which SDG (links not removed), in matrix order, without the rationales
 * and targets: the whole matrix in a few kilobytes instead of about 100 KB of six-language text.
 */
export const findMatrixCells = async (db: DbOrTx): Promise<MatrixCell[]> =>
  db
    .select({ actionLine: matrixLinks.actionLine, sdg: matrixLinks.sdg })
    .from(matrixLinks)
    .innerJoin(actionLines, eq(actionLines.code, matrixLinks.actionLine))
    .where(activeLinks())
    .orderBy(...matrixOrder());

/** One matrix link; throws NotFound when the action line does not serve that SDG. */
export const getMatrixLink = async (db: DbOrTx, { actionLine, sdg }: { actionLine: string; sdg: number }): Promise<MatrixLink> => {
  const [link] = Number.isInteger(sdg)
    ? await db
        .select()
        .from(matrixLinks)
        .where(and(activeLinks(), eq(matrixLinks.actionLine, actionLine), eq(matrixLinks.sdg, sdg)))
    : [];
  if (!link) throw notFound();
  return link;
};

export type SuggestedSdg = { sdg: number; targets: string[]; actionLines: string[] };

/**
 * The SDGs (and SDG targets) that the given action lines serve according to the matrix, to
 * suggest tags for an entry. A parent line (C7) stands for its sub-lines. Unknown codes are ignored.
 */
export const findSuggestedSdgsForActionLines = async (db: DbOrTx, codes: string[]): Promise<SuggestedSdg[]> => {
  if (codes.length === 0) return [];
  const rows = await db
    .select({ actionLine: matrixLinks.actionLine, sdg: matrixLinks.sdg, targets: matrixLinks.targets })
    .from(matrixLinks)
    .innerJoin(actionLines, eq(actionLines.code, matrixLinks.actionLine))
    .where(and(activeLinks(), or(inArray(actionLines.code, codes), inArray(actionLines.parent, codes))))
    .orderBy(asc(matrixLinks.sdg), asc(actionLines.position));
  const bySdg = new Map<number, SuggestedSdg>();
  for (const row of rows) {
    const entry = bySdg.get(row.sdg) ?? { sdg: row.sdg, targets: [], actionLines: [] };
    for (const t of row.targets) if (!entry.targets.includes(t)) entry.targets.push(t);
    if (!entry.actionLines.includes(row.actionLine)) entry.actionLines.push(row.actionLine);
    bySdg.set(row.sdg, entry);
  }
  return [...bySdg.values()].map((e) => ({ ...e, targets: e.targets.sort(compareTargetCodes) }));
};

/** The six ITU regions. */
export const findRegions = async (db: DbOrTx): Promise<Region[]> => db.select().from(regions).orderBy(asc(regions.code));

/** Countries and territories (ISO 3166-1), optionally of one ITU region or only ITU Member States; ordered by code. */
export const findCountries = async (db: DbOrTx, { region, ituMembersOnly }: { region?: string; ituMembersOnly?: boolean } = {}): Promise<Country[]> => {
  const filters: (SQL | undefined)[] = [region ? eq(countries.region, region) : undefined, ituMembersOnly ? eq(countries.isItuMember, true) : undefined];
  return db
    .select()
    .from(countries)
    .where(and(...filters))
    .orderBy(asc(countries.code));
};

/** One country by its code (any case), or null: its region too, in one statement. */
export const findCountry = async (db: DbOrTx, code: string): Promise<Pick<Country, 'code' | 'region'> | null> => {
  const [row] = await db.select({ code: countries.code, region: countries.region }).from(countries).where(eq(countries.code, code.toUpperCase()));
  return row ?? null;
};

/** What countryColumn reads: the country's code and region, or null. */
export type CountryRead = Pick<Country, 'code' | 'region'> | null;

/**
 * findCountry as a column of another module's statement (a submission reads it with its
 * consultation: one round trip less per answer): `{ code, region }`, or null for an unknown code
 * (and for no code at all), as a fragment of a statement written as text (core/db/statement.ts). The
 * code is a value, or an expression of the statement (a code stored in a row it reads).
 */
export const countryColumn =
  (code: string | Fragment | null): Fragment =>
  (p) =>
    code === null
      ? 'null'
      : `(select json_build_object('code', code, 'region', region) from reference_countries where code = ${typeof code === 'string' ? p.param(code.toUpperCase()) : `upper(${code(p)})`})`;

/** The ITU region code of a country (e.g. 'FR' → 'EUR'); null for an unknown code or a country outside every region. */
export const regionOfCountry = async (db: DbOrTx, code: string): Promise<string | null> => {
  const [row] = await db.select({ region: countries.region }).from(countries).where(eq(countries.code, code.toUpperCase()));
  return row?.region ?? null;
};

const displayNames = new Map<Locale, Intl.DisplayNames>();
/** A country's name in a language, from the runtime's CLDR data (falls back to the code). */
export const countryName = (code: string, locale: Locale): string => {
  let names = displayNames.get(locale);
  if (!names) {
    names = new Intl.DisplayNames([locale], { type: 'region', fallback: 'code' });
    displayNames.set(locale, names);
  }
  // Intl.DisplayNames throws a RangeError on a code that is not a region (`x`, `ZZZ`, `1`), and
  // such a code can arrive in a query string (?country=x): it is shown as written instead.
  try {
    return names.of(code) ?? code;
  } catch {
    return code;
  }
};

let regionNames: Map<string, Partial<Record<Locale, string>>> | undefined;
/**
 * A region's name in a language, from the reference file the seed loads into reference_regions
 * (data/reference/platform/regions.json; the code when it has none). Synchronous, for what is
 * computed without a database at hand (the search documents of entries).
 */
export const regionName = (code: string, locale: Locale): string => {
  if (!regionNames) {
    // Relative to this file, so it resolves the same from src/ and from dist/ (as seed.ts reads it).
    const file = JSON.parse(readFileSync(new URL('../../../data/reference/platform/regions.json', import.meta.url), 'utf8')) as {
      items: { code: string; name: Partial<Record<Locale, string>> }[];
    };
    regionNames = new Map(file.items.map((r) => [r.code, r.name]));
  }
  return regionNames.get(code)?.[locale] ?? code;
};

/** The 18 default WSIS Prizes categories, by number. */
export const findPrizeCategories = async (db: DbOrTx): Promise<PrizeCategory[]> => db.select().from(prizeCategories).orderBy(asc(prizeCategories.number));

/** Connect 2030 goals with their targets. */
export const findConnectGoals = async (db: DbOrTx): Promise<ConnectGoal[]> => {
  const goals = await db.select().from(connectGoals).orderBy(asc(connectGoals.code));
  const targets = await db.select().from(connectTargets);
  return goals.map((g) => ({
    ...g,
    targets: targets.filter((t) => t.goal === g.code).sort((a, b) => compareTargetCodes(a.code, b.code)),
  }));
};
