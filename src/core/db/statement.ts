/**
 * Hot statements written as SQL text with positional parameters, for the few writes where
 * composing the statement costs more than running it (a consultation's save: see
 * docs/benchmarks.md). The query builder walks an object graph to compose each statement (1.5 s
 * of the server's processor time per 1,000 saves of fifty values), and a composed statement is
 * parsed and planned by PostgreSQL every time (0.5 ms of planning for a save's write). A
 * `Fragment` is a function of the code (never of input) that writes its text and hands every
 * value to `p.param`; `runStatement` sends it as a named prepared statement on a PostgreSQL
 * server (parsed and planned once per connection) and as a plain one on PGlite, whose single
 * backend is shared by its clients. Fragments compose (`${recordActionFragment(entry)(p)}`), and
 * `fragmentSql` gives one to the query builder, so each piece of SQL has one writer.
 */
import { createHash } from 'node:crypto';
import { fillPlaceholders, getTableColumns, getTableName, type SQL, sql, type Table } from 'drizzle-orm';
import type { PgDialect } from 'drizzle-orm/pg-core';
import { toSnakeCase } from 'drizzle-orm/casing';
import pg from 'pg';
import type { DbOrTx } from './client.js';

/** Hands a value to the statement: returns its placeholder (`$3`). */
export type Params = { param: (value: unknown) => string };

/** A piece of SQL text written by the code (never from input), its values passed through `p.param`. */
export type Fragment = (p: Params) => string;

/** A fragment of fixed text. */
export const raw =
  (text: string): Fragment =>
  () =>
    text;

/** The text of a fragment with `$1…$n` and its values in order. */
export const statementText = (fragment: Fragment): { text: string; values: unknown[] } => {
  const values: unknown[] = [];
  const text = fragment({
    param: (value) => {
      values.push(value);
      return `$${values.length}`;
    },
  });
  return { text, values };
};

const MARK = '\u0000';

/** A fragment as the query builder's SQL, for a statement composed with it. */
export const fragmentSql = (fragment: Fragment): SQL => {
  const values: unknown[] = [];
  const parts = fragment({
    param: (value) => {
      values.push(value);
      return MARK;
    },
  }).split(MARK);
  return sql.join(parts.flatMap((part, i) => (i < values.length ? [sql.raw(part), sql.param(values[i])] : [sql.raw(part)])));
};

/**
 * A statement composed once with the query builder and run many times (a whole export's batches):
 * what changes between runs is a `sql.placeholder(name)`, given to the returned function. Its
 * fragment is the whole statement (it cannot be composed into another). Composing the CSV export's
 * statement, 50 columns, cost the web process 6 ms a batch, and PostgreSQL parsed and planned it
 * again in 10 ms a batch; run through runStatement, it is parsed and planned once per connection.
 */
export const composedOnce = (db: DbOrTx, query: SQL): ((values: Record<string, unknown>) => Fragment) => {
  // The database's own dialect: its casing maps the fields to the columns.
  const { sql: text, params } = (db as unknown as { dialect: PgDialect }).dialect.sqlToQuery(query);
  return (values) => (p) => {
    for (const value of fillPlaceholders(params, values)) p.param(value);
    return text;
  };
};

type ColumnInfo = { name: string; column: ReturnType<typeof getTableColumns>[string] };
const tableColumns = new WeakMap<Table, { name: string; columns: Map<string, ColumnInfo> }>();

const describe = (table: Table) => {
  let found = tableColumns.get(table);
  if (!found) {
    const columns = new Map(
      Object.entries(getTableColumns(table)).map(([field, column]) => [field, { name: column.keyAsName ? toSnakeCase(column.name) : column.name, column }] as const),
    );
    found = { name: getTableName(table), columns };
    tableColumns.set(table, found);
  }
  return found;
};

/**
 * `"column" as "field", …` of every column of a table (each prefixed with `alias.` when given), for
 * a statement written as text; `rowOf` reads the row back.
 */
export const fieldsText = (table: Table, alias?: string): string =>
  [...describe(table).columns].map(([field, { name }]) => `${alias ? `${alias}.` : ''}"${name}" as "${field}"`).join(', ');

/** A row read through fieldsText (or its row_to_json) as the query builder maps it: each column through its own mapping; other keys are left out. */
export const rowOf = <Row>(table: Table, row: Record<string, unknown>): Row => {
  const out: Record<string, unknown> = {};
  for (const [field, { column }] of describe(table).columns) {
    const value = row[field];
    out[field] = value === null || value === undefined ? null : column.mapFromDriverValue(value);
  }
  return out as Row;
};

/**
 * An insert of rows given by field name, as the query builder's `insert(table).values(rows)` would
 * write them (each value through its column's mapping; a field the rows leave out takes the
 * column's default). A value may be a Fragment: an expression of the same statement, such as the
 * id a `with` part returns. Every row names the same fields.
 */
