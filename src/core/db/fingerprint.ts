import { getTableName, sql, type Table } from 'drizzle-orm';
import type { DbOrTx } from './client.js';

/**
 * A fingerprint of the rows of some tables that changes whenever a row is inserted, updated or
 * deleted, however the change was made (a command, a restore, SQL typed by hand): the row count
 * and the sum of the rows' `xmin` (the transaction that wrote each row version; an update writes a
 * new version with a new xmin). Read in one scan of each table, so it is for small tables (meetings,
 * editions, consultations), to know whether something built from them and kept in memory is current.
 */
export const tableFingerprint = async (db: DbOrTx, tables: readonly Table[]): Promise<string> => {
  const parts = tables.map((table) => sql`select count(*)::text || '.' || coalesce(sum(xmin::text::bigint), 0)::text as f from ${sql.identifier(getTableName(table))}`);
  const { rows } = await db.execute<{ f: string }>(sql.join(parts, sql` union all `));
  return rows.map((r) => r.f).join('/');
};
