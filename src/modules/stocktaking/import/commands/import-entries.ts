/**
 * Importing entries from a file (the export format): every row is checked like an entry sent to
 * the API (entryInput, then buildContent against the reference data), every problem reported with
 * its row and column. Valid rows become published entries in the importing moderator's name, in
 * one transaction with one audit row; with `allOrNothing`, one invalid row stops them all.
 */
import { z } from 'zod';
import { recordAction } from '../../../../core/audit/record.js';
import type { DbOrTx } from '../../../../core/db/client.js';
import { issueMessage } from '../../../../core/http/forms.js';
import { isLocale, type Locale, LOCALES, type Localized } from '../../../../core/i18n/locales.js';
import type { Translate } from '../../../../core/i18n/translate.js';
import type { Actor } from '../../../../core/permissions/index.js';
import { buildContent, type EntryContent, loadReferenceCodes, type ReferenceCodes, searchColumns } from '../../commands/entry-content.js';
import { TEXT_FIELDS, type TextField, unneutralize } from '../../exports/columns.js';
import { countWords, entryFields, entryInput, STAKEHOLDER_TYPES, SUMMARY_MAX_WORDS } from '../../inputs.js';
import { entries, events, PROJECT_STATUSES, SCOPES, TARGET_GROUPS, TRANSLATION_KINDS, type TranslationKind } from '../../tables.js';
import type { ImportRow, RowError } from '../read-file.js';

export type ImportEntriesResult = {
  /** Ids of the entries created (none when nothing was written). */
  created: number[];
  errors: RowError[];
  /** Rows read (without the header and empty rows). */
  total: number;
  /** Whether the valid rows were written (false with allOrNothing and an error, or nothing valid). */
  written: boolean;
};

export type ImportProgress = (step: 'checked' | 'imported', count: number) => void;

/**
 * Thrown when the import was stopped through its `signal` (SIGTERM or Ctrl-C on the command line):
 * the transaction was rolled back, so not one row was written.
 */
export class ImportInterrupted extends Error {
  override name = 'ImportInterrupted';
}

/** The API field of an entryInput issue → the file's column (texts are in the original language). */
const COLUMN_OF: Record<string, string> = {
  actionLines: 'action_lines',
  sdgs: 'sdgs',
  sdgTargets: 'sdg_targets',
  countries: 'countries',
  leadCountry: 'lead_country',
  stakeholderType: 'stakeholder_type',
  scope: 'scope',
  targetGroups: 'target_groups',
  status: 'status',
  startDate: 'start_date',
  endDate: 'end_date',
  website: 'website',
  contact: 'contact_email',
  language: 'original_language',
};
const columnOf = (field: string, language: Locale) => ((TEXT_FIELDS as readonly string[]).includes(field) ? `${field}_${language}` : (COLUMN_OF[field] ?? field));

/** Several values in a cell: separated by semicolons or commas (Latin, Arabic or Chinese). */
const list = (cell: string | undefined) =>
  (cell ?? '')
    .split(/[;,،，；]/)
    .map((s) => s.trim())
    .filter(Boolean);

const text = (cells: Record<string, string>, column: string) => unneutralize((cells[column] ?? '').trim());
const orNull = (value: string) => (value === '' ? null : value);

/** A translation in another language than the original: title and summary, the rest optional. */
const translationFields = z.object({
  title: entryFields.shape.title,
  summary: entryFields.shape.summary,
  description: entryFields.shape.description,
  impact: entryFields.shape.impact,
  partners: entryFields.shape.partners,
});

/** "en=original; fr=reviewed" → kinds per language; null when a pair does not parse. */
const parseTranslations = (cell: string): Partial<Record<Locale, TranslationKind>> | null => {
  const kinds: Partial<Record<Locale, TranslationKind>> = {};
  for (const pair of list(cell)) {
    const [language, kind] = pair.split('=').map((s) => s.trim());
    if (!isLocale(language) || !(TRANSLATION_KINDS as readonly string[]).includes(kind ?? '')) return null;
    kinds[language] = kind as TranslationKind;
  }
  return kinds;
};

/** The content an imported entry starts from: nobody's organization, texts added language by language. */
const blankContent = (language: Locale): EntryContent => ({
  organizationId: null,
  originalLanguage: language,
  outdatedLanguages: [],
  title: {},
  summary: {},
  description: {},
  impact: {},
  partners: {},
  translations: {},
  stakeholderType: '',
  leadCountry: '',
  countries: [],
  region: null,
  scope: 'national',
  actionLines: [],
  sdgs: [],
  sdgTargets: [],
  targetGroups: [],
  projectStatus: 'ongoing',
  startDate: null,
  endDate: null,
  website: null,
  contactName: null,
  contactEmail: null,
  imageIds: [],
});

/**
 * The codes the reference data knows, loaded once per import: to report unknown codes of rows
 * that fail other checks too, and handed to buildContent so it does not reload them for every row.
 */
type KnownCodes = { actionLines: Set<string>; sdgs: Set<number>; countries: Set<string>; sdgTargets: Set<string>; reference: ReferenceCodes };

