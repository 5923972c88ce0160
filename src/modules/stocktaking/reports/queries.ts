/**
 * The counts behind the Stocktaking's report section (`stocktaking.figures`): published entries as
 * of a cut-off, and those published in a period, by action line, SDG, region, stakeholder type and
 * target group. One aggregate statement per figure (arrays unnested in the statement), so the cost
 * does not grow with the number of bars: measured at 100,000 entries in the module's README.
 */
import { and, type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../core/db/client.js';
import { entries } from '../tables.js';
import type { Figure } from './options.js';

/** Entries concerning at least one of these action lines (codes as stored, sub-lines spelt out) and at least one of these SDGs; an empty list filters nothing. */
export type FigureFilters = { actionLines: string[]; sdgs: number[] };

/** Entries published before the cut-off `asOf` (exclusive); with `from`, only those published from then on. */
export type FigureWindow = { from?: Date; asOf: Date; filters: FigureFilters };

const instant = (d: Date) => sql`${d.toISOString()}::timestamptz`;

/**
 * The entries counted: published, and published before the cut-off. The array filters use the GIN
 * indexes of stocktaking_entries (`&&`), the dates its (state, published_at) index.
 */
const counted = ({ from, asOf, filters }: FigureWindow): SQL =>
  and(
    sql`${entries.state} = 'published'`,
    sql`${entries.publishedAt} < ${instant(asOf)}`,
    from ? sql`${entries.publishedAt} >= ${instant(from)}` : undefined,
    filters.actionLines.length > 0 ? sql`${entries.actionLines} && ${sql.param(filters.actionLines)}::text[]` : undefined,
    filters.sdgs.length > 0 ? sql`${entries.sdgs} && ${sql.param(filters.sdgs)}::integer[]` : undefined,
  ) as SQL;

/** Entries published in [from, until) and entries published before asOf (until ≤ asOf), in one statement. */
export const countPublishedEntries = async (db: DbOrTx, { from, until, asOf, filters }: Required<FigureWindow> & { until: Date }) => {
  const { rows } = await db.execute<{ period: string | number; total: string | number }>(
    sql`select count(*) filter (where ${entries.publishedAt} >= ${instant(from)} and ${entries.publishedAt} < ${instant(until)}) as period, count(*) as total from ${entries} where ${counted({ asOf, filters })}`,
  );
  return { period: Number(rows[0]?.period ?? 0), total: Number(rows[0]?.total ?? 0) };
};

/**
 * What each figure groups by, as one value per entry and key (an entry is counted once per key).
 * An action line's sub-line (C7.e-health) also counts for its line (C7): each entry once there.
 */
const KEYS: Record<Figure, SQL> = {
  'action-line': sql`(select distinct k from unnest(${entries.actionLines}) a, lateral (values (a), (split_part(a, '.', 1))) v(k)) keys`,
  sdg: sql`(select distinct k::text as k from unnest(${entries.sdgs}) k) keys`,
  region: sql`(select coalesce(${entries.region}, '') as k) keys`,
  stakeholder: sql`(select ${entries.stakeholderType} as k) keys`,
  'target-group': sql`(select distinct k from unnest(${entries.targetGroups}) k) keys`,
};

/** The entries of a window counted by one figure's keys (action line codes, SDG numbers as text, region codes with '' for none, …). */
export const countEntriesBy = async (db: DbOrTx, figure: Figure, window: FigureWindow): Promise<Map<string, number>> => {
  const { rows } = await db.execute<{ k: string; n: string | number }>(
    sql`select keys.k as k, count(*) as n from ${entries} cross join lateral ${KEYS[figure]} where ${counted(window)} group by keys.k`,
  );
  return new Map(rows.map((r) => [String(r.k), Number(r.n)]));
};
