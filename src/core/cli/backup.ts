/**
 * `wsis backup FILE` and `wsis restore FILE`: a logical backup that is the same on PGlite and on
 * PostgreSQL, so it also moves an installation from one to the other.
 *
 * The file is gzipped JSON lines: a header
 *   {"format":"wsis-backup","version":1,"migration":"0001_…","createdAt":"…","tables":[…],"rows":{"auth_users":3,…}}
 * then, table after table in foreign-key dependency order (the order of `tables`), one line per
 * row as PostgreSQL's row_to_json() wrote it. `rows` says how many lines belong to each table.
 * Rows travel as JSON text end to end (never parsed into JavaScript numbers or dates), so bigints,
 * microseconds and jsonb come back exactly. Since issue 11 the header also carries `sequences`
 * (`{"auth_users.id":{"lastValue":"34","isCalled":true},…}`), so a restore allocates the same next
 * ids as the source would; a version 1 file without it still restores (sequences then continue
 * after the highest restored id), and older versions of wsis ignore the field.
 *
 * Since issue 15 the file also holds the files of the file store that `core_files` names (the
 * bytes of documents' language versions): after the last table, for each file in hash order, a
 * line `{"file":"<sha256>","size":N}` then its bytes as lines of base64, as many as make N bytes.
 * The header's `files` (`{"count":2,"bytes":12345}`) says how many; a file without it (made
 * before) has none, and restores as before. A file that `core_files` names but the store does not
 * have stops the backup with the list of them (`--skip-missing-files` backs up the rest and lists
 * them in the header's `files.missing`). A restore puts each file back into the target's store
 * and checks its hash, inside the restore: a damaged file leaves the database as it was.
 */
