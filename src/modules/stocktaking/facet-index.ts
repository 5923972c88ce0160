/**
 * The in-memory facet index of the Stocktaking search: for every entry, who may see it, its date
 * and its facet values, in compact arrays ordered newest first. A search asks PostgreSQL only which
 * entries match its words (the full-text index of stocktaking_search); the counts of all eight
 * facets, the total and the order of the page are computed here, in a few milliseconds, where the
 * same work in SQL took 100–150 ms for a word found in 20,000 entries (8 aggregations over arrays).
 *
 * The database stays the truth: the index is a cache of stocktaking_entries, brought up to date
 * whenever the version counter (bumped at the commit of any change to the entries, migrations 0007
 * and 0009) differs from the version it was built at. Every search reads the counter, so a
 * published entry shows in the next search of every process. Catching up reads only the entries
 * the change log names since the index's version and merges them in; reading all 100,000 entries
 * again took 1 s on PostgreSQL and 3 to 5 s on PGlite.
 */
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../core/db/client.js';
import { hasRole, isSignedIn, type MaybeActor } from '../../core/permissions/index.js';
import { readAtVersion, versionedCache } from './entry-caches.js';
import { ENTRY_STATES, entries, entriesVersion } from './tables.js';

export const FACETS = ['actionLine', 'sdg', 'region', 'country', 'stakeholderType', 'targetGroup', 'status', 'year'] as const;
export type FacetName = (typeof FACETS)[number];
export type FacetCount = { value: string; count: number };
export type Facets = Record<FacetName, FacetCount[]>;
/** Facet filters: several values of one facet are alternatives (OR); different facets combine (AND). */
export type EntryFilters = Partial<Record<FacetName, string[]>>;

const PUBLISHED = ENTRY_STATES.indexOf('published');

/** One facet's values for every row, as indexes into its dictionary (rows with several values: CSR layout). */
type FacetColumn = {
  dictionary: string[];
  offsets: Int32Array;
  values: Uint16Array;
  /** The codes in the order of their values (the counts' tie-break), and each code's place in it. */
  byValue: Uint16Array;
  rankOf: Uint16Array;
};

/**
 * The eight facets' values of each row in one CSR list, each facet's codes shifted by `base` (its
 * place in one array of counts): counting a row is one loop instead of eight. Absent when the codes
 * of all facets together do not fit in 16 bits.
 */
type CombinedColumns = { base: Int32Array; offsets: Int32Array; values: Uint16Array };

const combinedValues = (facets: Record<FacetName, FacetColumn>, size: number): CombinedColumns | undefined => {
  const base = new Int32Array(FACETS.length + 1);
  FACETS.forEach((f, i) => {
    base[i + 1] = (base[i] as number) + facets[f].dictionary.length;
  });
  if ((base[FACETS.length] as number) > 0xffff) return undefined;
  const columns = FACETS.map((f) => facets[f]);
  const offsets = new Int32Array(size + 1);
  for (let row = 0; row < size; row++) {
    let n = 0;
    for (const c of columns) n += (c.offsets[row + 1] as number) - (c.offsets[row] as number);
    offsets[row + 1] = (offsets[row] as number) + n;
  }
  const values = new Uint16Array(offsets[size] as number);
  let at = 0;
  for (let row = 0; row < size; row++) {
    columns.forEach((c, i) => {
      for (let k = c.offsets[row] as number; k < (c.offsets[row + 1] as number); k++) values[at++] = (base[i] as number) + (c.values[k] as number);
    });
  }
  return { base, offsets, values };
};

/** The order of a facet's values when their counts are equal. */
const compareValues = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export type FacetIndex = {
  version: number;
  size: number;
  /** Entry ids, newest first (published_at desc nulls last, id desc: the order of the "newest" sort). */
  ids: Float64Array;
  /** The row of an id, -1 for none (see rowLookup). */
  rowOf: (id: number) => number;
  state: Uint8Array;
  /** NaN when the entry has no submitter any more. */
  submitter: Float64Array;
  /** First publication, in microseconds since 1970 (NaN when never published). */
  publishedAt: Float64Array;
  facets: Record<FacetName, FacetColumn>;
  /** Every facet's values of each row in one list (combinedValues), for counting all eight in one pass. */
  combined?: CombinedColumns;
  /** How it was made: every entry read, or the changed ones merged into an older index. */
  built: 'read' | 'merged';
  /** One byte per row for tally's marks (zero between searches), padded to whole 32-bit words. */
  scratch: Uint8Array;
  /** The public's tallies without words or filters (the search page as first opened, the statistics), by facets asked. */
  publicTallies: Map<string, Tally>;
};