const loadKnownCodes = async (db: DbOrTx): Promise<KnownCodes> => {
  const reference = await loadReferenceCodes(db);
  return { actionLines: reference.lineCodes, sdgs: reference.sdgNumbers, countries: new Set(reference.regionOf.keys()), sdgTargets: reference.targetCodes, reference };
};

/** Allowed values of the columns that take one of a few codes, shown in the message. */
const CHOICES: Record<string, readonly string[]> = {
  stakeholderType: STAKEHOLDER_TYPES,
  scope: SCOPES,
  status: PROJECT_STATUSES,
  targetGroups: TARGET_GROUPS,
};

type CheckedRow = { ok: true; content: EntryContent; publishedAt: Date } | { ok: false; errors: RowError[] };

/** One row checked and turned into entry content, or its errors. */
const checkRow = async (db: DbOrTx, { actor, row, t, known }: { actor: Actor; row: ImportRow; t: Translate; known: KnownCodes }): Promise<CheckedRow> => {
  const { cells } = row;
  const errors: RowError[] = [];
  const fail = (column: string | null, message: string) => errors.push({ row: row.row, column, message });

  const language = text(cells, 'original_language').toLowerCase();
  if (!isLocale(language)) {
    fail('original_language', t('stocktaking.import.errors.language', { languages: LOCALES.join(', ') }));
    return { ok: false, errors };
  }
  const sdgs = list(cells.sdgs).map((s) => (/^\d{1,2}$/.test(s) ? Number(s) : Number.NaN));
  if (sdgs.some(Number.isNaN)) fail('sdgs', t('stocktaking.import.errors.sdg_number'));
  const contactName = text(cells, 'contact_name');
  const contactEmail = text(cells, 'contact_email');
  const input = {
    language,
    title: text(cells, `title_${language}`),
    summary: text(cells, `summary_${language}`),
    description: orNull(text(cells, `description_${language}`)),
    impact: orNull(text(cells, `impact_${language}`)),
    partners: orNull(text(cells, `partners_${language}`)),
    actionLines: list(cells.action_lines),
    sdgs: sdgs.filter((n) => !Number.isNaN(n)),
    sdgTargets: list(cells.sdg_targets),
    countries: list(cells.countries),
    leadCountry: text(cells, 'lead_country'),
    stakeholderType: text(cells, 'stakeholder_type'),
    scope: text(cells, 'scope'),
    targetGroups: list(cells.target_groups),
    status: text(cells, 'status'),
    startDate: orNull(text(cells, 'start_date')),
    endDate: orNull(text(cells, 'end_date')),
    website: orNull(text(cells, 'website')),
    contact: contactName || contactEmail ? { name: contactName, email: contactEmail } : null,
  };
  const parsed = entryInput.safeParse(input);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0] ?? '');
      const column = field === 'contact' && issue.path[1] === 'name' ? 'contact_name' : columnOf(field, language);
      if (errors.some((e) => e.column === column)) continue;
      const choices = issue.code === 'invalid_value' ? CHOICES[field] : undefined;
      fail(column, choices ? t('stocktaking.import.errors.choice', { values: choices.join(', ') }) : issueMessage(issue, t));
    }
    // Unknown codes now too, so that one round of corrections is enough (buildContent checks again).
    const unknown: [string, (string | number)[]][] = [
      ['action_lines', input.actionLines.filter((c) => !known.actionLines.has(c))],
      ['sdgs', input.sdgs.filter((n) => !known.sdgs.has(n))],
      ['sdg_targets', input.sdgTargets.filter((c) => !known.sdgTargets.has(c))],
      ['countries', input.countries.filter((c) => !known.countries.has(c.toUpperCase()))],
      ['lead_country', input.leadCountry && !known.countries.has(input.leadCountry.toUpperCase()) ? [input.leadCountry] : []],
    ];
    for (const [column, codes] of unknown) {
      if (codes.length > 0 && !errors.some((e) => e.column === column)) fail(column, t('stocktaking.import.errors.unknown_codes', { codes: codes.join(', ') }));
    }
  }

  // The other languages: a translation has at least a title and a summary, within the same limits.
  const texts: Record<TextField, Localized> = { title: {}, summary: {}, description: {}, impact: {}, partners: {} };
  for (const l of LOCALES) {
    if (l === language) continue;
    const values = Object.fromEntries(TEXT_FIELDS.map((f) => [f, text(cells, `${f}_${l}`)])) as Record<TextField, string>;
    if (TEXT_FIELDS.every((f) => values[f] === '')) continue;
    const translation = translationFields.safeParse({ ...values, description: orNull(values.description), impact: orNull(values.impact), partners: orNull(values.partners) });
    if (!translation.success) {
      for (const issue of translation.error.issues) fail(`${String(issue.path[0])}_${l}`, issueMessage(issue, t));
      continue;
    }
    if (countWords(translation.data.summary, l) > SUMMARY_MAX_WORDS) fail(`summary_${l}`, t('stocktaking.errors.summary_too_long', { max: SUMMARY_MAX_WORDS }));
    for (const f of TEXT_FIELDS) if (translation.data[f]) texts[f][l] = translation.data[f] as string;
  }

  const kinds = parseTranslations(text(cells, 'translations'));
  if (kinds === null) fail('translations', t('stocktaking.import.errors.translations'));

  let publishedAt = new Date();
  const published = text(cells, 'published_at');
  if (published) {
    const date = /^\d{4}-\d{2}-\d{2}/.test(published) ? new Date(published) : new Date(Number.NaN);
    if (Number.isNaN(date.getTime()) || date.getTime() > Date.now() + 60_000) fail('published_at', t('stocktaking.import.errors.published_at'));
    else publishedAt = date;
  }

  if (!parsed.success || errors.length > 0) return { ok: false, errors };
  const built = await buildContent(db, { actor, input: parsed.data, current: blankContent(language), reference: known.reference });
  if (!built.ok) {
    if (built.error !== 'unknown_codes') fail(null, t(`stocktaking.errors.${built.error}`));
    else
      for (const [field, codes] of Object.entries(built.fields)) fail(columnOf(field, language), t('stocktaking.import.errors.unknown_codes', { codes: (codes ?? []).join(', ') }));
    return { ok: false, errors };
  }
  const content = built.content;
  for (const f of TEXT_FIELDS) content[f] = { ...content[f], ...texts[f] };
  const translations: Partial<Record<Locale, TranslationKind>> = { [language]: 'original' };
  for (const l of LOCALES) if (l !== language && content.title[l]) translations[l] = kinds?.[l] && kinds[l] !== 'original' ? kinds[l] : 'unofficial';
  content.translations = translations;
  return { ok: true, content, publishedAt };
};