import { closeSync, createReadStream, createWriteStream, existsSync, fsyncSync, openSync, renameSync, rmSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { dirname } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import type { Command } from 'commander';
import { is } from 'drizzle-orm';
import { getTableConfig, PgTable } from 'drizzle-orm/pg-core';
import pg from 'pg';
import { currentMigration, type Database } from '../db/client.js';
import { type FileStore, isSha256, LocalFileStore } from '../storage/files.js';
import {
  CliError,
  configFrom,
  confirm,
  type DataOption,
  describeDatabase,
  latestMigrationTag,
  type Progress,
  progressBar,
  requireExistingDatabase,
  say,
  withDatabase,
  withDataOption,
} from './common.js';

export const BACKUP_FORMAT = 'wsis-backup';
export const BACKUP_VERSION = 1;
const PAGE_ROWS = 1000;
const INSERT_BATCH_BYTES = 4 * 1024 * 1024;

export type BackupHeader = {
  format: typeof BACKUP_FORMAT;
  version: typeof BACKUP_VERSION;
  migration: string;
  createdAt: string;
  /** Table names in the order their rows follow (parents before children). */
  tables: string[];
  /** Number of row lines of each table. */
  rows: Record<string, number>;
  /** State of each identity sequence, by `table.column` (absent in files written before issue 11). */
  sequences?: Record<string, SequenceState>;
  /** The files of the file store that follow the rows (absent in files written before issue 15: none follow). */
  files?: BackupFiles;
};

/** How many files follow the rows and their bytes; `missing`: files core_files named that the store did not have (--skip-missing-files). */
export type BackupFiles = { count: number; bytes: number; missing?: string[] };

/** What `select last_value, is_called from <sequence>` says (the value as text: a bigint). */
export type SequenceState = { lastValue: string; isCalled: boolean };

export type BackupTable = {
  /** SQL name as in `tables` of the header (schema-qualified when the table is not in public). */
  name: string;
  /** Quoted for SQL. */
  sqlName: string;
  /** Names of the tables it references. */
  dependsOn: string[];
};

const quoteIdent = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** Every table of the platform: src/platform-schema.ts, handed over by the entry (src/cli.ts, the test kit). */
export type PlatformSchema = Record<string, unknown>;

/**
 * Every table of the schema, parents before the tables whose foreign keys point at them; ties are
 * broken by name so the order is stable.
 */
export const backupTables = (schema: PlatformSchema): BackupTable[] => {
  const found = new Map<string, BackupTable>();
  const nameOf = (table: PgTable) => {
    const config = getTableConfig(table);
    return config.schema ? `${config.schema}.${config.name}` : config.name;
  };
  for (const value of Object.values(schema)) {
    if (!is(value, PgTable)) continue;
    const config = getTableConfig(value);
    const name = nameOf(value);
    const dependsOn = [...new Set(config.foreignKeys.map((fk) => nameOf(fk.reference().foreignTable)))].filter((d) => d !== name);
    found.set(name, { name, sqlName: config.schema ? `${quoteIdent(config.schema)}.${quoteIdent(config.name)}` : quoteIdent(config.name), dependsOn });
  }
  const ordered: BackupTable[] = [];
  const placed = new Set<string>();
  while (ordered.length < found.size) {
    const ready = [...found.values()].filter((t) => !placed.has(t.name) && t.dependsOn.every((d) => placed.has(d) || !found.has(d))).sort((a, b) => a.name.localeCompare(b.name));
    if (!ready.length) throw new Error(`foreign keys form a cycle between ${[...found.keys()].filter((n) => !placed.has(n)).join(', ')}`);
    for (const t of ready) {
      ordered.push(t);
      placed.add(t.name);
    }
  }
  return ordered;
};

type ColumnInfo = { name: string; type: string; isPrimaryKey: boolean; isGenerated: boolean; hasSequence: boolean };

/** Columns of a table as the database has them (primary key, generated, identity/serial). */
const columnsOf = async (client: pg.ClientBase, table: BackupTable): Promise<ColumnInfo[]> => {
  const { rows } = await client.query<{ name: string; type: string; is_pk: boolean; generated: string; has_sequence: boolean }>(
    `select a.attname as name, format_type(a.atttypid, a.atttypmod) as type,
            coalesce(a.attnum = any(i.indkey), false) as is_pk, a.attgenerated as generated,
            pg_get_serial_sequence($1, a.attname) is not null as has_sequence
       from pg_attribute a
       left join pg_index i on i.indrelid = a.attrelid and i.indisprimary
      where a.attrelid = $1::regclass and a.attnum > 0 and not a.attisdropped
      order by a.attnum`,
    [table.sqlName],
  );
  return rows.map((r) => ({ name: r.name, type: r.type, isPrimaryKey: r.is_pk, isGenerated: r.generated !== '', hasSequence: r.has_sequence }));
};

/**
 * The rows of one table as JSON text, page by page: keyset pagination on the primary key
 * (ctid order with offsets for a table without one). Run inside a snapshot transaction.
 */
async function* tableRows(client: pg.ClientBase, table: BackupTable): AsyncGenerator<string[]> {
  const key = (await columnsOf(client, table)).filter((c) => c.isPrimaryKey);
  if (!key.length) {
    for (let offset = 0; ; offset += PAGE_ROWS) {
      const { rows } = await client.query<{ j: string }>(`select row_to_json(t)::text as j from ${table.sqlName} t order by t.ctid limit ${PAGE_ROWS} offset ${offset}`);
      if (rows.length) yield rows.map((r) => r.j);
      if (rows.length < PAGE_ROWS) return;
    }
  }
  const cols = key.map((c) => `t.${quoteIdent(c.name)}`);
  const keys = cols.map((c, i) => `${c}::text as k${i}`).join(', ');
  let after: string[] | undefined;
  for (;;) {
    const where = after ? `where (${cols.join(', ')}) > (${key.map((c, i) => `$${i + 1}::${c.type}`).join(', ')})` : '';
    const { rows } = await client.query<Record<string, string>>(
      `select row_to_json(t)::text as j, ${keys} from ${table.sqlName} t ${where} order by ${cols.join(', ')} limit ${PAGE_ROWS}`,
      after ?? [],
    );
    if (rows.length) yield rows.map((r) => r.j as string);
    if (rows.length < PAGE_ROWS) return;
    const last = rows[rows.length - 1] as Record<string, string>;
    after = key.map((_, i) => last[`k${i}`] as string);
  }
}

export type BackupSummary = { file: string; migration: string; tables: number; rows: number; files: number; fileBytes: number; missingFiles: string[] };

/** The files of the store the rows name (core_files), and those the store does not have (or has with another size). */
const keptFiles = async (client: pg.ClientBase, store: FileStore) => {
  const { rows } = await client.query<{ sha256: string; size: string }>('select sha256, size::text as size from core_files order by sha256');
  const present: { sha256: string; size: number }[] = [];
  const missing: string[] = [];
  for (const row of rows) {
    const size = Number(row.size);
    if ((await store.size(row.sha256)) === size) present.push({ sha256: row.sha256, size });
    else missing.push(row.sha256);
  }
  return { present, missing };
};

/** The lines of one file: its line, then its bytes in base64 lines, its hash checked as they are read. */
async function* fileLines(store: FileStore, file: { sha256: string; size: number }, signal?: AbortSignal): AsyncGenerator<string> {
  yield `${JSON.stringify({ file: file.sha256, size: file.size })}\n`;
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of await store.open(file.sha256)) {
    signal?.throwIfAborted();
    hash.update(chunk as Buffer);
    size += (chunk as Buffer).length;
    yield `${(chunk as Buffer).toString('base64')}\n`;
  }
  if (size !== file.size || hash.digest('hex') !== file.sha256)
    throw new CliError(`the file ${file.sha256} in the file store does not have the bytes of its name (damaged on disk); no backup was written`);
}