/**
 * Which rows an actor may see, by state and submitter: every row (a moderator), or the published
 * ones and the actor's own (`own`: NaN for none, which no submitter equals).
 * NOTE: security-critical — the same rule as visibleEntriesFor in queries.ts (tested together).
 */
type RowVisibility = { everything: boolean; own: number };
const rowVisibility = (actor: MaybeActor): RowVisibility => {
  if (hasRole(actor, 'moderator')) return { everything: true, own: Number.NaN };
  return { everything: false, own: isSignedIn(actor) ? actor.id : Number.NaN };
};

/** Whether an actor may see a row (rowVisibility's rule). */
export const mayViewRow = (actor: MaybeActor): ((state: number, submitter: number) => boolean) => {
  const { everything, own } = rowVisibility(actor);
  return (state, submitter) => everything || state === PUBLISHED || submitter === own;
};

/** Whether row A (published at `pa`, µs, NaN when never) comes before row B: newest first, never-published last, then by id. */
const before = (paA: number, idA: number, paB: number, idB: number) => {
  const nanA = Number.isNaN(paA);
  if (nanA !== Number.isNaN(paB)) return !nanA;
  if (!nanA && paA !== paB) return paA > paB;
  return idA > idB;
};

/** One facet's dictionary: its values in the order first seen (the codes), and the code of each value. */
type Dictionary = { values: string[]; codes: Map<string, number> };

/** A typed array that grows as values are pushed (doubling), read through `view()`. */
class Growing<A extends Float64Array | Int32Array | Uint16Array | Uint8Array> {
  length = 0;
  constructor(
    private data: A,
    private readonly make: (length: number) => A,
  ) {}
  push(value: number) {
    if (this.length === this.data.length) {
      const grown = this.make(Math.max(16, this.data.length * 2));
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length++] = value;
  }
  at(i: number): number {
    return this.data[i] as number;
  }
  /** The values pushed, as a view of the current storage. */
  view(): A {
    return this.data.subarray(0, this.length) as A;
  }
}
const float64s = () => new Growing(new Float64Array(0), (m) => new Float64Array(m));

/**
 * Rows of the load query, kept in typed arrays as they arrive (a batch at a time): the whole read
 * never holds 100,000 row objects, their strings or arrays of boxed numbers (the live heap rose by
 * 55 MB while 100,000 entries were read into arrays of numbers).
 */
type FreshRows = {
  ids: Growing<Float64Array>;
  publishedAt: Growing<Float64Array>;
  state: Growing<Uint8Array>;
  submitter: Growing<Float64Array>;
  /** Per facet: every row's codes in one list, and where each row's codes end (CSR without the leading 0). */
  values: Growing<Uint16Array>[];
  ends: Growing<Int32Array>[];
};

const freshRows = (): FreshRows => ({
  ids: float64s(),
  publishedAt: float64s(),
  state: new Growing(new Uint8Array(0), (m) => new Uint8Array(m)),
  submitter: float64s(),
  values: FACETS.map(() => new Growing(new Uint16Array(0), (m) => new Uint16Array(m))),
  ends: FACETS.map(() => new Growing(new Int32Array(0), (m) => new Int32Array(m))),
});

/** The dictionaries of `base` (copied: the codes of base stay valid, new values get the next codes), or empty ones. */
const dictionariesOf = (base?: FacetIndex): Dictionary[] =>
  FACETS.map((facet) => {
    const values = base ? [...base.facets[facet].dictionary] : [];
    return { values, codes: new Map(values.map((v, i) => [v, i])) };
  });

/** Between the fields of a row of the load query (no value holds this control character). */
const FIELD = 1;
/** Between the values of a field with several. */
const VALUE = 44;

/**
 * Adds rows of the load query (in its order) to `fresh`, their facet values coded with
 * `dictionaries`. A row is one text (loadRow): id, state, submitter, first publication (µs), then
 * the eight facets, each's values joined by commas; read character by character, the only strings
 * made are the values looked up in the dictionaries.
 */
