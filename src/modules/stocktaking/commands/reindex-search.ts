/**
 * Computes the search vectors of every entry again when what the analyzer computes has changed
 * (SEARCH_ANALYZER_VERSION in search.ts): run with the reference data at every start (idempotent,
 * nothing to do when the stored version is current). Batches of ids, one UPDATE each; the
 * triggers of migration 0007 copy the vectors to stocktaking_search and log the changes, so the
 * search indexes of running processes catch up.
 */
import { eq, sql } from 'drizzle-orm';
import { settings } from '../../../core/auth/tables.js';
import type { DbOrTx } from '../../../core/db/client.js';
import { SEARCH_ANALYZER_VERSION, searchDocument, titleDocument } from '../search.js';
import { entries } from '../tables.js';

const SETTING = 'stocktaking.search_analyzer';
const BATCH = 200;

/** Whether the stored vectors were computed by the current analyzer. */
const isCurrent = async (db: DbOrTx) => {
  const [row] = await db.select({ value: settings.value }).from(settings).where(eq(settings.key, SETTING));
  return row?.value === SEARCH_ANALYZER_VERSION;
};

/** Brings every entry's search vectors to the current analyzer; returns how many entries were computed again. */
export const reindexSearch = async (db: DbOrTx): Promise<number> => {
  if (await isCurrent(db)) return 0;
  let done = 0;
  let after = 0;
  for (;;) {
    const rows = await db
      .select({ id: entries.id, title: entries.title, summary: entries.summary, leadCountry: entries.leadCountry, countries: entries.countries, region: entries.region })
      .from(entries)
      .where(sql`${entries.id} > ${after}`)
      .orderBy(entries.id)
      .limit(BATCH);
    if (rows.length === 0) break;
    await db.transaction(async (tx) => {
      const values = rows.map((r) => sql`(${r.id}::bigint, ${searchDocument(r)}, ${titleDocument(r)})`);
      await tx.execute(sql`update ${entries} set search_vector = v.s, title_vector = v.t from (values ${sql.join(values, sql`, `)}) as v(id, s, t) where ${entries.id} = v.id`);
    });
    done += rows.length;
    after = rows[rows.length - 1]?.id ?? after;
  }
  await db
    .insert(settings)
    .values({ key: SETTING, value: SEARCH_ANALYZER_VERSION })
    .onConflictDoUpdate({ target: settings.key, set: { value: SEARCH_ANALYZER_VERSION, updatedAt: new Date() } });
  return done;
};
