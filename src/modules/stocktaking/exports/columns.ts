/**
 * The columns of the CSV and Excel exports, which are also the import format (see
 * import/read-file.ts): codes in stable English-named columns that an import reads back, each code
 * column followed by a `_label` column in the language the reader chose (ignored on import).
 * The data page documents every column from COLUMN_GROUPS.
 */
import { type SQL, sql } from 'drizzle-orm';
import { FORMULA_START } from '../../../core/exports/csv.js';
import { type Locale, LOCALES, type Localized } from '../../../core/i18n/locales.js';
import type { Translate } from '../../../core/i18n/translate.js';
import { STAKEHOLDER_TYPES } from '../inputs.js';
import { entries, PROJECT_STATUSES, SCOPES, TARGET_GROUPS } from '../tables.js';
import type { ExportEntry } from './queries.js';

/** Texts kept per language, one column per language each (`title_ar` … `title_zh`). */
export const TEXT_FIELDS = ['title', 'summary', 'description', 'impact', 'partners'] as const;
export type TextField = (typeof TEXT_FIELDS)[number];

/** Separator of several values in one cell (codes and labels). */
export const LIST_SEPARATOR = '; ';

/** What the writers need to turn codes into names, loaded once per export. */
export type ExportLabels = {
  locale: Locale;
  t: Translate;
  baseUrl: string;
  /** IATI organisation identifier of the reporting organisation (config.iatiReportingOrg). */
  iatiReportingOrg?: string;
  actionLines: Map<string, Localized>;
  sdgs: Map<number, Localized>;
  regions: Map<string, Localized>;
  sdgTargets: Map<string, Localized>;
  organizations: Map<number, string>;
  localize: (value: Localized | null | undefined) => string;
  /** A country's name in `locale`. */
  country: (code: string) => string;
  /** A language's name in `locale`. */
  language: (code: string) => string;
};

export type Cell = string | number | null;

/**
 * What a column's SQL reads besides the entry: `names`, the JSON object of exportNames() (the
 * names of the codes in the reader's language), the entry's organization's name (joined by the
 * statement), and the entries' address prefix.
 */
export type SqlNames = { names: SQL; organization: SQL; urlPrefix: string };

export type Column = {
  name: string;
  /** Read back by the import (the others are informational: labels, links, derived values). */
  imported: boolean;
  value: (entry: ExportEntry, labels: ExportLabels) => Cell;
  /**
   * The same cell as text computed by the database (null when empty), for the CSV written by the
   * database (csv.ts). queries.test.ts checks that both give the same file.
   */
  sql: (n: SqlNames) => SQL;
  /** A date column: its value as a date (UTC) for a spreadsheet's date cell, and how a spreadsheet shows it. */
  date?: { value: (entry: ExportEntry) => Date | null; format: string };
};

const list = (values: readonly (string | number)[]) => values.join(LIST_SEPARATOR);
const code = (name: string, value: (e: ExportEntry) => Cell, cell: (n: SqlNames) => SQL): Column => ({ name, imported: true, value, sql: cell });
const label = (name: string, value: (e: ExportEntry, l: ExportLabels) => Cell, cell: (n: SqlNames) => SQL): Column => ({
  name: `${name}_label`,
  imported: false,
  value,
  sql: cell,
});

/** The kinds of names exportNames() gives, each a map from a code to its name in the reader's language. */
type NameKind = 'language' | 'country' | 'region' | 'stakeholder' | 'scope' | 'actionLine' | 'sdg' | 'sdgTarget' | 'targetGroup' | 'status';

/**
 * The name of `code` (text) from the names of its kind, or `fallback` where it has none (what the
 * JS column shows then). The names are one flat object keyed `kind:code`: one lookup, where a
 * nested object made the database copy the kind's whole object for each code it named.
 */
const nameSql = (n: SqlNames, kind: NameKind, code: SQL, fallback: SQL = code) => sql`coalesce(${n.names}->>(${`${kind}:`} || ${code}), ${fallback})`;