const takeRows = (fresh: FreshRows, dictionaries: Dictionary[], rows: LoadRow[]) => {
  for (const { r: text } of rows) {
    let at = 0;
    /** The number up to the next field (NaN for an empty one). */
    const number = () => {
      let value = 0;
      let sign = 1;
      const start = at;
      for (; at < text.length && text.charCodeAt(at) !== FIELD; at++) {
        const c = text.charCodeAt(at);
        if (c === 45) sign = -1;
        else value = value * 10 + (c - 48);
      }
      const empty = at === start;
      at++;
      return empty ? Number.NaN : sign * value;
    };
    fresh.ids.push(number());
    const stateEnd = text.indexOf('\u0001', at);
    fresh.state.push(ENTRY_STATES.indexOf(text.slice(at, stateEnd) as (typeof ENTRY_STATES)[number]));
    at = stateEnd + 1;
    fresh.submitter.push(number());
    fresh.publishedAt.push(number());
    for (let i = 0; i < FACETS.length; i++) {
      const dictionary = dictionaries[i] as Dictionary;
      const values = fresh.values[i] as Growing<Uint16Array>;
      let start = at;
      for (; ; at++) {
        const c = at < text.length ? text.charCodeAt(at) : FIELD;
        if (c !== VALUE && c !== FIELD) continue;
        if (at > start) {
          const value = text.slice(start, at);
          let code = dictionary.codes.get(value);
          if (code === undefined) {
            code = dictionary.values.length;
            dictionary.values.push(value);
            dictionary.codes.set(value, code);
          }
          values.push(code);
        }
        start = at + 1;
        if (c === FIELD) break;
      }
      at++;
      (fresh.ends[i] as Growing<Int32Array>).push(values.length);
    }
  }
};

/**
 * Builds an index from `fresh` (rows in the order of the load query, coded with `dictionaries`),
 * or merges them into `base`: the rows of `base` whose id is in `changed` are dropped (changed or
 * deleted), the fresh rows (the changed entries still there) go in at their place. Dictionaries
 * only grow, so the codes of `base` stay valid.
 */
const build = (version: number, fresh: FreshRows, dictionaries: Dictionary[], base?: { index: FacetIndex; changed: Set<number> }): FacetIndex => {
  const kept: number[] = [];
  if (base) for (let row = 0; row < base.index.size; row++) if (!base.changed.has(base.index.ids[row] as number)) kept.push(row);
  const freshCount = fresh.ids.length;
  const size = kept.length + freshCount;
  const ids = new Float64Array(size);
  const publishedAt = new Float64Array(size);
  const state = new Uint8Array(size);
  const submitter = new Float64Array(size);
  const builders = FACETS.map((facet, i) => {
    const old = base?.index.facets[facet];
    const freshValues = (fresh.values[i] as Growing<Uint16Array>).view();
    // At most every value of base and every fresh one: cut to what was written at the end.
    return {
      old,
      freshValues,
      freshEnds: (fresh.ends[i] as Growing<Int32Array>).view(),
      offsets: new Int32Array(size + 1),
      values: new Uint16Array((old?.values.length ?? 0) + freshValues.length),
      n: 0,
    };
  });
  let k = 0;
  let f = 0;
  for (let i = 0; i < size; i++) {
    const oldRow = kept[k];
    const takeOld =
      oldRow !== undefined &&
      base !== undefined &&
      (f >= freshCount || before(base.index.publishedAt[oldRow] as number, base.index.ids[oldRow] as number, fresh.publishedAt.at(f), fresh.ids.at(f)));
    if (takeOld && base) {
      const source = base.index;
      ids[i] = source.ids[oldRow as number] as number;
      publishedAt[i] = source.publishedAt[oldRow as number] as number;
      state[i] = source.state[oldRow as number] as number;
      submitter[i] = source.submitter[oldRow as number] as number;
      for (const b of builders) {
        const old = b.old as FacetColumn;
        for (let j = old.offsets[oldRow as number] as number; j < (old.offsets[(oldRow as number) + 1] as number); j++) b.values[b.n++] = old.values[j] as number;
        b.offsets[i + 1] = b.n;
      }
      k++;
    } else if (f < freshCount) {
      ids[i] = fresh.ids.at(f);
      publishedAt[i] = fresh.publishedAt.at(f);
      state[i] = fresh.state.at(f);
      submitter[i] = fresh.submitter.at(f);
      for (const b of builders) {
        for (let j = f === 0 ? 0 : (b.freshEnds[f - 1] as number); j < (b.freshEnds[f] as number); j++) b.values[b.n++] = b.freshValues[j] as number;
        b.offsets[i + 1] = b.n;
      }
      f++;
    }
  }
  const facets = {} as Record<FacetName, FacetColumn>;
  FACETS.forEach((facet, i) => {
    const b = builders[i] as (typeof builders)[number];
    const dictionary = (dictionaries[i] as Dictionary).values;
    const values = b.values.slice(0, b.n);
    const byValue = Uint16Array.from(dictionary.keys()).sort((x, y) => compareValues(dictionary[x] as string, dictionary[y] as string));
    const rankOf = new Uint16Array(byValue.length);
    byValue.forEach((code, rank) => {
      rankOf[code] = rank;
    });
    facets[facet] = { dictionary, offsets: b.offsets, values, byValue, rankOf };
  });
  return {
    version,
    size,
    ids,
    publishedAt,
    rowOf: rowLookup(ids),
    state,
    submitter,
    facets,
    combined: combinedValues(facets, size),
    built: base ? 'merged' : 'read',
    scratch: new Uint8Array(Math.ceil(size / 4) * 4),
    publicTallies: new Map(),
  };
};

