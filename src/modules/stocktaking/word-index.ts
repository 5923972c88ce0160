/**
 * The in-memory word index of the Stocktaking search: for every lexeme of the search vectors, the
 * ids of the entries whose vector holds it (an inverted index, posting lists sorted by id), once
 * for the whole vector (titles and summaries) and once for the titles alone.
 *
 * PostgreSQL still stems and parses the query (websearch_to_tsquery, the same configurations as
 * the vectors); the query it returns is evaluated here on the posting lists (evaluateQuery). The
 * same work in SQL is a bitmap scan that visits every matching row: 19 ms of heap visit alone for
 * a word in 23,000 of 100,000 entries, 30–35 ms for the most frequent words. Queries this index
 * cannot answer (phrases, which need positions: quoted words, "e-government", "o'brien") go to
 * PostgreSQL as before.
 *
 * A cache of stocktaking_search, like the facet index: read at the first search, then caught up
 * through the change log (entry-caches.ts) whenever the entries' version moves.
 */
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../core/db/client.js';
import { readAtVersion, versionedCache } from './entry-caches.js';
import { searchRows } from './tables.js';

/**
 * Ids kept in the index: 32-bit while every id fits (half the memory: 18 MB fewer at 100,000
 * entries), 64-bit floats beyond (an identity past 4,294,967,295).
 */
type Ids = Uint32Array | Float64Array;

/** An array for `length` ids up to `maxId`. */
const idArray = (length: number, maxId: number): Ids => (maxId <= 0xffffffff ? new Uint32Array(length) : new Float64Array(length));

/** The largest of ascending ids (0 for none). */
const last = (ids: Ids): number => (ids.length ? (ids[ids.length - 1] as number) : 0);

/** The same ids in 32 bits when the largest fits. */
const compact = (ids: Float64Array): Ids => (last(ids) <= 0xffffffff ? Uint32Array.from(ids) : ids);

/** Posting lists in one array (CSR): the ids of slot s are ids[offsets[s] .. offsets[s + 1]), ascending. */
type Postings = { offsets: Int32Array; ids: Ids };

export type WordIndex = {
  version: number;
  /** The slot of each lexeme (the same slot in `all` and `title`). */
  slots: Map<string, number>;
  /** Lexemes of the whole search vector (titles and summaries of every language). */
  all: Postings;
  /** Lexemes of the titles only (title_vector). */
  title: Postings;
  /** Every entry id, ascending (what a negation is taken from). */
  universe: Ids;
  built: 'read' | 'merged';
};

type LoadRow = { id: string; a: string | null; t: string | null };

/** Between the lexemes of a row: no lexeme holds this control character (the parser splits on it). */
const SEPARATOR = '\u0001';

const EMPTY = new Float64Array(0);

const loadColumns = sql`${searchRows.entryId}::text as id,
  array_to_string(tsvector_to_array(${searchRows.searchVector}), chr(1)) as a,
  array_to_string(tsvector_to_array(${searchRows.titleVector}), chr(1)) as t`;

/** The slot of a lexeme in `slots`, made (the next number) on first sight. */
const slotMaker = (slots: Map<string, number>) => (lexeme: string) => {
  let slot = slots.get(lexeme);
  if (slot === undefined) {
    slot = slots.size;
    slots.set(lexeme, slot);
  }
  return slot;
};

/** A test of "this id changed" for merges: a byte per id while ids are dense, else a Set. */
const membership = (ids: number[], maxId: number): ((id: number) => boolean) => {
  if (maxId <= Math.max(1 << 20, ids.length * 64)) {
    const mask = new Uint8Array(maxId + 1);
    for (const id of ids) if (id <= maxId) mask[id] = 1;
    return (id) => id <= maxId && mask[id] === 1;
  }
  const set = new Set(ids);
  return (id) => set.has(id);
};