/** The identity sequences of the tables: `table.column` and the sequence's SQL name. */
const sequencesOf = async (client: pg.ClientBase, tables: BackupTable[]) => {
  const found: { key: string; sequence: string }[] = [];
  for (const t of tables) {
    for (const c of (await columnsOf(client, t)).filter((col) => col.hasSequence)) {
      const { rows } = await client.query<{ s: string }>('select pg_get_serial_sequence($1, $2) as s', [t.sqlName, c.name]);
      if (rows[0]?.s) found.push({ key: `${t.name}.${c.name}`, sequence: rows[0].s });
    }
  }
  return found;
};

/** "restore interrupted by SIGTERM": `signal` is aborted with the name of the signal as reason. */
const interruption = (signal: AbortSignal, what: string) => `${what} interrupted${typeof signal.reason === 'string' ? ` by ${signal.reason}` : ''}`;

/**
 * An AbortSignal that SIGTERM and SIGINT abort (with the signal's name) instead of ending the
 * process at once, so a backup or restore stops between two batches, cleans up and closes the
 * database; `dispose` gives the signals back to Node's default.
 */
export const abortOnSignals = () => {
  const controller = new AbortController();
  const onSignal = (name: NodeJS.Signals) => controller.abort(name);
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
  return {
    signal: controller.signal,
    dispose: () => {
      process.off('SIGTERM', onSignal);
      process.off('SIGINT', onSignal);
    },
  };
};

/**
 * Writes a logical backup of every table to `file` (gzipped JSON lines; see the top of this file).
 * The rows come from one snapshot (repeatable read), so a running platform can keep writing.
 * The file appears only when complete and flushed to disk (written under a temporary name,
 * then renamed over `file`): an interrupted backup (`signal`, an error) removes the temporary
 * file and leaves whatever `file` was before.
 */