/** A list of codes as one cell: the codes, or their names, separated by LIST_SEPARATOR in the list's order. */
const listSql = (column: SQL | unknown) => sql`array_to_string(${column}, ${LIST_SEPARATOR})`;
const namesSql = (n: SqlNames, kind: NameKind, column: unknown, fallback: (code: SQL) => SQL = (c) => c) =>
  sql`array_to_string(array(select ${nameSql(n, kind, sql`c::text`, fallback(sql`c::text`))} from unnest(${column}) as c), ${LIST_SEPARATOR})`;

/**
 * The names the SQL columns read, in the reader's language: every code of each reference list,
 * named as the JS column names it (a code without a name is left out, and the SQL shows the JS
 * column's fallback for it).
 */
export const exportNames = (labels: ExportLabels, countryCodes: readonly string[]): Record<string, string> => {
  const out: Record<string, string> = {};
  const named =
    <K extends string | number>(codes: Iterable<K>, name: (code: K) => string | null | undefined) =>
    (kind: NameKind) => {
      for (const c of codes) {
        const value = name(c);
        if (value) out[`${kind}:${c}`] = value;
      }
    };
  const kinds: Record<NameKind, (kind: NameKind) => void> = {
    language: named(LOCALES, (c) => labels.language(c)),
    country: named(countryCodes, (c) => labels.country(c)),
    region: named(labels.regions.keys(), (c) => labels.localize(labels.regions.get(c))),
    stakeholder: named(STAKEHOLDER_TYPES, (c) => labels.t(`accounts.stakeholder_types.${c}`)),
    scope: named(SCOPES, (c) => labels.t(`stocktaking.scopes.${c}`)),
    actionLine: named(labels.actionLines.keys(), (c) => labels.localize(labels.actionLines.get(c))),
    sdg: named(labels.sdgs.keys(), (c) => labels.localize(labels.sdgs.get(c))),
    sdgTarget: named(labels.sdgTargets.keys(), (c) => labels.localize(labels.sdgTargets.get(c))),
    targetGroup: named(TARGET_GROUPS, (c) => labels.t(`stocktaking.target_groups.${c}`)),
    status: named(PROJECT_STATUSES, (c) => labels.t(`stocktaking.project_statuses.${c}`)),
  };
  for (const [kind, add] of Object.entries(kinds)) add(kind as NameKind);
  return out;
};

/** A message key's fallback as the translator gives it for a code without a message: the key. */
const keyOf = (prefix: string) => (c: SQL) => sql`${`${prefix}.`} || ${c}`;

/** "en=original; fr=reviewed": how each language version came to be. */
export const formatTranslations = (translations: ExportEntry['translations']) => list(LOCALES.filter((l) => translations[l]).map((l) => `${l}=${translations[l]}`));

export const entryUrl = (labels: Pick<ExportLabels, 'baseUrl' | 'locale'>, id: number) => `${labels.baseUrl}/${labels.locale}/stocktaking/${id}`;

/** ISO 8601 in a spreadsheet too, whatever the reader's regional settings. */
const DAY_FORMAT = 'yyyy-mm-dd';
/** A `YYYY-MM-DD` date as midnight UTC (what a spreadsheet stores for a date without time). */
const day = (value: string | null) => (value ? new Date(`${value}T00:00:00Z`) : null);