/**
 * The posting lists of one column: the rows' own (ascending ids, as read) merged with those of
 * `base` whose id did not change. `slotOf` gives (or makes) each lexeme's slot.
 */
const buildPostings = (rows: LoadRow[], column: 'a' | 't', slotOf: (lexeme: string) => number, base?: { postings: Postings; changed: (id: number) => boolean }): Postings => {
  // The rows' postings, counting-sorted by slot (ids stay ascending within a slot).
  const pairSlots: number[] = [];
  const pairRows: number[] = [];
  rows.forEach((row, r) => {
    const text = row[column];
    if (!text) return;
    for (const lexeme of text.split(SEPARATOR)) {
      pairSlots.push(slotOf(lexeme));
      pairRows.push(r);
    }
  });
  let slotCount = base ? base.postings.offsets.length - 1 : 0;
  for (const s of pairSlots) if (s >= slotCount) slotCount = s + 1;
  const freshOffsets = new Int32Array(slotCount + 1);
  for (const s of pairSlots) (freshOffsets[s + 1] as number)++;
  for (let s = 0; s < slotCount; s++) (freshOffsets[s + 1] as number) += freshOffsets[s] as number;
  const freshIds = new Float64Array(pairSlots.length);
  const cursor = freshOffsets.slice(0, slotCount);
  pairSlots.forEach((s, k) => {
    freshIds[(cursor[s] as number)++] = Number((rows[pairRows[k] as number] as LoadRow).id);
  });
  if (!base) return { offsets: freshOffsets, ids: compact(freshIds) };

  // Merge: each slot's kept old ids and fresh ids, both ascending.
  const old = base.postings;
  const oldSlots = old.offsets.length - 1;
  const offsets = new Int32Array(slotCount + 1);
  const ids = idArray(
    old.ids.length + freshIds.length,
    rows.reduce((max, r) => Math.max(max, Number(r.id)), last(old.ids)),
  );
  let n = 0;
  for (let s = 0; s < slotCount; s++) {
    let i = s < oldSlots ? (old.offsets[s] as number) : 0;
    const iEnd = s < oldSlots ? (old.offsets[s + 1] as number) : 0;
    let j = freshOffsets[s] as number;
    const jEnd = freshOffsets[s + 1] as number;
    while (i < iEnd || j < jEnd) {
      const a = i < iEnd ? (old.ids[i] as number) : Number.POSITIVE_INFINITY;
      const b = j < jEnd ? (freshIds[j] as number) : Number.POSITIVE_INFINITY;
      if (a < b) {
        if (!base.changed(a)) ids[n++] = a;
        i++;
      } else {
        ids[n++] = b;
        j++;
      }
    }
    offsets[s + 1] = n;
  }
  return { offsets, ids: ids.slice(0, n) };
};

/** Merges `rows` (the changed entries still there, ascending ids) into `base`, dropping its entries in `changed`. */
const build = (version: number, rows: LoadRow[], base: { index: WordIndex; changed: number[] }): WordIndex => {
  const slots = new Map(base.index.slots);
  const slotOf = slotMaker(slots);
  const rowIds = Float64Array.from(rows, (r) => Number(r.id));
  const old = base.index;
  const maxId = Math.max(last(old.universe), ...base.changed);
  const changed = membership(base.changed, maxId);
  const unchanged = Float64Array.from(old.universe).filter((id) => !changed(id));
  return {
    version,
    slots,
    all: buildPostings(rows, 'a', slotOf, { postings: old.all, changed }),
    title: buildPostings(rows, 't', slotOf, { postings: old.title, changed }),
    universe: compact(union(unchanged, rowIds)),
    built: 'merged',
  };
};

/** How many ids a comma-separated list ("3,17,20") holds. */
const countIds = (text: string | null): number => {
  if (!text) return 0;
  let count = 1;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 44) count++;
  return count;
};

/**
 * Writes the ids of a comma-separated list into `into` from `at`, sorted, read digit by digit (split
 * and Number cost more); returns how many.
 */
