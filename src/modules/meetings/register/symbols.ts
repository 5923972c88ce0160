/**
 * Document symbols: `CWG-WSIS&SDG-41/3`, `CWG-WSIS&SDG-41/INF/2`, and amendments
 * `CWG-WSIS&SDG-41/3(Rev.1)`, `(Add.1)`, `(Corr.1)`. A symbol is allocated by the database in the
 * registering transaction (`allocateNumber`) and never changes afterwards.
 */
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../core/db/client.js';
import type { AmendmentKind, DocumentKind } from '../tables.js';

/** The series of symbols each kind takes within a meeting: '' is the main series (41/3). */
export const SERIES_OF_KIND: Record<DocumentKind, string> = {
  contribution: '',
  secretariat: '',
  summary: '',
  other: '',
  information: 'INF',
  'circular-letter': 'CL',
};

const AMENDMENT_LABEL: Record<AmendmentKind, string> = { rev: 'Rev', add: 'Add', corr: 'Corr' };

/** The symbol of a document in a series: ('CWG-WSIS&SDG', 41, 'INF', 2) → 'CWG-WSIS&SDG-41/INF/2'. */
export const formatSymbol = (groupCode: string, meetingNumber: number, series: string, number: number) => `${groupCode}-${meetingNumber}/${series ? `${series}/` : ''}${number}`;

/** The symbol of an amendment of `baseSymbol`: '…/3' + rev 1 → '…/3(Rev.1)'. */
export const formatAmendment = (baseSymbol: string, kind: AmendmentKind, number: number) => `${baseSymbol}(${AMENDMENT_LABEL[kind]}.${number})`;

/** The counter's series for the amendments of one kind of one document ('rev:12'). */
export const amendmentSeries = (kind: AmendmentKind, baseDocumentId: number) => `${kind}:${baseDocumentId}`;

/**
 * The next number of a series of a meeting, in the caller's transaction. Two transactions
 * allocating in the same series at once: the second waits for the first's row lock and gets the
 * next number; a transaction that rolls back gives its number back, so numbers neither repeat nor
 * leave gaps (on PGlite, whose one connection serialises transactions, and on PostgreSQL).
 */
export const allocateNumber = async (tx: DbOrTx, meetingId: number, series: string): Promise<number> => {
  const result = await tx.execute<{ last: number }>(sql`
    insert into meetings_symbol_counters (meeting_id, series, last) values (${meetingId}, ${series}, 1)
    on conflict (meeting_id, series) do update set last = meetings_symbol_counters.last + 1
    returning last`);
  const last = result.rows[0]?.last;
  if (last === undefined) throw new Error('no number allocated');
  return Number(last);
};

/**
 * Reads a symbol from a URL segment (decoded once by the router): trims it and refuses anything
 * that is not shaped like a symbol, so a forged or oddly encoded symbol is a 404, never a query on garbage.
 */
const SYMBOL = /^[A-Za-z][A-Za-z0-9&.-]{0,40}-\d{1,4}\/(?:[A-Z]{2,4}\/)?\d{1,5}(?:\((?:Rev|Add|Corr)\.\d{1,3}\))*$/;
export const parseSymbol = (value: string): string | null => {
  const symbol = value.normalize('NFC').trim();
  return SYMBOL.test(symbol) ? symbol : null;
};

/** The order of symbols in a list: by series, then number (41/2 before 41/10), amendments after their base. */
export const symbolOrderSql = sql`series nulls last, series_number nulls last, amendment_kind nulls first, amendment_number nulls first`;