/**
 * The row of each id. Ids are dense (an identity column), so a typed array indexed by id (row + 1,
 * 0 for none) is the usual lookup: a Map lookup per match cost more. Should ids ever be sparse (a
 * restored database with large ids), a Map keeps the memory bounded.
 */
export const rowLookup = (ids: Float64Array): ((id: number) => number) => {
  let maxId = 0;
  for (const id of ids) maxId = Math.max(maxId, id);
  if (maxId <= Math.max(1 << 20, ids.length * 16)) {
    const byId = new Int32Array(maxId + 1);
    ids.forEach((id, row) => {
      byId[id] = row + 1;
    });
    return (id) => (id <= maxId ? (byId[id] as number) - 1 : -1);
  }
  const byId = new Map<number, number>();
  ids.forEach((id, row) => {
    byId.set(id, row);
  });
  return (id) => byId.get(id) ?? -1;
};

/** A row of the load query (loadRow). */
type LoadRow = { r: string };

/**
 * A row of the load query as one text (takeRows reads it): id, state, submitter, first publication
 * in microseconds since 1970, then the facets in the order of FACETS, each's values joined by
 * commas, the fields separated by chr(1) (every one coalesced: concat_ws leaves out nulls). One string a row instead of twelve: reading 100,000
 * entries made 1.2 million strings and row objects at once, 80–110 MB of heap at the peak.
 */
const loadRow = sql`concat_ws(chr(1), ${entries.id}, ${entries.state}, coalesce(${entries.submitterId}::text, ''),
  coalesce((extract(epoch from ${entries.publishedAt}) * 1000000)::bigint::text, ''),
  coalesce(array_to_string(${entries.actionLines}, ','), ''), coalesce(array_to_string(${entries.sdgs}, ','), ''), coalesce(${entries.region}, ''),
  coalesce(array_to_string(${entries.countries}, ','), ''), coalesce(${entries.stakeholderType}, ''), coalesce(array_to_string(${entries.targetGroups}, ','), ''),
  coalesce(${entries.projectStatus}, ''), coalesce(${entries.publishedYear}::text, '')) as r`;
const loadOrder = sql`order by ${entries.publishedAt} desc nulls last, ${entries.id} desc`;

/** Rows of a full read fetched at a time (a cursor): the reply and its row objects stay small. */
export const LOAD_BATCH = 10_000;

/**
 * Reads the counter and, in the same snapshot (repeatable read), either only the entries changed
 * since `base` was built (the change log), merged into it, or every entry (readAtVersion), through
 * a cursor, `batch` rows at a time.
 */
