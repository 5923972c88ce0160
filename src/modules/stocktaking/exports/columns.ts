/**
 * The columns of the CSV and Excel exports, which are also the import format (see
 * import/read-file.ts): codes in stable English-named columns that an import reads back, each code
 * column followed by a `_label` column in the language the reader chose (ignored on import).
 * The data page documents every column from COLUMN_GROUPS.
 */
import { FORMULA_START } from '../../../core/exports/csv.js';
import { type Locale, LOCALES, type Localized } from '../../../core/i18n/locales.js';
import type { Translate } from '../../../core/i18n/translate.js';
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
export type Column = {
  name: string;
  /** Read back by the import (the others are informational: labels, links, derived values). */
  imported: boolean;
  value: (entry: ExportEntry, labels: ExportLabels) => Cell;
  /** A date column: its value as a date (UTC) for a spreadsheet's date cell, and how a spreadsheet shows it. */
  date?: { value: (entry: ExportEntry) => Date | null; format: string };
};

const list = (values: readonly (string | number)[]) => values.join(LIST_SEPARATOR);
const code = (name: string, value: (e: ExportEntry) => Cell): Column => ({ name, imported: true, value });
const label = (name: string, value: (e: ExportEntry, l: ExportLabels) => Cell): Column => ({ name: `${name}_label`, imported: false, value });

/** "en=original; fr=reviewed": how each language version came to be. */
export const formatTranslations = (translations: ExportEntry['translations']) => list(LOCALES.filter((l) => translations[l]).map((l) => `${l}=${translations[l]}`));

export const entryUrl = (labels: Pick<ExportLabels, 'baseUrl' | 'locale'>, id: number) => `${labels.baseUrl}/${labels.locale}/stocktaking/${id}`;

/** ISO 8601 in a spreadsheet too, whatever the reader's regional settings. */
const DAY_FORMAT = 'yyyy-mm-dd';
/** A `YYYY-MM-DD` date as midnight UTC (what a spreadsheet stores for a date without time). */
const day = (value: string | null) => (value ? new Date(`${value}T00:00:00Z`) : null);

/** Every column, in file order. */
export const COLUMNS: readonly Column[] = [
  { name: 'id', imported: false, value: (e) => e.id },
  { name: 'url', imported: false, value: (e, l) => entryUrl(l, e.id) },
  code('original_language', (e) => e.originalLanguage),
  label('original_language', (e, l) => l.language(e.originalLanguage)),
  ...TEXT_FIELDS.flatMap((field) => LOCALES.map((locale) => code(`${field}_${locale}`, (e) => e[field][locale] ?? null))),
  code('translations', (e) => formatTranslations(e.translations)),
  { name: 'organization', imported: false, value: (e, l) => (e.organizationId ? (l.organizations.get(e.organizationId) ?? null) : null) },
  code('stakeholder_type', (e) => e.stakeholderType),
  label('stakeholder_type', (e, l) => l.t(`accounts.stakeholder_types.${e.stakeholderType}`)),
  code('lead_country', (e) => e.leadCountry),
  label('lead_country', (e, l) => l.country(e.leadCountry)),
  code('countries', (e) => list(e.countries)),
  label('countries', (e, l) => list(e.countries.map((c) => l.country(c)))),
  { name: 'region', imported: false, value: (e) => e.region },
  label('region', (e, l) => (e.region ? l.localize(l.regions.get(e.region)) || e.region : null)),
  code('scope', (e) => e.scope),
  label('scope', (e, l) => l.t(`stocktaking.scopes.${e.scope}`)),
  code('action_lines', (e) => list(e.actionLines)),
  label('action_lines', (e, l) => list(e.actionLines.map((c) => l.localize(l.actionLines.get(c)) || c))),
  code('sdgs', (e) => list(e.sdgs)),
  label('sdgs', (e, l) => list(e.sdgs.map((n) => l.localize(l.sdgs.get(n)) || String(n)))),
  code('sdg_targets', (e) => list(e.sdgTargets)),
  label('sdg_targets', (e, l) => list(e.sdgTargets.map((c) => l.localize(l.sdgTargets.get(c)) || c))),
  code('target_groups', (e) => list(e.targetGroups)),
  label('target_groups', (e, l) => list(e.targetGroups.map((g) => l.t(`stocktaking.target_groups.${g}`)))),
  code('status', (e) => e.projectStatus),
  label('status', (e, l) => l.t(`stocktaking.project_statuses.${e.projectStatus}`)),
  { ...code('start_date', (e) => e.startDate), date: { value: (e) => day(e.startDate), format: DAY_FORMAT } },
  { ...code('end_date', (e) => e.endDate), date: { value: (e) => day(e.endDate), format: DAY_FORMAT } },
  code('website', (e) => e.website),
  {
    ...code('published_at', (e) => (e.publishedAt ? e.publishedAt.toISOString() : null)),
    date: { value: (e) => e.publishedAt, format: 'yyyy-mm-dd hh:mm:ss' },
  },
  { name: 'year', imported: false, value: (e) => e.publishedYear },
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
