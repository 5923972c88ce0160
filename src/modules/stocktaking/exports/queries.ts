/**
 * Read side of the exports: the entries of a filter in batches (keyset pagination by id, or by a
 * list of ids for a sorted export), never the whole set at once, and the names of the codes.
 * Contact fields are never selected here.
 */
import { and, asc, desc, eq, type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../core/db/client.js';
import { composedOnce, runStatementArrays } from '../../../core/db/statement.js';
import { type Locale, LOCALES } from '../../../core/i18n/locales.js';
import { findOrganizationLabels, organizationLabels } from '../../accounts/queries.js';
import { findActionLines, findRegions, findSdgs, findSdgTargets } from '../../reference/queries.js';
import { csvFieldSql } from '../../../core/exports/csv.js';
import { type EntrySort, publicColumns } from '../queries.js';
import { COLUMNS, type SqlNames, TEXT_FIELDS } from './columns.js';
import { entries } from '../tables.js';

/**
 * Columns an export may hold: the public columns (no contact, no search columns), without the
 * submitter's account id (badges come from the prize results, not from the entries). Derived
 * from publicColumns so that a new private column cannot reach an export through a second list.
 */
const { submitterId: _submitterId, ...exportColumns } = publicColumns;
export type ExportEntry = { [K in keyof typeof exportColumns]: (typeof entries.$inferSelect)[K] };

/**
 * Entries per batch. The memory an export adds grows with the batch: for the CSV of 100,000
 * entries on PostgreSQL (2026-12-05) 2,000 added 343 MB to the process, 1,000 182 MB, 500 93 MB,
 * 200 59 MB (29 MB on PGlite), for about the same processor time; the statements are cheap
 * (a walk of the primary key each).
 */
export const EXPORT_BATCH_SIZE = 200;

/**
 * Entries per batch of the CSV written by the database: a batch is its records' texts (about
 * 1.2 MB for 1,000 entries in six languages), not rows of objects, and PostgreSQL plans each
 * statement again (9 ms) whatever its size. The CSV of 100,000 entries (2026-12-06), `wsis serve`
 * and curl: 200 a batch took 7.4 s; 1,000 2.9–3.2 s, the process growing by 6 MB; 2,000 2.5–3.1 s,
 * growing by 35–39 MB (in the bench, where the client shares the process: 1,000 2.5–2.9 s and
 * +46–50 MB, 2,000 2.6–2.9 s and +37–84 MB). Three statements at once instead of two
 * (CSV_IN_FLIGHT) grew it by 200 MB, no faster.
 */
export const CSV_BATCH_SIZE = 1000;

/** The export columns kept in every language (one text column each in the statement): the texts of columns.ts. */
const LOCALIZED = new Set<string>(TEXT_FIELDS);
const exportEntries = Object.entries(exportColumns);

/**
 * The columns of an export batch: each localized field as one text column per language (`->>`),
 * every other column as it is. As one JSON document (json_agg), each field's JSON was written by
 * the database, then decoded and parsed here: the 100,000 entries of the bench corpus (PGlite,
 * 2026-12-06) took 4.4 s to read that way, 3.6 s as columns, and 3.1 s with two statements at once
 * (ROWS_IN_FLIGHT); over HTTP, the CSV went from 7.0 to 4.2–5.0 s, the JSON Lines from 6.3 to
 * 4.0 s, byte for byte the same files. Lists as JSON (`array_to_json`, parsed natively by the
 * driver) instead of PostgreSQL's array text saved no time: PGlite's thread spent what this one did not.
 */
const rowColumns = sql.join(
  exportEntries.flatMap(([key, column]) =>
    LOCALIZED.has(key) ? LOCALES.map((l) => sql`${column}->>${sql.raw(`'${l}'`)} as ${sql.identifier(`${key}.${l}`)}`) : [sql`${column} as ${sql.identifier(key)}`],
  ),
  sql`, `,
);

/**
 * A row of the batch statement (an array of its fields, in rowColumns' order) as an entry: the
 * languages gathered again (a language without text left out), each other column mapped as the
 * query builder maps it. The function is written once for the columns, one object literal of a
 * fixed shape: assigning sixty keys by name in a loop cost 2.5 µs an entry, 255 ms of the CSV of
 * 100,000 entries on PGlite (3.3 s). Rows as objects of sixty keys made that CSV a tenth slower
 * (4.6 s against 4.0–4.1 s, `wsis serve` and curl, in turns). The keys and languages are the
 * schema's and LOCALES' (JSON-quoted here), never data.
 */
const entryOf = ((): ((row: unknown[]) => ExportEntry) => {
  const maps: ((value: unknown) => unknown)[] = [];
  const lines: string[] = [];
  const fields: string[] = [];
  let at = 0;
  exportEntries.forEach(([key, column], i) => {
    if (LOCALIZED.has(key)) {
      lines.push(`const t${i} = {};`);
      for (const l of LOCALES) lines.push(`v = row[${at++}]; if (typeof v === 'string') t${i}[${JSON.stringify(l)}] = v;`);
      fields.push(`${JSON.stringify(key)}: t${i}`);
    } else {
      maps.push((value) => (value === null || value === undefined ? null : column.mapFromDriverValue(value)));
      fields.push(`${JSON.stringify(key)}: maps[${maps.length - 1}](row[${at++}])`);
    }
  });
  const body = `return function entryOf(row) { let v; ${lines.join(' ')} return { ${fields.join(', ')} }; };`;
  return new Function('maps', body)(maps);
})();

/**
 * What a batch is made of: a statement over the rows matching `where`, in the order of `ids` when
 * given (a sorted export), else by id: the rows themselves, or one CSV record per row.
 */
type Payload = (where: SQL, ids?: SQL) => SQL;

/** The rows themselves (rowColumns), in the order of `ids` when given, else by id. */
const rowsPayload: Payload = (where, ids) => sql`select ${rowColumns} from ${entries} where ${where} order by ${ids ? sql`array_position(${ids}, ${entries.id})` : entries.id}`;

/**
 * The rows as CSV records (columns.ts, each column's `sql`; csvFieldSql quotes as csvField does),
 * so that the web process only passes the text on: for the CSV of 100,000 entries it had spent
 * 4.7 s of its thread decoding, parsing and writing the rows (2026-12-06), for 6.1–7.7 s in all;
 * the database now writes them in 3.5–4.4 s of processor time on two connections (CSV_IN_FLIGHT),
 * the web process spends 1 s, and the file takes 2.5–3.2 s. The names of the codes are one JSON
 * parameter.
 */
const csvPayload =
  ({ names, urlPrefix }: { names: string; urlPrefix: string }): Payload =>
  (where, ids) => {
    // The names are parsed once per statement (a materialized CTE, each reference an InitPlan),
    // whatever plan the database keeps for the prepared statement (a generic plan would otherwise
    // parse the JSON parameter at each reference).
    const n: SqlNames = { names: sql`(select export_names.names from export_names)`, organization: sql`export_organization.label`, urlPrefix };
    // Computed once in a subquery kept apart (offset 0), since a field's writer reads its value several times.
    const values = sql.join(
      COLUMNS.map((c, i) => sql`${c.sql(n)} as ${sql.identifier(`c${i}`)}`),
      sql`, `,
    );
    const fields = sql.join(
      COLUMNS.map((_, i) => csvFieldSql(sql`${sql.identifier(`c${i}`)}`)),
      sql`, `,
    );
    // One row per record, in the subquery's order (no second sort): one text of the whole batch
    // (string_agg) made the web process decode a string of megabytes per batch, and the export
    // grew it by 68 MB at 1,000 entries a batch, 212 MB at 2,000 (6 MB and 35–39 MB now).
    const order = ids ? sql`array_position(${ids}, ${entries.id})` : sql`${entries.id}`;
    return sql`with export_names as materialized (select ${names}::jsonb as names) select concat_ws(',', ${fields}) || E'\r\n' as batch from (select ${order} as position, ${values} from ${entries} left join ${organizationLabels()} export_organization on export_organization.id = ${entries.organizationId} where ${where} order by 1 offset 0) s order by s.position`;
  };

type BatchArgs = { condition: SQL; sort?: EntrySort; locale: Locale; batchSize?: number };
/** A batch's statement, how many run at once, and what is kept of its rows (null: a batch left out). */
type Reading<T> = { payload: Payload; inFlight: number; read: (rows: unknown[][]) => T | null };

/**
 * Statements of a CSV export running at once: PostgreSQL writes the next batches on the other
 * processor while the web process sends one. Three grew the process by 200 MB, no faster.
 */
const CSV_IN_FLIGHT = 2;

/**
 * Statements of the other exports running at once: the database reads the next batch while this
 * process decodes and writes the one it has. With one, a batch's statement started only once the
 * previous batch had been decoded here, and on PGlite (a thread of this process) the two threads
 * took turns: 3.6–4.4 s to read the 100,000 entries, against 3.1–3.9 s with two.
 */
const ROWS_IN_FLIGHT = 2;

/** The results of `count` statements in order, `inFlight` running at once (a statement that fails ends the export with its error). */
async function* inOrder<T>(count: number, inFlight: number, run: (i: number) => Promise<T | null>): AsyncGenerator<T> {
  const pending: Promise<T | null>[] = [];
  const start = (i: number) => {
    const p = run(i);
    // Awaited in turn below; a client gone meanwhile must not crash the process.
    p.catch(() => {});
    pending.push(p);
  };
  let next = 0;
  while (next < Math.min(count, inFlight)) start(next++);
  while (pending.length > 0) {
    const batch = await (pending.shift() as Promise<T | null>);
    if (next < count) start(next++);
    if (batch) yield batch;
  }
}

const LOW = sql.placeholder('low');
const HIGH = sql.placeholder('high');
const IDS = sql`${sql.placeholder('ids')}::bigint[]`;

/**
 * The payloads of the entries matching `condition` (built with entryFilterCondition, which applies
 * visibleEntriesFor: the caller decides nothing about visibility here), batch after batch, each
 * batch one statement composed once for the whole export (composedOnce), CSV_IN_FLIGHT at once for the CSV.
 * Without `sort`: by id, in windows of ids: the ids of the matching entries that end each window
 * of `batchSize` are read first (one statement), then each window's rows (keyset, never OFFSET
 * over the result): bounded windows keep every batch cheap whatever the planner knows (PGlite has
 * no autovacuum), a filter that matches few entries makes few statements (the windows of the
 * whole table made 100 for a country's dozen entries), and an entry added meanwhile is in the
 * last window.
 * With `sort`: the ordered ids first (a number each), then the rows by batches of ids.
 * `relevance` has no meaning for a whole file and exports as `newest`. A batch that matches no
 * row is left out. Memory stays flat whatever the size.
 */
async function* exportBatches<T>(db: DbOrTx, { condition, sort, locale, batchSize = EXPORT_BATCH_SIZE }: BatchArgs, { payload, inFlight, read }: Reading<T>): AsyncGenerator<T> {
  if (!sort) {
    const ends = (
      await db.execute<{ id: string | number }>(
        sql`select t.id from (select ${entries.id} as id, row_number() over (order by ${entries.id}) as n from ${entries} where ${condition}) t where t.n % ${batchSize} = 0 order by t.id`,
      )
    ).rows.map((r) => Number(r.id));
    const window = composedOnce(db, payload(and(condition, sql`${entries.id} > ${LOW}`, sql`${entries.id} <= ${HIGH}`) as SQL));
    yield* inOrder(ends.length + 1, inFlight, async (i) => {
      return read(await runStatementArrays(db, window({ low: i === 0 ? 0 : ends[i - 1], high: ends[i] ?? MAX_ID })));
    });
    return;
  }
  const shownTitle = sql`coalesce(nullif(${entries.title}->>${locale}, ''), nullif(${entries.title}->>'en', ''), ${entries.title}->>${entries.originalLanguage})`;
  const order = sort === 'title' ? [asc(sql`lower(${shownTitle})`), asc(entries.id)] : [sql`${entries.publishedAt} desc nulls last`, desc(entries.id)];
  const ids = (
    await db
      .select({ id: entries.id })
      .from(entries)
      .where(condition)
      .orderBy(...order)
  ).map((r) => r.id);
  // The condition again: an entry unpublished meanwhile is left out.
  const chunk = composedOnce(db, payload(and(condition, sql`${entries.id} = any(${IDS})`) as SQL, IDS));
  yield* inOrder(Math.ceil(ids.length / batchSize), inFlight, async (i) => {
    return read(await runStatementArrays(db, chunk({ ids: ids.slice(i * batchSize, (i + 1) * batchSize) })));
  });
}

/** A batch's CSV records (one per row of its statement), null when it has none. */
const texts = (rows: unknown[][]) => {
  const out: string[] = [];
  for (const [batch] of rows) if (typeof batch === 'string' && batch) out.push(batch);
  return out.length > 0 ? out : null;
};

/** A batch's entries, null when it has none. */
const entriesOf = (rows: unknown[][]) => (rows.length > 0 ? rows.map(entryOf) : null);

/** Above every id: the last window's end. */
const MAX_ID = '9223372036854775807';

/** The entries matching `condition` as rows, batch after batch (exportBatches), in id order or in the order of `sort`. */
export const streamExportEntries = (db: DbOrTx, args: BatchArgs): AsyncGenerator<ExportEntry[]> =>
  exportBatches(db, args, { payload: rowsPayload, inFlight: ROWS_IN_FLIGHT, read: entriesOf });

/**
 * The entries matching `condition` as CSV records written by the database (csvPayload), the
 * records of each batch, in id order or in the order of `sort`. `names`: exportNames() as JSON; `urlPrefix`:
 * what comes before an entry's id in its address.
 */
export const streamExportCsv = (db: DbOrTx, args: BatchArgs & { names: string; urlPrefix: string }): AsyncGenerator<string[]> =>
  exportBatches(db, { ...args, batchSize: args.batchSize ?? CSV_BATCH_SIZE }, { payload: csvPayload(args), inFlight: CSV_IN_FLIGHT, read: texts });

/** Names of the reference codes (action lines, SDGs and their targets, regions), in every language. */
export const findExportNames = async (db: DbOrTx) => {
  const lines = await findActionLines(db);
  const goals = await findSdgs(db);
  const regions = await findRegions(db);
  const targets = await findSdgTargets(db);
  return {
    sdgTargets: new Map(targets.map((target) => [target.code, target.text])),
    actionLines: new Map(lines.map((l) => [l.code, l.short])),
    sdgs: new Map(goals.map((s) => [s.number, s.short])),
    regions: new Map(regions.map((r) => [r.code, r.name])),
  };
};

/**
 * Adds to `names` the public names of the organizations of `rows` not yet in it, in one read per
 * batch that names new ones (a deleted organization is left out, and not asked for again).
 */
export const addOrganizationNames = async (db: DbOrTx, { rows, names, missing }: { rows: ExportEntry[]; names: Map<number, string>; missing: Set<number> }) => {
  const wanted = new Set<number>();
  for (const { organizationId: id } of rows) if (id !== null && !names.has(id) && !missing.has(id)) wanted.add(id);
  if (wanted.size === 0) return;
  const found = await findOrganizationLabels(db, wanted);
  for (const id of wanted) {
    const label = found.get(id);
    if (label === undefined) missing.add(id);
    else names.set(id, label);
  }
};

/** The newest published entries matching `condition` (the Atom feed), newest first. */
export const findNewEntries = async (db: DbOrTx, { condition, limit }: { condition: SQL; limit: number }): Promise<ExportEntry[]> =>
  db
    .select(exportColumns)
    .from(entries)
    .where(and(condition, eq(entries.state, 'published')))
    .orderBy(desc(entries.publishedAt), desc(entries.id))
    .limit(limit);