export const readFacetIndex = (db: DbOrTx, base?: FacetIndex, { batch = LOAD_BATCH }: { batch?: number } = {}): Promise<FacetIndex> =>
  readAtVersion(db, base, {
    merge: async (tx, version, old, changed) => {
      const { rows } = await tx.execute<LoadRow>(sql`select ${loadRow} from ${entries} where ${entries.id} = any(${sql.param(changed)}::bigint[]) ${loadOrder}`);
      const dictionaries = dictionariesOf(old);
      const fresh = freshRows();
      takeRows(fresh, dictionaries, rows);
      return build(version, fresh, dictionaries, { index: old, changed: new Set(changed) });
    },
    full: async (tx, version) => {
      const dictionaries = dictionariesOf();
      const fresh = freshRows();
      const size = Math.max(1, Math.floor(batch));
      await tx.execute(sql`declare stocktaking_facet_load no scroll cursor for select ${loadRow} from ${entries} ${loadOrder}`);
      for (;;) {
        const { rows } = await tx.execute<LoadRow>(sql.raw(`fetch forward ${size} from stocktaking_facet_load`));
        takeRows(fresh, dictionaries, rows);
        if (rows.length < size) break;
      }
      await tx.execute(sql`close stocktaking_facet_load`);
      return build(version, fresh, dictionaries);
    },
  });

/** The current version of the entries (one tiny query). */
export const entriesVersionOf = async (db: DbOrTx): Promise<number> => {
  const [row] = await db.select({ version: entriesVersion.version }).from(entriesVersion);
  return row?.version ?? 0;
};

/** The facet index of a database at `version` or later: the one in memory, or a newer one read (versionedCache). */
export const facetIndexOf = versionedCache(readFacetIndex);

/** Whether the actor may see at least one of the entries `ids` (mayViewRow). */
export const anyVisible = (index: FacetIndex, actor: MaybeActor, ids: ArrayLike<number>): boolean => {
  const visible = mayViewRow(actor);
  const { rowOf, state, submitter } = index;
  for (let k = 0; k < ids.length; k++) {
    const row = rowOf(ids[k] as number);
    if (row >= 0 && visible(state[row] as number, submitter[row] as number)) return true;
  }
  return false;
};

const integers = (values: string[]) => values.map(Number).filter((n) => Number.isInteger(n) && n >= 0 && n < 100_000);

/** The filter values as the dictionary holds them (countries in capitals, numbers without noise). */
const normalizeFilter = (facet: FacetName, values: string[]): string[] => {
  switch (facet) {
    case 'country':
      return values.map((v) => v.toUpperCase());
    case 'sdg':
    case 'year':
      return integers(values).map(String);
    default:
      return values;
  }
};

/** Adds a row's values of one facet to its counts. */
const countRow = (counts: Int32Array, offsets: Int32Array, values: Uint16Array, row: number) => {
  for (let k = offsets[row] as number, end = offsets[row + 1] as number; k < end; k++) (counts[values[k] as number] as number)++;
};

export type Tally = {
  /** How many rows pass visibility, the words and every filter. */
  total: number;
  /**
   * By relevance, the order's consecutive groups, best first (each newest first): matches in the
   * reader's language (title, then elsewhere), then the other matches (title, then elsewhere);
   * empty otherwise.
   */
  tiers: { size: number; title: boolean }[];
  /** The ids at positions [start, end) of the order (relevance, then newest first). */
  idsAt: (start: number, end: number) => number[];
  facets: Facets;
};

export const tally = (index: FacetIndex, args: TallyArgs): Tally => {
  // The same for every visitor who is not signed in until the entries change (a new index):
  // computed once per index instead of walking all rows on every visit.
  const { actor, matched, filters = {}, facets = FACETS } = args;
  if (isSignedIn(actor) || matched || FACETS.some((f) => (filters[f]?.length ?? 0) > 0)) return tallyRows(index, args);
  const key = facets.join(',');
  let found = index.publicTallies.get(key);
  if (!found) {
    found = tallyRows(index, args);
    index.publicTallies.set(key, found);
  }
  return found;
};

type TallyArgs = {
  actor: MaybeActor;
  /**
   * The ids matching the words, in a title or elsewhere only (whoever may see them), and those of
   * them the query read in the reader's language matches (undefined: all of them); undefined:
   * every entry.
   */
  matched?: { title: ArrayLike<number>; other: ArrayLike<number>; reader?: ArrayLike<number> };
  /** Reader's-language matches first, title matches first within (each part newest first); otherwise newest first. */
  byRelevance?: boolean;
  filters?: EntryFilters;
  facets?: readonly FacetName[];
};