export const backupDatabase = async (
  database: Database,
  file: string,
  {
    schema,
    files,
    skipMissingFiles = false,
    progress = progressBar('rows'),
    signal,
  }: { schema: PlatformSchema; files: FileStore; skipMissingFiles?: boolean; progress?: Progress; signal?: AbortSignal },
): Promise<BackupSummary> => {
  const migration = await currentMigration(database);
  if (migration === 'none') throw new CliError('the database has no tables yet (run wsis migrate first); nothing to back up');
  const expected = latestMigrationTag();
  if (migration !== expected) {
    throw new CliError(
      `the database is at migration ${migration} but this version of wsis knows the schema of ${expected}; back it up with the version that matches it, or run wsis migrate first`,
    );
  }
  if (!existsSync(dirname(file))) throw new CliError(`the folder ${dirname(file)} does not exist`);
  const tables = backupTables(schema);
  const client = await database.pool.connect();
  const partial = `${file}.partial-${process.pid}`;
  let total = 0;
  let kept: Awaited<ReturnType<typeof keptFiles>> = { present: [], missing: [] };
  try {
    await client.query('begin transaction isolation level repeatable read read only');
    const rows: Record<string, number> = {};
    for (const t of tables) {
      const { rows: counted } = await client.query<{ n: string }>(`select count(*) as n from ${t.sqlName}`);
      rows[t.name] = Number(counted[0]?.n ?? 0);
      total += rows[t.name] ?? 0;
    }
    // Sequences are outside the snapshot: read after the counts, a value can only be ahead of the
    // rows (a restore never hands out an id that a restored row has).
    const sequences: Record<string, SequenceState> = {};
    for (const s of await sequencesOf(client, tables)) {
      const { rows: state } = await client.query<{ last_value: string; is_called: boolean }>(`select last_value::text as last_value, is_called from ${s.sequence}`);
      if (state[0]) sequences[s.key] = { lastValue: state[0].last_value, isCalled: state[0].is_called };
    }
    // Files are never deleted from the store while a row names them: those of the snapshot's rows are there.
    kept = await keptFiles(client, files);
    if (kept.missing.length && !skipMissingFiles) {
      const where = files instanceof LocalFileStore ? ` (${files.dir})` : '';
      throw new CliError(
        `${kept.missing.length} files named by the database are not in the file store${where}: ${kept.missing.slice(0, 5).join(', ')}${kept.missing.length > 5 ? ', …' : ''}; is WSIS_FILES_DIR right? Pass --skip-missing-files to back up without them (the backup then lists them); no backup was written`,
      );
    }
    const header: BackupHeader = {
      format: BACKUP_FORMAT,
      version: BACKUP_VERSION,
      migration,
      createdAt: new Date().toISOString(),
      tables: tables.map((t) => t.name),
      rows,
      sequences,
      files: { count: kept.present.length, bytes: kept.present.reduce((n, f) => n + f.size, 0), ...(kept.missing.length ? { missing: kept.missing } : {}) },
    };
    progress.start(total + kept.present.length);
    async function* lines() {
      yield `${JSON.stringify(header)}\n`;
      for (const t of tables) {
        let written = 0;
        for await (const page of tableRows(client, t)) {
          signal?.throwIfAborted();
          written += page.length;
          progress.advance(page.length, t.name);
          yield `${page.join('\n')}\n`;
        }
        // Inside one snapshot the count cannot change; a difference would mean a bug here.
        if (written !== rows[t.name]) throw new Error(`${t.name}: read ${written} rows, counted ${rows[t.name]}`);
      }
      for (const f of kept.present) {
        yield* fileLines(files, f, signal);
        progress.advance(1, 'files');
      }
    }
    await pipeline(lines(), createGzip(), createWriteStream(partial), ...(signal ? [{ signal }] : []));
    // On disk before it takes the final name: a crash right after the rename keeps a whole file.
    const fd = openSync(partial, 'r+');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    await client.query('commit');
    signal?.throwIfAborted();
    renameSync(partial, file);
  } catch (error) {
    await client.query('rollback').catch(() => undefined);
    rmSync(partial, { force: true });
    if (signal?.aborted) throw new CliError(`${interruption(signal, 'backup')}; no backup was written${existsSync(file) ? ` (${file} is the earlier one, unchanged)` : ''}`);
    throw error;
  } finally {
    progress.stop();
    client.release();
  }
  return {
    file,
    migration,
    tables: tables.length,
    rows: total,
    files: kept.present.length,
    fileBytes: kept.present.reduce((n, f) => n + f.size, 0),
    missingFiles: kept.missing,
  };
};