/** Every column, in file order. */
export const COLUMNS: readonly Column[] = [
  { name: 'id', imported: false, value: (e) => e.id, sql: () => sql`${entries.id}::text` },
  { name: 'url', imported: false, value: (e, l) => entryUrl(l, e.id), sql: (n) => sql`${n.urlPrefix} || ${entries.id}::text` },
  code(
    'original_language',
    (e) => e.originalLanguage,
    () => sql`${entries.originalLanguage}`,
  ),
  label(
    'original_language',
    (e, l) => l.language(e.originalLanguage),
    (n) => nameSql(n, 'language', sql`${entries.originalLanguage}`),
  ),
  ...TEXT_FIELDS.flatMap((field) =>
    LOCALES.map((locale) =>
      code(
        `${field}_${locale}`,
        (e) => e[field][locale] ?? null,
        () => sql`${entries[field]}->>${locale}`,
      ),
    ),
  ),
  code(
    'translations',
    (e) => formatTranslations(e.translations),
    () =>
      sql`concat_ws(${LIST_SEPARATOR}, ${sql.join(
        LOCALES.map((l) => sql`case when coalesce(${entries.translations}->>${l}, '') <> '' then ${`${l}=`} || (${entries.translations}->>${l}) end`),
        sql`, `,
      )})`,
  ),
  {
    name: 'organization',
    imported: false,
    value: (e, l) => (e.organizationId ? (l.organizations.get(e.organizationId) ?? null) : null),
    sql: (n) => n.organization,
  },
  code(
    'stakeholder_type',
    (e) => e.stakeholderType,
    () => sql`${entries.stakeholderType}`,
  ),
  label(
    'stakeholder_type',
    (e, l) => l.t(`accounts.stakeholder_types.${e.stakeholderType}`),
    (n) => nameSql(n, 'stakeholder', sql`${entries.stakeholderType}`, keyOf('accounts.stakeholder_types')(sql`${entries.stakeholderType}`)),
  ),
  code(
    'lead_country',
    (e) => e.leadCountry,
    () => sql`${entries.leadCountry}`,
  ),
  label(
    'lead_country',
    (e, l) => l.country(e.leadCountry),
    (n) => nameSql(n, 'country', sql`${entries.leadCountry}`),
  ),
  code(
    'countries',
    (e) => list(e.countries),
    () => listSql(entries.countries),
  ),
  label(
    'countries',
    (e, l) => list(e.countries.map((c) => l.country(c))),
    (n) => namesSql(n, 'country', entries.countries),
  ),
  { name: 'region', imported: false, value: (e) => e.region, sql: () => sql`${entries.region}` },
  label(
    'region',
    (e, l) => (e.region ? l.localize(l.regions.get(e.region)) || e.region : null),
    (n) => nameSql(n, 'region', sql`${entries.region}`),
  ),
  code(
    'scope',
    (e) => e.scope,
    () => sql`${entries.scope}`,
  ),
  label(
    'scope',
    (e, l) => l.t(`stocktaking.scopes.${e.scope}`),
    (n) => nameSql(n, 'scope', sql`${entries.scope}`, keyOf('stocktaking.scopes')(sql`${entries.scope}`)),
  ),
  code(
    'action_lines',
    (e) => list(e.actionLines),
    () => listSql(entries.actionLines),
  ),
  label(
    'action_lines',
    (e, l) => list(e.actionLines.map((c) => l.localize(l.actionLines.get(c)) || c)),
    (n) => namesSql(n, 'actionLine', entries.actionLines),
  ),
  code(
    'sdgs',
    (e) => list(e.sdgs),
    () => listSql(entries.sdgs),
  ),
  label(
    'sdgs',
    (e, l) => list(e.sdgs.map((n) => l.localize(l.sdgs.get(n)) || String(n))),
    (n) => namesSql(n, 'sdg', entries.sdgs),
  ),
  code(
    'sdg_targets',
    (e) => list(e.sdgTargets),
    () => listSql(entries.sdgTargets),
  ),
  label(
    'sdg_targets',
    (e, l) => list(e.sdgTargets.map((c) => l.localize(l.sdgTargets.get(c)) || c)),
    (n) => namesSql(n, 'sdgTarget', entries.sdgTargets),
  ),
  code(
    'target_groups',
    (e) => list(e.targetGroups),
    () => listSql(entries.targetGroups),
  ),
  label(
    'target_groups',
    (e, l) => list(e.targetGroups.map((g) => l.t(`stocktaking.target_groups.${g}`))),
    (n) => namesSql(n, 'targetGroup', entries.targetGroups, keyOf('stocktaking.target_groups')),
  ),
  code(
    'status',
    (e) => e.projectStatus,
    () => sql`${entries.projectStatus}`,
  ),
  label(
    'status',
    (e, l) => l.t(`stocktaking.project_statuses.${e.projectStatus}`),
    (n) => nameSql(n, 'status', sql`${entries.projectStatus}`, keyOf('stocktaking.project_statuses')(sql`${entries.projectStatus}`)),
  ),
  {
    ...code(
      'start_date',
      (e) => e.startDate,
      () => sql`to_char(${entries.startDate}, 'YYYY-MM-DD')`,
    ),
    date: { value: (e) => day(e.startDate), format: DAY_FORMAT },
  },
  {
    ...code(
      'end_date',
      (e) => e.endDate,
      () => sql`to_char(${entries.endDate}, 'YYYY-MM-DD')`,
    ),
    date: { value: (e) => day(e.endDate), format: DAY_FORMAT },
  },
  code(
    'website',
    (e) => e.website,
    () => sql`${entries.website}`,
  ),
  {
    ...code(
      'published_at',
      (e) => (e.publishedAt ? e.publishedAt.toISOString() : null),
      () => sql`to_char(${entries.publishedAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`,
    ),
    date: { value: (e) => e.publishedAt, format: 'yyyy-mm-dd hh:mm:ss' },
  },
  { name: 'year', imported: false, value: (e) => e.publishedYear, sql: () => sql`${entries.publishedYear}::text` },
];