const parseIdsInto = (text: string | null, into: Ids, at: number): number => {
  if (!text) return 0;
  let n = at;
  let value = 0;
  let sorted = true;
  for (let i = 0; i <= text.length; i++) {
    const c = i < text.length ? text.charCodeAt(i) : 44;
    if (c === 44) {
      if (n > at && value < (into[n - 1] as number)) sorted = false;
      into[n++] = value;
      value = 0;
    } else value = value * 10 + (c - 48);
  }
  if (!sorted) into.subarray(at, n).sort();
  return n - at;
};

/** A comma-separated list of ids as a sorted array of ids up to `maxId`. */
const parseIds = (text: string | null, maxId: number): Ids => {
  const count = countIds(text);
  if (count === 0) return EMPTY;
  const ids = idArray(count, maxId);
  parseIdsInto(text, ids, 0);
  return ids;
};

/**
 * Entries aggregated by one statement of a full read. PostgreSQL gathers each lexeme's ids of a
 * statement in memory (string_agg) and the reply carries them as text: over 100,000 entries in one
 * statement that was 27 MB of aggregate in PGlite's WebAssembly memory, which never shrinks, and a
 * reply of as much; 10,000 entries a statement keep both a tenth of it, at the same speed.
 */
export const POSTINGS_SPAN = 10_000;

/**
 * Every posting list of one vector column, aggregated by PostgreSQL (one row per lexeme and span of
 * entries; reading the lexemes of each entry and grouping them here cost 2 s at 100,000 entries,
 * this 1.5 s). `bounds` are the first ids of the spans, ascending, so the lists of a lexeme are
 * appended in the order of its ids.
 */
const readPostings = async (
  tx: DbOrTx,
  column: typeof searchRows.searchVector | typeof searchRows.titleVector,
  slotOf: (lexeme: string) => number,
  bounds: number[],
  maxId: number,
): Promise<Postings> => {
  const bySlot: Ids[][] = [];
  let total = 0;
  for (let b = 0; b < bounds.length; b++) {
    const from = bounds[b] as number;
    const to = bounds[b + 1];
    const { rows } = await tx.execute<{ w: string; ids: string }>(
      sql`select w, string_agg(entry_id::text, ',') as ids from (select ${searchRows.entryId} as entry_id, ${column} as v from ${searchRows} where ${searchRows.entryId} >= ${from} ${to === undefined ? sql`` : sql`and ${searchRows.entryId} < ${to}`} order by ${searchRows.entryId}) s, unnest(tsvector_to_array(s.v)) w group by w`,
    );
    // One array for the statement's lists, each a view of it: a small array per list was 27,000
    // allocations of the C heap at 100,000 entries, which kept their 26 MB once the lists were copied.
    let count = 0;
    for (const row of rows) count += countIds(row.ids);
    const read = idArray(count, maxId);
    let at = 0;
    for (const row of rows) {
      const length = parseIdsInto(row.ids, read, at);
      const ids = read.subarray(at, at + length);
      at += length;
      const slot = slotOf(row.w);
      for (let s = bySlot.length; s <= slot; s++) bySlot.push([]);
      (bySlot[slot] as Ids[]).push(ids);
      total += ids.length;
    }
  }
  const offsets = new Int32Array(bySlot.length + 1);
  const ids = idArray(total, maxId);
  bySlot.forEach((lists, s) => {
    let at = offsets[s] as number;
    for (const list of lists) {
      ids.set(list, at);
      at += list.length;
    }
    offsets[s + 1] = at;
  });
  return { offsets, ids };
};