/** The lines of a gzipped text file, one at a time (errors of the file or of gzip are thrown). */
async function* readLines(file: string): AsyncGenerator<string> {
  const source = createReadStream(file);
  const input = createGunzip();
  // pipe() does not forward errors of the source: hand them to the stream being read.
  source.on('error', (error) => input.destroy(error));
  source.pipe(input);
  // Decodes across chunk boundaries (a chunk may end inside a multi-byte character).
  input.setEncoding('utf8');
  let rest = '';
  try {
    for await (const chunk of input) {
      rest += chunk as string;
      let at = rest.indexOf('\n');
      while (at >= 0) {
        yield rest.slice(0, at);
        rest = rest.slice(at + 1);
        at = rest.indexOf('\n');
      }
    }
  } finally {
    source.destroy();
    input.destroy();
  }
  if (rest) yield rest;
}

/** Reads and checks the header line of a backup file. */
export const readBackupHeader = async (file: string): Promise<BackupHeader> => {
  if (!existsSync(file)) throw new CliError(`no such file: ${file}`);
  let first: string | undefined;
  try {
    for await (const line of readLines(file)) {
      first = line;
      break;
    }
  } catch {
    throw new CliError(`${file} is not a wsis backup (not a gzip file)`);
  }
  return parseHeader(file, first);
};

const parseHeader = (file: string, line: string | undefined): BackupHeader => {
  let header: Partial<BackupHeader> | undefined;
  try {
    header = JSON.parse(line ?? '') as Partial<BackupHeader>;
  } catch {
    header = undefined;
  }
  if (header?.format !== BACKUP_FORMAT) throw new CliError(`${file} is not a wsis backup`);
  if (header.version !== BACKUP_VERSION) throw new CliError(`${file} is a wsis backup of format version ${header.version}; this version of wsis reads version ${BACKUP_VERSION}`);
  if (typeof header.migration !== 'string' || !Array.isArray(header.tables) || typeof header.rows !== 'object' || header.rows === null) {
    throw new CliError(`${file} has a damaged header`);
  }
  const sequenceOk = (state: unknown) =>
    typeof state === 'object' && state !== null && /^-?\d{1,19}$/.test(String((state as SequenceState).lastValue)) && typeof (state as SequenceState).isCalled === 'boolean';
  if (header.sequences !== undefined && (typeof header.sequences !== 'object' || header.sequences === null || !Object.values(header.sequences).every(sequenceOk))) {
    throw new CliError(`${file} has a damaged header (sequences)`);
  }
  const files = header.files as BackupFiles | undefined;
  if (
    files !== undefined &&
    (typeof files !== 'object' ||
      files === null ||
      !Number.isSafeInteger(files.count) ||
      files.count < 0 ||
      !Number.isSafeInteger(files.bytes) ||
      (files.missing !== undefined && !(Array.isArray(files.missing) && files.missing.every((m) => typeof m === 'string' && isSha256(m)))))
  ) {
    throw new CliError(`${file} has a damaged header (files)`);
  }
  return header as BackupHeader;
};

export type RestoreSummary = {
  file: string;
  migration: string;
  tables: number;
  rows: number;
  /** Files put back into the store. */
  files: number;
  /** Files the restored rows name that the target's store does not have (a backup made before files were kept, or with --skip-missing-files). */
  missingFiles: string[];
};

type UserTrigger = { table: string; name: string; enabled: string };

/**
 * The enabled user triggers of the tables (not the internal ones that check foreign keys). The
 * restore switches them off: the rows they derive (stocktaking_search, stocktaking_words, the
 * change log stocktaking_entry_changes, the counter stocktaking_entries_version) are in the backup
 * already, as they were on the source, and a trigger writing them again on top of the restored
 * rows is what made every restore fail (duplicate stocktaking_search_pkey) and the change log
 * double. `ALTER TABLE … DISABLE TRIGGER` needs only ownership of the table, which the platform's
 * own database user has (it ran the migrations), on PGlite as on a managed PostgreSQL server;
 * `session_replication_role = replica` would need a superuser there. Being DDL, it is part of the
 * restore's transaction: a failed restore rolls it back with everything else.
 */
const userTriggersOf = async (client: pg.ClientBase, tables: BackupTable[]): Promise<UserTrigger[]> => {
  const { rows } = await client.query<UserTrigger>(
    `select t.tgrelid::regclass::text as table, t.tgname as name, t.tgenabled as enabled
       from pg_trigger t
      where not t.tgisinternal and t.tgenabled <> 'D' and t.tgrelid = any($1::text[]::regclass[])
      order by 1, 2`,
    [tables.map((t) => t.sqlName)],
  );
  return rows;
};