export const COLUMN_NAMES = COLUMNS.map((c) => c.name);

/**
 * Columns an import also accepts although exports never contain them: the private contact of an
 * entry, for the secretariat migrating its own database (stored, never exported).
 */
export const IMPORT_ONLY_COLUMNS = ['contact_name', 'contact_email'] as const;

/** The groups of columns the data page describes, each with its message key. */
export const COLUMN_GROUPS: readonly { columns: string; key: string; imported: boolean }[] = [
  { columns: 'id', key: 'id', imported: false },
  { columns: 'url', key: 'url', imported: false },
  { columns: 'original_language', key: 'original_language', imported: true },
  ...TEXT_FIELDS.map((f) => ({ columns: `${f}_ar … ${f}_zh`, key: f, imported: true })),
  { columns: 'translations', key: 'translations', imported: true },
  { columns: 'organization', key: 'organization', imported: false },
  { columns: 'stakeholder_type', key: 'stakeholder_type', imported: true },
  { columns: 'lead_country', key: 'lead_country', imported: true },
  { columns: 'countries', key: 'countries', imported: true },
  { columns: 'region', key: 'region', imported: false },
  { columns: 'scope', key: 'scope', imported: true },
  { columns: 'action_lines', key: 'action_lines', imported: true },
  { columns: 'sdgs', key: 'sdgs', imported: true },
  { columns: 'sdg_targets', key: 'sdg_targets', imported: true },
  { columns: 'target_groups', key: 'target_groups', imported: true },
  { columns: 'status', key: 'status', imported: true },
  { columns: 'start_date, end_date', key: 'dates', imported: true },
  { columns: 'website', key: 'website', imported: true },
  { columns: 'published_at', key: 'published_at', imported: true },
  { columns: 'year', key: 'year', imported: false },
  { columns: '…_label', key: 'labels', imported: false },
  { columns: 'contact_name, contact_email', key: 'contact', imported: true },
];

export { FORMULA_START };

/**
 * A text cell a spreadsheet would run as a formula (= + - @, tab or carriage return first) gets
 * a leading apostrophe; the import removes it again (import/read-file.ts).
 */
export const neutralize = (value: Cell): Cell => (typeof value === 'string' && FORMULA_START.test(value) ? `'${value}` : value);

/** Undoes neutralize() on an imported cell. */
export const unneutralize = (value: string) => (value.startsWith("'") && FORMULA_START.test(value.slice(1)) ? value.slice(1) : value);

/** One entry as a row of cells, in COLUMNS order, formulas neutralized (the CSV). */
export const rowOf = (entry: ExportEntry, labels: ExportLabels): Cell[] => COLUMNS.map((c) => neutralize(c.value(entry, labels)));

/**
 * One entry as a row of spreadsheet cells (the Excel export): text cells as they are, since a
 * workbook cell is typed and a text cell is never run as a formula, and dates as dates.
 */
export const sheetRowOf = (entry: ExportEntry, labels: ExportLabels): (Cell | Date)[] => COLUMNS.map((c) => (c.date ? c.date.value(entry) : c.value(entry, labels)));