/** The marks of matched rows (0: not matched): the relevance groups, best last. */
const MARK_OTHER = 1;
const MARK_TITLE = 2;
const MARK_READER = 2;
/** The groups in the order of relevance: reader's language in a title, elsewhere, then the others in a title, elsewhere. */
const TIERS = [
  { mark: MARK_TITLE + MARK_READER, title: true },
  { mark: MARK_OTHER + MARK_READER, title: false },
  { mark: MARK_TITLE, title: true },
  { mark: MARK_OTHER, title: false },
] as const;

const tallyRows = (index: FacetIndex, { actor, matched, byRelevance = false, filters = {}, facets = FACETS }: TallyArgs): Tally => {
  const { everything, own } = rowVisibility(actor);
  // Parallel arrays and index loops: this runs for up to 100,000 rows per search.
  const filterFacets: FacetName[] = [];
  const filterOffsets: Int32Array[] = [];
  const filterValues: Uint16Array[] = [];
  const filterWanted: Uint8Array[] = [];
  for (const facet of FACETS) {
    const values = filters[facet];
    if (!values || values.length === 0) continue;
    const column = index.facets[facet];
    const wanted = new Uint8Array(column.dictionary.length);
    const chosen = new Set(normalizeFilter(facet, values));
    column.dictionary.forEach((v, code) => {
      if (chosen.has(v)) wanted[code] = 1;
    });
    filterFacets.push(facet);
    filterOffsets.push(column.offsets);
    filterValues.push(column.values);
    filterWanted.push(wanted);
  }
  const countedOffsets = facets.map((f) => index.facets[f].offsets);
  const countedValues = facets.map((f) => index.facets[f].values);
  const counts = facets.map((f) => new Int32Array(index.facets[f].dictionary.length));
  /** Which counted facet each filter is (-1: not counted). */
  const countedOf = filterFacets.map((f) => facets.indexOf(f));

  // Mark the matched rows (MARK_TITLE or MARK_OTHER, plus MARK_READER for a match in the reader's
  // language) in the index's scratch array, then walk every row in order: no sort, and the order is
  // newest first already. tally never awaits, so the scratch array is never shared by two
  // searches; it is cleared before returning.
  const mark = index.scratch;
  if (matched) {
    const { rowOf } = index;
    for (let k = 0; k < matched.other.length; k++) {
      const row = rowOf(matched.other[k] as number);
      if (row >= 0) mark[row] = MARK_OTHER;
    }
    for (let k = 0; k < matched.title.length; k++) {
      const row = rowOf(matched.title[k] as number);
      if (row >= 0) mark[row] = MARK_TITLE;
    }
    const reader = matched.reader ?? [];
    for (let k = 0; k < reader.length; k++) {
      const row = rowOf(reader[k] as number);
      if (row >= 0 && (mark[row] as number) > 0 && (mark[row] as number) <= MARK_TITLE) (mark[row] as number) += MARK_READER;
    }
  }
  const { state, submitter, size } = index;
  const matchCount = matched ? matched.title.length + matched.other.length : size;
  // By relevance, the passing rows of each group (by mark); typed arrays keep the garbage of a search small.
  const grouped = byRelevance && matched ? TIERS.map(() => ({ rows: new Int32Array(0), n: 0 })) : undefined;
  // Without reader's-language matches (undefined), every match counts as one.
  const groupOf = new Int8Array(MARK_TITLE + MARK_READER + 1).fill(-1);
  TIERS.forEach((tier, g) => {
    groupOf[tier.mark] = g;
  });
  if (matched && !matched.reader) {
    groupOf[MARK_TITLE] = 0;
    groupOf[MARK_OTHER] = 1;
  }
  let passing: Int32Array<ArrayBufferLike> = new Int32Array(grouped ? 0 : matchCount);
  if (grouped) for (const g of grouped) g.rows = new Int32Array(matchCount);
  let total = 0;
  // The marks four at a time: most rows of a search are not matched.
  const markWords = new Uint32Array(mark.buffer, mark.byteOffset, mark.length >> 2);
  for (let row = 0; row < size; row++) {
    if (matched && (row & 3) === 0 && markWords[row >> 2] === 0) {
      row += 3;
      continue;
    }
    const marked = mark[row] as number;
    if (matched && marked === 0) continue;
    if (!everything && state[row] !== PUBLISHED && submitter[row] !== own) continue;
    let failures = 0;
    let failed = -1;
    for (let f = 0; f < filterWanted.length && failures < 2; f++) {
      const offsets = filterOffsets[f] as Int32Array;
      const values = filterValues[f] as Uint16Array;
      const wanted = filterWanted[f] as Uint8Array;
      let hit = false;
      for (let k = offsets[row] as number, end = offsets[row + 1] as number; k < end; k++) {
        if (wanted[values[k] as number] === 1) {
          hit = true;
          break;
        }
      }
      if (!hit) {
        failures++;
        failed = f;
      }
    }
    if (failures >= 2) continue;
    if (failures === 1) {
      // Fails one filter only: counted in that facet alone (what choosing another value would add).
      const only = countedOf[failed] as number;
      if (only >= 0) countRow(counts[only] as Int32Array, countedOffsets[only] as Int32Array, countedValues[only] as Uint16Array, row);
      continue;
    }
    if (grouped) {
      const g = grouped[groupOf[marked] as number] as { rows: Int32Array; n: number };
      g.rows[g.n++] = row;
      total++;
    } else passing[total++] = row;
  }
  if (matched) mark.fill(0);
  const tiers: Tally['tiers'] = [];
  if (grouped) {
    passing = new Int32Array(total);
    let at = 0;
    grouped.forEach((g, i) => {
      passing.set(g.rows.subarray(0, g.n), at);
      at += g.n;
      tiers.push({ size: g.n, title: (TIERS[i] as (typeof TIERS)[number]).title });
    });
  } else passing = passing.subarray(0, total);
  const combined = index.combined;
  if (combined) {
    // Every facet in one pass over each row's values (a fifth faster than one facet at a time), then
    // the part of each facet counted added to its counts.
    const all = new Int32Array(combined.base[FACETS.length] as number);
    const { offsets, values } = combined;
    for (let r = 0; r < passing.length; r++) {
      const row = passing[r] as number;
      for (let k = offsets[row] as number, end = offsets[row + 1] as number; k < end; k++) (all[values[k] as number] as number)++;
    }
    facets.forEach((facet, c) => {
      const tallyOf = counts[c] as Int32Array;
      const from = combined.base[FACETS.indexOf(facet)] as number;
      for (let code = 0; code < tallyOf.length; code++) (tallyOf[code] as number) += all[from + code] as number;
    });
  } else {
    // One facet at a time over the rows (one tight loop each): counting all eight per row in the walk
    // above cost 3 ms for 23,000 matches.
    facets.forEach((_, c) => {
      const tallyOf = counts[c] as Int32Array;
      const offsets = countedOffsets[c] as Int32Array;
      const values = countedValues[c] as Uint16Array;
      for (let r = 0; r < passing.length; r++) countRow(tallyOf, offsets, values, passing[r] as number);
    });
  }
  const idsAt = (start: number, end: number) => Array.from(passing.subarray(start, end), (row) => index.ids[row] as number);
  const result = Object.fromEntries(FACETS.map((f) => [f, [] as FacetCount[]])) as unknown as Facets;
  facets.forEach((facet, c) => {
    // Most counted first, then by value: sorted as numbers (count, then the value's rank) in a typed
    // array, without a comparator (sorting the objects cost a tenth of a search).
    const { dictionary, byValue, rankOf } = index.facets[facet];
    const tallyOf = counts[c] as Int32Array;
    let n = 0;
    for (let code = 0; code < tallyOf.length; code++) if ((tallyOf[code] as number) > 0) n++;
    const keys = new Float64Array(n);
    n = 0;
    for (let code = 0; code < tallyOf.length; code++) {
      const count = tallyOf[code] as number;
      if (count > 0) keys[n++] = count * 65536 + (65535 - (rankOf[code] as number));
    }
    keys.sort();
    const list: FacetCount[] = new Array(n);
    for (let k = 0; k < n; k++) {
      const key = keys[n - 1 - k] as number;
      const code = byValue[65535 - (key % 65536)] as number;
      list[k] = { value: dictionary[code] as string, count: Math.floor(key / 65536) };
    }
    result[facet] = list;
  });
  return { total, tiers, idsAt, facets: result };
};