/** Puts a trigger back as it was: 'O' fires in origin sessions, 'A' always, 'R' on replicas. */
const enableTrigger = (t: UserTrigger) => `alter table ${t.table} enable ${t.enabled === 'A' ? 'always ' : t.enabled === 'R' ? 'replica ' : ''}trigger ${quoteIdent(t.name)}`;

/** The next value a sequence hands out (what a restore must keep). */
const nextOf = (state: SequenceState) => BigInt(state.lastValue) + (state.isCalled ? 1n : 0n);

/**
 * Replaces every row of the database with the rows of a backup, in one transaction: switches off
 * the user triggers (see userTriggersOf; the Trust Fund's append-only triggers refuse TRUNCATE,
 * UPDATE and DELETE otherwise), truncates every table, inserts the backup's rows
 * parents first, sets each identity sequence as it was on the source (or, for a file without
 * sequences, past the highest id), and switches the triggers on again. Anything that fails (a
 * damaged line, a row the database refuses, `signal` aborted by SIGTERM or SIGINT) rolls the
 * whole transaction back: the database is left as it was, and the error says which table failed.
 * Refused when the backup was made at another migration than the database's. The database must
 * already be migrated (the CLI does it).
 */
export const restoreDatabase = async (
  database: Database,
  file: string,
  {
    schema,
    files,
    progress = progressBar('rows'),
    signal,
    onStart,
  }: { schema: PlatformSchema; files: FileStore; progress?: Progress; signal?: AbortSignal; onStart?: (total: number) => void },
): Promise<RestoreSummary> => {
  const header = await readBackupHeader(file);
  const migration = await currentMigration(database);
  if (header.migration !== migration) {
    throw new CliError(`the backup was made at migration ${header.migration} but the database is at ${migration}; restore it with the version of wsis that matches the backup`);
  }
  const tables = backupTables(schema);
  const known = new Map(tables.map((t) => [t.name, t]));
  const extra = header.tables.filter((name) => !known.has(name));
  const missing = tables.filter((t) => !header.tables.includes(t.name)).map((t) => t.name);
  if (extra.length || missing.length) {
    throw new CliError(`the backup's tables do not match the schema (${[...extra.map((n) => `unknown ${n}`), ...missing.map((n) => `missing ${n}`)].join(', ')})`);
  }
  const total = header.tables.reduce((sum, name) => sum + (header.rows[name] ?? 0), 0);

  const fileCount = header.files?.count ?? 0;
  const client = await database.pool.connect();
  /** Where the restore is, for the error message: table and the line numbers of the file. */
  let at = '';
  let missingFiles: string[] = [];
  try {
    signal?.throwIfAborted();
    await client.query('begin');
    // Triggers off before the truncate: an append-only table (the Trust Fund ledger) refuses TRUNCATE by a trigger.
    const triggers = await userTriggersOf(client, tables);
    for (const t of triggers) await client.query(`alter table ${t.table} disable trigger ${quoteIdent(t.name)}`);
    await client.query(`truncate table ${tables.map((t) => t.sqlName).join(', ')} restart identity cascade`);
    progress.start(total + fileCount);
    onStart?.(total);

    const lines = readLines(file)[Symbol.asyncIterator]();
    await lines.next(); // the header
    let line = 1;
    for (const name of header.tables) {
      const table = known.get(name) as BackupTable;
      const columns = await columnsOf(client, table);
      const insertable = columns
        .filter((c) => !c.isGenerated)
        .map((c) => quoteIdent(c.name))
        .join(', ');
      const insert = `insert into ${table.sqlName} (${insertable}) overriding system value select ${insertable} from json_populate_recordset(null::${table.sqlName}, $1::json)`;
      const expected = header.rows[name] ?? 0;
      let batch: string[] = [];
      let bytes = 0;
      const flush = async () => {
        signal?.throwIfAborted();
        if (!batch.length) return;
        const first = line - batch.length + 1;
        at = `table ${name}, lines ${first}–${line} of the file`;
        const inserted = await client.query(insert, [`[${batch.join(',')}]`]).catch((error: unknown) => {
          // Name the line when one of the batch is not JSON (a line cut or garbled).
          const broken = batch.findIndex((text) => {
            try {
              JSON.parse(text);
              return false;
            } catch {
              return true;
            }
          });
          if (broken >= 0) at = `table ${name}, line ${first + broken} of the file`;
          throw error;
        });
        // A line holding two objects (`{…},{…}`) would slip in an extra row.
        if (inserted.rowCount !== batch.length) throw new CliError(`${file} is damaged: ${at} hold ${inserted.rowCount} rows instead of ${batch.length}; nothing was changed`);
        progress.advance(batch.length, name);
        batch = [];
        bytes = 0;
      };
      for (let i = 0; i < expected; i++) {
        const next = await lines.next();
        line++;
        if (next.done || !next.value.startsWith('{')) throw new CliError(`${file} is damaged: table ${name} should have ${expected} rows, found ${i}; nothing was changed`);
        batch.push(next.value);
        bytes += next.value.length;
        if (batch.length >= PAGE_ROWS || bytes >= INSERT_BATCH_BYTES) await flush();
      }
      await flush();
      at = `table ${name}, its sequences`;
      for (const c of columns.filter((col) => col.hasSequence)) {
        const col = quoteIdent(c.name);
        const saved = header.sequences?.[`${name}.${c.name}`];
        const { rows } = await client.query<{ max: string | null }>(`select max(${col})::text as max from ${table.sqlName}`);
        const max = rows[0]?.max == null ? null : BigInt(rows[0].max);
        // As on the source; never behind a restored id (a file without sequences: just past the highest id).
        const state: SequenceState =
          saved && (max === null || nextOf(saved) > max) ? saved : max === null ? { lastValue: '1', isCalled: false } : { lastValue: max.toString(), isCalled: true };
        await client.query('select setval(pg_get_serial_sequence($1, $2), $3::bigint, $4)', [table.sqlName, c.name, state.lastValue, state.isCalled]);
      }
    }
    // The files, back into the target's store, each checked against its hash before the commit.
    for (let i = 0; i < fileCount; i++) {
      signal?.throwIfAborted();
      const next = await lines.next();
      line++;
      let described: { file?: unknown; size?: unknown } | undefined;
      try {
        described = JSON.parse(next.done ? '' : next.value) as { file?: unknown; size?: unknown };
      } catch {
        described = undefined;
      }
      const sha256 = described?.file;
      const size = described?.size;
      if (typeof sha256 !== 'string' || !isSha256(sha256) || typeof size !== 'number' || !Number.isSafeInteger(size) || size < 0) {
        throw new CliError(`${file} is damaged: line ${line} should describe file ${i + 1} of ${fileCount}; nothing was changed`);
      }
      at = `file ${sha256}, from line ${line} of the file`;
      const first = line;
      async function* bytesOf() {
        let got = 0;
        while (got < (size as number)) {
          const chunk = await lines.next();
          line++;
          if (chunk.done || chunk.value === '') break;
          const bytes = Buffer.from(chunk.value, 'base64');
          got += bytes.length;
          yield bytes;
        }
      }
      const put = await files.put(Readable.from(bytesOf()));
      if (put.sha256 !== sha256 || put.size !== size) {
        throw new CliError(`${file} is damaged: the file ${sha256} (lines ${first}–${line}) does not have the bytes of its hash; nothing was changed`);
      }
      progress.advance(1, 'files');
    }
    at = '';
    const after = await lines.next();
    if (!after.done && after.value !== '') throw new CliError(`${file} is damaged: it has more rows than its header says; nothing was changed`);
    for (const t of triggers) await client.query(enableTrigger(t));
    signal?.throwIfAborted();
    await client.query('commit');
    missingFiles = (await keptFiles(client, files)).missing;
  } catch (error) {
    await client.query('rollback').catch(() => undefined);
    if (signal?.aborted) throw new CliError(`${interruption(signal, 'restore')}; nothing was changed`);
    const code = (error as { code?: string }).code;
    if (code === 'Z_DATA_ERROR' || code === 'Z_BUF_ERROR') throw new CliError(`${file} is damaged (${(error as Error).message}); nothing was changed`);
    if (error instanceof pg.DatabaseError || (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code))) {
      throw new CliError(`the database refused the backup's rows (${at || 'at the end'}): ${(error as Error).message}; nothing was changed`);
    }
    throw error;
  } finally {
    progress.stop();
    client.release();
  }
  return { file, migration, tables: tables.length, rows: total, files: fileCount, missingFiles };
};