/** Reads the word index (every posting list, `span` entries a statement, or the changed entries merged into `base`) at the counter's version, in one snapshot. */
export const readWordIndex = (db: DbOrTx, base?: WordIndex, { span = POSTINGS_SPAN }: { span?: number } = {}): Promise<WordIndex> =>
  readAtVersion(db, base, {
    merge: async (tx, version, old, changed) => {
      const { rows } = await tx.execute<LoadRow>(
        sql`select ${loadColumns} from ${searchRows} where ${searchRows.entryId} = any(${sql.param(changed)}::bigint[]) order by ${searchRows.entryId}`,
      );
      return build(version, rows, { index: old, changed });
    },
    full: async (tx, version) => {
      const [every] = (await tx.execute<{ ids: string | null }>(sql`select string_agg(${searchRows.entryId}::text, ',' order by ${searchRows.entryId}) as ids from ${searchRows}`))
        .rows;
      const universe = compact(parseIds(every?.ids ?? null, Number.POSITIVE_INFINITY) as Float64Array);
      const maxId = last(universe);
      const bounds: number[] = [];
      for (let i = 0; i < universe.length; i += span) bounds.push(universe[i] as number);
      const slots = new Map<string, number>();
      const slotOf = slotMaker(slots);
      const all = await readPostings(tx, searchRows.searchVector, slotOf, bounds, maxId);
      const title = await readPostings(tx, searchRows.titleVector, slotOf, bounds, maxId);
      return { version, slots, all, title, universe, built: 'read' as const };
    },
  });

/** The word index of a database at `version` or later (versionedCache). */
export const wordIndexOf = versionedCache(readWordIndex);

// ---------------------------------------------------------------------------------------------
// Queries

/** A text-search query as PostgreSQL prints it, without phrases, prefixes or weights. */
export type QueryNode = { op: 'word'; lexeme: string } | { op: 'not'; arg: QueryNode } | { op: 'and' | 'or'; left: QueryNode; right: QueryNode };

/**
 * Parses the text of a tsquery (`'digit' & !'africa' | 'platform'`). Returns null for the empty
 * query (stop words only: it matches nothing) and undefined for what the index cannot evaluate:
 * phrases (`<->`, `<2>`), prefixes (`:*`) and weights (`:A`), which need positions.
 * Precedence as PostgreSQL's: ! before <-> before & before |.
 */
export const parseTsQuery = (text: string): QueryNode | null | undefined => {
  let at = 0;
  let unsupported = false;
  const skip = () => {
    while (text[at] === ' ') at++;
  };
  const primary = (): QueryNode | undefined => {
    skip();
    const c = text[at];
    if (c === '!') {
      at++;
      const arg = primary();
      return arg && { op: 'not', arg };
    }
    if (c === '(') {
      at++;
      const inner = or();
      skip();
      if (text[at] !== ')') return undefined;
      at++;
      return inner;
    }
    if (c !== "'") return undefined;
    at++;
    let lexeme = '';
    while (at < text.length) {
      const d = text[at] as string;
      if (d === '\\') {
        lexeme += text[at + 1] ?? '';
        at += 2;
      } else if (d === "'") {
        if (text[at + 1] === "'") {
          lexeme += "'";
          at += 2;
        } else break;
      } else {
        lexeme += d;
        at++;
      }
    }
    if (text[at] !== "'") return undefined;
    at++;
    if (text[at] === ':') unsupported = true;
    return { op: 'word', lexeme };
  };
  const binary = (op: 'and' | 'or', symbol: string, next: () => QueryNode | undefined) => (): QueryNode | undefined => {
    let left = next();
    for (;;) {
      skip();
      if (text[at] === '<') unsupported = true;
      if (!left || unsupported || text[at] !== symbol) return left;
      at++;
      const right = next();
      if (!right) return undefined;
      left = { op, left, right };
    }
  };
  const and = binary('and', '&', primary);
  const or = binary('or', '|', and);
  if (text.trim() === '') return null;
  const tree = or();
  skip();
  if (unsupported || !tree || at < text.length) return undefined;
  return tree;
};