const INSERT_BATCH = 200;

/**
 * Checks every row, then (unless `allOrNothing` and a row failed) writes the valid ones as
 * published entries of `actor` (assumes 'stocktaking.entry.import'), each with its history
 * (created, published) and the import with one audit row, all in one transaction: an import
 * stopped by `signal` (ImportInterrupted), or by a killed process or a lost database, writes
 * nothing, and the same file can simply be imported again. An id column is ignored: every row
 * creates a new entry.
 */
export const importEntries = async (
  db: DbOrTx,
  {
    actor,
    rows,
    allOrNothing = false,
    fileName,
    t,
    ip,
    onProgress,
    signal,
  }: {
    actor: Actor;
    rows: ImportRow[];
    allOrNothing?: boolean;
    fileName: string;
    t: Translate;
    ip?: string;
    onProgress?: ImportProgress;
    /** Stops the import between two rows (checking) or two batches (writing: rolled back). */
    signal?: AbortSignal;
  },
): Promise<ImportEntriesResult> => {
  const stopIfAborted = () => {
    if (signal?.aborted) throw new ImportInterrupted('import interrupted');
  };
  const valid: { content: EntryContent; publishedAt: Date }[] = [];
  const errors: RowError[] = [];
  const known = await loadKnownCodes(db);
  for (const row of rows) {
    stopIfAborted();
    const checked = await checkRow(db, { actor, row, t, known });
    if (checked.ok) valid.push({ content: checked.content, publishedAt: checked.publishedAt });
    else errors.push(...checked.errors);
    onProgress?.('checked', 1);
  }
  if (valid.length === 0 || (allOrNothing && errors.length > 0)) return { created: [], errors, total: rows.length, written: false };

  const created = await db.transaction(async (tx) => {
    const ids: number[] = [];
    for (let start = 0; start < valid.length; start += INSERT_BATCH) {
      stopIfAborted();
      const batch = valid.slice(start, start + INSERT_BATCH);
      const inserted = await tx
        .insert(entries)
        .values(
          batch.map(({ content, publishedAt }) => ({
            ...content,
            state: 'published' as const,
            submitterId: actor.id,
            publishedAt,
            publishedYear: publishedAt.getUTCFullYear(),
            submittedAt: publishedAt,
            ...searchColumns(content),
          })),
        )
        .returning({ id: entries.id });
      // The history of each entry (created, then published), in one statement per batch.
      const comment = t('stocktaking.import.event_comment', { file: fileName });
      await tx.insert(events).values(
        inserted.flatMap(({ id }) => [
          { entryId: id, actorId: actor.id, kind: 'created' as const, comment },
          { entryId: id, actorId: actor.id, kind: 'published' as const, comment: null },
        ]),
      );
      ids.push(...inserted.map((r) => r.id));
      onProgress?.('imported', batch.length);
    }
    // The last moment to stop: after this, the commit.
    stopIfAborted();
    await recordAction(tx, {
      actor,
      action: 'stocktaking.entry.import',
      subjectType: 'stocktaking_import',
      subjectId: null,
      after: {
        file: fileName,
        rows: rows.length,
        created: ids.length,
        firstId: ids[0] ?? null,
        lastId: ids.at(-1) ?? null,
        rowsWithErrors: new Set(errors.map((e) => e.row)).size,
        allOrNothing,
      },
      ip,
    });
    return ids;
  });
  return { created, errors, total: rows.length, written: true };
};