const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

export const registerBackupCommands = (program: Command, { schema }: { schema: PlatformSchema }) => {
  withDataOption(
    program
      .command('backup')
      .argument('<file>', 'where to write the backup (gzipped JSON lines, e.g. wsis-2026-05-17.jsonl.gz)')
      .description('write a logical backup of the whole database and of the files it names (same format for PGlite and PostgreSQL)')
      .option('--skip-missing-files', 'back up even when files named by the database are missing from the file store (they are listed)', false),
  ).action(async (file: string, opts: DataOption & { skipMissingFiles: boolean }) => {
    const config = configFrom(opts);
    requireExistingDatabase(config);
    const interrupt = abortOnSignals();
    try {
      await withDatabase(config, { migrate: false }, async (database) => {
        const summary = await backupDatabase(database, file, {
          schema,
          files: new LocalFileStore(config.filesDir),
          skipMissingFiles: opts.skipMissingFiles,
          signal: interrupt.signal,
        });
        say(
          `Backed up ${summary.rows} rows of ${summary.tables} tables from ${describeDatabase(config)} (migration ${summary.migration}) and ${summary.files} files (${megabytes(summary.fileBytes)}) from ${config.filesDir} to ${file}.`,
        );
        if (summary.missingFiles.length)
          say(`Warning: ${summary.missingFiles.length} files named by the database were not in ${config.filesDir} and are not in the backup: ${summary.missingFiles.join(', ')}`);
      });
    } finally {
      interrupt.dispose();
    }
  });

  withDataOption(
    program
      .command('restore')
      .argument('<file>', 'a backup written by wsis backup')
      .description('replace ALL data of the database with a backup (one transaction; the backup must match the migration)')
      .option('--yes', 'do not ask for confirmation (needed when stdin is not a terminal)', false),
  ).action(async (file: string, opts: DataOption & { yes: boolean }) => {
    const config = configFrom(opts);
    const header = await readBackupHeader(file);
    const expected = latestMigrationTag();
    if (header.migration !== expected) {
      throw new CliError(`the backup was made at migration ${header.migration} but this version of wsis is at ${expected}; restore it with the version of wsis that made it`);
    }
    if (!opts.yes) {
      const question = `Replace ALL data in ${describeDatabase(config)} with the backup of ${header.createdAt} (${file})?`;
      if (!process.stdin.isTTY) throw new CliError(`restore replaces all data; pass --yes to confirm when not running in a terminal`);
      if (!(await confirm(question))) throw new CliError('restore cancelled; nothing was changed');
    }
    const interrupt = abortOnSignals();
    try {
      // Never through a running server: it would go on serving from caches of the data replaced.
      await withDatabase(config, { migrate: true, borrow: false }, async (database) => {
        const summary = await restoreDatabase(database, file, {
          schema,
          files: new LocalFileStore(config.filesDir),
          signal: interrupt.signal,
          onStart: (total) => say(`Restoring ${total} rows into ${describeDatabase(config)}, in one transaction…`),
        });
        say(
          `Restored ${summary.rows} rows of ${summary.tables} tables into ${describeDatabase(config)} (migration ${summary.migration}) and ${summary.files} files into ${config.filesDir}.`,
        );
        if (summary.missingFiles.length) {
          say(
            `Warning: ${summary.missingFiles.length} files named by the restored rows are not in ${config.filesDir} (the backup did not hold them): ${summary.missingFiles.join(', ')}`,
          );
        }
      });
    } finally {
      interrupt.dispose();
    }
  });
};