/** The ids in both sorted lists. */
const intersect = (a: Ids, b: Ids): Float64Array => {
  if (a.length > b.length) return intersect(b, a);
  const out = new Float64Array(a.length);
  let n = 0;
  let j = 0;
  for (let i = 0; i < a.length && j < b.length; i++) {
    const x = a[i] as number;
    while (j < b.length && (b[j] as number) < x) j++;
    if (j < b.length && b[j] === x) out[n++] = x;
  }
  return out.subarray(0, n);
};

/** The ids in either sorted list. */
export const union = (a: Ids, b: Ids): Float64Array => {
  const out = new Float64Array(a.length + b.length);
  let n = 0;
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const x = i < a.length ? (a[i] as number) : Number.POSITIVE_INFINITY;
    const y = j < b.length ? (b[j] as number) : Number.POSITIVE_INFINITY;
    if (x <= y) {
      out[n++] = x;
      i++;
      if (x === y) j++;
    } else {
      out[n++] = y;
      j++;
    }
  }
  return out.subarray(0, n);
};

/** The ids of sorted list a that are not in b. */
const difference = (a: Ids, b: Ids): Float64Array => {
  const out = new Float64Array(a.length);
  let n = 0;
  let j = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i] as number;
    while (j < b.length && (b[j] as number) < x) j++;
    if (j >= b.length || b[j] !== x) out[n++] = x;
  }
  return out.subarray(0, n);
};

/** A set of ids, or its complement (a negation is kept as such until it meets a positive set). */
type Matches = { ids: Ids; negated: boolean };

const evaluate = (node: QueryNode, index: WordIndex, postings: Postings): Matches => {
  switch (node.op) {
    case 'word': {
      const slot = index.slots.get(node.lexeme);
      if (slot === undefined || slot + 1 >= postings.offsets.length) return { ids: EMPTY, negated: false };
      return { ids: postings.ids.subarray(postings.offsets[slot], postings.offsets[slot + 1]), negated: false };
    }
    case 'not': {
      const inner = evaluate(node.arg, index, postings);
      return { ids: inner.ids, negated: !inner.negated };
    }
    case 'and': {
      const a = evaluate(node.left, index, postings);
      const b = evaluate(node.right, index, postings);
      if (!a.negated && !b.negated) return { ids: intersect(a.ids, b.ids), negated: false };
      if (!a.negated) return { ids: difference(a.ids, b.ids), negated: false };
      if (!b.negated) return { ids: difference(b.ids, a.ids), negated: false };
      return { ids: union(a.ids, b.ids), negated: true };
    }
    case 'or': {
      const a = evaluate(node.left, index, postings);
      const b = evaluate(node.right, index, postings);
      if (!a.negated && !b.negated) return { ids: union(a.ids, b.ids), negated: false };
      if (!a.negated) return { ids: difference(b.ids, a.ids), negated: true };
      if (!b.negated) return { ids: difference(a.ids, b.ids), negated: true };
      return { ids: intersect(a.ids, b.ids), negated: true };
    }
  }
};

const hasNegation = (node: QueryNode): boolean => node.op === 'not' || (node.op !== 'word' && (hasNegation(node.left) || hasNegation(node.right)));

const resolve = (m: Matches, index: WordIndex) => (m.negated ? difference(index.universe, m.ids) : m.ids);

/**
 * The entries whose search vector matches the query, split into those whose title matches it too
 * and the others: what `search_vector @@ q` and `title_vector @@ q` answer, for every entry
 * (visibility is the caller's business). Ascending ids.
 */
export const evaluateQuery = (index: WordIndex, query: QueryNode): { title: Ids; other: Ids } => {
  const all = resolve(evaluate(query, index, index.all), index);
  // A title's lexemes are in its search vector too, so without a negation a title match is a match.
  const titleMatches = resolve(evaluate(query, index, index.title), index);
  const title = hasNegation(query) ? intersect(titleMatches, all) : titleMatches;
  return { title, other: difference(all, title) };
};