export const insertFragment =
  (table: Table, rows: Record<string, unknown>[], { onConflictDoNothing = false, returning }: { onConflictDoNothing?: boolean; returning?: string } = {}): Fragment =>
  (p) => {
    const { name, columns } = describe(table);
    const fields = Object.keys(rows[0] ?? {}).filter((field) => columns.has(field));
    const values = rows.map(
      (row) =>
        `(${fields
          .map((field) => {
            const value = row[field];
            if (typeof value === 'function') return (value as Fragment)(p);
            if (value === null || value === undefined) return p.param(null);
            const { column } = columns.get(field) as ColumnInfo;
            // An array goes to the driver as it is (pg writes array literals itself): the column's
            // mapping checks every element's type, 160 checks for a text's signature.
            return p.param(Array.isArray(value) && column.columnType === 'PgArray' ? value : column.mapToDriverValue(value));
          })
          .join(', ')})`,
    );
    return `insert into "${name}" (${fields.map((field) => `"${(columns.get(field) as ColumnInfo).name}"`).join(', ')}) values ${values.join(', ')}${onConflictDoNothing ? ' on conflict do nothing' : ''}${returning ? ` returning ${returning}` : ''}`;
  };

/** Connections that keep named prepared statements: a PostgreSQL server's pool and its clients (core/db/client.ts registers them). */
const namedStatements = new WeakSet<object>();

/**
 * Whether a statement on this handle may have a name: on a PostgreSQL server's connection (each
 * keeps its own). PGlite has one session, shared by the server's connection and every command it
 * lends its database to (lend.ts): a name one of them prepared is there for the others, who would
 * prepare it again and fail (42P05).
 */
export const keepsNames = (db: DbOrTx) => namedStatements.has(clientOf(db));

/** The connection under the query builder: the pool of a database, the client of a transaction. */
const clientOf = (db: DbOrTx) => (db as unknown as { session: { client: pg.Pool | pg.PoolClient } }).session.client;

/** Marks a PostgreSQL server's pool as one whose connections keep named statements (each its own). */
export const keepsNamedStatements = (pool: pg.Pool) => {
  namedStatements.add(pool);
  pool.on('connect', (client) => namedStatements.add(client));
};

/** Timestamps and intervals as text, as the query builder reads them (its columns map them), the rest as pg does. */
const RAW_TYPES = new Set([pg.types.builtins.TIMESTAMPTZ, pg.types.builtins.TIMESTAMP, pg.types.builtins.DATE, pg.types.builtins.INTERVAL, 1231, 1115, 1185, 1187, 1182]);
const types = { getTypeParser: (id: number, format?: string) => (RAW_TYPES.has(id) ? (value: string) => value : pg.types.getTypeParser(id, format as 'text')) };

/**
 * A statement with more values than this is a bulk write (an insert of hundreds of rows): it is
 * sent without a name. Its text changes with its number of rows, and each size prepared would stay
 * in every connection for its life; parsing is a small part of such a write.
 */
const MAX_NAMED_VALUES = 500;

const names = new Map<string, string>();
const nameOf = (text: string) => {
  let name = names.get(text);
  if (!name) {
    name = `wsis_${createHash('sha256').update(text).digest('hex').slice(0, 24)}`;
    if (names.size < 10_000) names.set(text, name);
  }
  return name;
};

/**
 * Runs a fragment on the database or in the transaction `db` (its connection), and returns its
 * rows (timestamps as text, as `db.execute` gives them). On a PostgreSQL server it is a named
 * statement, named after its text, so each connection parses it once (a bulk write excepted,
 * MAX_NAMED_VALUES).
 */
export const runStatement = async <Row extends Record<string, unknown>>(db: DbOrTx, fragment: Fragment): Promise<Row[]> => {
  const { client, config } = statementQuery(db, fragment);
  const { rows } = await client.query<Row>(config);
  return rows;
};

/**
 * runStatement's rows as arrays of their fields in the statement's order (the driver's array row
 * mode): for rows of many fields read in bulk (an export's batches of sixty columns), where
 * making an object of sixty keys per row cost more than reading its fields.
 */
export const runStatementArrays = async (db: DbOrTx, fragment: Fragment): Promise<unknown[][]> => {
  const { client, config } = statementQuery(db, fragment);
  const { rows } = await client.query<unknown[]>({ ...config, rowMode: 'array' });
  return rows;
};

const statementQuery = (db: DbOrTx, fragment: Fragment): { client: pg.Pool | pg.PoolClient; config: pg.QueryConfig } => {
  const { text, values } = statementText(fragment);
  const client = clientOf(db);
  const named = namedStatements.has(client) && values.length <= MAX_NAMED_VALUES;
  return { client, config: named ? { name: nameOf(text), text, values, types } : { text, values, types } };
};
